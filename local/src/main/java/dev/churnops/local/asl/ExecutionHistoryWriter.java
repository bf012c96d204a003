package dev.churnops.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
  * Writes an {@link Execution} to a pretty-printed JSON file: its id, name, status, output or error
  * and cause, and the {@code events} array of its history, so a local run leaves the same kind of
  * record a developer would inspect in the Step Functions console. Null fields are left out.
  */
public final class ExecutionHistoryWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExecutionHistoryWriter() {}

    /**
      * Writes the execution to {@code file}, creating parent directories and replacing an existing file.
      *
      * @throws UncheckedIOException when the file cannot be written
      */
    public static void write(Execution execution, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            MAPPER.writeValue(file.toFile(), toJson(execution));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the execution history of " + execution.executionId()
                    + " to " + file, e);
        }
    }

    /** The JSON document {@link #write} produces. */
    public static ObjectNode toJson(Execution execution) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("executionId", execution.executionId());
        json.put("name", execution.name());
        json.put("status", execution.status().name());
        putIfPresent(json, "output", execution.output());
        putIfPresent(json, "error", execution.error());
        putIfPresent(json, "cause", execution.cause());
        ArrayNode events = json.putArray("events");
        for (HistoryEvent event : execution.history()) {
            ObjectNode entry = events.addObject();
            entry.put("id", event.id());
            entry.put("type", event.type());
            putIfPresent(entry, "stateName", event.stateName());
            entry.put("timestamp", event.timestamp().toString());
            putIfPresent(entry, "input", event.input());
            putIfPresent(entry, "output", event.output());
            putIfPresent(entry, "error", event.error());
            putIfPresent(entry, "cause", event.cause());
        }
        return json;
    }

    private static void putIfPresent(ObjectNode json, String field, JsonNode value) {
        if (value != null) {
            json.set(field, value);
        }
    }

    private static void putIfPresent(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
