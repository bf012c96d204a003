package dev.churnops.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.churnops.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The shape every step handler shares: read the event as a record, run one use case, write the
 * result as JSON. Parsing errors become {@link InvalidEventException}s that name the field; any
 * other exception propagates so Step Functions sees its type and can retry or catch it.
 */
public abstract class JsonHandler<I, O> implements RequestStreamHandler {

    private static final ObjectMapper EVENTS = Json.mapper().copy()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Class<I> eventType;
    protected final Services services;

    protected JsonHandler(Class<I> eventType, Services services) {
        this.eventType = eventType;
        this.services = services;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        I event = parse(input.readAllBytes());
        O result = handle(event);
        EVENTS.writeValue(output, result);
    }

    protected abstract O handle(I event);

    private I parse(byte[] body) {
        I event;
        try {
            event = EVENTS.readValue(body, eventType);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidEventException(getClass().getSimpleName() + " event: unknown field '" + e.getPropertyName()
                    + "'; expected one of " + e.getKnownPropertyIds());
        } catch (MismatchedInputException e) {
            throw new InvalidEventException(getClass().getSimpleName() + " event: field '" + path(e) + "' "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidEventException(getClass().getSimpleName() + " event: the event is not valid JSON: " + e.getMessage());
        }
        if (event == null) {
            // A JSON null (a Payload path that selected nothing) would otherwise surface as a NullPointerException.
            throw new InvalidEventException(getClass().getSimpleName() + ": the event is null; expected a JSON object");
        }
        return event;
    }

    private static String path(MismatchedInputException e) {
        StringBuilder b = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                b.append('[').append(ref.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    /** Checks that a required event field is present. */
    protected static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidEventException("event field '" + field + "' is required");
        }
        return value;
    }

    /** An event that does not have the shape the handler expects: a permanent error, never retried. */
    public static final class InvalidEventException extends IllegalArgumentException {
        public InvalidEventException(String message) {
            super(message);
        }
    }
}
