package dev.churnops.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringTokenizer;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
  * The States Language intrinsic functions ({@code States.Format}, {@code States.Array},
  * {@code States.JsonMerge}, ...): a parser that turns {@code States.Name(arg, ...)} into a call tree
  * when the definition is loaded, so unknown functions and wrong argument counts fail before anything
  * runs, and the implementations, which raise {@code States.IntrinsicFailure} when the data they get at
  * run time is of the wrong kind. Arguments are single-quoted strings (with {@code \'}, {@code \{},
  * {@code \}} and {@code \\} escapes), numbers, booleans, {@code null}, paths and nested calls.
  */
final class IntrinsicFunctions {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> HASH_ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");
    // AWS caps ArrayRange at 1,000 elements; keeping the cap makes a definition that works here work there.
    private static final int MAX_RANGE_ITEMS = 1000;

    private IntrinsicFunctions() {}

    /** An argument of an intrinsic call. */
    sealed interface Argument permits Literal, PathArgument, Call {}

    /**
      * A literal argument. For a string literal, {@code rawText} keeps the text between the quotes with
      * its escapes, because {@code States.Format} must tell an escaped {@code \{} from a placeholder.
      */
    record Literal(JsonNode value, String rawText) implements Argument {}

    record PathArgument(JsonPath path) implements Argument {}

    /** A parsed call: the function name, its arguments, and the implementation it resolved to. */
    record Call(String name, List<Argument> arguments, Function function) implements Argument, Expression {

        @Override
        public JsonNode evaluate(JsonNode input, JsonNode context, String field) {
            List<JsonNode> values = new ArrayList<>(arguments.size());
            for (Argument argument : arguments) {
                values.add(evaluateArgument(argument, input, context, field));
            }
            if (name.equals("States.Format") && arguments.get(0) instanceof Literal literal
                    && literal.rawText() != null) {
                // The literal's raw text still carries its escapes, which Format needs to see.
                values.set(0, TextNode.valueOf(literal.rawText()));
            }
            return function.body().apply(this, values);
        }

        private JsonNode evaluateArgument(Argument argument, JsonNode input, JsonNode context, String field) {
            if (argument instanceof Literal literal) {
                return literal.value();
            }
            if (argument instanceof PathArgument pathArgument) {
                return pathArgument.path().find(input, context).orElseThrow(() -> StatesError.runtime(
                        "The JSONPath '" + pathArgument.path() + "' passed to " + name + " in the field '" + field
                                + "' could not be found in the input"));
            }
            return ((Call) argument).evaluate(input, context, field);
        }

        StatesError failure(String problem) {
            return StatesError.intrinsicFailure(name + ": " + problem);
        }
    }

    @FunctionalInterface
    interface Body {
        JsonNode apply(Call call, List<JsonNode> arguments);
    }

    /** A function's arity (maxArgs -1 for variadic) and implementation. */
    record Function(int minArgs, int maxArgs, Body body) {}

    private static final Map<String, Function> FUNCTIONS = Map.ofEntries(
            Map.entry("States.Format", new Function(1, -1, IntrinsicFunctions::format)),
            Map.entry("States.StringToJson", new Function(1, 1, IntrinsicFunctions::stringToJson)),
            Map.entry("States.JsonToString", new Function(1, 1, IntrinsicFunctions::jsonToString)),
            Map.entry("States.Array", new Function(0, -1, IntrinsicFunctions::array)),
            Map.entry("States.ArrayPartition", new Function(2, 2, IntrinsicFunctions::arrayPartition)),
            Map.entry("States.ArrayContains", new Function(2, 2, IntrinsicFunctions::arrayContains)),
            Map.entry("States.ArrayRange", new Function(3, 3, IntrinsicFunctions::arrayRange)),
            Map.entry("States.ArrayGetItem", new Function(2, 2, IntrinsicFunctions::arrayGetItem)),
            Map.entry("States.ArrayLength", new Function(1, 1, IntrinsicFunctions::arrayLength)),
            Map.entry("States.ArrayUnique", new Function(1, 1, IntrinsicFunctions::arrayUnique)),
            Map.entry("States.Base64Encode", new Function(1, 1, IntrinsicFunctions::base64Encode)),
            Map.entry("States.Base64Decode", new Function(1, 1, IntrinsicFunctions::base64Decode)),
            Map.entry("States.Hash", new Function(2, 2, IntrinsicFunctions::hash)),
            Map.entry("States.JsonMerge", new Function(3, 3, IntrinsicFunctions::jsonMerge)),
            Map.entry("States.MathRandom", new Function(2, 3, IntrinsicFunctions::mathRandom)),
            Map.entry("States.MathAdd", new Function(2, 2, IntrinsicFunctions::mathAdd)),
            Map.entry("States.StringSplit", new Function(2, 2, IntrinsicFunctions::stringSplit)),
            Map.entry("States.UUID", new Function(0, 0, IntrinsicFunctions::uuid)));

