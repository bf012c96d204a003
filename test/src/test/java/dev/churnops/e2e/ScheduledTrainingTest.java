package dev.churnops.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.json.Json;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.handlers.Services;
import dev.churnops.local.adapter.LocalServicesFactory;
import dev.churnops.local.asl.Execution;
import dev.churnops.local.runtime.LocalRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training state machine started as an EventBridge schedule starts it: with the scheduled
 * event as input, which must not be mistaken for overrides, so the run trains on the newest
 * validated data of the default source.
 */
class ScheduledTrainingTest {

    @TempDir
    Path home;

    @Test
    void scheduledEventTrainsOnTheNewestValidatedDataOfTheDefaultSource() throws IOException {
        Services services = LocalServicesFactory.create(home, Services.Settings.DEFAULTS, Clock.systemUTC(),
                new PrintStream(OutputStream.nullOutputStream()));
        LocalRuntime runtime = new LocalRuntime(home, services, null);
        String rawKey = BlobLayout.raw("customers", LocalDate.of(2026, 12, 1), "customers.csv");
        services.blobs().put(BlobLayout.datasetConfig("customers"), DatasetSpec.builder().name("customers").idColumn("id")
                .labelColumn("churned").positiveLabel("yes").build().toJson());
        services.blobs().put(rawKey, SmallTable.csv(400, 11).getBytes(StandardCharsets.UTF_8));
        Execution ingestion = runtime.start("ingestion", FaultHandlingTest.s3Event(rawKey)).execution();
        assertTrue(ingestion.succeeded(), () -> ingestion.error() + ": " + ingestion.cause());

        JsonNode schedule = Json.tree(Files.readAllBytes(SharedData.repoRoot().resolve("events/eventbridge/scheduled-training.json")),
                "scheduled event");
        Execution training = runtime.start("training", schedule).execution();

        assertTrue(training.succeeded(), () -> training.error() + ": " + training.cause());
        assertEquals(ingestion.output().path("validatedKey").asText(), training.output().at("/trainingSet/validatedKey").asText());
        assertEquals(1, training.output().at("/registration/version").asInt());
    }
}
