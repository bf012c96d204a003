package dev.churnops.local.asl;

import static dev.churnops.local.asl.AslTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPathTest {

    private static final JsonNode DOC = json("""
            {"a": {"b": [10, {"c": "deep"}]}, "odd key": 1, "nil": null}""");

    private static Optional<JsonNode> find(String path) throws ExpressionSyntaxException {
        return JsonPath.parse(path).find(DOC, json("{\"Execution\": {\"Name\": \"e\"}}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "$|{\"a\": {\"b\": [10, {\"c\": \"deep\"}]}, \"odd key\": 1, \"nil\": null}",
            "$.a.b[0]|10",
            "$.a.b[1].c|\"deep\"",
            "$['a']['b'][1]['c']|\"deep\"",
            "$[\"odd key\"]|1",
            "$.nil|null",
            "$$.Execution.Name|\"e\""})
    void findsTheSelectedNode(String path, String expected) throws ExpressionSyntaxException {
        assertEquals(Optional.of(json(expected)), find(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$.missing", "$.a.b[5]", "$.a.b.c", "$['odd key'].x"})
    void findsNothingForAPathThatDoesNotExist(String path) throws ExpressionSyntaxException {
        assertEquals(Optional.empty(), find(path));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "$.a[*]|wildcards",
            "$.*|wildcards",
            "$..c|recursive descent",
            "$.a[0:2]|slices",
            "$.a[0,1]|unions",
            "$.a[?(@.c)]|filter",
            "$.a[-1]|negative",
            "a.b|must start with '$'"})
    void rejectsWhatItDoesNotSupport(String path, String reason) {
        ExpressionSyntaxException e = assertThrows(ExpressionSyntaxException.class, () -> JsonPath.parse(path));

        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void writeCreatesMissingObjectsWithoutTouchingTheTarget() throws ExpressionSyntaxException {
        JsonNode target = json("{\"x\": 1}");

        JsonNode written = JsonPath.parse("$.a.b").write(target, json("true"));

        assertEquals(json("{\"x\": 1, \"a\": {\"b\": true}}"), written);
        assertEquals(json("{\"x\": 1}"), target);
    }

    @Test
    void writeAtTheRootReplacesTheTarget() {
        assertEquals(json("[1]"), JsonPath.ROOT.write(json("{\"x\": 1}"), json("[1]")));
    }

    @Test
    void writeThroughAScalarFailsWithResultPathMatchFailure() throws ExpressionSyntaxException {
        JsonPath path = JsonPath.parse("$.x.y");

        StatesError e = assertThrows(StatesError.class, () -> path.write(json("{\"x\": 1}"), json("2")));

        assertEquals("States.ResultPathMatchFailure", e.error());
    }
}
