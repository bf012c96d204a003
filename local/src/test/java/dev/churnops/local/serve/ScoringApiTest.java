package dev.churnops.local.serve;

import static dev.churnops.local.serve.ServeFixtures.KEY;
import static dev.churnops.local.serve.ServeFixtures.get;
import static dev.churnops.local.serve.ServeFixtures.json;
import static dev.churnops.local.serve.ServeFixtures.post;
import static dev.churnops.local.serve.ServeFixtures.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.scoring.CustomerScore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scoring API over real HTTP on 127.0.0.1: the same ScoringHandler Lambda runs, behind the
 * local server, on a trained model. Each route's happy path, and each refusal round-tripped with
 * the handler's error shape and request id.
 */
class ScoringApiTest {

    private static final int MAX_BODY_BYTES = 4096;
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

    private static LocalScoringApi api;
    private static URI base;
    private static HttpClient client;

    @BeforeAll
    static void serve() {
        Path home = ServeFixtures.trainedHome();
        api = ServeFixtures.start(home, ServeFixtures.options().build(),
                ServeFixtures.settings().maxBodyBytes(MAX_BODY_BYTES).build(), new PrintStream(LOG, true, StandardCharsets.UTF_8));
        base = api.uri();
        client = ServeFixtures.client();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** The error shape every refusal has, its request id echoed in the x-request-id header. */
    private static JsonNode assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response::body);
        assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
        JsonNode error = json(response).path("error");
        assertEquals(status, error.path("status").asInt(), response::body);
        assertEquals(code, error.path("code").asText(), response::body);
        assertFalse(error.path("message").asText().isBlank(), response::body);
        assertTrue(error.path("errors").isArray(), response::body);
        assertEquals(response.headers().firstValue("x-request-id").orElse("none"), error.path("requestId").asText());
        return error;
    }

    @Test
    void bindsToLoopbackOnly() {
        assertEquals("127.0.0.1", base.getHost());
        assertTrue(api.port() > 0);
    }

    @Test
    void healthNeedsNoKeyAndNamesTheServedVersion() {
        HttpResponse<String> response = send(client, get(base, "/health", null));

        assertEquals(200, response.statusCode(), response::body);
        JsonNode body = json(response);
        assertEquals("ok", body.path("status").asText());
        assertEquals("churn", body.at("/model/name").asText());
        assertEquals(1, body.at("/model/version").asInt());
        assertTrue(response.headers().firstValue("x-request-id").isPresent());
    }

    @Test
    void modelRouteReturnsTheCardWithItsInputSchema() {
        HttpResponse<String> response = send(client, get(base, "/v1/model", KEY));

        assertEquals(200, response.statusCode(), response::body);
        JsonNode card = json(response);
        assertEquals("churn", card.path("model_name").asText());
        assertEquals(1, card.path("version").asInt());
        assertTrue(card.at("/input_schema/properties").has("tenure_months"), response::body);
    }

    @Test
    void scoresInlineFeaturesAndCustomersGivenById() {
        String body = "{\"customers\":[{\"customerId\":\"C00002\"},"
                + "{\"customerId\":\"new-1\",\"features\":{\"tenure_months\":3,\"plan\":\"basic\"}}]}";

        HttpResponse<String> response = send(client, post(base, "/v1/scores", KEY, body));

        assertEquals(200, response.statusCode(), response::body);
        JsonNode scores = json(response).path("scores");
        assertEquals(2, scores.size());
        assertEquals("C00002", scores.get(0).path("customerId").asText());
        assertEquals("new-1", scores.get(1).path("customerId").asText());
        for (JsonNode s : scores) {
            double p = s.path("probability").asDouble(-1);
            assertTrue(p >= 0 && p <= 1, s::toString);
            assertTrue(Map.of("low", 1, "medium", 1, "high", 1).containsKey(s.path("segment").asText()), s::toString);
            assertEquals(1, s.path("modelVersion").asInt());
        }
    }

    @Test
    void customerRouteScoresTheFeaturesOfTheValidatedTable() {
        Map<String, Object> stored = api.features().latest("C00001").orElseThrow();
        CustomerScore expected = api.model().score("C00001", stored);

        HttpResponse<String> response = send(client, get(base, "/v1/customers/C00001/score", KEY));

        assertEquals(200, response.statusCode(), response::body);
        JsonNode score = json(response).path("score");
        assertEquals("C00001", score.path("customerId").asText());
        assertEquals(expected.probability(), score.path("probability").asDouble(), 1e-12);
        assertEquals(expected.segment(), score.path("segment").asText());
    }

    @Test
    void unknownCustomerIs404WithTheFieldNamed() {
        JsonNode error = assertError(send(client, get(base, "/v1/customers/NOPE-1/score", KEY)), 404, "unknown_customer");

        assertEquals("id", error.at("/errors/0/field").asText());
    }

    @Test
    void missingKeyIs401() {
        assertError(send(client, post(base, "/v1/scores", null, "{\"customers\":[{\"customerId\":\"C00001\"}]}")),
                401, "unauthorized");
    }

    @Test
    void wrongKeyIs403() {
        assertError(send(client, get(base, "/v1/model", "not-a-key")), 403, "forbidden");
    }

    @Test
    void oversizedBodyIs413() {
        String big = "{\"customers\":[{\"customerId\":\"" + "x".repeat(MAX_BODY_BYTES * 4) + "\"}]}";

        assertError(send(client, post(base, "/v1/scores", KEY, big)), 413, "payload_too_large");
    }

    @Test
    void bodyThatIsNotJsonContentIs415() {
        HttpRequest request = ServeFixtures.request(base, "/v1/scores").header("x-api-key", KEY)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customers\":[{\"customerId\":\"C00001\"}]}")).build();

        assertError(send(client, request), 415, "unsupported_media_type");
    }

    @Test
    void unknownRouteIs404() {
        assertError(send(client, get(base, "/v2/everything", KEY)), 404, "not_found");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        HttpResponse<String> response = send(client, ServeFixtures.request(base, "/v1/scores").header("x-api-key", KEY)
                .DELETE().build());

        assertError(response, 405, "method_not_allowed");
        assertEquals("POST", response.headers().firstValue("allow").orElse(""));
    }

    @Test
    void invalidFeaturesAre400NamingEachField() {
        String body = "{\"customers\":[{\"features\":{\"tenure_months\":\"twelve\",\"shoe_size\":42}}]}";

        JsonNode error = assertError(send(client, post(base, "/v1/scores", KEY, body)), 400, "invalid_request");

        assertEquals(2, error.path("errors").size(), error::toString);
    }

    @Test
    void nothingOfARequestReachesTheLog() {
        send(client, post(base, "/v1/scores", KEY, "{\"customers\":[{\"customerId\":\"C00003\"}]}"));
        send(client, get(base, "/v1/customers/C00004/score", KEY));

        String log = LOG.toString(StandardCharsets.UTF_8);
        assertFalse(log.contains("C00003") || log.contains("C00004"), log);
    }
}
