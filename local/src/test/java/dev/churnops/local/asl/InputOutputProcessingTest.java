package dev.churnops.local.asl;

import static dev.churnops.local.asl.AslTestSupport.json;
import static dev.churnops.local.asl.AslTestSupport.outputOf;
import static dev.churnops.local.asl.AslTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InputOutputProcessingTest {

    private static final String CHAIN = """
            {"StartAt": "Score", "States": {"Score": {
                "Type": "Task", "Resource": "arn:aws:lambda:eu-west-1:123456789012:function:score",
                "InputPath": "$.request",
                "Parameters": {"customerId.$": "$.customer", "model": "gbm"},
                "ResultSelector": {"probability.$": "$.Payload.p"},
                "ResultPath": "$.score",
                "OutputPath": "$.score",
                "End": true}}}""";

    @Test
    void taskAppliesInputPathParametersResultSelectorResultPathAndOutputPathInOrder() {
        RecordingInvoker invoker = RecordingInvoker.returning(json("""
                {"Payload": {"p": 0.83, "debug": "dropped by ResultSelector"}, "StatusCode": 200}"""));

        Execution execution = run(CHAIN, """
                {"request": {"customer": "c-42", "extra": true}, "runId": "r-1"}""", invoker);

        assertEquals(json("{\"customerId\": \"c-42\", \"model\": \"gbm\"}"), invoker.calls().get(0).input());
        assertEquals("arn:aws:lambda:eu-west-1:123456789012:function:score", invoker.calls().get(0).resource());
        assertEquals(json("{\"probability\": 0.83}"), outputOf(execution));
    }

    @Test
    void resultPathMergesIntoTheRawInputNotTheInputPathSelection() {
        RecordingInvoker invoker = RecordingInvoker.returning(json("{\"ok\": true}"));

        Execution execution = run("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r",
                    "InputPath": "$.request", "ResultPath": "$.result", "End": true}}}""", """
                {"request": {"a": 1}, "runId": "r-1"}""", invoker);

        assertEquals(json("{\"request\": {\"a\": 1}, \"runId\": \"r-1\", \"result\": {\"ok\": true}}"),
                outputOf(execution));
    }

    @Test
    void inputPathNullHandsTheTaskAnEmptyObject() {
        RecordingInvoker invoker = RecordingInvoker.returning(json("1"));

        run("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "InputPath": null, "End": true}}}""",
                "{\"secret\": \"not for the task\"}", invoker);

        assertEquals(json("{}"), invoker.calls().get(0).input());
    }

    @Test
    void outputPathNullGivesAnEmptyObject() {
        Execution execution = run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "OutputPath": null, "End": true}}}""", "{\"a\": 1}");

        assertEquals(json("{}"), outputOf(execution));
    }

    @Test
    void missingInputPathFailsWithStatesRuntime() {
        Execution execution = run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.absent", "End": true}}}""", "{}");

        assertEquals("States.Runtime", execution.error());
        assertTrue(execution.cause().contains("$.absent"), execution.cause());
    }

    @Test
    void parametersPathMissingAtRuntimeFailsWithStatesRuntimeNamingTheField() {
        Execution execution = run("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r",
                    "Parameters": {"customerId.$": "$.customer"}, "End": true}}}""", "{}");

        assertEquals("States.Runtime", execution.error());
        assertTrue(execution.cause().contains("customerId.$"), execution.cause());
    }

    @Test
    void statesRuntimeIsNotCaughtEvenByStatesAll() {
        Execution execution = run("""
                {"StartAt": "T", "States": {
                    "T": {"Type": "Task", "Resource": "r", "Parameters": {"x.$": "$.missing"},
                                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}], "End": true},
                    "Handled": {"Type": "Succeed"}}}""", "{}");

        assertEquals(Execution.Status.FAILED, execution.status());
        assertEquals("States.Runtime", execution.error());
    }

    @Test
    void nestedObjectsAndArraysInParametersAreTemplatesToo() {
        Execution execution = run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {
                    "job": {"name.$": "$.name", "inputs": [{"uri.$": "$.uri"}, "literal"]}}, "End": true}}}""", """
                {"name": "train", "uri": "s3://bucket/data.csv"}""");

        assertEquals(json("""
                {"job": {"name": "train", "inputs": [{"uri": "s3://bucket/data.csv"}, "literal"]}}"""),
                outputOf(execution));
    }

    @Test
    void bracketNotationAndArrayIndexesSelectValues() {
        Execution execution = run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {
                    "odd.$": "$['odd key']", "second.$": "$.items[1].id"}, "End": true}}}""", """
                {"odd key": 1, "items": [{"id": "a"}, {"id": "b"}]}""");

        assertEquals(json("{\"odd\": 1, \"second\": \"b\"}"), outputOf(execution));
    }

    @Test
    void executionInputIsNotModifiedByAnInvokerThatMutatesItsInput() {
        RecordingInvoker invoker = RecordingInvoker.of((resource, input, context) -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) input).put("a", "mutated");
            return input;
        });

        Execution execution = run("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "ResultPath": "$.out", "End": true}}}""",
                "{\"a\": \"original\"}", invoker);

        assertEquals("original", outputOf(execution).get("a").asText());
        assertEquals("original", execution.history().get(0).input().get("a").asText());
    }
}
