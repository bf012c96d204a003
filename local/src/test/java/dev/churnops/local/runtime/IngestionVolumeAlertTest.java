package dev.churnops.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.events.EventSource;
import dev.churnops.core.json.Json;
import dev.churnops.handlers.Services;
import dev.churnops.local.adapter.LocalServicesFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingestion state machine on a source whose daily volume collapses: the day's orders are all
 * valid, but far fewer than the week before, so the execution alerts with the volume sentence.
 */
class IngestionVolumeAlertTest {

    @TempDir
    Path home;

    @Test
    void aDayWithAFractionOfTheUsualOrdersAlertsOnceWithTheVolumeAndTheMedian() throws IOException {
        Services services = LocalServicesFactory.create(home, Services.Settings.DEFAULTS, Clock.systemUTC(),
                new PrintStream(OutputStream.nullOutputStream()));
        LocalRuntime runtime = new LocalRuntime(home, services, TestFixtures.repositoryRoot().resolve("statemachines"));
        StringBuilder customers = new StringBuilder(EventSource.CUSTOMERS.header()).append('\n');
        for (int c = 0; c < 60; c++) {
            customers.append(String.format("c%03d,2025-03-01T08:00:00Z,DE,organic,none%n", c));
        }
        ingest(runtime, services, "raw/customers/dt=2025-03-01/part-00000.csv", customers.toString());

        JsonNode last = null;
        for (int d = 0; d < 8; d++) {
            LocalDate day = LocalDate.parse("2025-03-02").plusDays(d);
            int orders = d < 7 ? 50 : 5;
            StringBuilder csv = new StringBuilder(EventSource.ORDERS.header()).append('\n');
            for (int o = 0; o < orders; o++) {
                csv.append(String.format("o%d-%d,c%03d,%sT10:00:00Z,1,books,1,10.00,0,false%n", d, o, o, day));
            }
            last = ingest(runtime, services, "raw/orders/dt=" + day + "/part-00000.csv", csv.toString());
            if (d < 7) {
                assertFalse(last.at("/quality/anomaly").asBoolean(), last::toString);
            }
        }

        assertEquals(0, last.path("rowsQuarantined").asInt());
        assertTrue(last.at("/quality/anomaly").asBoolean(), last::toString);
        String message = last.at("/quality/message").asText();
        assertTrue(message.contains("orders on 2025-03-09: 5 rows, below 50% of the median 50"), message);
        String outbox = Files.readString(home.resolve("outbox/notifications.jsonl"));
        assertEquals(1, outbox.lines().filter(l -> l.contains("below 50% of the median")).count(), outbox);
    }

    private static JsonNode ingest(LocalRuntime runtime, Services services, String key, String csv) throws IOException {
        services.blobs().put(key, csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ObjectNode event = (ObjectNode) Json.tree(Files.readAllBytes(
                TestFixtures.repositoryRoot().resolve("events/eventbridge/s3-object-created.json")), "s3 event");
        ((ObjectNode) event.path("detail").path("object")).put("key", key);
        LocalRuntime.Run run = runtime.start("ingestion", event);
        assertTrue(run.execution().succeeded(), () -> run.execution().error() + ": " + run.execution().cause());
        return run.execution().output();
    }
}
