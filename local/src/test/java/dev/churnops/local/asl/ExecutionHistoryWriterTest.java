package dev.churnops.local.asl;

import static dev.churnops.local.asl.AslTestSupport.MAPPER;
import static dev.churnops.local.asl.AslTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionHistoryWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesPrettyJsonWithTheStatusAndEveryEventInOrder() throws IOException {
        Execution execution = run("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "End": true}}}""", "{\"a\": 1}");
        Path file = dir.resolve("runs/history.json");

        ExecutionHistoryWriter.write(execution, file);

        String text = Files.readString(file);
        JsonNode json = MAPPER.readTree(text);
        assertTrue(text.contains("\n  \"status\" : \"SUCCEEDED\""), text);
        assertEquals(execution.executionId(), json.get("executionId").asText());
        List<String> types = StreamSupport.stream(json.get("events").spliterator(), false)
                .map(event -> event.get("type").asText()).collect(Collectors.toList());
        assertEquals(List.of("ExecutionStarted", "StateEntered", "TaskScheduled", "TaskSucceeded", "StateExited",
                "ExecutionSucceeded"), types);
        assertEquals(1, json.get("events").get(0).get("id").asLong());
        assertEquals(json.get("events").get(0).get("input"), MAPPER.readTree("{\"a\": 1}"));
    }

    @Test
    void failedExecutionCarriesErrorAndCauseAndNoOutput() {
        Execution execution = run("""
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "C"}}}""", "{}");

        JsonNode json = ExecutionHistoryWriter.toJson(execution);

        assertEquals("FAILED", json.get("status").asText());
        assertEquals("E", json.get("error").asText());
        assertEquals("C", json.get("cause").asText());
        assertFalse(json.has("output"));
    }
}