    static Call parse(String text) throws ExpressionSyntaxException {
        Parser parser = new Parser(text);
        Call call = parser.call();
        parser.skipWhitespace();
        if (!parser.atEnd()) {
            throw parser.error("unexpected text after the closing ')'");
        }
        return call;
    }

    // ---------------------------------------------------------------- parser

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Call call() throws ExpressionSyntaxException {
            skipWhitespace();
            int start = pos;
            while (pos < text.length()
                    && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            String name = text.substring(start, pos);
            Function function = FUNCTIONS.get(name);
            if (function == null) {
                throw new ExpressionSyntaxException("calls unknown intrinsic function '" + name + "' in '" + text + "'");
            }
            skipWhitespace();
            expect('(');
            List<Argument> arguments = new ArrayList<>();
            skipWhitespace();
            if (peek() == ')') {
                pos++;
            } else {
                while (true) {
                    arguments.add(argument());
                    skipWhitespace();
                    char separator = peek();
                    pos++;
                    if (separator == ')') {
                        break;
                    }
                    if (separator != ',') {
                        pos--;
                        throw error("expected ',' or ')'");
                    }
                }
            }
            checkArity(name, function, arguments.size());
            Call call = new Call(name, List.copyOf(arguments), function);
            checkLiteralArguments(call);
            return call;
        }

        private Argument argument() throws ExpressionSyntaxException {
            skipWhitespace();
            char c = peek();
            if (c == '\'') {
                return stringLiteral();
            }
            if (c == '$') {
                return path();
            }
            if (c == '-' || Character.isDigit(c)) {
                return number();
            }
            if (text.startsWith("States.", pos)) {
                return call();
            }
            for (String keyword : List.of("true", "false", "null")) {
                if (text.startsWith(keyword, pos)) {
                    pos += keyword.length();
                    JsonNode value = keyword.equals("null") ? NODES.nullNode() : NODES.booleanNode(keyword.equals("true"));
                    return new Literal(value, null);
                }
            }
            throw error("expected an argument (a 'string', a number, a path or a States. call)");
        }

        private Literal stringLiteral() throws ExpressionSyntaxException {
            pos++; // opening quote
            StringBuilder value = new StringBuilder();
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != '\'') {
                char c = text.charAt(pos);
                if (c == '\\') {
                    if (pos + 1 >= text.length()) {
                        throw error("string literal ends with a lone backslash");
                    }
                    c = text.charAt(++pos);
                }
                value.append(c);
                pos++;
            }
            if (pos >= text.length()) {
                throw error("unterminated string literal");
            }
            String raw = text.substring(start, pos);
            pos++; // closing quote
            return new Literal(TextNode.valueOf(value.toString()), raw);
        }

        private PathArgument path() throws ExpressionSyntaxException {
            int start = pos;
            int brackets = 0;
            char quote = 0;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (quote != 0) {
                    if (c == '\\') {
                        pos++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '[') {
                    brackets++;
                } else if (c == ']') {
                    brackets--;
                } else if ((c == '\'' || c == '"') && brackets > 0) {
                    quote = c;
                } else if ((c == ',' || c == ')') && brackets == 0) {
                    break;
                }
                pos++;
            }
            return new PathArgument(JsonPath.parse(text.substring(start, pos).trim()));
        }

