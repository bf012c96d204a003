package dev.churnops.local.asl;

import static dev.churnops.local.asl.AslTestSupport.json;
import static dev.churnops.local.asl.AslTestSupport.outputOf;
import static dev.churnops.local.asl.AslTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IntrinsicFunctionsTest {

    private static final String INPUT = """
            {"name": "churn", "n": -3, "items": ["a", "b", "c", "b"], "obj": {"a": 1},
              "text": "{\\"k\\": [1, 2]}", "csv": "x,y,,z"}""";

    /** Evaluates {@code expression} as a Parameters value against {@link #INPUT}. */
    private static Execution evaluate(String expression) {
        String definition = """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"v.$": %s}, "End": true}}}"""
                .formatted(TextNode.valueOf(expression).toString());
        return run(definition, INPUT);
    }

    static Stream<Arguments> expressions() {
        return Stream.of(
                Arguments.of("States.Format('model-{}-{}', $.name, $.n)", "\"model-churn--3\""),
                Arguments.of("States.Format('it\\'s {} \\{literal\\}', $.name)", "\"it's churn {literal}\""),
                Arguments.of("States.StringToJson($.text)", "{\"k\": [1, 2]}"),
                Arguments.of("States.JsonToString($.obj)", "\"{\\\"a\\\":1}\""),
                Arguments.of("States.Array('x', 2, $.name, true, null)", "[\"x\", 2, \"churn\", true, null]"),
                Arguments.of("States.Array()", "[]"),
                Arguments.of("States.ArrayLength($.items)", "4"),
                Arguments.of("States.ArrayGetItem($.items, 1)", "\"b\""),
                Arguments.of("States.ArrayGetItem(States.Array('p', 'q'), 1)", "\"q\""),
                Arguments.of("States.ArrayPartition($.items, 3)", "[[\"a\", \"b\", \"c\"], [\"b\"]]"),
                Arguments.of("States.ArrayContains($.items, 'c')", "true"),
                Arguments.of("States.ArrayRange(1, 9, 4)", "[1, 5, 9]"),
                Arguments.of("States.ArrayUnique($.items)", "[\"a\", \"b\", \"c\"]"),
                Arguments.of("States.JsonMerge($.obj, States.StringToJson('{\"a\": 2, \"b\": 3}'), false)",
                        "{\"a\": 2, \"b\": 3}"),
                Arguments.of("States.MathAdd($.n, 10)", "7"),
                Arguments.of("States.Base64Encode('churn')", "\"Y2h1cm4=\""),
                Arguments.of("States.Base64Decode('Y2h1cm4=')", "\"churn\""),
                Arguments.of("States.Hash('abc', 'SHA-256')",
                        "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\""),
                Arguments.of("States.StringSplit($.csv, ',')", "[\"x\", \"y\", \"z\"]"),
                Arguments.of("States.MathRandom(5, 6)", "5"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("expressions")
    void intrinsicFunctionComputesItsValue(String expression, String expected) {
        assertEquals(json(expected), outputOf(evaluate(expression)).get("v"));
    }

    @Test
    void uuidReturnsARandomVersion4Uuid() {
        JsonNode first = outputOf(evaluate("States.UUID()")).get("v");
        JsonNode second = outputOf(evaluate("States.UUID()")).get("v");

        assertTrue(first.asText().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
                first.asText());
        assertTrue(!first.equals(second), "two calls returned the same UUID " + first);
    }

    @Test
    void jsonMergeIsShallowSoNestedObjectsAreReplaced() {
        Execution execution = run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {
                    "v.$": "States.JsonMerge($.left, $.right, false)"}, "End": true}}}""", """
                {"left": {"cfg": {"depth": 3}, "keep": 1}, "right": {"cfg": {"trees": 50}}}""");

        assertEquals(json("{\"cfg\": {\"trees\": 50}, \"keep\": 1}"), outputOf(execution).get("v"));
    }

    @Test
    void formatOfAnObjectFailsWithIntrinsicFailure() {
        Execution execution = evaluate("States.Format('{}', $.obj)");

        assertEquals("States.IntrinsicFailure", execution.error());
        assertTrue(execution.cause().contains("States.Format"), execution.cause());
    }

    @Test
    void arrayGetItemOutOfRangeFailsWithIntrinsicFailure() {
        assertEquals("States.IntrinsicFailure", evaluate("States.ArrayGetItem($.items, 10)").error());
    }

    @Test
    void mathAddOfAFractionFailsWithIntrinsicFailure() {
        assertEquals("States.IntrinsicFailure", evaluate("States.MathAdd(1.5, 1)").error());
    }

    @Test
    void intrinsicFailureIsCaughtByTheTaskCatch() {
        Execution execution = run("""
                {"StartAt": "T", "States": {
                    "T": {"Type": "Task", "Resource": "r",
                                "Parameters": {"v.$": "States.StringToJson($.notJson)"},
                                "Catch": [{"ErrorEquals": ["States.IntrinsicFailure"], "ResultPath": "$.error", "Next": "Done"}],
                                "End": true},
                    "Done": {"Type": "Succeed"}}}""", "{\"notJson\": \"{oops\"}");

        assertEquals("States.IntrinsicFailure", outputOf(execution).get("error").get("Error").asText());
    }

    @Test
    void unknownIntrinsicFunctionFailsTheDefinitionNamingIt() {
        AslDefinitionException e = assertThrows(AslDefinitionException.class, () -> evaluate("States.Frobnicate($.n)"));

        assertTrue(e.getMessage().contains("States.Frobnicate"), e.getMessage());
        assertTrue(e.getMessage().startsWith("State 'P': field 'Parameters.v.$'"), e.getMessage());
    }

    @Test
    void wrongArgumentCountFailsTheDefinition() {
        AslDefinitionException e = assertThrows(AslDefinitionException.class,
                () -> evaluate("States.ArrayGetItem($.items)"));

        assertTrue(e.getMessage().contains("takes 2"), e.getMessage());
    }

    @Test
    void formatWithMorePlaceholdersThanValuesFailsTheDefinition() {
        AslDefinitionException e = assertThrows(AslDefinitionException.class,
                () -> evaluate("States.Format('{} and {}', $.name)"));

        assertTrue(e.getMessage().contains("2 placeholder(s) but 1 value(s)"), e.getMessage());
    }

    @Test
    void missingPathInAnArgumentFailsWithStatesRuntime() {
        assertEquals("States.Runtime", evaluate("States.Format('{}', $.absent)").error());
    }
}
