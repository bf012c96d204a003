package dev.churnops.core.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    record Point(@JsonProperty("y") double y, @JsonProperty("x") double x, @JsonProperty("label") String label) {
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void writesPropertiesAndMapKeysInSortedOrderEndingWithANewline() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("zeta", 1);
        map.put("alpha", new Point(2, 1, "p"));
        String json = text(Json.write(map));

        assertTrue(json.endsWith("}\n"), json);
        assertTrue(json.indexOf("\"alpha\"") < json.indexOf("\"zeta\""), json);
        assertTrue(json.indexOf("\"label\"") < json.indexOf("\"x\"") && json.indexOf("\"x\"") < json.indexOf("\"y\""), json);
    }

    @Test
    void writesTheSameBytesWhateverTheMapsInsertionOrder() {
        Map<String, Integer> a = new LinkedHashMap<>();
        a.put("b", 2);
        a.put("a", 1);
        Map<String, Integer> b = new HashMap<>(Map.of("a", 1, "b", 2));
        assertArrayEquals(Json.write(a), Json.write(b));
    }

    @Test
    void readsBackWhatItWrote() {
        Point p = new Point(0.1, -3e-9, "ü");
        assertEquals(p, Json.read(Json.write(p), Point.class, "point"));
    }

    @Test
    void rejectsAnUnknownPropertyNamingTheDocumentAndTheProperty() {
        Json.InvalidDocumentException e = assertThrows(Json.InvalidDocumentException.class, () -> Json.read(
                "{\"x\": 1, \"y\": 2, \"label\": \"a\", \"colour\": \"red\"}".getBytes(StandardCharsets.UTF_8), Point.class,
                "config/point.json"));
        assertTrue(e.getMessage().contains("config/point.json"), e.getMessage());
        assertTrue(e.getMessage().contains("'colour'"), e.getMessage());
    }

    @Test
    void rejectsNullForANumber() {
        Json.InvalidDocumentException e = assertThrows(Json.InvalidDocumentException.class, () -> Json.read(
                "{\"x\": null, \"y\": 2}".getBytes(StandardCharsets.UTF_8), Point.class, "point.json"));
        assertTrue(e.getMessage().contains("point.json"), e.getMessage());
    }

    @Test
    void rejectsBrokenJsonAsATreeNamingTheDocument() {
        Json.InvalidDocumentException e = assertThrows(Json.InvalidDocumentException.class,
                () -> Json.tree("{\"a\": [1, 2".getBytes(StandardCharsets.UTF_8), "evaluation.json"));
        assertTrue(e.getMessage().contains("evaluation.json") && e.getMessage().contains("not valid"), e.getMessage());
    }

    @Test
    void convertsAMapAndNamesTheInputWhenItDoesNotFit() {
        assertEquals(new Point(2, 1, "p"), Json.convert(Map.of("x", 1, "y", 2, "label", "p"), Point.class, "point"));
        Json.InvalidDocumentException e = assertThrows(Json.InvalidDocumentException.class,
                () -> Json.convert(Map.of("x", "one"), Point.class, "promotion"));
        assertTrue(e.getMessage().contains("promotion") && e.getMessage().contains("'x'"), e.getMessage());
    }
}
