package dev.churnops.handlers.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import dev.churnops.core.tracking.RunRecord;
import dev.churnops.core.tracking.TrackingResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * MlflowTracker against an in-process stub of the tracking server: the exact requests, in order, with
 * the bodies the MLflow REST API 2.0 reference describes; and every way the server can fail, each of
 * which comes back as a failed result instead of an exception.
 */
class MlflowTrackerTest {

    private static JsonNode json(String text) {
        return Json.tree(text.getBytes(StandardCharsets.UTF_8), "expected body");
    }

    private static TrackingResult log(StubMlflowServer server, RunRecord run) {
        return log(MlflowSettings.builder(server.uri()).build(), run);
    }

    private static TrackingResult log(MlflowSettings settings, RunRecord run) {
        return new MlflowTracker(settings).log(run).orElseThrow();
    }

    @Test
    void logsARunThroughTheDocumentedSequenceOfRequestsCreatingTheExperimentFirst() throws IOException {
        try (StubMlflowServer server = StubMlflowServer.newExperiment()) {
            TrackingResult result = log(server, TrackedRuns.succeeded());

            assertEquals(TrackingResult.logged(server.uri().toString(), "7", "r-1"), result);
            List<StubMlflowServer.Request> requests = server.requests();
            assertEquals(List.of("GET /api/2.0/mlflow/experiments/get-by-name", "POST /api/2.0/mlflow/experiments/create",
                    "POST /api/2.0/mlflow/runs/create", "POST /api/2.0/mlflow/runs/log-batch",
                    "POST /api/2.0/mlflow/runs/update"), server.lines());
            assertEquals("experiment_name=churnops-churn", requests.get(0).query());
            assertNull(requests.get(0).body());
            assertEquals(json("{\"name\": \"churnops-churn\"}"), requests.get(1).body());
            assertEquals(json("""
                    {"experiment_id": "7", "run_name": "training-1", "start_time": 1796106600000,
                     "tags": [{"key": "churnops.run_id", "value": "training-1"},
                              {"key": "churnops.model_name", "value": "churn"},
                              {"key": "churnops.trigger", "value": "manual"},
                              {"key": "mlflow.source.name", "value": "statemachines/training.asl.json"},
                              {"key": "mlflow.source.type", "value": "JOB"}]}
                    """), requests.get(2).body());
            assertEquals(json("""
                    {"run_id": "r-1",
                     "metrics": [
                       {"key": "duration_seconds", "value": 90.5, "timestamp": 1796106690500, "step": 0},
                       {"key": "test_f1", "value": 0.669, "timestamp": 1796106690500, "step": 0},
                       {"key": "test_roc_auc", "value": 0.8167, "timestamp": 1796106690500, "step": 0},
                       {"key": "train_seconds.logistic_regression", "value": 0.64, "timestamp": 1796106690500, "step": 0},
                       {"key": "train_seconds.random_forest", "value": 3.91, "timestamp": 1796106690500, "step": 0},
                       {"key": "validation_roc_auc", "value": 0.8537, "timestamp": 1796106690500, "step": 0},
                       {"key": "validation_roc_auc.logistic_regression", "value": 0.8412, "timestamp": 1796106690500, "step": 0},
                       {"key": "validation_roc_auc.random_forest", "value": 0.8537, "timestamp": 1796106690500, "step": 0}],
                     "params": [
                       {"key": "algorithms", "value": "logistic_regression,random_forest"},
                       {"key": "objective", "value": "max-f1"},
                       {"key": "random_forest.trees", "value": "200"},
                       {"key": "seed", "value": "42"},
                       {"key": "source", "value": "customers"},
                       {"key": "split_seed", "value": "42"}],
                     "tags": [
                       {"key": "churnops.algorithm", "value": "random_forest"},
                       {"key": "churnops.code_version", "value": "git-abc123"},
                       {"key": "churnops.data_fingerprint", "value": "%s"},
                       {"key": "churnops.gate", "value": "approved"},
                       {"key": "churnops.model_artifact", "value": "models/churn/1/model.tar.gz"},
                       {"key": "churnops.model_sha256", "value": "%s"},
                       {"key": "churnops.model_version", "value": "1"},
                       {"key": "churnops.report", "value": "reports/training-1/index.html"},
                       {"key": "churnops.run_document", "value": "runs/churn/training-1.json"},
                       {"key": "churnops.status", "value": "succeeded"}]}
                    """.formatted(TrackedRuns.FINGERPRINT, TrackedRuns.SHA)), requests.get(3).body());
            assertEquals(json("{\"run_id\": \"r-1\", \"status\": \"FINISHED\", \"end_time\": 1796106690500}"),
                    requests.get(4).body());
            for (StubMlflowServer.Request r : requests.subList(1, requests.size())) {
                assertEquals("application/json", r.contentType(), r.line());
            }
            assertTrue(requests.stream().allMatch(r -> r.authorization() == null), "no token, no Authorization header");
        }
    }

