package dev.churnops.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.json.Json;
import dev.churnops.handlers.Handlers;
import dev.churnops.handlers.Services;
import dev.churnops.local.adapter.LocalServicesFactory;
import dev.churnops.local.asl.HistoryEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real state machines locally (ingestion started by the sample S3 event, then training and
 * batch scoring of what it validated, a day's feature materialization, and monitoring of the validated table) and checks that every payload a Task state sends has the
 * fields (and field types) of the sample under {@code events/stepfunctions/}: the samples are what
 * the functions really receive.
 */
class SampleEventsMatchStateMachinesTest {

    @TempDir
    Path home;

    private static JsonNode read(Path file) throws IOException {
        return Json.tree(Files.readAllBytes(file), file.toString());
    }

    @Test
    void everyTaskPayloadHasTheShapeOfItsSampleEvent() throws IOException {
        Path repo = TestFixtures.repositoryRoot();
        JsonNode s3Event = read(repo.resolve("events/eventbridge/s3-object-created.json"));
        Services services = LocalServicesFactory.create(home, Services.Settings.DEFAULTS, Clock.systemUTC(), null);
        services.blobs().put("config/datasets/customers.json", TestFixtures.utf8(TestFixtures.SPEC));
        services.blobs().put(s3Event.at("/detail/object/key").asText(), TestFixtures.utf8(TestFixtures.customers(300, 5)));
        LocalRuntime runtime = new LocalRuntime(home, services, repo.resolve("statemachines"));

        LocalRuntime.Run ingestion = runtime.start("ingestion", s3Event);
        assertTrue(ingestion.execution().succeeded(), () -> ingestion.execution().error() + ": " + ingestion.execution().cause());
        JsonNode ingested = ingestion.execution().output();
        ObjectNode trainingInput = JsonNodeFactory.instance.objectNode();
        trainingInput.put("validatedKey", ingested.get("validatedKey").asText());
        trainingInput.putObject("hyperparameters").put("algorithms", "logistic_regression");
        ObjectNode rows = trainingInput.putObject("ingestion");
        rows.set("rowsIn", ingested.get("rowsIn"));
        rows.set("rowsValid", ingested.get("rowsValid"));
        rows.set("rowsQuarantined", ingested.get("rowsQuarantined"));
        LocalRuntime.Run training = runtime.start("training", trainingInput);
        assertTrue(training.execution().succeeded(), () -> training.execution().error() + ": " + training.execution().cause());
        ObjectNode scoringInput = JsonNodeFactory.instance.objectNode();
        scoringInput.put("validatedKey", ingested.get("validatedKey").asText());
        scoringInput.put("partitionRows", 100);
        LocalRuntime.Run scoring = runtime.start("batch-scoring", scoringInput);
        assertTrue(scoring.execution().succeeded(), () -> scoring.execution().error() + ": " + scoring.execution().cause());

        ObjectNode materializationInput = JsonNodeFactory.instance.objectNode().put("date", "2026-11-30");
        LocalRuntime.Run materialization = runtime.start("feature-materialization", materializationInput);
        assertTrue(materialization.execution().succeeded(),
                () -> materialization.execution().error() + ": " + materialization.execution().cause());

        // The validated table, labels included, as the current data: every check has something to judge.
        ObjectNode monitoringInput = JsonNodeFactory.instance.objectNode();
        monitoringInput.put("currentKey", ingested.get("validatedKey").asText());
        LocalRuntime.Run monitoring = runtime.start("monitoring", monitoringInput);
        assertTrue(monitoring.execution().succeeded(),
                () -> monitoring.execution().error() + ": " + monitoring.execution().cause());

        Map<String, JsonNode> payloads = new TreeMap<>();
        for (LocalRuntime.Run run : new LocalRuntime.Run[] {ingestion, training, scoring, materialization, monitoring}) {
            for (HistoryEvent event : run.execution().history()) {
                if (event.type().equals(HistoryEvent.TASK_SCHEDULED) && event.input().has("Payload")) {
                    String arn = event.input().get("FunctionName").asText();
                    payloads.put(arn.substring(arn.lastIndexOf(':') + 1), event.input().get("Payload"));
                }
            }
        }
        assertEquals(new TreeSet<>(Handlers.all().keySet()), payloads.keySet());
        for (Map.Entry<String, JsonNode> sent : payloads.entrySet()) {
            JsonNode sample = read(repo.resolve("events/stepfunctions/" + sent.getKey() + ".json"));
            assertSameShape(sent.getKey(), sample, sent.getValue());
        }
        JsonNode validate = payloads.get("ValidateDataFunction");
        assertEquals(s3Event.at("/detail/bucket/name"), validate.get("bucket"));
        assertEquals(s3Event.at("/detail/object/key"), validate.get("key"));
        assertEquals(ingestion.execution().name(), validate.get("executionId").asText());
    }

    /** The same field names; where both values are present, the same JSON type. */
    private static void assertSameShape(String function, JsonNode sample, JsonNode sent) {
        TreeSet<String> sampleFields = new TreeSet<>();
        sample.fieldNames().forEachRemaining(sampleFields::add);
        TreeSet<String> sentFields = new TreeSet<>();
        sent.fieldNames().forEachRemaining(sentFields::add);
        assertEquals(sentFields, sampleFields, function + ".json fields");
        for (String field : sentFields) {
            JsonNode a = sample.get(field);
            JsonNode b = sent.get(field);
            if (!a.isNull() && !b.isNull()) {
                assertEquals(b.getNodeType(), a.getNodeType(), function + ".json field '" + field + "'");
            }
        }
    }
}
