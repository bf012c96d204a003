package dev.churnops.handlers.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Routing, the content-type rule and the size arithmetic the 413 check relies on. */
class HttpRequestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=utf-8",
            "application/json;charset=UTF8", " application/json ; charset=\"utf-8\"", "application/json; version=1"})
    void acceptsJsonWithAUtf8OrNoCharset(String contentType) {
        assertTrue(HttpRequests.isJson(contentType));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text/plain", "application/jsonl", "application/json-patch+json",
            "application/json; charset=latin1", "application/x-www-form-urlencoded", "application/json, text/plain"})
    void refusesEverythingElse(String contentType) {
        assertFalse(HttpRequests.isJson(contentType));
    }

    @Test
    void computesTheDecodedLengthOfBase64WithoutDecoding() {
        for (int n = 0; n < 40; n++) {
            byte[] bytes = "x".repeat(n).getBytes(StandardCharsets.UTF_8);
            assertEquals(n, HttpRequests.decodedLength(Base64.getEncoder().encodeToString(bytes)), "padded, " + n);
            assertEquals(n, HttpRequests.decodedLength(Base64.getEncoder().withoutPadding().encodeToString(bytes)),
                    "unpadded, " + n);
        }
    }

    @Test
    void utf8LengthExceedsTheLimitExactlyWhenTheEncodingDoes() {
        String[] texts = {"plain ascii text", "é".repeat(50), "€".repeat(40), "😀".repeat(30), "a€é😀".repeat(20)};
        for (String text : texts) {
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            for (int limit : new int[] {bytes - 1, bytes, bytes + 1, bytes * 2}) {
                assertEquals(bytes > limit, HttpRequests.utf8Length(text, limit) > limit, text + " limit " + limit);
            }
        }
    }

    @Test
    void matchesRoutesByPath() {
        assertEquals(Route.SCORES, Route.match("/v1/scores"));
        assertEquals(Route.MODEL, Route.match("/v1/model"));
        assertEquals(Route.HEALTH, Route.match("/health"));
        assertEquals(Route.CUSTOMER_SCORE, Route.match("/v1/customers/C1/score"));
        assertEquals("C1", Route.customerIdIn("/v1/customers/C1/score"));
        assertNull(Route.match("/v1/customers/C1/C2/score"));
        assertNull(Route.match("/v1/customers//score"));
        assertNull(Route.match("/v1/customers/score"));
        assertNull(Route.match("/v1/customers/C1/scores"));
        assertNull(Route.match("/V1/SCORES"));
        assertNull(Route.match(null));
    }

    @Test
    void prefersApiGatewaysResourceTemplateAndFallsBackToThePathBehindACatchAll() {
        // An id with an encoded slash: API Gateway matches the template on the raw path, the path is decoded.
        assertEquals(Route.CUSTOMER_SCORE, Route.of("/v1/customers/{id}/score", "/v1/customers/C/1/score"));
        assertEquals(Route.SCORES, Route.of("/{proxy+}", "/v1/scores"));
        assertEquals(Route.HEALTH, Route.of(null, "/health"));
        assertNull(Route.of("/{proxy+}", "/v1/scores/"));
    }
}