    @Test
    void usesAnExistingExperimentWithoutCreatingIt() throws IOException {
        try (StubMlflowServer server = StubMlflowServer.start(r -> r.line().endsWith("get-by-name")
                ? new StubMlflowServer.Answer(200, "{\"experiment\": {\"experiment_id\": \"3\", \"name\": \"churnops-churn\","
                + " \"lifecycle_stage\": \"active\"}}")
                : StubMlflowServer.mlflow(r))) {
            TrackingResult result = log(server, TrackedRuns.succeeded());

            assertEquals("3", result.experimentId());
            assertEquals(List.of("GET /api/2.0/mlflow/experiments/get-by-name", "POST /api/2.0/mlflow/runs/create",
                    "POST /api/2.0/mlflow/runs/log-batch", "POST /api/2.0/mlflow/runs/update"), server.lines());
            assertEquals("3", server.requests().get(1).body().get("experiment_id").asText());
        }
    }

    @Test
    void marksAFailedRunFailedWithItsErrorAsATag() throws IOException {
        try (StubMlflowServer server = StubMlflowServer.newExperiment()) {
            log(server, TrackedRuns.failed());

            List<StubMlflowServer.Request> requests = server.requests();
            JsonNode tags = requests.get(3).body().get("tags");
            assertTrue(tags.toString().contains("{\"key\":\"churnops.error\",\"value\":\"java.lang.IllegalStateException: disk on fire\"}"),
                    tags::toString);
            assertTrue(tags.toString().contains("{\"key\":\"churnops.status\",\"value\":\"failed\"}"), tags::toString);
            assertEquals("FAILED", requests.get(4).body().get("status").asText());
        }
    }

    @Test
    void sendsTheBearerTokenOnEveryRequestAndNowhereElse() throws IOException {
        try (StubMlflowServer server = StubMlflowServer.newExperiment()) {
            MlflowSettings settings = MlflowSettings.builder(server.uri()).token("s3cr3t-t0ken").build();

            TrackingResult result = log(settings, TrackedRuns.succeeded());

            assertEquals(5, server.requests().size());
            assertTrue(server.requests().stream().allMatch(r -> "Bearer s3cr3t-t0ken".equals(r.authorization())),
                    server.requests()::toString);
            assertFalse(result.toString().contains("s3cr3t"), result::toString);
            assertFalse(settings.toString().contains("s3cr3t"), settings::toString);
        }
    }

    @Test
    void aServerErrorEndsTheAttemptAndComesBackAsAFailedResultSayingWhichRequest() throws IOException {
        try (StubMlflowServer server = StubMlflowServer.start(r -> r.line().endsWith("runs/create")
                ? new StubMlflowServer.Answer(500, "{\"error_code\": \"INTERNAL_ERROR\", \"message\": \"database is locked\"}")
                : StubMlflowServer.mlflow(r))) {
            TrackingResult result = log(server, TrackedRuns.succeeded());

            assertEquals(TrackingResult.failed(server.uri().toString(), "7", null,
                    "POST /api/2.0/mlflow/runs/create answered 500 (INTERNAL_ERROR: database is locked)"), result);
            assertEquals(3, server.requests().size(), "nothing is sent after the failure: " + server.lines());
        }
    }

    @Test
    void aNonJsonErrorPageIsQuotedShortly() throws IOException {
        String page = "<html><body>" + "Bad gateway ".repeat(100) + "</body></html>";
        try (StubMlflowServer server = StubMlflowServer.start(r -> new StubMlflowServer.Answer(502, page))) {
            TrackingResult result = log(server, TrackedRuns.succeeded());

            assertEquals("failed", result.status());
            assertTrue(result.error().startsWith("GET /api/2.0/mlflow/experiments/get-by-name answered 502 (<html><body>Bad gateway"),
                    result::error);
            assertTrue(result.error().length() < 300, result::error);
        }
    }

    @Test
    void anUnreachableServerComesBackAsAFailedResult() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        MlflowSettings settings = MlflowSettings.builder(URI.create("http://127.0.0.1:" + port)).build();

        TrackingResult result = log(settings, TrackedRuns.succeeded());

