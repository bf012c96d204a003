package dev.churnops.local.asl;

import static dev.churnops.local.asl.AslTestSupport.json;
import static dev.churnops.local.asl.AslTestSupport.outputOf;
import static dev.churnops.local.asl.AslTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PassStateTest {

    @Test
    void passCopiesItsInputToItsOutput() {
        Execution execution = run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""", """
                {"customer": "c-1", "tenure": 12}""");

        assertEquals(json("{\"customer\": \"c-1\", \"tenure\": 12}"), outputOf(execution));
    }

    @Test
    void resultReplacesTheInputWhenResultPathIsTheDefault() {
        Execution execution = run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"threshold": 0.5}, "End": true}}}""", """
                {"customer": "c-1"}""");

        assertEquals(json("{\"threshold\": 0.5}"), outputOf(execution));
    }

    @Test
    void resultPathMergesTheResultIntoTheInputCreatingMissingObjects() {
        Execution execution = run("""
                {"StartAt": "P", "States": {"P": {
                    "Type": "Pass", "Result": {"threshold": 0.5}, "ResultPath": "$.config.model", "End": true}}}""", """
                {"customer": "c-1", "config": {"seed": 7}}""");

        assertEquals(json("""
                {"customer": "c-1", "config": {"seed": 7, "model": {"threshold": 0.5}}}"""), outputOf(execution));
    }

    @Test
    void resultPathNullDiscardsTheResultAndKeepsTheInput() {
        Execution execution = run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "ignored", "ResultPath": null, "End": true}}}""", """
                {"customer": "c-1"}""");

        assertEquals(json("{\"customer\": \"c-1\"}"), outputOf(execution));
    }

    @Test
    void resultPathThroughANonObjectFailsWithResultPathMatchFailure() {
        Execution execution = run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 1, "ResultPath": "$.tenure.months", "End": true}}}""", """
                {"tenure": 12}""");

        assertEquals(Execution.Status.FAILED, execution.status());
        assertEquals("States.ResultPathMatchFailure", execution.error());
    }

    @Test
    void parametersBuildTheResultFromPathsAndConstants() {
        Execution execution = run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass",
                    "Parameters": {"id.$": "$.customer.id", "source": "crm", "tags.$": "$.tags[1]"},
                    "End": true}}}""", """
                {"customer": {"id": "c-9"}, "tags": ["a", "b"]}""");

        assertEquals(json("{\"id\": \"c-9\", \"source\": \"crm\", \"tags\": \"b\"}"), outputOf(execution));
    }

    @Test
    void statesRunInSequenceFollowingNext() {
        Execution execution = run("""
                {"StartAt": "First", "States": {
                    "First": {"Type": "Pass", "Result": 1, "ResultPath": "$.first", "Next": "Second"},
                    "Second": {"Type": "Pass", "Result": 2, "ResultPath": "$.second", "End": true}}}""", "{}");

        assertEquals(json("{\"first\": 1, \"second\": 2}"), outputOf(execution));
    }
}
