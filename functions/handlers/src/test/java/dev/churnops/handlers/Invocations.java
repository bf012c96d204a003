package dev.churnops.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Calls a handler through its real {@code handleRequest}, as the Lambda runtime does. */
final class Invocations {

    private Invocations() {
    }

    static JsonNode invoke(JsonHandler<?, ?> handler, String event) {
        return invoke(handler, event.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode invoke(JsonHandler<?, ?> handler, byte[] event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Json.tree(out.toByteArray(), handler.getClass().getSimpleName() + " result");
    }
}
