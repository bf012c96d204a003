package dev.churnops.handlers.scoring;

import static dev.churnops.handlers.scoring.ApiFixtures.KEY;
import static dev.churnops.handlers.scoring.ApiFixtures.body;
import static dev.churnops.handlers.scoring.ApiFixtures.event;
import static dev.churnops.handlers.scoring.ApiFixtures.features;
import static dev.churnops.handlers.scoring.ApiFixtures.header;
import static dev.churnops.handlers.scoring.ApiFixtures.model;
import static dev.churnops.handlers.scoring.ApiFixtures.names;
import static dev.churnops.handlers.scoring.ApiFixtures.post;
import static dev.churnops.handlers.scoring.ApiFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.FeatureLookup;
import dev.churnops.core.port.ScoreCapture;
import dev.churnops.core.scoring.CustomerScore;
import dev.churnops.core.scoring.ServingModel;
import dev.churnops.handlers.RegisteredModelFixture;
import dev.churnops.handlers.scoring.ApiFixtures.Captured;
import dev.churnops.handlers.scoring.ApiFixtures.StoredFeatures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The routes' successful answers, driven by the sample events in {@code events/apigateway/}. */
class ScoringHandlerTest {

    private final StoredFeatures store = new StoredFeatures()
            .with("C00042", features("basic", 3, 3))
            .with("C00107", features("premium", 60, 0));
    private final Captured captured = new Captured();
    private final ScoringHandler handler = ApiFixtures.handler(settings().build(), store, captured);

    @Test
    void scoresInlineCustomersInRequestOrderWithTheModelsVersionSegmentAndReasons() throws Exception {
        APIGatewayProxyRequestEvent event = event("post-scores-inline");
        JsonNode sent = Json.mapper().readTree(event.getBody()).get("customers");

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertEquals(200, response.getStatusCode(), response::getBody);
        JsonNode body = body(response);
        assertEquals("churn", body.get("model").get("name").asText());
        assertEquals(2, body.get("model").get("version").asInt());
        JsonNode scores = body.get("scores");
        assertEquals(3, scores.size());
        assertEquals("C00042", scores.get(0).get("customerId").asText());
        assertFalse(scores.get(1).has("customerId"), "a customer sent without an id gets none back");
        assertEquals("C00107", scores.get(2).get("customerId").asText());
        for (int i = 0; i < 3; i++) {
            JsonNode s = scores.get(i);
            @SuppressWarnings("unchecked")
            Map<String, Object> f = Json.mapper().convertValue(sent.get(i).get("features"), Map.class);
            CustomerScore expected = model(2).score(null, f);
            assertEquals(expected.probability(), s.get("probability").asDouble(), 1e-12);
            assertEquals(expected.segment(), s.get("segment").asText());
            assertEquals(2, s.get("modelVersion").asInt());
            assertEquals(expected.reasons().size(), s.get("reasons").size());
            for (JsonNode r : s.get("reasons")) {
                assertEquals(Set.of("feature", "contribution"), names(r));
                assertTrue(r.get("contribution").asDouble() > 0, "reasons push the score up");
            }
        }
        assertTrue(scores.get(0).get("probability").asDouble() > scores.get(1).get("probability").asDouble(),
                "a new basic-plan customer with tickets is riskier than a loyal premium app user");
    }

