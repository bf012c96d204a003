package dev.churnops.handlers.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.FeatureLookup;
import dev.churnops.core.port.ScoreCapture;
import dev.churnops.core.scoring.CustomerScore;
import dev.churnops.core.scoring.ServingModel;
import dev.churnops.handlers.RegisteredModelFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the scoring tests share: the sample events of {@code events/apigateway/} read with the
 * handler's own mapper, the registered models of {@link RegisteredModelFixture}, a feature store
 * and a score capture that record their calls, a Lambda context whose logger keeps its lines, and
 * the checks every error response must pass.
 */
final class ApiFixtures {

    /** The key the sample events send. */
    static final String KEY = "sample-api-key-1f6c3b9e2a7d4c58";

    private static ServingModel v1;
    private static ServingModel v2;

    private ApiFixtures() {
    }

    static synchronized ServingModel model(int version) {
        if (v1 == null) {
            RegisteredModelFixture fixture = RegisteredModelFixture.shared();
            v1 = ServingModel.load(fixture.artifact(1), "fixture v1");
            v2 = ServingModel.load(fixture.artifact(2), "fixture v2");
        }
        return version == 1 ? v1 : v2;
    }

    /** Settings accepting {@link #KEY}, otherwise the defaults. */
    static ScoringSettings.Builder settings() {
        return ScoringSettings.builder().apiKeys(Set.of(KEY));
    }

    static ScoringHandler handler() {
        return handler(settings().build(), new StoredFeatures(), new Captured());
    }

    static ScoringHandler handler(ScoringSettings settings, FeatureLookup features, ScoreCapture capture) {
        ServingModel model = model(2);
        return new ScoringHandler(settings, () -> model, features, capture);
    }

    static Path eventsDirectory() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("events").resolve("apigateway"))) {
                return dir.resolve("events").resolve("apigateway");
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no events/apigateway/ folder above " + Path.of("").toAbsolutePath());
    }

    static Path repositoryRoot() {
        return eventsDirectory().getParent().getParent();
    }

    /** {@code events/apigateway/<name>.json} as the handler receives it. */
    static APIGatewayProxyRequestEvent event(String name) {
        try {
            return ScoringJson.EVENTS.readValue(Files.readAllBytes(eventsDirectory().resolve(name + ".json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the sample events, sorted. */
    static List<String> eventNames() {
        try (Stream<Path> files = Files.list(eventsDirectory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A POST /v1/scores event like the inline sample, with {@code body}. */
    static APIGatewayProxyRequestEvent post(String body) {
        return event("post-scores-inline").withBody(body);
    }

    /** A request of {@code method} on {@code path}, otherwise like the model sample (with the key). */
    static APIGatewayProxyRequestEvent request(String method, String path) {
        APIGatewayProxyRequestEvent e = event("get-model").withHttpMethod(method).withPath(path).withResource(path);
        e.getRequestContext().setHttpMethod(method);
        return e;
    }

    /** Replaces header {@code name} (in whatever case it is stored) in both header maps; null removes it. */
    static APIGatewayProxyRequestEvent header(APIGatewayProxyRequestEvent event, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
        Map<String, List<String>> multi = new LinkedHashMap<>(
                event.getMultiValueHeaders() == null ? Map.of() : event.getMultiValueHeaders());
        headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        multi.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        if (value != null) {
            headers.put(name, value);
            multi.put(name, List.of(value));
        }
        return event.withHeaders(headers).withMultiValueHeaders(multi);
    }

    static JsonNode body(APIGatewayProxyResponseEvent response) {
        try {
            return Json.mapper().readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks the one error shape and returns the {@code error} object: status, code, message,
     * errors (each with field and message), requestId equal to the {@code x-request-id} header,
     * and nothing else.
     */
    static JsonNode assertError(APIGatewayProxyResponseEvent response, int status, String code) {
        assertEquals(status, response.getStatusCode(), response::getBody);
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        JsonNode body = body(response);
        assertEquals(Set.of("error"), names(body), response::getBody);
        JsonNode error = body.get("error");
        assertEquals(Set.of("status", "code", "message", "errors", "requestId"), names(error), response::getBody);
        assertEquals(status, error.get("status").asInt());
        assertEquals(code, error.get("code").asText());
        assertTrue(error.get("message").isTextual() && !error.get("message").asText().isBlank());
        assertEquals(response.getHeaders().get("x-request-id"), error.get("requestId").asText());
        for (JsonNode e : error.get("errors")) {
            assertEquals(Set.of("field", "message"), names(e), response::getBody);
        }
        return error;
    }

    /** The {@code field}s of an error's {@code errors}, in order. */
    static List<String> fields(JsonNode error) {
        List<String> fields = new ArrayList<>();
        error.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    /** The message of the error about {@code field}. */
    static String messageOf(JsonNode error, String field) {
        for (JsonNode e : error.get("errors")) {
            if (e.get("field").asText().equals(field)) {
                return e.get("message").asText();
            }
        }
        throw new AssertionError("no error about " + field + " in " + error);
    }

    static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Features of a customer of the fixture's table. */
    static Map<String, Object> features(String plan, int tenure, int tickets) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("signup_channel", "web");
        f.put("plan", plan);
        f.put("tenure_months", tenure);
        f.put("monthly_spend", 42.5);
        f.put("orders_90d", 2);
        f.put("days_since_last_order", 30);
        f.put("support_tickets_90d", tickets);
        f.put("email_opt_in", true);
        f.put("app_user", false);
        f.put("payment_method", "card");
        return f;
    }

    /** A feature store fake: what it holds, and every id it was asked for. */
    static final class StoredFeatures implements FeatureLookup {
        final Map<String, Map<String, Object>> records = new HashMap<>();
        final List<String> asked = Collections.synchronizedList(new ArrayList<>());

        StoredFeatures with(String customerId, Map<String, Object> features) {
            records.put(customerId, features);
            return this;
        }

        @Override
        public Optional<Map<String, Object>> latest(String customerId) {
            asked.add(customerId);
            return Optional.ofNullable(records.get(customerId));
        }
    }

    /** A score capture that keeps every call. */
    static final class Captured implements ScoreCapture {
        record Call(Map<String, ?> features, CustomerScore score) {
        }

        final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void capture(Map<String, ?> features, CustomerScore score) {
            calls.add(new Call(features, score));
        }
    }

    /**
     * A Lambda context whose logger keeps what is logged, of function version {@code $LATEST} or the
     * version given, as an alias invocation delivers it.
     */
    static final class LoggingContext implements Context {
        final List<String> lines = new ArrayList<>();
        private final String version;

        LoggingContext() {
            this("$LATEST");
        }

        LoggingContext(String version) {
            this.version = version;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    lines.add(message);
                }

                @Override
                public void log(byte[] message) {
                    lines.add(new String(message, StandardCharsets.UTF_8));
                }
            };
        }

        @Override
        public String getAwsRequestId() {
            return "lambda-request-1";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/churnops-scoring";
        }

        @Override
        public String getLogStreamName() {
            return "2026/12/01/[" + version + "]0123456789abcdef";
        }

        @Override
        public String getFunctionName() {
            return "churnops-scoring";
        }

        @Override
        public String getFunctionVersion() {
            return version;
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-west-1:123456789012:function:churnops-scoring";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 30_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }
    }
}
