package dev.churnops.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.json.Json;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.port.ExperimentTracker;
import dev.churnops.handlers.BuildTrainingSetHandler;
import dev.churnops.handlers.DescribeTrainingHandler;
import dev.churnops.handlers.JsonHandler;
import dev.churnops.handlers.Services;
import dev.churnops.handlers.tracking.MlflowSettings;
import dev.churnops.handlers.tracking.MlflowTracker;
import dev.churnops.local.adapter.LocalServicesFactory;
import dev.churnops.local.asl.Execution;
import dev.churnops.local.runtime.LocalRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training state machine records every run under {@code runs/<model>/<execution>.json}: on its
 * success path, after a caught error, and after a failed training job; and an MLflow server that
 * fails or cannot be reached leaves training succeeded, with the failure in the record.
 */
class RunTrackingTest {

    private static final Services.Settings SETTINGS = new Services.Settings("churn", "e2e-code-1", 0.05);

    @TempDir
    Path home;

    private Services services(ExperimentTracker tracker) {
        return LocalServicesFactory.create(home, SETTINGS, Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()),
                tracker);
    }

    /** Ingests a small table and returns the training input for it. */
    private ObjectNode ingested(Services services, LocalRuntime runtime) {
        String rawKey = BlobLayout.raw("shop", LocalDate.of(2026, 12, 1), "customers.csv");
        services.blobs().put(BlobLayout.datasetConfig("shop"), DatasetSpec.builder().name("shop").idColumn("id")
                .labelColumn("churned").positiveLabel("yes").build().toJson());
        services.blobs().put(rawKey, SmallTable.csv(400, 3).getBytes(StandardCharsets.UTF_8));
        Execution ingestion = runtime.start("ingestion", FaultHandlingTest.s3Event(rawKey)).execution();
        assertTrue(ingestion.succeeded(), () -> ingestion.error() + ": " + ingestion.cause());
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.put("source", "shop");
        input.put("validatedKey", ingestion.output().path("validatedKey").asText());
        input.putObject("hyperparameters").put("algorithms", "logistic_regression");
        return input;
    }

    private JsonNode record(Services services, Execution training) {
        String key = BlobLayout.run("churn", training.name());
        return Json.tree(services.blobs().get(key), key);
    }

    @Test
    void aSucceededRunIsRecordedAndLoggedToMlflowWithItsModelArtifactAndCodeVersion() throws IOException {
        try (MlflowStub mlflow = new MlflowStub(null)) {
            Services services = services(new MlflowTracker(MlflowSettings.builder(mlflow.uri()).build()));
            LocalRuntime runtime = new LocalRuntime(home, services, null);

            Execution training = runtime.start("training", ingested(services, runtime)).execution();

            assertTrue(training.succeeded(), () -> training.error() + ": " + training.cause());
            assertEquals(BlobLayout.run("churn", training.name()), training.output().at("/run/runKey").asText());
            JsonNode run = record(services, training);
            assertEquals("succeeded", run.get("status").asText());
            assertEquals("logged", run.at("/mlflow/status").asText());
            assertEquals("mlflow-run-1", run.at("/mlflow/run_id").asText());
            assertEquals(List.of("GET /api/2.0/mlflow/experiments/get-by-name", "POST /api/2.0/mlflow/experiments/create",
                    "POST /api/2.0/mlflow/runs/create", "POST /api/2.0/mlflow/runs/log-batch", "POST /api/2.0/mlflow/runs/update"),
                    mlflow.requests().stream().map(r -> r.method() + " " + r.path()).toList());
            String tags = mlflow.requests().get(3).body().get("tags").toString();
            assertTrue(tags.contains("{\"key\":\"churnops.model_artifact\",\"value\":\"models/churn/1/model.tar.gz\"}"), tags);
            assertTrue(tags.contains("{\"key\":\"churnops.code_version\",\"value\":\"e2e-code-1\"}"), tags);
            assertEquals(training.name(), mlflow.requests().get(2).body().get("run_name").asText());
        }
    }

    @Test
    void aTrackingServerAnswering500LeavesTrainingSucceededWithTheFailureRecorded() throws IOException {
        try (MlflowStub mlflow = new MlflowStub(500)) {
            Services services = services(new MlflowTracker(MlflowSettings.builder(mlflow.uri()).build()));
            LocalRuntime runtime = new LocalRuntime(home, services, null);

            Execution training = runtime.start("training", ingested(services, runtime)).execution();

            assertTrue(training.succeeded(), () -> training.error() + ": " + training.cause());
            JsonNode run = record(services, training);
            assertEquals("succeeded", run.get("status").asText());
            assertEquals("failed", run.at("/mlflow/status").asText());
            assertEquals("GET /api/2.0/mlflow/experiments/get-by-name answered 500 (INTERNAL_ERROR: stub failure)",
                    run.at("/mlflow/error").asText());
            assertEquals(1, training.output().at("/run/warnings").size(), training.output()::toString);
        }
    }

    @Test
    void anUnreachableTrackingServerLeavesTrainingSucceededWithTheFailureRecorded() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Services services = services(new MlflowTracker(MlflowSettings.builder(URI.create("http://127.0.0.1:" + port)).build()));
        LocalRuntime runtime = new LocalRuntime(home, services, null);

        Execution training = runtime.start("training", ingested(services, runtime)).execution();

        assertTrue(training.succeeded(), () -> training.error() + ": " + training.cause());
        JsonNode run = record(services, training);
        assertEquals("failed", run.at("/mlflow/status").asText());
        assertTrue(run.at("/mlflow/error").asText().contains("could not reach http://127.0.0.1:" + port), run::toString);
    }

    @Test
    void aCaughtErrorIsRecordedAsAFailedRunAndTheExecutionKeepsItsOwnError() {
        Services services = services(ExperimentTracker.NONE);
        LocalRuntime runtime = new LocalRuntime(home, services, null);
        ObjectNode input = ingested(services, runtime);
        runtime.invoker().override("BuildTrainingSetFunction", new Broken(services));

        Execution training = runtime.start("training", input).execution();

        assertEquals(Execution.Status.FAILED, training.status());
        assertEquals(IllegalStateException.class.getName(), training.error());
        JsonNode run = record(services, training);
        assertEquals("failed", run.get("status").asText());
        assertEquals(IllegalStateException.class.getName(), run.at("/error/type").asText());
        assertEquals("disk on fire", run.at("/error/message").asText());
        assertEquals("logistic_regression", run.at("/hyperparameters/given/algorithms").asText());
        assertTrue(run.get("registered").isNull() && run.get("candidates").isEmpty(), run::toString);
        assertEquals("e2e-code-1", run.get("code_version").asText());
    }

    @Test
    void aFailedTrainingJobIsRecordedWithItsReason() {
        Services services = services(ExperimentTracker.NONE);
        LocalRuntime runtime = new LocalRuntime(home, services, null);
        ObjectNode input = ingested(services, runtime);
        runtime.invoker().override("DescribeTrainingFunction", new FailedJob(services));

        Execution training = runtime.start("training", input).execution();

        assertEquals("TrainingJobFailed", training.error());
        JsonNode run = record(services, training);
        assertEquals("failed", run.get("status").asText());
        assertEquals("TrainingJobFailed", run.at("/error/type").asText());
        assertEquals("out of memory", run.at("/error/message").asText());
        assertTrue(run.at("/data/fingerprint").asText().matches("[0-9a-f]{64}"), "the training set was built: " + run);
    }

    /** BuildTrainingSet failing with a permanent error. */
    private static final class Broken extends JsonHandler<BuildTrainingSetHandler.Event, JsonNode> {
        Broken(Services services) {
            super(BuildTrainingSetHandler.Event.class, services);
        }

        @Override
        protected JsonNode handle(BuildTrainingSetHandler.Event event) {
            throw new IllegalStateException("disk on fire");
        }
    }

    /** DescribeTraining reporting the job as failed, as SageMaker does after an out-of-memory. */
    private static final class FailedJob extends JsonHandler<DescribeTrainingHandler.Event, JsonNode> {
        FailedJob(Services services) {
            super(DescribeTrainingHandler.Event.class, services);
        }

        @Override
        protected JsonNode handle(DescribeTrainingHandler.Event event) {
            ObjectNode status = JsonNodeFactory.instance.objectNode();
            status.put("jobName", event.jobName());
            status.put("status", "Failed");
            status.putNull("modelArtifactKey");
            status.put("failureReason", "out of memory");
            status.putObject("finalMetrics");
            return status;
        }
    }
}
