package dev.churnops.local.asl;

import static dev.churnops.local.asl.AslTestSupport.json;
import static dev.churnops.local.asl.AslTestSupport.outputOf;
import static dev.churnops.local.asl.AslTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChoiceStateTest {

    private static final String INPUT = """
            {"name": "churn-model", "other": "churn-model", "lower": "apple", "star": "a*b",
              "score": 0.75, "limit": 0.5, "same": 0.75, "count": 3,
              "flag": true, "otherFlag": false,
              "at": "2026-03-01T10:00:00Z", "later": "2026-03-01T11:00:00+01:00", "notTime": "yesterday",
              "nothing": null}""";

    /** Runs a Choice with one rule: "matched" when the rule is true, "default" otherwise. */
    private static String choose(String rule) {
        ObjectNode topLevelRule = (ObjectNode) json(rule);
        topLevelRule.put("Next", "Yes");
        String definition = """
                {"StartAt": "C", "States": {
                    "C": {"Type": "Choice", "Choices": [%s], "Default": "No"},
                    "Yes": {"Type": "Pass", "Result": "matched", "End": true},
                    "No": {"Type": "Pass", "Result": "default", "End": true}}}""".formatted(topLevelRule);
        return outputOf(run(definition, INPUT)).asText();
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("{\"Variable\": \"$.name\", \"StringEquals\": \"churn-model\"}", true),
                Arguments.of("{\"Variable\": \"$.name\", \"StringEquals\": \"other\"}", false),
                Arguments.of("{\"Variable\": \"$.lower\", \"StringLessThan\": \"banana\"}", true),
                Arguments.of("{\"Variable\": \"$.lower\", \"StringGreaterThan\": \"banana\"}", false),
                Arguments.of("{\"Variable\": \"$.lower\", \"StringLessThanEquals\": \"apple\"}", true),
                Arguments.of("{\"Variable\": \"$.lower\", \"StringGreaterThanEquals\": \"apricot\"}", false),
                Arguments.of("{\"Variable\": \"$.name\", \"StringMatches\": \"churn-*\"}", true),
                Arguments.of("{\"Variable\": \"$.name\", \"StringMatches\": \"*-model\"}", true),
                Arguments.of("{\"Variable\": \"$.name\", \"StringMatches\": \"churn\"}", false),
                Arguments.of("{\"Variable\": \"$.star\", \"StringMatches\": \"a\\\\*b\"}", true),
                Arguments.of("{\"Variable\": \"$.lower\", \"StringMatches\": \"a\\\\*e\"}", false),
                Arguments.of("{\"Variable\": \"$.name\", \"StringEqualsPath\": \"$.other\"}", true),
                Arguments.of("{\"Variable\": \"$.lower\", \"StringGreaterThanPath\": \"$.name\"}", false),
                Arguments.of("{\"Variable\": \"$.lower\", \"StringLessThanPath\": \"$.name\"}", true),
                Arguments.of("{\"Variable\": \"$.lower\", \"StringLessThanEqualsPath\": \"$.lower\"}", true),
                Arguments.of("{\"Variable\": \"$.lower\", \"StringGreaterThanEqualsPath\": \"$.name\"}", false),
                Arguments.of("{\"Variable\": \"$.score\", \"StringEquals\": \"0.75\"}", false),
                Arguments.of("{\"Variable\": \"$.score\", \"NumericEquals\": 0.75}", true),
                Arguments.of("{\"Variable\": \"$.count\", \"NumericEquals\": 3.0}", true),
                Arguments.of("{\"Variable\": \"$.score\", \"NumericLessThan\": 0.75}", false),
                Arguments.of("{\"Variable\": \"$.score\", \"NumericGreaterThan\": 0.5}", true),
                Arguments.of("{\"Variable\": \"$.score\", \"NumericLessThanEquals\": 0.75}", true),
                Arguments.of("{\"Variable\": \"$.score\", \"NumericGreaterThanEquals\": 0.8}", false),
                Arguments.of("{\"Variable\": \"$.score\", \"NumericGreaterThanPath\": \"$.limit\"}", true),
                Arguments.of("{\"Variable\": \"$.score\", \"NumericEqualsPath\": \"$.same\"}", true),
                Arguments.of("{\"Variable\": \"$.score\", \"NumericLessThanPath\": \"$.limit\"}", false),
                Arguments.of("{\"Variable\": \"$.limit\", \"NumericLessThanEqualsPath\": \"$.score\"}", true),
                Arguments.of("{\"Variable\": \"$.limit\", \"NumericGreaterThanEqualsPath\": \"$.score\"}", false),
                Arguments.of("{\"Variable\": \"$.name\", \"NumericEquals\": 3}", false),
                Arguments.of("{\"Variable\": \"$.flag\", \"BooleanEquals\": true}", true),
                Arguments.of("{\"Variable\": \"$.flag\", \"BooleanEquals\": false}", false),
                Arguments.of("{\"Variable\": \"$.flag\", \"BooleanEqualsPath\": \"$.otherFlag\"}", false),
                Arguments.of("{\"Variable\": \"$.at\", \"TimestampEquals\": \"2026-03-01T10:00:00Z\"}", true),
                Arguments.of("{\"Variable\": \"$.later\", \"TimestampEqualsPath\": \"$.at\"}", true),
                Arguments.of("{\"Variable\": \"$.at\", \"TimestampLessThan\": \"2026-03-01T10:00:01Z\"}", true),
                Arguments.of("{\"Variable\": \"$.at\", \"TimestampGreaterThan\": \"2026-03-01T10:00:01Z\"}", false),
                Arguments.of("{\"Variable\": \"$.at\", \"TimestampLessThanEquals\": \"2026-03-01T09:00:00Z\"}", false),
                Arguments.of("{\"Variable\": \"$.at\", \"TimestampGreaterThanEquals\": \"2026-03-01T10:00:00Z\"}", true),
                Arguments.of("{\"Variable\": \"$.at\", \"TimestampLessThanPath\": \"$.later\"}", false),
                Arguments.of("{\"Variable\": \"$.at\", \"TimestampGreaterThanPath\": \"$.later\"}", false),
                Arguments.of("{\"Variable\": \"$.at\", \"TimestampLessThanEqualsPath\": \"$.later\"}", true),
                Arguments.of("{\"Variable\": \"$.at\", \"TimestampGreaterThanEqualsPath\": \"$.later\"}", true),
                Arguments.of("{\"Variable\": \"$.notTime\", \"TimestampEquals\": \"2026-03-01T10:00:00Z\"}", false),
                Arguments.of("{\"Variable\": \"$.absent\", \"IsPresent\": false}", true),
                Arguments.of("{\"Variable\": \"$.nothing\", \"IsPresent\": true}", true),
                Arguments.of("{\"Variable\": \"$.nothing\", \"IsNull\": true}", true),
                Arguments.of("{\"Variable\": \"$.name\", \"IsNull\": true}", false),
                Arguments.of("{\"Variable\": \"$.score\", \"IsNumeric\": true}", true),
                Arguments.of("{\"Variable\": \"$.name\", \"IsNumeric\": false}", true),
                Arguments.of("{\"Variable\": \"$.name\", \"IsString\": true}", true),
                Arguments.of("{\"Variable\": \"$.flag\", \"IsBoolean\": true}", true),
                Arguments.of("{\"Variable\": \"$.name\", \"IsBoolean\": true}", false),
                Arguments.of("{\"Variable\": \"$.at\", \"IsTimestamp\": true}", true),
                Arguments.of("{\"Variable\": \"$.notTime\", \"IsTimestamp\": true}", false),
                Arguments.of("{\"And\": [{\"Variable\": \"$.flag\", \"BooleanEquals\": true},"
                        + " {\"Variable\": \"$.count\", \"NumericGreaterThan\": 2}]}", true),
                Arguments.of("{\"And\": [{\"Variable\": \"$.flag\", \"BooleanEquals\": true},"
                        + " {\"Variable\": \"$.count\", \"NumericGreaterThan\": 5}]}", false),
                Arguments.of("{\"Or\": [{\"Variable\": \"$.flag\", \"BooleanEquals\": false},"
                        + " {\"Variable\": \"$.count\", \"NumericEquals\": 3}]}", true),
                Arguments.of("{\"Or\": [{\"Variable\": \"$.flag\", \"BooleanEquals\": false},"
                        + " {\"Variable\": \"$.count\", \"NumericEquals\": 4}]}", false),
                Arguments.of("{\"Not\": {\"Variable\": \"$.name\", \"StringEquals\": \"other\"}}", true),
                Arguments.of("{\"Not\": {\"Variable\": \"$.flag\", \"BooleanEquals\": true}}", false),
                Arguments.of("{\"And\": [{\"Variable\": \"$.absent\", \"IsPresent\": true},"
                        + " {\"Variable\": \"$.absent\", \"StringEquals\": \"x\"}]}", false),
                Arguments.of("{\"Variable\": \"$$.Execution.Input.count\", \"NumericEquals\": 3}", true));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("rules")
    void choiceRuleDecidesTheBranch(String rule, boolean matches) {
        assertEquals(matches ? "matched" : "default", choose(rule));
    }

    @Test
    void firstMatchingRuleWinsOverLaterOnes() {
        Execution execution = run("""
                {"StartAt": "C", "States": {
                    "C": {"Type": "Choice", "Choices": [
                        {"Variable": "$.n", "NumericGreaterThan": 1, "Next": "First"},
                        {"Variable": "$.n", "NumericGreaterThan": 0, "Next": "Second"}]},
                    "First": {"Type": "Pass", "Result": "first", "End": true},
                    "Second": {"Type": "Pass", "Result": "second", "End": true}}}""", "{\"n\": 5}");

        assertEquals("first", outputOf(execution).asText());
    }

    @Test
    void choicePassesItsInputThroughInputPathAndOutputPath() {
        Execution execution = run("""
                {"StartAt": "C", "States": {
                    "C": {"Type": "Choice", "InputPath": "$.model", "OutputPath": "$.metrics",
                                "Choices": [{"Variable": "$.metrics.auc", "NumericGreaterThanEquals": 0.7, "Next": "Ok"}]},
                    "Ok": {"Type": "Succeed"}}}""", "{\"model\": {\"metrics\": {\"auc\": 0.81}}}");

        assertEquals(json("{\"auc\": 0.81}"), outputOf(execution));
    }

    @Test
    void missingVariableFailsWithStatesRuntime() {
        Execution execution = run("""
                {"StartAt": "C", "States": {
                    "C": {"Type": "Choice", "Choices": [{"Variable": "$.absent", "StringEquals": "x", "Next": "Done"}],
                                "Default": "Done"},
                    "Done": {"Type": "Succeed"}}}""", "{}");

        assertEquals("States.Runtime", execution.error());
        assertTrue(execution.cause().contains("$.absent"), execution.cause());
    }

    @Test
    void noMatchWithoutDefaultFailsWithNoChoiceMatched() {
        Execution execution = run("""
                {"StartAt": "C", "States": {
                    "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "Done"}]},
                    "Done": {"Type": "Succeed"}}}""", "{\"n\": 2}");

        assertEquals(Execution.Status.FAILED, execution.status());
        assertEquals("States.NoChoiceMatched", execution.error());
    }

    @Test
    void noChoiceMatchedInABranchCanBeCaughtByTheEnclosingParallel() {
        Execution execution = run("""
                {"StartAt": "Par", "States": {
                    "Par": {"Type": "Parallel", "Branches": [{"StartAt": "C", "States": {
                                        "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "In"}]},
                                        "In": {"Type": "Succeed"}}}],
                                    "Catch": [{"ErrorEquals": ["States.NoChoiceMatched"], "Next": "Handled"}], "End": true},
                    "Handled": {"Type": "Pass", "Result": "handled", "End": true}}}""", "{\"n\": 2}");

        assertEquals("handled", outputOf(execution).asText());
    }

    @Test
    void literalOfTheWrongTypeFailsTheDefinition() {
        AslDefinitionException e = assertThrows(AslDefinitionException.class, () -> run("""
                {"StartAt": "C", "States": {
                    "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": "5", "Next": "Done"}]},
                    "Done": {"Type": "Succeed"}}}""", "{}"));

        assertTrue(e.getMessage().startsWith("State 'C': field 'Choices[0].NumericEquals' must be a number"),
                e.getMessage());
    }

    @Test
    void twoOperatorsInOneRuleFailTheDefinition() {
        AslDefinitionException e = assertThrows(AslDefinitionException.class, () -> run("""
                {"StartAt": "C", "States": {
                    "C": {"Type": "Choice", "Choices": [
                        {"Variable": "$.n", "NumericEquals": 5, "NumericLessThan": 9, "Next": "Done"}]},
                    "Done": {"Type": "Succeed"}}}""", "{}"));

        assertTrue(e.getMessage().contains("Choices[0].NumericLessThan"), e.getMessage());
    }

    @Test
    void unknownOperatorFailsTheDefinitionNamingIt() {
        AslDefinitionException e = assertThrows(AslDefinitionException.class, () -> run("""
                {"StartAt": "C", "States": {
                    "C": {"Type": "Choice", "Choices": [{"Variable": "$.s", "StringMatchesPath": "$.p", "Next": "Done"}]},
                    "Done": {"Type": "Succeed"}}}""", "{}"));

        assertTrue(e.getMessage().contains("'Choices[0].StringMatchesPath'"), e.getMessage());
    }
}
