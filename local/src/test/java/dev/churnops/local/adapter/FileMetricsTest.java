package dev.churnops.local.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMetricsTest {

    @TempDir
    Path home;

    @Test
    void appendsOneJsonLinePerDataPoint() throws IOException {
        Path file = home.resolve("metrics/metrics.jsonl");
        FileMetrics metrics = new FileMetrics(file, Clock.fixed(Instant.parse("2026-12-01T06:30:00Z"), ZoneOffset.UTC));

        metrics.put("RowsIn", 300, "Count", Map.of("Source", "customers"));
        metrics.put("QuarantineRate", 0.01, "None", Map.of("Source", "customers"));
        metrics.put("ModelRocAuc", 0.84, "None", Map.of());

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(3, lines.size(), () -> "lines: " + lines);
        JsonNode first = Json.tree(lines.get(0).getBytes(StandardCharsets.UTF_8), "line 1");
        assertEquals("RowsIn", first.get("name").asText());
        assertEquals(300.0, first.get("value").asDouble());
        assertEquals("Count", first.get("unit").asText());
        assertEquals("customers", first.get("dimensions").get("Source").asText());
        assertEquals("2026-12-01T06:30:00Z", first.get("timestamp").asText());
        JsonNode second = Json.tree(lines.get(1).getBytes(StandardCharsets.UTF_8), "line 2");
        assertEquals(0.01, second.get("value").asDouble());
        JsonNode third = Json.tree(lines.get(2).getBytes(StandardCharsets.UTF_8), "line 3");
        assertEquals(0, third.get("dimensions").size());
    }
}
