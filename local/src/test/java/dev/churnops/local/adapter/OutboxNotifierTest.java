package dev.churnops.local.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.Notification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxNotifierTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T06:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path home;

    @Test
    void appendsOneJsonLinePerMessageWithSubjectSeverityAndBodyIncludingNulls() throws IOException {
        Path outbox = home.resolve("outbox/notifications.jsonl");
        OutboxNotifier notifier = new OutboxNotifier(outbox, null, CLOCK);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("severity", "INFO");
        body.put("version", 1);
        body.put("championRocAuc", null);
        body.put("playbook", "Open the report.\nThen decide.");

        String first = notifier.publish(new Notification("ChurnOps: model version 1 Approved", Notification.Severity.INFO,
                body, Map.of("topic", "arn:aws:sns:local:000000000000:churnops-alerts")));
        String second = notifier.publish(new Notification("ChurnOps: input file unusable", Notification.Severity.WARNING,
                Map.of("what", "empty file"), Map.of()));

        List<String> lines = Files.readAllLines(outbox, StandardCharsets.UTF_8);
        assertEquals(2, lines.size(), () -> "lines: " + lines);
        JsonNode one = Json.tree(lines.get(0).getBytes(StandardCharsets.UTF_8), "line 1");
        assertEquals(first, one.get("message_id").asText());
        assertEquals("ChurnOps: model version 1 Approved", one.get("subject").asText());
        assertEquals("INFO", one.get("severity").asText());
        assertEquals("2026-12-01T06:30:00Z", one.get("timestamp").asText());
        assertEquals(1, one.get("message").get("version").asInt());
        assertTrue(one.get("message").has("championRocAuc"), "a null value is kept, not dropped");
        assertTrue(one.get("message").get("championRocAuc").isNull());
        assertEquals("Open the report.\nThen decide.", one.get("message").get("playbook").asText());
        assertEquals("arn:aws:sns:local:000000000000:churnops-alerts", one.get("attributes").get("topic").asText());
        JsonNode two = Json.tree(lines.get(1).getBytes(StandardCharsets.UTF_8), "line 2");
        assertEquals(second, two.get("message_id").asText());
        assertEquals("WARNING", two.get("severity").asText());
        assertNotEquals(first, second);
    }

    @Test
    void printsTheSeverityAndSubjectToTheConsole() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        OutboxNotifier notifier = new OutboxNotifier(home.resolve("outbox/notifications.jsonl"),
                new PrintStream(console, true, StandardCharsets.UTF_8), CLOCK);

        notifier.publish(new Notification("ChurnOps: ingestion failed", Notification.Severity.CRITICAL, Map.of(), Map.of()));

        assertEquals("[CRITICAL] ChurnOps: ingestion failed" + System.lineSeparator(),
                console.toString(StandardCharsets.UTF_8));
    }
}
