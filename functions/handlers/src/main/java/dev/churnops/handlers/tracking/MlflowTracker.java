package dev.churnops.handlers.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.ExperimentTracker;
import dev.churnops.core.tracking.RunRecord;
import dev.churnops.core.tracking.TrackingResult;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Logs run records to an MLflow tracking server through its REST API 2.0, with the JDK's HTTP client:
 * find the experiment by name ({@code GET experiments/get-by-name}) or create it
 * ({@code POST experiments/create}), then {@code POST runs/create}, one or more
 * {@code POST runs/log-batch} and {@code POST runs/update}. The first failure (no connection, a timeout,
 * an answer other than 2xx) ends the attempt and comes back as a failed {@link TrackingResult} saying
 * which request failed and how; nothing is retried and nothing is thrown, so training never waits long
 * on, or fails because of, the tracking server. The bearer token goes into the {@code Authorization}
 * header only: no message names it. The HTTP client can be handed in; a default is built only when none is.
 */
public final class MlflowTracker implements ExperimentTracker {

    static final String API = "/api/2.0/mlflow/";
    private static final ObjectWriter BODIES = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
    private static final int SNIPPET = 200;

    private final MlflowSettings settings;
    private final HttpClient http;

    public MlflowTracker(MlflowSettings settings) {
        this(settings, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build());
    }

    public MlflowTracker(MlflowSettings settings, HttpClient http) {
        this.settings = settings;
        this.http = http;
    }

    /** An MLflow tracker when {@code MLFLOW_TRACKING_URI} is set, {@link ExperimentTracker#NONE} otherwise. */
    public static ExperimentTracker fromEnvironment(Map<String, String> env) {
        return MlflowSettings.from(env).<ExperimentTracker>map(MlflowTracker::new).orElse(ExperimentTracker.NONE);
    }

    @Override
    public Optional<TrackingResult> log(RunRecord run) {
        String experimentId = null;
        String runId = null;
        try {
            experimentId = experimentId(settings.experimentFor(run.modelName()));
            Answer created = post("runs/create", MlflowRequests.createRun(experimentId, run)).require();
            runId = created.field("run", "info", "run_id");
            for (ObjectNode batch : MlflowRequests.logBatches(runId, run)) {
                post("runs/log-batch", batch).require();
            }
            post("runs/update", MlflowRequests.updateRun(runId, run)).require();
            return Optional.of(TrackingResult.logged(settings.displayUri(), experimentId, runId));
        } catch (CallFailed e) {
            return Optional.of(TrackingResult.failed(settings.displayUri(), experimentId, runId, e.getMessage()));
        }
    }

    /** The experiment's id, creating it on first use; a concurrent creation by another run is tolerated. */
    private String experimentId(String name) throws CallFailed {
        for (int attempt = 0; ; attempt++) {
            Answer found = call("GET", "experiments/get-by-name?experiment_name="
                    + URLEncoder.encode(name, StandardCharsets.UTF_8), null);
            if (found.ok()) {
                if ("deleted".equals(found.body().path("experiment").path("lifecycle_stage").asText())) {
                    throw new CallFailed("experiment '" + name + "' is deleted on " + settings.displayUri()
                            + ": restore it, or set MLFLOW_EXPERIMENT_NAME to another experiment");
                }
                return found.field("experiment", "experiment_id");
            }
            if (found.status() != 404 && !found.errorCode().equals("RESOURCE_DOES_NOT_EXIST")) {
                throw found.failure();
            }
            Answer created = post("experiments/create", MlflowRequests.createExperiment(name));
            if (created.ok()) {
                return created.field("experiment_id");
            }
            // Another run created it between the two requests: look it up again, once.
            if (attempt > 0 || !created.errorCode().equals("RESOURCE_ALREADY_EXISTS")) {
                throw created.failure();
            }
        }
    }

    private Answer post(String endpoint, ObjectNode body) throws CallFailed {
        return call("POST", endpoint, body);
    }

    private Answer call(String method, String endpoint, ObjectNode body) throws CallFailed {
        String path = API + (endpoint.contains("?") ? endpoint.substring(0, endpoint.indexOf('?')) : endpoint);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + API + endpoint))
                .timeout(settings.requestTimeout()).header("Accept", "application/json");
        if (settings.token() != null) {
            request.header("Authorization", "Bearer " + settings.token());
        }
        if (body == null) {
            request.GET();
        } else {
            try {
                request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(BODIES.writeValueAsBytes(body)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the body of " + path, e);
            }
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CallFailed(method + " " + path + " could not reach " + settings.displayUri() + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed(method + " " + path + " was interrupted");
        }
        return new Answer(method + " " + path, response.statusCode(), response.body());
    }

    /** The tracking URL without user information and without a trailing slash. */
    private String base() {
        String uri = settings.displayUri();
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** One HTTP answer: the request it answers (method and path), its status and body. */
    private record Answer(String request, int status, String text) {

        boolean ok() {
            return status / 100 == 2;
        }

        Answer require() throws CallFailed {
            if (!ok()) {
                throw failure();
            }
            return this;
        }

        /** The body as JSON; an empty or non-JSON body is an empty object. */
        JsonNode body() {
            if (text == null || text.isBlank()) {
                return Json.mapper().createObjectNode();
            }
            try {
                return Json.tree(text.getBytes(StandardCharsets.UTF_8), request + " answer");
            } catch (Json.InvalidDocumentException e) {
                return Json.mapper().createObjectNode();
            }
        }

        /** MLflow's {@code error_code} in the answer, such as RESOURCE_DOES_NOT_EXIST; empty when there is none. */
        String errorCode() {
            return body().path("error_code").asText("");
        }

        /** A text field the answer must have. */
        String field(String... path) throws CallFailed {
            JsonNode node = body();
            for (String name : path) {
                node = node.path(name);
            }
            if (!node.isTextual() || node.asText().isEmpty()) {
                throw new CallFailed(request + " answered " + status + " without " + String.join(".", path));
            }
            return node.asText();
        }

        /** What went wrong, in MLflow's words when the body has them, else the start of the body. */
        CallFailed failure() {
            JsonNode json = body();
            String detail;
            if (json.hasNonNull("error_code") || json.hasNonNull("message")) {
                detail = json.path("error_code").asText("") + (json.hasNonNull("message") ? ": " + json.get("message").asText() : "");
            } else {
                detail = text == null ? "" : text.strip();
            }
            detail = detail.replaceAll("\\s+", " ");
            if (detail.length() > SNIPPET) {
                detail = detail.substring(0, SNIPPET) + "...";
            }
            return new CallFailed(request + " answered " + status + (detail.isEmpty() ? "" : " (" + detail + ")"));
        }
    }

    /** A request that did not get the answer it needed; the message says which and why. */
    private static final class CallFailed extends Exception {
        CallFailed(String message) {
            super(message);
        }
    }
}
