package dev.churnops.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/** Shared helpers: JSON from text blocks, one-call runs, and history queries. */
final class AslTestSupport {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private AslTestSupport() {}

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("test JSON does not parse: " + text, e);
        }
    }

    static Execution run(String definition, String input) {
        return run(definition, input, RecordingInvoker.echoing());
    }

    static Execution run(String definition, String input, TaskInvoker invoker) {
        return run(definition, input, invoker, AslOptions.local());
    }

    static Execution run(String definition, String input, TaskInvoker invoker, AslOptions options) {
        return new AslInterpreter(invoker, options).run(json(definition), json(input), "test-execution");
    }

    static List<HistoryEvent> events(Execution execution, String type) {
        return execution.history().stream().filter(e -> e.type().equals(type)).collect(Collectors.toList());
    }

    /** Asserts success and returns the output, showing the failure when there is one. */
    static JsonNode outputOf(Execution execution) {
        if (!execution.succeeded()) {
            throw new AssertionError("expected SUCCEEDED but execution failed with " + execution.error() + ": "
                    + execution.cause());
        }
        return execution.output();
    }
}
