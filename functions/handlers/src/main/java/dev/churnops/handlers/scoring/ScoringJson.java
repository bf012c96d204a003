package dev.churnops.handlers.scoring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.churnops.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scoring API's Jackson setup and its request-body reader: a streaming factory of its own for
 * request and response bodies, and readers and writers derived from the one {@code ObjectMapper}. Bodies are read with
 * the streaming parser straight into plain maps, lists, strings, numbers and booleans: no data
 * binding, no reflection per request. Duplicate keys are an error (a request that says two things
 * is refused, not half-read), nesting is bounded (a body is at most four levels deep when valid),
 * and a parse error becomes one sentence with its line and column.
 *
 * <p>A body is read twice only when it is invalid. The first reading finds duplicate keys among the
 * members it gathers anyway; Jackson's own detection ({@link StreamReadFeature#STRICT_DUPLICATE_DETECTION})
 * would keep a hash set of every object's keys besides, about a sixth of what a 100-customer
 * request allocated. Any error of the first reading, a duplicate key or anything Jackson refuses,
 * is then described by a second, strict reading, so the message and its line and column are
 * Jackson's, whichever of two errors in one body comes first.
 */
final class ScoringJson {

    /** Deeper than any valid body (root, customers, customer, features, value) with room to spare. */
    static final int MAX_NESTING = 16;

    private static final String REDACTED_SOURCE = "Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); ";

    private static final JsonFactory FACTORY = JsonFactory.builder()
            // Probabilities and contributions are doubles: the fast (Schubfach / FastDoubleParser) paths matter here.
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build();

    /** Reads an invalid body again to describe its first error, duplicate keys included. */
    private static final JsonFactory STRICT = FACTORY.rebuild()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * Reads API Gateway events with the one mapper of ChurnOps ({@link Json#mapper()}); their
     * classes gain fields as AWS adds them, so unknown fields are ignored here.
     */
    static final ObjectReader EVENTS = Json.mapper().readerFor(APIGatewayProxyRequestEvent.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Writes compact JSON (the model card, priming documents) with the same mapper. */
    static final ObjectWriter WRITER = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    private ScoringJson() {
    }

    static JsonFactory factory() {
        return FACTORY;
    }

    /** The body as plain Java values; {@link ApiError} (400) when it is not one JSON value. */
    static Object parse(String body) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            return document(parser);
        } catch (JsonProcessingException | DuplicateKey e) {
            throw strictError(body);
        } catch (IOException e) {
            // Reading from memory does no I/O.
            throw new UncheckedIOException(e);
        }
    }

    /** The error of a body the first reading refused, as the strict reading describes it. */
    private static ApiError strictError(String body) {
        try (JsonParser parser = STRICT.createParser(body)) {
            document(parser);
        } catch (JsonProcessingException e) {
            return ApiError.invalidJson(describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the strict reading accepted a body the first reading refused");
    }

    /** A key seen twice in one object; {@link #strictError} says which and where. */
    private static final class DuplicateKey extends RuntimeException {
        DuplicateKey() {
            super(null, null, false, false);
        }
    }

    /** As {@link #parse(String)}, for a body that arrived base64-encoded. */
    static Object parse(byte[] body) {
        // Decoded strictly as UTF-8 (RFC 8259 requires it): left to itself, Jackson guesses UTF-16
        // or UTF-32 from the first bytes and fails with an I/O error instead of a parse error.
        String text;
        try {
            text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ApiError.invalidJson("the body is not UTF-8 text");
        }
        return parse(text);
    }

    private static Object document(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw ApiError.invalidJson("the body is empty: expected a JSON object with a 'customers' array");
        }
        Object value = new Reader(parser).value(first);
        if (parser.nextToken() != null) {
            throw ApiError.invalidJson("unexpected content after the JSON value at line "
                    + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr());
        }
        return value;
    }

    /**
     * One reading of a body into plain values. The members of an object and the elements of an
     * array are gathered on one stack shared by every level and copied off it at the end of their
     * object or array into an array of exactly their size: no map entry per member, no list that
     * grows by copying. Objects become {@link JsonObject}s, larger ones {@code LinkedHashMap}s;
     * arrays become fixed-size lists.
     */
    private static final class Reader {

        private final JsonParser parser;
        private Object[] stack = new Object[64];
        private int top;

        Reader(JsonParser parser) {
            this.parser = parser;
        }

        Object value(JsonToken token) throws IOException {
            switch (token) {
                case START_OBJECT:
                    return object();
                case START_ARRAY:
                    return array();
                case VALUE_STRING:
                    return parser.getText();
                case VALUE_NUMBER_INT:
                    return parser.getNumberValue();
                case VALUE_NUMBER_FLOAT:
                    return parser.getDoubleValue();
                case VALUE_TRUE:
                    return Boolean.TRUE;
                case VALUE_FALSE:
                    return Boolean.FALSE;
                case VALUE_NULL:
                    return null;
                default:
                    // The parser reports malformed input itself; any other token cannot start a value.
                    throw new IllegalStateException("unexpected JSON token " + token);
            }
        }

        private Map<String, Object> object() throws IOException {
            int start = top;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                for (int i = start; i < top; i += 2) {
                    if (name.equals(stack[i])) {
                        throw new DuplicateKey();
                    }
                }
                // The name goes on first: members of the value, if it is an object, go above it.
                push(name);
                push(value(parser.nextToken()));
                if (top - start > 2 * JsonObject.MAX_MEMBERS) {
                    return large(start);
                }
            }
            JsonObject object = new JsonObject(Arrays.copyOfRange(stack, start, top));
            top = start;
            return object;
        }

        /** The rest of an object grown past {@link JsonObject#MAX_MEMBERS}; its members so far are on the stack from {@code start}. */
        private Map<String, Object> large(int start) throws IOException {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = start; i < top; i += 2) {
                object.put((String) stack[i], stack[i + 1]);
            }
            top = start;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (object.containsKey(name)) {
                    throw new DuplicateKey();
                }
                object.put(name, value(parser.nextToken()));
            }
            return object;
        }

        private List<Object> array() throws IOException {
            int start = top;
            JsonToken next;
            while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                push(value(next));
            }
            List<Object> array = Arrays.asList(Arrays.copyOfRange(stack, start, top));
            top = start;
            return array;
        }

        private void push(Object item) {
            if (top == stack.length) {
                stack = Arrays.copyOf(stack, 2 * stack.length);
            }
            stack[top++] = item;
        }
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            // Jackson raises the same exception for too deep nesting and too long numbers or names.
            return e.getOriginalMessage().toLowerCase(java.util.Locale.ROOT).contains("nesting")
                    ? "the body is nested deeper than " + MAX_NESTING + " levels"
                    : "the body exceeds a parsing limit: " + e.getOriginalMessage();
        }
        var location = e.getLocation();
        // Jackson names the redacted source inside nested locations; it says nothing to a caller.
        String message = e.getOriginalMessage().replace(REDACTED_SOURCE, "");
        return message + (location == null ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")");
    }

    /** How a JSON value is named in an error message: its kind, never its content. */
    static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Map) {
            return "an object";
        }
        return "an array";
    }
}
