package dev.churnops.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
  * A compiled reference path, the subset of JSONPath the States Language uses to point at exactly one
  * node: {@code $}, {@code $.a.b}, {@code $['a']}, {@code $.a[0]}, and the same rooted at {@code $$}
  * (the context object). Anything that could select several nodes (wildcards, recursive descent,
  * slices, unions, filters) is rejected when the definition is parsed rather than half-supported.
  */
final class JsonPath {

    static final JsonPath ROOT = new JsonPath("$", false, List.of());

    private sealed interface Step permits Field, Index {}

    private record Field(String name) implements Step {}

    private record Index(int index) implements Step {}

    private final String text;
    private final boolean contextRooted;
    private final List<Step> steps;

    private JsonPath(String text, boolean contextRooted, List<Step> steps) {
        this.text = text;
        this.contextRooted = contextRooted;
        this.steps = steps;
    }

    static JsonPath parse(String text) throws ExpressionSyntaxException {
        if (text == null || !text.startsWith("$")) {
            throw new ExpressionSyntaxException("'" + text + "' is not a JSONPath: it must start with '$'");
        }
        boolean context = text.startsWith("$$");
        int pos = context ? 2 : 1;
        List<Step> steps = new ArrayList<>();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '.') {
                pos = parseDotField(text, pos + 1, steps);
            } else if (c == '[') {
                pos = parseBracket(text, pos + 1, steps);
            } else {
                throw new ExpressionSyntaxException(
                        "JSONPath '" + text + "' has an unexpected '" + c + "' at position " + pos);
            }
        }
        return new JsonPath(text, context, List.copyOf(steps));
    }

    private static int parseDotField(String text, int start, List<Step> steps)
            throws ExpressionSyntaxException {
        if (start < text.length() && text.charAt(start) == '.') {
            throw unsupported(text, "recursive descent ('..')");
        }
        int end = start;
        while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
            char c = text.charAt(end);
            if (c == '*') {
                throw unsupported(text, "wildcards ('*')");
            }
            if (c == '@' || c == '?' || c == '(' || c == ')' || c == ',' || c == ':' || c == ']'
                    || c == '\'' || c == '"' || Character.isWhitespace(c)) {
                throw new ExpressionSyntaxException(
                        "JSONPath '" + text + "' has an invalid character '" + c + "' in a field name");
            }
            end++;
        }
        if (end == start) {
            throw new ExpressionSyntaxException("JSONPath '" + text + "' has an empty field name");
        }
        steps.add(new Field(text.substring(start, end)));
        return end;
    }

    private static int parseBracket(String text, int start, List<Step> steps)
            throws ExpressionSyntaxException {
        if (start >= text.length()) {
            throw new ExpressionSyntaxException("JSONPath '" + text + "' ends inside '['");
        }
        char first = text.charAt(start);
        if (first == '\'' || first == '"') {
            StringBuilder name = new StringBuilder();
            int pos = start + 1;
            while (pos < text.length() && text.charAt(pos) != first) {
                char c = text.charAt(pos);
                if (c == '\\' && pos + 1 < text.length()) {
                    c = text.charAt(++pos);
                }
                name.append(c);
                pos++;
            }
            if (pos + 1 < text.length() && text.charAt(pos + 1) == ',') {
                throw unsupported(text, "unions ('[a,b]')");
            }
            if (pos + 1 >= text.length() || text.charAt(pos + 1) != ']') {
                throw new ExpressionSyntaxException(
                        "JSONPath '" + text + "' has an unterminated bracketed field name");
            }
            steps.add(new Field(name.toString()));
            return pos + 2;
        }
        int close = text.indexOf(']', start);
        if (close < 0) {
            throw new ExpressionSyntaxException("JSONPath '" + text + "' has a '[' without ']'");
        }
        String inside = text.substring(start, close).trim();
        if (inside.equals("*")) {
            throw unsupported(text, "wildcards ('[*]')");
        }
        if (inside.startsWith("?")) {
            throw unsupported(text, "filter expressions ('[?(...)]')");
        }
        if (inside.startsWith("(")) {
            throw unsupported(text, "script expressions ('[(...)]')");
        }
        if (inside.contains(":")) {
            throw unsupported(text, "array slices ('[a:b]')");
        }
        if (inside.contains(",")) {
            throw unsupported(text, "unions ('[a,b]')");
        }
        if (inside.startsWith("-")) {
            throw unsupported(text, "negative array indexes");
        }
        if (inside.isEmpty() || !inside.chars().allMatch(Character::isDigit)) {
            throw new ExpressionSyntaxException(
                    "JSONPath '" + text + "' has an invalid array index '" + inside + "'");
        }
        try {
            steps.add(new Index(Integer.parseInt(inside)));
        } catch (NumberFormatException e) {
            throw new ExpressionSyntaxException(
                    "JSONPath '" + text + "' has an array index out of range: " + inside);
        }
        return close + 1;
    }

    private static ExpressionSyntaxException unsupported(String text, String feature) {
        return new ExpressionSyntaxException(
                "JSONPath '" + text + "' uses " + feature + ", which the local interpreter does not support");
    }

    /** Whether the path starts at the context object ({@code $$}) rather than the state's data. */
    boolean contextRooted() {
        return contextRooted;
    }

    boolean isRoot() {
        return steps.isEmpty();
    }

    /**
      * The node the path points at, or empty when a field or index along the way does not exist. An
      * explicit JSON {@code null} is present: it is a value, not a missing field.
      */
    Optional<JsonNode> find(JsonNode input, JsonNode context) {
        JsonNode node = contextRooted ? context : input;
        for (Step step : steps) {
            if (node == null) {
                return Optional.empty();
            }
            if (step instanceof Field field) {
                node = node.isObject() ? node.get(field.name()) : null;
            } else {
                int index = ((Index) step).index();
                node = node.isArray() && index < node.size() ? node.get(index) : null;
            }
        }
        return Optional.ofNullable(node);
    }

    /**
      * Returns a copy of {@code target} with {@code value} placed where this path points, creating
      * missing objects on the way, as {@code ResultPath} requires. {@code $} replaces the target.
      *
      * @throws StatesError {@code States.ResultPathMatchFailure} when the target's shape cannot hold the value
      */
    JsonNode write(JsonNode target, JsonNode value) {
        if (steps.isEmpty()) {
            return value;
        }
        if (target == null || !(target.isObject() || target.isArray())) {
            throw resultPathMismatch("the state input is not a JSON object");
        }
        JsonNode copy = target.deepCopy();
        JsonNode node = copy;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            boolean last = i == steps.size() - 1;
            if (step instanceof Field field) {
                if (!(node instanceof ObjectNode object)) {
                    throw resultPathMismatch("'" + field.name() + "' would be set on a value that is not an object");
                }
                if (last) {
                    object.set(field.name(), value);
                } else {
                    JsonNode child = object.get(field.name());
                    if (child == null || child.isNull()) {
                        child = object.putObject(field.name());
                    }
                    node = child;
                }
            } else {
                int index = ((Index) step).index();
                if (!(node instanceof ArrayNode array) || index >= array.size()) {
                    throw resultPathMismatch("index " + index + " does not exist in the input");
                }
                if (last) {
                    array.set(index, value);
                } else {
                    node = array.get(index);
                }
            }
        }
        return copy;
    }

    private StatesError resultPathMismatch(String reason) {
        return new StatesError(StatesError.RESULT_PATH_MATCH_FAILURE,
                "Unable to apply ResultPath '" + text + "': " + reason);
    }

    static JsonNode emptyObject() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Override
    public String toString() {
        return text;
    }
}
