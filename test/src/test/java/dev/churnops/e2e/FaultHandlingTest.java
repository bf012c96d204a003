package dev.churnops.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.json.Json;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.port.TransientFailure;
import dev.churnops.handlers.BuildTrainingSetHandler;
import dev.churnops.handlers.JsonHandler;
import dev.churnops.handlers.Services;
import dev.churnops.handlers.ValidateDataHandler;
import dev.churnops.local.adapter.LocalServicesFactory;
import dev.churnops.local.asl.Execution;
import dev.churnops.local.asl.HistoryEvent;
import dev.churnops.local.runtime.LocalRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state machines' error paths, driven through the real definitions: a transient error is
 * retried as the Retry block says and the run succeeds; a permanent error is caught, alerts
 * through the notifier, and leaves the raw input untouched.
 */
class FaultHandlingTest {

    @TempDir
    Path home;

    private Services services;
    private LocalRuntime runtime;
    private String rawKey;
    private byte[] raw;

    @BeforeEach
    void setUp() {
        services = LocalServicesFactory.create(home, Services.Settings.DEFAULTS, Clock.systemUTC(),
                new PrintStream(OutputStream.nullOutputStream()));
        runtime = new LocalRuntime(home, services, null);
        raw = SmallTable.csv(400, 3).getBytes(StandardCharsets.UTF_8);
        rawKey = BlobLayout.raw("shop", LocalDate.of(2026, 12, 1), "customers.csv");
        services.blobs().put(BlobLayout.datasetConfig("shop"), DatasetSpec.builder().name("shop").idColumn("id")
                .labelColumn("churned").positiveLabel("yes").build().toJson());
        services.blobs().put(rawKey, raw);
    }

    @Test
    void retriesTransientValidationErrorsThenSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        ValidateDataHandler real = new ValidateDataHandler(services);
        runtime.invoker().override("ValidateDataFunction", new Flaky(services, real, calls, 2));

        Execution run = runtime.start("ingestion", s3Event(rawKey)).execution();

        assertTrue(run.succeeded(), () -> run.error() + ": " + run.cause());
        assertEquals(3, calls.get(), "two transient failures, then success");
        long retries = run.history().stream().filter(e -> e.type().equals("TaskFailed")
                && "ValidateData".equals(e.stateName())).count();
        assertEquals(2, retries);
        assertEquals(400, run.output().path("rowsIn").asInt());
    }

    @Test
    void givesUpAfterMaxAttemptsAndAlerts() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        runtime.invoker().override("ValidateDataFunction", new Flaky(services, new ValidateDataHandler(services), calls, 100));

        Execution run = runtime.start("ingestion", s3Event(rawKey)).execution();

        assertEquals(Execution.Status.FAILED, run.status());
        assertEquals(TransientFailure.class.getName(), run.error());
        assertEquals(5, calls.get(), "MaxAttempts 4 means one call and four retries");
        assertTrue(outbox().contains("CRITICAL"), outbox());
        assertArrayEquals(raw, services.blobs().get(rawKey));
    }

    @Test
    void permanentErrorIsCaughtAlertedAndLeavesRawDataUntouched() throws IOException {
        Execution ingestion = runtime.start("ingestion", s3Event(rawKey)).execution();
        assertTrue(ingestion.succeeded(), () -> ingestion.error() + ": " + ingestion.cause());
        AtomicInteger calls = new AtomicInteger();
        runtime.invoker().override("BuildTrainingSetFunction", new Broken(services, calls));

        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.put("source", "shop");
        input.put("validatedKey", ingestion.output().path("validatedKey").asText());
        Execution training = runtime.start("training", input).execution();

        assertEquals(Execution.Status.FAILED, training.status());
        assertEquals(IllegalStateException.class.getName(), training.error());
        assertEquals(1, calls.get(), "a permanent error is not retried");
        List<String> visited = training.history().stream().map(HistoryEvent::stateName).distinct().toList();
        assertTrue(visited.contains("NotifyFailure"), visited::toString);
        String outbox = outbox();
        assertTrue(outbox.contains("training pipeline failed") && outbox.contains("CRITICAL"), outbox);
        assertTrue(outbox.contains("disk on fire"), "the alert carries the cause");
        assertArrayEquals(raw, services.blobs().get(rawKey));
        assertTrue(services.registry().versions("churn").isEmpty());
    }

    @Test
    void unusableFileFailsWithDataUnusableAndAWarning() throws IOException {
        services.blobs().put(rawKey, "id,churned\n1,yes\n2,yes\n".getBytes(StandardCharsets.UTF_8));

        Execution run = runtime.start("ingestion", s3Event(rawKey)).execution();

        assertEquals("DataUnusable", run.error());
        assertTrue(run.cause().contains("single class"), run.cause());
        assertTrue(outbox().contains("input file unusable"), outbox());
    }

    private String outbox() throws IOException {
        Path file = home.resolve("outbox/notifications.jsonl");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    static JsonNode s3Event(String key) {
        try {
            JsonNode event = Json.tree(Files.readAllBytes(SharedData.repoRoot().resolve("events/eventbridge/s3-object-created.json")),
                    "sample event");
            ((ObjectNode) event.path("detail").path("object")).put("key", key);
            return event;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Fails with a transient error the first {@code failures} times, then delegates. */
    private static final class Flaky extends JsonHandler<JsonNode, JsonNode> {
        private final ValidateDataHandler real;
        private final AtomicInteger calls;
        private final int failures;

        Flaky(Services services, ValidateDataHandler real, AtomicInteger calls, int failures) {
            super(JsonNode.class, services);
            this.real = real;
            this.calls = calls;
            this.failures = failures;
        }

        @Override
        protected JsonNode handle(JsonNode event) {
            if (calls.incrementAndGet() <= failures) {
                throw new TransientFailure("throttled");
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try {
                real.handleRequest(new java.io.ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)), out, null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Json.tree(out.toByteArray(), "result");
        }
    }

    /** Always fails with a permanent error. */
    private static final class Broken extends JsonHandler<BuildTrainingSetHandler.Event, JsonNode> {
        private final AtomicInteger calls;

        Broken(Services services, AtomicInteger calls) {
            super(BuildTrainingSetHandler.Event.class, services);
            this.calls = calls;
        }

        @Override
        protected JsonNode handle(BuildTrainingSetHandler.Event event) {
            calls.incrementAndGet();
            throw new IllegalStateException("disk on fire");
        }
    }
}
