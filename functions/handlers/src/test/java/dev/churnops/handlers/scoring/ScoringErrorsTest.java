package dev.churnops.handlers.scoring;

import static dev.churnops.handlers.scoring.ApiFixtures.assertError;
import static dev.churnops.handlers.scoring.ApiFixtures.event;
import static dev.churnops.handlers.scoring.ApiFixtures.features;
import static dev.churnops.handlers.scoring.ApiFixtures.fields;
import static dev.churnops.handlers.scoring.ApiFixtures.header;
import static dev.churnops.handlers.scoring.ApiFixtures.messageOf;
import static dev.churnops.handlers.scoring.ApiFixtures.post;
import static dev.churnops.handlers.scoring.ApiFixtures.request;
import static dev.churnops.handlers.scoring.ApiFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.port.FeatureLookup;
import dev.churnops.core.scoring.ServingModel;
import dev.churnops.handlers.scoring.ApiFixtures.Captured;
import dev.churnops.handlers.scoring.ApiFixtures.LoggingContext;
import dev.churnops.handlers.scoring.ApiFixtures.StoredFeatures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every refusal: its status, the one error shape, and the fields it names. */
class ScoringErrorsTest {

    static Stream<BadInputs.Case> cases() {
        return BadInputs.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputGetsItsStatusInTheOneErrorShapeNamingEveryOffendingField(BadInputs.Case c) {
        Captured captured = new Captured();
        ScoringHandler handler = ApiFixtures.handler(c.settings(), new StoredFeatures(), captured);

        APIGatewayProxyResponseEvent response = handler.handleRequest(c.event().get(), null);

        JsonNode error = assertError(response, c.status(), c.code());
        assertEquals(c.fields(), fields(error));
        assertTrue(captured.calls.isEmpty(), "nothing is scored when the request is refused");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputNeverGetsAServerError(BadInputs.Case c) {
        ScoringHandler handler = ApiFixtures.handler(c.settings(), new StoredFeatures(), new Captured());
        LoggingContext context = new LoggingContext();

        int status = handler.handleRequest(c.event().get(), context).getStatusCode();

        assertTrue(status >= 400 && status < 500, "status " + status);
        assertTrue(context.lines.isEmpty(), "bad input is not logged: " + context.lines);
    }

    @Test
    void explainsEachBadFieldOfTheSampleWithWhatWasExpected() {
        JsonNode error = assertError(ApiFixtures.handler().handleRequest(event("post-scores-bad-types"), null), 400,
                "invalid_request");

        assertEquals("expected a number, got the string 'abc'", messageOf(error, "customers[1].features.tenure_months"));
        assertEquals("expected one of [basic, plus, premium], got 'gold'",
                messageOf(error, "customers[0].features.plan"));
        assertEquals("is not an input of this model", messageOf(error, "customers[1].features.favourite_colour"));
        assertEquals("expected true or false, got the string 'yes'", messageOf(error, "customers[2].features.app_user"));
        assertTrue(error.get("message").asText().startsWith("5 fields"), error.toString());
    }

    @Test
    void namesTheLimitWhenThereAreTooManyCustomers() {
        ScoringHandler handler = ApiFixtures.handler(settings().maxCustomers(2).build(), FeatureLookup.NONE, new Captured());

        JsonNode error = assertError(handler.handleRequest(post(
                "{\"customers\": [{\"customerId\": \"a\"}, {\"customerId\": \"b\"}, {\"customerId\": \"c\"}]}"), null),
                400, "invalid_request");

        assertEquals("has 3 customers: at most 2 per request", messageOf(error, "customers"));
    }

    @Test
    void acceptsExactlyTheCustomerLimit() {
        String one = "{\"features\": {\"plan\": \"basic\"}}";
        ScoringHandler handler = ApiFixtures.handler(settings().maxCustomers(2).build(), FeatureLookup.NONE, new Captured());

        assertEquals(200, handler.handleRequest(post("{\"customers\": [" + one + ", " + one + "]}"), null).getStatusCode());
    }

    @Test
    void refusesATooLargeBodyBeforeParsingIt() {
        ScoringHandler small = ApiFixtures.handler(settings().maxBodyBytes(256).build(), FeatureLookup.NONE, new Captured());
        ScoringHandler normal = ApiFixtures.handler();

        assertError(small.handleRequest(event("post-scores-too-large"), null), 413, "payload_too_large");
        // The same body within the limit is parsed, and is not JSON.
        assertError(normal.handleRequest(event("post-scores-too-large"), null), 400, "invalid_json");
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() {
        String body = event("post-scores-inline").getBody();
        ScoringHandler exact = ApiFixtures.handler(settings().maxBodyBytes(body.length()).build(), FeatureLookup.NONE,
                new Captured());

        assertEquals(200, exact.handleRequest(post(body), null).getStatusCode());
    }

    @Test
    void listsEveryUnknownCustomerIdOnAScoreRequest() {
        StoredFeatures store = new StoredFeatures().with("C00042", features("basic", 3, 1));
        ScoringHandler handler = ApiFixtures.handler(settings().build(), store, new Captured());
        String body = "{\"customers\": [{\"customerId\": \"C00042\"}, {\"customerId\": \"C404\"}, "
                + "{\"customerId\": \"C410\"}]}";

        JsonNode error = assertError(handler.handleRequest(post(body), null), 404, "unknown_customer");

        assertEquals(List.of("customers[1].customerId", "customers[2].customerId"), fields(error));
        assertTrue(messageOf(error, "customers[1].customerId").contains("'C404'"));
        assertTrue(messageOf(error, "customers[2].customerId").contains("'C410'"));
    }

    @Test
    void refusesAWrongKeyWhetherOrNotItsLengthMatches() {
        ScoringHandler handler = ApiFixtures.handler();
        String sameLength = BadInputs.wrongKeyOfSameLength();
        assertEquals(ApiFixtures.KEY.length(), sameLength.length());

        assertError(handler.handleRequest(header(event("post-scores-inline"), "x-api-key", sameLength), null), 403,
                "forbidden");
        assertError(handler.handleRequest(header(event("post-scores-inline"), "x-api-key", ApiFixtures.KEY + "0"), null),
                403, "forbidden");
        assertError(handler.handleRequest(header(event("post-scores-inline"), "x-api-key", "k"), null), 403, "forbidden");
    }

    @Test
    void acceptsAnyOfSeveralConfiguredKeys() {
        ScoringHandler handler = ApiFixtures.handler(settings().apiKeys(Set.of("first-key", ApiFixtures.KEY))
                .build(), FeatureLookup.NONE, new Captured());

        assertEquals(200, handler.handleRequest(event("get-model"), null).getStatusCode());
        assertEquals(200, handler.handleRequest(header(event("get-model"), "x-api-key", "first-key"), null).getStatusCode());
    }

    @Test
    void apiKeysCompareDigestsOfEveryConfiguredKey() {
        ApiKeys keys = new ApiKeys(Set.of("alpha-key", "beta-key"));

        keys.checkPresented("beta-key");
        ApiError wrong = assertThrows(ApiError.class, () -> keys.checkPresented("beta-kez"));
        ApiError missing = assertThrows(ApiError.class, () -> keys.checkPresented(null));

        assertEquals(403, wrong.status);
        assertEquals(401, missing.status);
    }

    @Test
    void behindApiGatewayTheRequestMustCarryTheKeyApiGatewayAccepted() {
        ScoringHandler handler = ApiFixtures.handler(ScoringSettings.builder()
                .keyCheck(ScoringSettings.KeyCheck.API_GATEWAY).build(), FeatureLookup.NONE, new Captured());
        var accepted = event("post-scores-inline");
        accepted.getRequestContext().getIdentity().setApiKey("key-api-gateway-checked");
        // A method deployed without apiKeyRequired passes requests on with no key in the context.
        var unchecked = event("post-scores-inline");

        assertEquals(200, handler.handleRequest(accepted, null).getStatusCode());
        JsonNode refused = assertError(handler.handleRequest(unchecked, null), 401, "unauthorized");
        assertTrue(refused.path("message").asText().contains("must require an API key"), refused::toString);
        // The header alone is not trusted in this mode: only API Gateway's check counts.
        assertError(handler.handleRequest(header(event("get-model"), "x-api-key", ApiFixtures.KEY), null), 401,
                "unauthorized");
        assertEquals(200, handler.handleRequest(event("get-health"), null).getStatusCode());
    }

    @Test
    void saysWhichMethodARouteAllows() {
        ScoringHandler handler = ApiFixtures.handler();

        APIGatewayProxyResponseEvent scores = handler.handleRequest(request("GET", "/v1/scores"), null);
        APIGatewayProxyResponseEvent model = handler.handleRequest(request("POST", "/v1/model"), null);
        APIGatewayProxyResponseEvent customer = handler.handleRequest(request("HEAD", "/v1/customers/C1/score"), null);

        assertError(scores, 405, "method_not_allowed");
        assertEquals("POST", scores.getHeaders().get("Allow"));
        assertEquals("GET", model.getHeaders().get("Allow"));
        assertEquals("GET", customer.getHeaders().get("Allow"));
    }

    @Test
    void answersAnInternalFailureWith500WithoutDetailsAndLogsIt() {
        FeatureLookup broken = id -> {
            throw new IllegalStateException("feature store connection refused: secret-host:9999");
        };
        ScoringHandler handler = ApiFixtures.handler(settings().build(), broken, new Captured());
        LoggingContext context = new LoggingContext();

        APIGatewayProxyResponseEvent response = handler.handleRequest(event("get-customer-score"), context);

        JsonNode error = assertError(response, 500, "internal_error");
        assertTrue(error.get("errors").isEmpty());
        assertFalse(response.getBody().contains("secret-host"), response.getBody());
        assertEquals(1, context.lines.size());
        assertTrue(context.lines.get(0).contains("7f3c2a10-5b1e-4d8a-9c61-2e4f8a0b1c03"), "logged under the request id");
        assertTrue(context.lines.get(0).contains("IllegalStateException"), context.lines.get(0));
    }

    @Test
    void treatsStoredFeaturesTheModelCannotTakeAsAnInternalFailureNamingOnlyTheColumn() {
        Map<String, Object> stored = new HashMap<>(features("basic", 3, 1));
        stored.put("tenure_months", "three years");
        ScoringHandler handler = ApiFixtures.handler(settings().build(),
                new StoredFeatures().with("C00042", stored), new Captured());
        LoggingContext context = new LoggingContext();

        assertError(handler.handleRequest(event("get-customer-score"), context), 500, "internal_error");

        assertTrue(context.lines.get(0).contains("[tenure_months]"), context.lines.get(0));
        assertFalse(context.lines.get(0).contains("three years"), "no feature value in the log");
    }

    @Test
    void aModelThatCannotBeServedIsAnInternalFailure() {
        ScoringHandler handler = new ScoringHandler(settings().build(), () -> {
            throw new IllegalStateException("registry unavailable");
        }, FeatureLookup.NONE, new Captured());

        assertError(handler.handleRequest(event("get-health"), new LoggingContext()), 500, "internal_error");
        assertError(handler.handleRequest(event("get-model"), new LoggingContext()), 500, "internal_error");
        assertError(handler.handleRequest(event("post-scores-inline"), new LoggingContext()), 500, "internal_error");
    }

    @Test
    void checksContentTypeAndSizeBeforeAskingForTheModel() {
        int[] asked = {0};
        ServingModel model = ApiFixtures.model(2);
        ScoringHandler handler = new ScoringHandler(settings().maxBodyBytes(256).build(), () -> {
            asked[0]++;
            return model;
        }, FeatureLookup.NONE, new Captured());

        handler.handleRequest(event("post-scores-wrong-content-type"), null);
        handler.handleRequest(event("post-scores-too-large"), null);
        handler.handleRequest(event("post-scores-no-key"), null);

        assertEquals(0, asked[0]);
    }
}
