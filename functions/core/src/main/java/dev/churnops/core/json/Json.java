package dev.churnops.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * The one Jackson configuration of ChurnOps. Every artifact that may be hashed (model files, model
 * cards, baselines) goes through it, so map keys and properties are written in a stable order and
 * the same object always gives the same bytes; unknown properties fail, so a typo in a
 * hand-edited file is reported instead of ignored.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Json() {
    }

    /** The shared mapper; configure nothing on it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Pretty, key-sorted UTF-8 JSON followed by a newline. */
    public static byte[] write(Object value) {
        try {
            byte[] body = MAPPER.writeValueAsBytes(value);
            byte[] withNewline = new byte[body.length + 1];
            System.arraycopy(body, 0, withNewline, 0, body.length);
            withNewline[body.length] = '\n';
            return withNewline;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Reads {@code bytes} as {@code type}; {@code what} names the document in the error message. */
    public static <T> T read(byte[] bytes, Class<T> type, String what) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new InvalidDocumentException(what + " is not a valid " + type.getSimpleName() + ": " + detail, e);
        }
    }

    /** Reads a JSON tree; {@code what} names the document in the error message. */
    public static JsonNode tree(byte[] bytes, String what) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidDocumentException(what + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Converts a tree or map into {@code type}; {@code what} names the input in the error message. */
    public static <T> T convert(Object value, Class<T> type, String what) {
        try {
            return MAPPER.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            throw new InvalidDocumentException(what + " does not fit " + type.getSimpleName() + ": "
                    + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof JsonProcessingException jpe) {
            return jpe.getOriginalMessage();
        }
        return t.getMessage();
    }

    /** A JSON document that cannot be read as what it should be. */
    public static final class InvalidDocumentException extends RuntimeException {
        public InvalidDocumentException(String message, Throwable cause) {
            super(message, cause);
        }
    }

}