        private Literal number() throws ExpressionSyntaxException {
            int start = pos;
            pos++;
            while (pos < text.length() && "0123456789.eE+-".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            String literal = text.substring(start, pos);
            try {
                BigDecimal value = new BigDecimal(literal);
                return new Literal(numberNode(value), null);
            } catch (NumberFormatException e) {
                throw error("'" + literal + "' is not a number");
            }
        }

        void skipWhitespace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        private char peek() throws ExpressionSyntaxException {
            if (atEnd()) {
                throw error("unexpected end of the expression");
            }
            return text.charAt(pos);
        }

        private void expect(char c) throws ExpressionSyntaxException {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        ExpressionSyntaxException error(String problem) {
            return new ExpressionSyntaxException(
                    "has an invalid intrinsic function call '" + text + "': " + problem + " at position " + pos);
        }

        private void checkArity(String name, Function function, int count) throws ExpressionSyntaxException {
            boolean tooFew = count < function.minArgs();
            boolean tooMany = function.maxArgs() >= 0 && count > function.maxArgs();
            if (tooFew || tooMany) {
                String expected = function.maxArgs() < 0 ? "at least " + function.minArgs()
                        : function.minArgs() == function.maxArgs() ? String.valueOf(function.minArgs())
                        : function.minArgs() + " to " + function.maxArgs();
                throw new ExpressionSyntaxException("calls " + name + " with " + count
                        + " argument(s) but it takes " + expected + ", in '" + text + "'");
            }
        }

        // Mistakes visible in the definition itself fail when it is loaded, not when the state runs.
        private void checkLiteralArguments(Call call) throws ExpressionSyntaxException {
            List<Argument> arguments = call.arguments();
            if (call.name().equals("States.Format") && arguments.get(0) instanceof Literal template) {
                if (template.rawText() == null) {
                    throw new ExpressionSyntaxException("calls States.Format with a template that is not a string, in '" + text + "'");
                }
                int placeholders = countPlaceholders(template.rawText());
                if (placeholders != arguments.size() - 1) {
                    throw new ExpressionSyntaxException("calls States.Format with " + placeholders
                            + " placeholder(s) but " + (arguments.size() - 1) + " value(s), in '" + text + "'");
                }
            }
            if (call.name().equals("States.JsonMerge") && arguments.get(2) instanceof Literal deep
                    && !deep.value().isBoolean()) {
                throw new ExpressionSyntaxException("calls States.JsonMerge with a third argument that is not a boolean, in '" + text + "'");
            }
            if (call.name().equals("States.Hash") && arguments.get(1) instanceof Literal algorithm
                    && !HASH_ALGORITHMS.contains(algorithm.value().asText())) {
                throw new ExpressionSyntaxException("calls States.Hash with algorithm '" + algorithm.value().asText()
                        + "'; expected one of " + HASH_ALGORITHMS + ", in '" + text + "'");
            }
        }
    }

    private static int countPlaceholders(String template) {
        int count = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                count++;
                i++;
            }
        }
        return count;
    }

    // ---------------------------------------------------------------- implementations

    private static JsonNode format(Call call, List<JsonNode> args) {
        String template = requireString(call, args.get(0), "the template");
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length()) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= args.size()) {
                    throw call.failure("the template has more placeholders than values");
                }
                JsonNode value = args.get(next++);
                if (value.isContainerNode()) {
                    throw call.failure("value " + (next - 1) + " is a JSON " + value.getNodeType().name().toLowerCase()
                            + "; only strings, numbers, booleans and null can be formatted");
                }
                out.append(value.isNull() ? "null" : value.asText());
                i++;
            } else if (c == '{' || c == '}') {
                throw call.failure("the template has an unescaped '" + c + "' that is not part of a {} placeholder");
            } else {
                out.append(c);
            }
        }
        if (next != args.size()) {
            throw call.failure("the template has fewer placeholders than values");
        }
        return TextNode.valueOf(out.toString());
    }

    private static JsonNode stringToJson(Call call, List<JsonNode> args) {
        String text = requireString(call, args.get(0), "the argument");
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw call.failure("the argument is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode jsonToString(Call call, List<JsonNode> args) {
        try {
            return TextNode.valueOf(MAPPER.writeValueAsString(args.get(0)));
        } catch (JsonProcessingException e) {
            throw call.failure("the argument cannot be serialized: " + e.getOriginalMessage());
        }
    }

    private static JsonNode array(Call call, List<JsonNode> args) {
        ArrayNode array = NODES.arrayNode();
        args.forEach(array::add);
        return array;
    }

    private static JsonNode arrayPartition(Call call, List<JsonNode> args) {
        ArrayNode source = requireArray(call, args.get(0), "the first argument");
        int size = requireInt(call, args.get(1), "the chunk size");
        if (size < 1) {
            throw call.failure("the chunk size must be a positive integer, got " + size);
        }
        ArrayNode chunks = NODES.arrayNode();
        ArrayNode chunk = null;
        for (int i = 0; i < source.size(); i++) {
            if (i % size == 0) {
                chunk = chunks.addArray();
            }
            chunk.add(source.get(i));
        }
        return chunks;
    }

    private static JsonNode arrayContains(Call call, List<JsonNode> args) {
        ArrayNode source = requireArray(call, args.get(0), "the first argument");
        for (JsonNode item : source) {
            if (item.equals(args.get(1))) {
                return NODES.booleanNode(true);
            }
        }
        return NODES.booleanNode(false);
    }

    private static JsonNode arrayRange(Call call, List<JsonNode> args) {
        long start = requireInt(call, args.get(0), "the start");
        long end = requireInt(call, args.get(1), "the end");
        long step = requireInt(call, args.get(2), "the step");
        if (step == 0) {
            throw call.failure("the step must not be 0");
        }
        ArrayNode range = NODES.arrayNode();
        for (long v = start; step > 0 ? v <= end : v >= end; v += step) {
            if (range.size() == MAX_RANGE_ITEMS) {
                throw call.failure("the range has more than " + MAX_RANGE_ITEMS + " items");
            }
            range.add((int) v);
        }
        return range;
    }

    private static JsonNode arrayGetItem(Call call, List<JsonNode> args) {
        ArrayNode source = requireArray(call, args.get(0), "the first argument");
        int index = requireInt(call, args.get(1), "the index");
        if (index < 0 || index >= source.size()) {
            throw call.failure("index " + index + " is outside the array of " + source.size() + " item(s)");
        }
        return source.get(index);
    }

    private static JsonNode arrayLength(Call call, List<JsonNode> args) {
        return NODES.numberNode(requireArray(call, args.get(0), "the argument").size());
    }

    private static JsonNode arrayUnique(Call call, List<JsonNode> args) {
        ArrayNode unique = NODES.arrayNode();
        new LinkedHashSet<JsonNode>(toList(requireArray(call, args.get(0), "the argument"))).forEach(unique::add);
        return unique;
    }

    private static JsonNode base64Encode(Call call, List<JsonNode> args) {
        String text = requireString(call, args.get(0), "the argument");
        return TextNode.valueOf(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode base64Decode(Call call, List<JsonNode> args) {
        String text = requireString(call, args.get(0), "the argument");
        try {
            return TextNode.valueOf(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw call.failure("the argument is not valid Base64: " + e.getMessage());
        }
    }

    private static JsonNode hash(Call call, List<JsonNode> args) {
        String data = requireString(call, args.get(0), "the data");
        String algorithm = requireString(call, args.get(1), "the algorithm");
        if (!HASH_ALGORITHMS.contains(algorithm)) {
            throw call.failure("algorithm '" + algorithm + "' is not one of " + HASH_ALGORITHMS);
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
            return TextNode.valueOf(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            // Every JRE must provide these algorithms, so this is a broken runtime, not bad input.
            throw new IllegalStateException("JRE lacks required digest algorithm " + algorithm, e);
        }
    }

    private static JsonNode jsonMerge(Call call, List<JsonNode> args) {
        ObjectNode left = requireObject(call, args.get(0), "the first argument");
        ObjectNode right = requireObject(call, args.get(1), "the second argument");
        JsonNode deep = args.get(2);
        if (!deep.isBoolean()) {
            throw call.failure("the third argument must be a boolean, got " + deep.getNodeType());
        }
        if (deep.booleanValue()) {
            throw call.failure("deep merging is not supported; pass false for a shallow merge");
        }
        ObjectNode merged = left.deepCopy();
        right.properties().forEach(field -> merged.set(field.getKey(), field.getValue()));
        return merged;
    }

    private static JsonNode mathRandom(Call call, List<JsonNode> args) {
        int start = requireInt(call, args.get(0), "the start");
        int end = requireInt(call, args.get(1), "the end");
        if (end <= start) {
            throw call.failure("the end (" + end + ") must be greater than the start (" + start + ")");
        }
        Random random = args.size() == 3
                ? new Random(requireInt(call, args.get(2), "the seed"))
                : ThreadLocalRandom.current();
        return NODES.numberNode(start + random.nextInt(end - start));
    }

    private static JsonNode mathAdd(Call call, List<JsonNode> args) {
        long a = requireInt(call, args.get(0), "the first argument");
        long b = requireInt(call, args.get(1), "the second argument");
        return numberNode(BigDecimal.valueOf(a + b));
    }

    private static JsonNode stringSplit(Call call, List<JsonNode> args) {
        String text = requireString(call, args.get(0), "the string");
        String delimiters = requireString(call, args.get(1), "the delimiter");
        ArrayNode parts = NODES.arrayNode();
        // Each delimiter character separates, and empty pieces are dropped, as in the AWS examples.
        StringTokenizer tokens = new StringTokenizer(text, delimiters);
        while (tokens.hasMoreTokens()) {
            parts.add(tokens.nextToken());
        }
        return parts;
    }

    private static JsonNode uuid(Call call, List<JsonNode> args) {
        return TextNode.valueOf(UUID.randomUUID().toString());
    }

    // ---------------------------------------------------------------- argument checks

    private static String requireString(Call call, JsonNode value, String what) {
        if (!value.isTextual()) {
            throw call.failure(what + " must be a string, got " + JsonValues.describe(value));
        }
        return value.textValue();
    }

    private static ArrayNode requireArray(Call call, JsonNode value, String what) {
        if (!(value instanceof ArrayNode array)) {
            throw call.failure(what + " must be an array, got " + JsonValues.describe(value));
        }
        return array;
    }

    private static ObjectNode requireObject(Call call, JsonNode value, String what) {
        if (!(value instanceof ObjectNode object)) {
            throw call.failure(what + " must be an object, got " + JsonValues.describe(value));
        }
        return object;
    }

    private static int requireInt(Call call, JsonNode value, String what) {
        if (!value.isNumber()) {
            throw call.failure(what + " must be an integer, got " + JsonValues.describe(value));
        }
        BigDecimal decimal = value.decimalValue();
        try {
            return decimal.intValueExact();
        } catch (ArithmeticException e) {
            throw call.failure(what + " must be an integer in the 32-bit range, got " + decimal.toPlainString());
        }
    }


    private static List<JsonNode> toList(ArrayNode array) {
        List<JsonNode> items = new ArrayList<>(array.size());
        array.forEach(items::add);
        return items;
    }

    static JsonNode numberNode(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            // Integral results become int/long nodes so they equal the same number parsed from JSON text.
            BigInteger integer = stripped.toBigIntegerExact();
            if (integer.bitLength() < 32) {
                return NODES.numberNode(integer.intValue());
            }
            if (integer.bitLength() < 64) {
                return NODES.numberNode(integer.longValue());
            }
            return NODES.numberNode(integer);
        }
        return NODES.numberNode(value);
    }
}
