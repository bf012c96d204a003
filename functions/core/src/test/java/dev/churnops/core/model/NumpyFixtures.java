package dev.churnops.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The fixtures {@code tools/sklearn_split_fixtures.py} wrote with numpy's legacy {@code RandomState}:
 * raw MT19937 outputs, permutations, bounded integers, choices, scikit-learn's approximate mode,
 * stratified splits and folds of several label vectors, and the Telco split.
 */
final class NumpyFixtures {

    static final JsonNode ROOT = load();

    private NumpyFixtures() {
    }

    private static JsonNode load() {
        try (InputStream in = NumpyFixtures.class.getResourceAsStream("numpy-sklearn-fixtures.json")) {
            if (in == null) {
                throw new IllegalStateException("numpy-sklearn-fixtures.json is missing from the test resources");
            }
            return Json.tree(in.readAllBytes(), "numpy-sklearn-fixtures.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            // 64-bit values are written as text (unsigned when they are numpy uint64 outputs).
            String text = array.get(i).asText();
            values[i] = text.startsWith("-") ? Long.parseLong(text) : Long.parseUnsignedLong(text);
        }
        return values;
    }

    static int[] labels(String name) {
        return ints(ROOT.path("labels").path(name));
    }
}
