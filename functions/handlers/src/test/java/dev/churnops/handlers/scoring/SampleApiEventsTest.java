package dev.churnops.handlers.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The files in {@code events/apigateway/}: AWS's REST API proxy shape, each answered as the README says. */
class SampleApiEventsTest {

    /** Each sample and the status the default test handler gives it (too-large: see its test). */
    private static final Map<String, Integer> STATUS = Map.of(
            "post-scores-inline", 200, "post-scores-by-id", 200, "get-customer-score", 200, "get-model", 200,
            "get-health", 200, "post-scores-bad-types", 400, "post-scores-no-key", 401,
            "post-scores-wrong-content-type", 415, "post-scores-too-large", 400, "post-scores-empty", 400);

    private static final Set<String> TOP_LEVEL = Set.of("resource", "path", "httpMethod", "headers", "multiValueHeaders",
            "queryStringParameters", "multiValueQueryStringParameters", "pathParameters", "stageVariables",
            "requestContext", "body", "isBase64Encoded");
    private static final Set<String> REQUEST_CONTEXT = Set.of("resourceId", "resourcePath", "httpMethod",
            "extendedRequestId", "requestTime", "path", "accountId", "protocol", "stage", "domainPrefix",
            "requestTimeEpoch", "requestId", "identity", "domainName", "apiId");

    static List<String> names() {
        return ApiFixtures.eventNames();
    }

    @Test
    void everySampleHasAKnownOutcome() {
        assertEquals(new TreeSet<>(STATUS.keySet()), new TreeSet<>(names()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void sampleHasTheShapeApiGatewaySends(String name) throws IOException {
        JsonNode event = Json.mapper().readTree(Files.readAllBytes(ApiFixtures.eventsDirectory().resolve(name + ".json")));

        assertEquals(TOP_LEVEL, ApiFixtures.names(event));
        assertEquals(REQUEST_CONTEXT, ApiFixtures.names(event.get("requestContext")));
        assertTrue(event.get("requestContext").get("identity").has("sourceIp"));
        assertTrue(event.get("requestContext").get("identity").has("apiKey"));
        assertEquals(event.get("httpMethod"), event.get("requestContext").get("httpMethod"));
        assertEquals(event.get("resource"), event.get("requestContext").get("resourcePath"));
        assertEquals("/prod" + event.get("path").asText(), event.get("requestContext").get("path").asText());
        event.get("headers").fields().forEachRemaining(h ->
                assertEquals(h.getValue().asText(), event.get("multiValueHeaders").get(h.getKey()).get(0).asText(), h.getKey()));
        assertFalse(event.get("isBase64Encoded").asBoolean());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void sampleGetsItsStatus(String name) {
        ApiFixtures.StoredFeatures store = new ApiFixtures.StoredFeatures()
                .with("C00042", ApiFixtures.features("basic", 3, 2)).with("C00107", ApiFixtures.features("plus", 12, 0));
        ScoringHandler handler = ApiFixtures.handler(ApiFixtures.settings().build(), store, new ApiFixtures.Captured());

        assertEquals(STATUS.get(name), handler.handleRequest(ApiFixtures.event(name), null).getStatusCode());
    }

    @Test
    void theReadmeListsEverySample() throws IOException {
        String readme = Files.readString(ApiFixtures.eventsDirectory().getParent().resolve("README.md"), StandardCharsets.UTF_8);

        for (String name : names()) {
            assertTrue(readme.contains("`" + name + ".json`"), name + " is not in events/README.md");
        }
    }
}
