package dev.churnops.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.TreeSet;

/**
 * The one Jackson configuration of ChurnOps. Every artifact that may be hashed (model files, model
 * cards, baselines) and every hand-edited file (dataset specs, expectation suites) goes through it:
 * properties and map keys are written in a stable order, so the same object always gives the same
 * bytes; unknown fields and trailing content fail, so a typo is reported instead of ignored; and a
 * reading error becomes one sentence naming the document, the field path and the problem.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /** The shared mapper; configure nothing on it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Builds and caches the mapper's deserializers for {@code types} (and every type they contain)
     * without reading anything: the first real read of such a document then skips Jackson's
     * reflection over their classes, the largest part of a cold read. Safe from any thread.
     */
    public static void prefetch(Class<?>... types) {
        for (Class<?> type : types) {
            // A reader for a type builds its root deserializer at once (EAGER_DESERIALIZER_FETCH, on
            // by default), and the mapper's deserializer cache keeps it for every later read.
            MAPPER.readerFor(type);
        }
    }

    /** Pretty, key-sorted UTF-8 JSON followed by a newline, as an editor would save it. */
    public static byte[] write(Object value) {
        try {
            byte[] body = MAPPER.writeValueAsBytes(value);
            byte[] withNewline = new byte[body.length + 1];
            System.arraycopy(body, 0, withNewline, 0, body.length);
            withNewline[body.length] = '\n';
            return withNewline;
        } catch (JsonProcessingException e) {
            // Only our own records are written; failing here is a programming error, not bad input.
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Reads {@code bytes} as {@code type}; {@code what} names the document in the error message. */
    public static <T> T read(byte[] bytes, Class<T> type, String what) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidDocumentException("The " + what + " is empty: expected a JSON object.", null);
        }
        try {
            T value = MAPPER.readValue(bytes, type);
            if (value == null) {
                throw new InvalidDocumentException("The " + what + " is JSON null: expected a JSON object.", null);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new InvalidDocumentException(describe(e, what), e);
        } catch (IOException e) {
            // Reading from a byte array does no I/O; keep the cause visible if it ever happens.
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a JSON tree; {@code what} names the document in the error message. */
    public static JsonNode tree(byte[] bytes, String what) {
        try {
            return MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new InvalidDocumentException(describe(e, what), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Converts a tree or map into {@code type}; {@code what} names the input in the error message. */
    public static <T> T convert(Object value, Class<T> type, String what) {
        try {
            return MAPPER.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            Throwable cause = e.getCause();
            String message = cause instanceof JsonProcessingException jpe ? describe(jpe, what)
                    : "The " + what + " does not fit " + type.getSimpleName() + ": " + e.getMessage();
            throw new InvalidDocumentException(message, e);
        }
    }

    static String describe(JsonProcessingException e, String what) {
        String path = e instanceof JsonMappingException m ? path(m) : "";
        String where = path.isEmpty() ? "" : " at '" + path + "'";
        if (e instanceof UnrecognizedPropertyException u) {
            return "The " + what + " has an unknown field '" + u.getPropertyName() + "'" + where
                    + ": known fields there are " + String.join(", ", knownFields(u)) + ".";
        }
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        if (cause != null) {
            return "The " + what + " is invalid" + where + ": " + cause.getMessage();
        }
        String location = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return "The " + what + " is not valid" + where + location + ": " + e.getOriginalMessage();
    }

    private static TreeSet<String> knownFields(UnrecognizedPropertyException u) {
        TreeSet<String> names = new TreeSet<>();
        if (u.getKnownPropertyIds() != null) {
            u.getKnownPropertyIds().forEach(id -> names.add(String.valueOf(id)));
        }
        return names;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** A JSON document that cannot be read as what it should be: bad input, never retried. */
    public static final class InvalidDocumentException extends IllegalArgumentException {
        public InvalidDocumentException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