        assertEquals("failed", result.status());
        assertNull(result.experimentId());
        assertTrue(result.error().startsWith("GET /api/2.0/mlflow/experiments/get-by-name could not reach http://127.0.0.1:"
                + port + ": "), result::error);
    }

    @Test
    void aServerThatDoesNotAnswerInTimeComesBackAsAFailedResult() throws IOException, InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        try (StubMlflowServer server = StubMlflowServer.start(r -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return StubMlflowServer.mlflow(r);
        })) {
            MlflowSettings settings = MlflowSettings.builder(server.uri()).requestTimeout(Duration.ofMillis(300)).build();

            TrackingResult result = log(settings, TrackedRuns.succeeded());

            release.countDown();
            assertEquals("failed", result.status());
            assertTrue(result.error().contains("HttpTimeoutException"), result::error);
        }
    }

    @Test
    void findsAnExperimentAnotherRunCreatedInTheMeantime() throws IOException {
        int[] lookups = {0};
        try (StubMlflowServer server = StubMlflowServer.start(r -> switch (r.line()) {
            case "GET /api/2.0/mlflow/experiments/get-by-name" -> ++lookups[0] == 1 ? StubMlflowServer.mlflow(r)
                    : new StubMlflowServer.Answer(200, "{\"experiment\": {\"experiment_id\": \"9\", \"lifecycle_stage\": \"active\"}}");
            case "POST /api/2.0/mlflow/experiments/create" -> new StubMlflowServer.Answer(400,
                    "{\"error_code\": \"RESOURCE_ALREADY_EXISTS\", \"message\": \"Experiment 'churnops-churn' already exists.\"}");
            default -> StubMlflowServer.mlflow(r);
        })) {
            TrackingResult result = log(server, TrackedRuns.succeeded());

            assertEquals(TrackingResult.logged(server.uri().toString(), "9", "r-1"), result);
            assertEquals(List.of("GET /api/2.0/mlflow/experiments/get-by-name", "POST /api/2.0/mlflow/experiments/create",
                    "GET /api/2.0/mlflow/experiments/get-by-name", "POST /api/2.0/mlflow/runs/create",
                    "POST /api/2.0/mlflow/runs/log-batch", "POST /api/2.0/mlflow/runs/update"), server.lines());
        }
    }

    @Test
    void refusesToLogIntoADeletedExperiment() throws IOException {
        try (StubMlflowServer server = StubMlflowServer.start(r -> new StubMlflowServer.Answer(200,
                "{\"experiment\": {\"experiment_id\": \"4\", \"lifecycle_stage\": \"deleted\"}}"))) {
            TrackingResult result = log(server, TrackedRuns.succeeded());

            assertEquals("failed", result.status());
            assertTrue(result.error().contains("experiment 'churnops-churn' is deleted"), result::error);
            assertEquals(1, server.requests().size());
        }
    }

    @Test
    void logsToTheConfiguredExperiment() throws IOException {
        try (StubMlflowServer server = StubMlflowServer.newExperiment()) {
            log(MlflowSettings.builder(server.uri()).experimentName("team churn/models").build(), TrackedRuns.succeeded());

            assertEquals("experiment_name=team+churn%2Fmodels", server.requests().get(0).query());
            assertEquals("team churn/models", server.requests().get(1).body().get("name").asText());
        }
    }

    @Test
    void splitsALargeRunIntoLogBatchesWithinMlflowsLimits() throws IOException {
        Map<String, String> resolved = new TreeMap<>();
        for (int i = 0; i < 150; i++) {
            resolved.put(String.format("p.%03d", i), "v" + i);
        }
        resolved.put("long", "x".repeat(800));
        try (StubMlflowServer server = StubMlflowServer.newExperiment()) {
            TrackingResult result = log(server, TrackedRuns.withResolved(resolved));

            assertTrue(result.succeeded(), result::toString);
            List<StubMlflowServer.Request> batches = server.requests().stream()
                    .filter(r -> r.path().endsWith("runs/log-batch")).toList();
            assertEquals(2, batches.size());
            Set<String> params = new HashSet<>();
            for (StubMlflowServer.Request batch : batches) {
                JsonNode body = batch.body();
                assertTrue(body.get("params").size() <= 100 && body.get("tags").size() <= 100 && body.get("metrics").size() <= 1000);
                assertTrue(body.get("params").size() + body.get("tags").size() + body.get("metrics").size() <= 1000);
                body.get("params").forEach(p -> {
                    assertTrue(params.add(p.get("key").asText()), "each param once: " + p);
                    assertTrue(p.get("value").asText().getBytes(StandardCharsets.UTF_8).length <= 500, p::toString);
                });
            }
            assertEquals(151 + 3, params.size(), "every hyperparameter plus objective, source and split_seed");
            assertEquals(100, batches.get(0).body().get("params").size());
        }
    }
}
