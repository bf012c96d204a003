package dev.churnops.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.churnops.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a hyperparameter search may look: for each algorithm, the parameters to vary and their
 * ranges, as a JSON object with one object per algorithm:
 *
 * <pre>{@code
 * {"gradient_boosting": {"learning_rate": {"type": "log_real", "low": 0.01, "high": 0.3},
 *                        "max_depth": {"type": "int", "low": 1, "high": 6},
 *                        "colsample": {"type": "choice", "values": [0.5, 0.8, 1.0]}}}
 * }</pre>
 *
 * A parameter name is the hyperparameter key without its algorithm prefix ({@code learning_rate}
 * for {@code gradient_boosting.learning_rate}). Types: {@code int} (whole numbers from low to high),
 * {@code real} (uniform from low to high), {@code log_real} (uniform in the logarithm, for scales
 * such as learning rates; low above 0) and {@code choice} (one of {@code values}). Every bound and
 * value must lie in the range the hyperparameter accepts ({@link HyperParameters#RANGES}); a whole-number
 * hyperparameter takes {@code int} or {@code choice}. This class is the one place a space is
 * checked: an empty space, an unknown algorithm or parameter, or a nonsense range fails with a
 * sentence naming the algorithm, the parameter and what was expected. The built-in space is the
 * resource {@code dev/churnops/core/model/search-space.json}.
 */
public final class SearchSpace {

    public static final String INT = "int";
    public static final String REAL = "real";
    public static final String LOG_REAL = "log_real";
    public static final String CHOICE = "choice";

    /** Where the built-in space lives on the class path. */
    public static final String BUILT_IN_RESOURCE = "/dev/churnops/core/model/search-space.json";

    private static final List<String> TYPES = List.of(INT, REAL, LOG_REAL, CHOICE);

    /**
     * One searched parameter.
     *
     * @param key the full hyperparameter key, e.g. {@code gradient_boosting.learning_rate}
     * @param type int, real, log_real or choice
     * @param low lower bound (not used by choice)
     * @param high upper bound (not used by choice)
     * @param values the choices, as hyperparameter values (only for choice)
     */
    public record Dimension(String key, String type, double low, double high, List<String> values) {

        public Dimension {
            values = List.copyOf(values);
        }

        /** The parameter name without its algorithm prefix. */
        public String name() {
            return key.substring(key.indexOf('.') + 1);
        }
    }

    private final Map<String, List<Dimension>> byAlgorithm;
    private final String json;

    private SearchSpace(Map<String, List<Dimension>> byAlgorithm, String json) {
        this.byAlgorithm = byAlgorithm;
        this.json = json;
    }

    /** The space shipped with ChurnOps. */
    public static SearchSpace builtIn() {
        return BuiltIn.SPACE;
    }

    /**
     * Reads and checks a space; {@code source} names it in error messages (a file, or the
     * hyperparameter it came in).
     */
    public static SearchSpace parse(String json, String source) {
        JsonNode root;
        try {
            root = Json.tree(json.getBytes(StandardCharsets.UTF_8), "search space " + source);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("search space " + source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("search space " + source + " is " + root.getNodeType().toString()
                    .toLowerCase(Locale.ROOT) + ": expected a JSON object with one object per algorithm ("
                    + String.join(", ", HyperParameters.ALGORITHMS) + ")");
        }
        if (root.isEmpty()) {
            throw new IllegalArgumentException("search space " + source + " is empty: expected at least one algorithm ("
                    + String.join(", ", HyperParameters.ALGORITHMS) + ") with at least one parameter to search");
        }
        Map<String, List<Dimension>> byAlgorithm = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String algorithm = entry.getKey();
            if (!HyperParameters.ALGORITHMS.contains(algorithm)) {
                throw new IllegalArgumentException("search space " + source + " names algorithm '" + algorithm
                        + "': expected one of " + String.join(", ", HyperParameters.ALGORITHMS));
            }
            JsonNode parameters = entry.getValue();
            if (!parameters.isObject() || parameters.isEmpty()) {
                throw new IllegalArgumentException("search space " + source + ", algorithm '" + algorithm + "': "
                        + (parameters.isObject() ? "no parameters" : "not an object")
                        + "; expected an object of parameters to search, from " + String.join(", ", searchable(algorithm)));
            }
            List<Dimension> dimensions = new ArrayList<>();
            for (Map.Entry<String, JsonNode> parameter : parameters.properties()) {
                dimensions.add(dimension(source, algorithm, parameter.getKey(), parameter.getValue()));
            }
            byAlgorithm.put(algorithm, List.copyOf(dimensions));
        }
        String compact;
        try {
            compact = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a parsed search space back as JSON", e);
        }
        return new SearchSpace(java.util.Collections.unmodifiableMap(byAlgorithm), compact);
    }

    private static Dimension dimension(String source, String algorithm, String name, JsonNode spec) {
        String key = algorithm + "." + name;
        HyperParameters.Range range = HyperParameters.RANGES.get(key);
        String where = "search space " + source + ", algorithm '" + algorithm + "', parameter '" + name + "'";
        if (range == null) {
            throw new IllegalArgumentException(where + ": unknown parameter; expected one of "
                    + String.join(", ", searchable(algorithm)));
        }
        if (!spec.isObject()) {
            throw new IllegalArgumentException(where + ": expected an object such as {\"type\": \"real\", \"low\": 0.1,"
                    + " \"high\": 0.9}");
        }
        JsonNode typeNode = spec.get("type");
        String type = typeNode == null || !typeNode.isTextual() ? null : typeNode.asText();
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException(where + ": type is " + (typeNode == null ? "missing" : typeNode.toString())
                    + "; expected one of " + String.join(", ", TYPES));
        }
        List<String> allowedFields = type.equals(CHOICE) ? List.of("type", "values") : List.of("type", "low", "high");
        for (Iterator<String> f = spec.fieldNames(); f.hasNext(); ) {
            String field = f.next();
            if (!allowedFields.contains(field)) {
                throw new IllegalArgumentException(where + ": field '" + field + "' does not belong to type " + type
                        + "; expected only " + String.join(", ", allowedFields));
            }
        }
        if (range.whole() && (type.equals(REAL) || type.equals(LOG_REAL))) {
            throw new IllegalArgumentException(where + ": type " + type + " gives fractions, but the parameter takes "
                    + range.describe() + "; expected type int or choice");
        }
        if (type.equals(CHOICE)) {
            JsonNode values = spec.get("values");
            if (values == null || !values.isArray() || values.isEmpty()) {
                throw new IllegalArgumentException(where + ": type choice needs \"values\": expected a non-empty array,"
                        + " each value " + range.describe());
            }
            List<String> list = new ArrayList<>();
            for (JsonNode v : values) {
                if (!v.isNumber() || !range.contains(v.asDouble())) {
                    throw new IllegalArgumentException(where + ": choice " + v + " is not allowed; expected "
                            + range.describe());
                }
                String text = range.whole() ? Long.toString(v.asLong()) : v.asText();
                if (list.contains(text)) {
                    throw new IllegalArgumentException(where + ": choice " + v + " is listed twice");
                }
                list.add(text);
            }
            return new Dimension(key, type, Double.NaN, Double.NaN, list);
        }
        double low = bound(where, spec, "low", range);
        double high = bound(where, spec, "high", range);
        if (low > high) {
            throw new IllegalArgumentException(where + ": low " + fmt(low) + " is above high " + fmt(high)
                    + "; expected low <= high");
        }
        if (type.equals(LOG_REAL) && low <= 0) {
            throw new IllegalArgumentException(where + ": type log_real needs low above 0 but low is " + fmt(low)
                    + "; expected a positive low, or type real");
        }
        if (type.equals(INT) && (low != Math.rint(low) || high != Math.rint(high))) {
            throw new IllegalArgumentException(where + ": type int needs whole-number bounds but they are " + fmt(low)
                    + " and " + fmt(high) + "; expected " + range.describe());
        }
        return new Dimension(key, type, low, high, List.of());
    }

    private static double bound(String where, JsonNode spec, String field, HyperParameters.Range range) {
        JsonNode node = spec.get(field);
        if (node == null) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" is missing; expected " + range.describe());
        }
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw new IllegalArgumentException(where + ": " + field + " is " + node + ", not a number; expected "
                    + range.describe());
        }
        double value = node.asDouble();
        if (value < range.min() || value > range.max()) {
            throw new IllegalArgumentException(where + ": " + field + " " + fmt(value) + " is out of range; expected "
                    + range.describe());
        }
        return value;
    }

    /** The parameter names a space may list for {@code algorithm}. */
    static List<String> searchable(String algorithm) {
        List<String> names = new ArrayList<>();
        for (String key : HyperParameters.RANGES.keySet()) {
            if (key.startsWith(algorithm + ".")) {
                names.add(key.substring(algorithm.length() + 1));
            }
        }
        return names;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The algorithms the space declares, in its order. */
    public Set<String> algorithms() {
        return byAlgorithm.keySet();
    }

    /** The searched parameters of {@code algorithm}; empty when the space does not declare it. */
    public List<Dimension> dimensions(String algorithm) {
        return byAlgorithm.getOrDefault(algorithm, List.of());
    }

    /** The space as one line of JSON: what the {@code search_space} hyperparameter carries. */
    public String toJson() {
        return json;
    }

    /** Loaded on first use, so a space given in full never reads the resource. */
    private static final class BuiltIn {
        static final SearchSpace SPACE = load();

        private static SearchSpace load() {
            try (InputStream in = SearchSpace.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the built-in search space " + BUILT_IN_RESOURCE + " is not on the class path");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "(built-in " + BUILT_IN_RESOURCE + ")");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the built-in search space " + BUILT_IN_RESOURCE, e);
            }
        }
    }
}