    @Test
    void scoresCustomersGivenByIdWithTheirStoredFeatures() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event("post-scores-by-id"), null);

        assertEquals(200, response.getStatusCode(), response::getBody);
        JsonNode scores = body(response).get("scores");
        assertEquals(List.of("C00042", "C00107"), store.asked);
        assertEquals(model(2).score("C00042", store.records.get("C00042")).probability(),
                scores.get(0).get("probability").asDouble(), 1e-12);
        assertEquals(model(2).score("C00107", store.records.get("C00107")).probability(),
                scores.get(1).get("probability").asDouble(), 1e-12);
        assertEquals("C00107", scores.get(1).get("customerId").asText());
    }

    @Test
    void inlineFeaturesWinOverStoredOnesAndSkipTheLookup() {
        Map<String, Object> inline = features("premium", 70, 0);
        String body = "{\"customers\": [{\"customerId\": \"C00042\", \"features\": " + json(inline) + "}]}";

        JsonNode scores = body(handler.handleRequest(post(body), null)).get("scores");

        assertTrue(store.asked.isEmpty(), "the store was asked for " + store.asked);
        assertEquals(model(2).score("C00042", inline).probability(), scores.get(0).get("probability").asDouble(), 1e-12);
        assertNotEquals(model(2).score("C00042", store.records.get("C00042")).probability(),
                scores.get(0).get("probability").asDouble());
    }

    @Test
    void takesACustomerIdWithASlashFromThePathParameter() {
        store.with("C/9", features("plus", 20, 1));
        APIGatewayProxyRequestEvent event = event("get-customer-score").withPath("/v1/customers/C/9/score")
                .withPathParameters(Map.of("id", "C/9"));

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertEquals(200, response.getStatusCode(), response::getBody);
        assertEquals("C/9", body(response).get("score").get("customerId").asText());
    }

    @Test
    void storedFeaturesAreNarrowedToTheModelsColumns() {
        Map<String, Object> stored = new HashMap<>(features("basic", 3, 3));
        stored.put("lifetime_value_segment", "gold");
        store.with("C00042", stored);

        APIGatewayProxyResponseEvent response = handler.handleRequest(event("get-customer-score"), null);

        assertEquals(200, response.getStatusCode(), response::getBody);
        assertFalse(captured.calls.get(0).features().containsKey("lifetime_value_segment"));
    }

    @Test
    void answersOneCustomersScoreFromTheFeatureStore() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event("get-customer-score"), null);

        assertEquals(200, response.getStatusCode(), response::getBody);
        JsonNode body = body(response);
        assertEquals(Set.of("model", "score"), names(body));
        assertEquals(2, body.get("model").get("version").asInt());
        assertEquals("C00042", body.get("score").get("customerId").asText());
        assertEquals(model(2).score("C00042", store.records.get("C00042")).probability(),
                body.get("score").get("probability").asDouble(), 1e-12);
        assertEquals(List.of("C00042"), store.asked);
    }

    @Test
    void takesTheCustomerIdFromThePathBehindACatchAllResource() {
        APIGatewayProxyRequestEvent event = event("get-customer-score").withResource("/{proxy+}")
                .withPathParameters(Map.of("proxy", "v1/customers/C00107/score")).withPath("/v1/customers/C00107/score");

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertEquals(200, response.getStatusCode(), response::getBody);
        assertEquals("C00107", body(response).get("score").get("customerId").asText());
    }

    @Test
    void servesTheModelCardWithTheJsonSchemaOfItsInput() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event("get-model"), null);

        assertEquals(200, response.getStatusCode(), response::getBody);
        JsonNode card = body(response);
        assertEquals("churn", card.get("model_name").asText());
        assertEquals(2, card.get("version").asInt());
        assertEquals("logistic_regression", card.get("algorithm").asText());
        assertTrue(card.get("metrics").has("roc_auc"));
        assertTrue(card.get("risk_segments").has("high"));
        assertEquals(10, card.get("input_signature").size());
        JsonNode schema = card.get("input_schema");
        assertEquals("object", schema.get("type").asText());
        assertFalse(schema.get("additionalProperties").asBoolean());
        assertEquals(Set.of(RegisteredModelFixture.COLUMNS.split(",")), names(schema.get("properties")));
    }

    @Test
    void healthNeedsNoKeyAndNamesTheServedModel() {
        APIGatewayProxyRequestEvent event = event("get-health");
        assertEquals(null, HttpRequests.header(event, "x-api-key"), "the sample sends no key");

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertEquals(200, response.getStatusCode(), response::getBody);
        assertEquals("{\"status\":\"ok\",\"model\":{\"name\":\"churn\",\"version\":2}}", response.getBody());
    }

    @Test
    void healthAnswersEvenWhenNoApiKeysAreConfigured() {
        ScoringHandler closed = ApiFixtures.handler(ScoringSettings.builder().build(), FeatureLookup.NONE, ScoreCapture.NONE);

        assertEquals(200, closed.handleRequest(event("get-health"), null).getStatusCode());
    }

    @Test
    void capturesEveryScoredCustomerWithTheFeaturesItWasScoredOn() {
        handler.handleRequest(event("post-scores-inline"), null);
        handler.handleRequest(event("get-customer-score"), null);

        assertEquals(4, captured.calls.size());
        assertEquals("C00042", captured.calls.get(0).score().customerId());
        assertEquals("basic", captured.calls.get(0).features().get("plan"));
        assertEquals(2, captured.calls.get(1).score().modelVersion());
        assertEquals(store.records.get("C00042").get("tenure_months"), captured.calls.get(3).features().get("tenure_months"));
    }

    @Test
    void answersWithJsonAndTheApiGatewayRequestId() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event("post-scores-inline"), null);

        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        assertEquals("7f3c2a10-5b1e-4d8a-9c61-2e4f8a0b1c01", response.getHeaders().get("x-request-id"));
        assertFalse(response.getIsBase64Encoded());
    }

    @Test
    void generatesDistinctRequestIdsWhenTheEventHasNone() {
        String first = handler.handleRequest(event("get-health").withRequestContext(null), null).getHeaders().get("x-request-id");
        String second = handler.handleRequest(event("get-model").withRequestContext(null), null).getHeaders().get("x-request-id");

        assertTrue(first.startsWith("gen-"), first);
        assertNotEquals(first, second);
    }

    @Test
    void keepsTheOrderOfABatchOfAHundredCustomers() {
        List<String> ids = new ArrayList<>();
        StringBuilder body = new StringBuilder("{\"customers\": [");
        List<Map<String, Object>> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String id = "B" + (1000 - i * 7);
            ids.add(id);
            Map<String, Object> f = features(i % 3 == 0 ? "basic" : i % 3 == 1 ? "plus" : "premium", 1 + i % 70, i % 5);
            sent.add(f);
            body.append(i == 0 ? "" : ",").append("{\"customerId\": \"").append(id).append("\", \"features\": ")
                    .append(json(f)).append('}');
        }
        body.append("]}");

        APIGatewayProxyResponseEvent response = handler.handleRequest(post(body.toString()), null);

        assertEquals(200, response.getStatusCode(), response::getBody);
        JsonNode scores = body(response).get("scores");
        assertEquals(100, scores.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(ids.get(i), scores.get(i).get("customerId").asText());
            assertEquals(model(2).score(null, sent.get(i)).probability(), scores.get(i).get("probability").asDouble(), 1e-12);
        }
    }

    @Test
    void servesTheNewModelOnceTheSupplierIsSwapped() {
        AtomicReference<ServingModel> served = new AtomicReference<>(model(1));
        ScoringHandler swapping = new ScoringHandler(settings().build(), served::get, store, captured);

        JsonNode before = body(swapping.handleRequest(event("post-scores-inline"), null));
        served.set(model(2));
        JsonNode after = body(swapping.handleRequest(event("post-scores-inline"), null));
        JsonNode health = body(swapping.handleRequest(event("get-health"), null));
        JsonNode card = body(swapping.handleRequest(event("get-model"), null));

        assertEquals(1, before.get("model").get("version").asInt());
        assertEquals(1, before.get("scores").get(0).get("modelVersion").asInt());
        assertEquals(2, after.get("model").get("version").asInt());
        assertEquals(2, after.get("scores").get(0).get("modelVersion").asInt());
        assertEquals(2, health.get("model").get("version").asInt());
        assertEquals(2, card.get("version").asInt());
    }

    @Test
    void decodesABase64Body() {
        APIGatewayProxyRequestEvent plain = event("post-scores-inline");
        String encoded = Base64.getEncoder().encodeToString(plain.getBody().getBytes(StandardCharsets.UTF_8));

        APIGatewayProxyResponseEvent response = handler.handleRequest(
                event("post-scores-inline").withBody(encoded).withIsBase64Encoded(true), null);

        assertEquals(200, response.getStatusCode(), response::getBody);
        assertEquals(body(handler.handleRequest(plain, null)).get("scores"), body(response).get("scores"));
    }

    @Test
    void readsHeadersWhateverTheirCase() {
        APIGatewayProxyRequestEvent event = header(header(event("post-scores-inline"), "x-api-key", null), "X-API-KEY", KEY);
        event = header(header(event, "Content-Type", null), "CONTENT-TYPE", "Application/JSON; Charset=\"UTF-8\"");

        assertEquals(200, handler.handleRequest(event, null).getStatusCode());
    }

    @Test
    void readsHeadersFromMultiValueHeadersWhenThatIsAllThereIs() {
        APIGatewayProxyRequestEvent event = event("post-scores-inline").withHeaders(null);

        assertEquals(200, handler.handleRequest(event, null).getStatusCode());
    }

    @Test
    void servesTheChampionOfTheRegistryOnTheServicesPath() {
        RegisteredModelFixture fixture = RegisteredModelFixture.shared();
        ScoringHandler fromRegistry = new ScoringHandler(settings().build(), fixture.services());

        JsonNode health = body(fromRegistry.handleRequest(event("get-health"), null));

        assertEquals(2, health.get("model").get("version").asInt());
        assertEquals(2, ScoringHandler.champion(fixture.registry(), "churn").version());
    }

    @Test
    void refusesToStartWithoutAChampionNamingTheModel() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ScoringHandler.champion(RegisteredModelFixture.shared().registry(), "churn-telco"));

        assertTrue(e.getMessage().contains("'churn-telco' has no champion"), e.getMessage());
    }

    static String json(Object value) {
        try {
            return ScoringJson.WRITER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
