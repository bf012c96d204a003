package dev.churnops.handlers.scoring;

import static dev.churnops.handlers.scoring.ApiFixtures.event;
import static dev.churnops.handlers.scoring.ApiFixtures.header;
import static dev.churnops.handlers.scoring.ApiFixtures.post;
import static dev.churnops.handlers.scoring.ApiFixtures.request;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every kind of bad request the tests send, with the status, code and offending fields it must
 * get. Shared by the error tests, the sweep that no bad input gets a 5xx, and the OpenAPI contract
 * test. Each case runs against {@link ApiFixtures#handler()} with {@code settings}.
 */
final class BadInputs {

    /**
     * @param route the OpenAPI path of the request, or null for a path that is no route
     * @param method the method sent
     * @param fields the expected {@code errors[].field}s, in order; empty when none are listed
     */
    record Case(String name, String route, String method, Supplier<APIGatewayProxyRequestEvent> event,
                ScoringSettings settings, int status, String code, List<String> fields) {

        @Override
        public String toString() {
            return name;
        }
    }

    private BadInputs() {
    }

    static List<Case> all() {
        List<Case> c = new ArrayList<>();
        ScoringSettings normal = ApiFixtures.settings().build();
        // 400: the sample with wrong types, an unknown category, an unknown column and a blank id.
        c.add(new Case("bad types sample", "/v1/scores", "POST", () -> event("post-scores-bad-types"), normal, 400,
                "invalid_request", List.of("customers[0].features.plan", "customers[1].features.favourite_colour",
                "customers[1].features.tenure_months", "customers[2].customerId", "customers[2].features.app_user")));
        c.add(new Case("empty customers sample", "/v1/scores", "POST", () -> event("post-scores-empty"), normal, 400,
                "invalid_request", List.of("customers")));
        c.add(body("body not an object", "[{\"customerId\": \"C1\"}]", 400, "invalid_request", "body"));
        c.add(body("body is a string", "\"customers\"", 400, "invalid_request", "body"));
        c.add(body("customers missing", "{}", 400, "invalid_request", "customers"));
        c.add(body("customers null", "{\"customers\": null}", 400, "invalid_request", "customers"));
        c.add(body("customers not an array", "{\"customers\": {\"customerId\": \"C1\"}}", 400, "invalid_request",
                "customers"));
        c.add(body("unknown top-level field", "{\"customers\": [{\"customerId\": \"C1\"}], \"dryRun\": true}", 400,
                "invalid_request", "dryRun"));
        c.add(body("item not an object", "{\"customers\": [{\"customerId\": \"C1\"}, \"C2\"]}", 400, "invalid_request",
                "customers[1]"));
        c.add(body("item with neither id nor features", "{\"customers\": [{\"customerId\": \"C1\"}, {}]}", 400,
                "invalid_request", "customers[1]"));
        c.add(body("item with an unknown field", "{\"customers\": [{\"customerID\": \"C1\"}]}", 400, "invalid_request",
                "customers[0].customerID", "customers[0]"));
        c.add(body("customerId a number", "{\"customers\": [{\"customerId\": 42}]}", 400, "invalid_request",
                "customers[0].customerId"));
        c.add(body("customerId empty", "{\"customers\": [{\"customerId\": \"\"}]}", 400, "invalid_request",
                "customers[0].customerId"));
        c.add(body("customerId too long", "{\"customers\": [{\"customerId\": \"" + "x".repeat(129) + "\"}]}", 400,
                "invalid_request", "customers[0].customerId"));
        c.add(body("features not an object", "{\"customers\": [{\"features\": [1, 2]}]}", 400, "invalid_request",
                "customers[0].features"));
        c.add(body("tenure not a number in the second customer",
                "{\"customers\": [{\"features\": {\"tenure_months\": 3}}, {\"features\": {\"tenure_months\": \"abc\"}}]}",
                400, "invalid_request", "customers[1].features.tenure_months"));
        c.add(body("unknown plan category", "{\"customers\": [{\"features\": {\"plan\": \"platinum\"}}]}", 400,
                "invalid_request", "customers[0].features.plan"));
        c.add(body("unknown column", "{\"customers\": [{\"features\": {\"tenure\": 3}}]}", 400, "invalid_request",
                "customers[0].features.tenure"));
        c.add(body("boolean column given a string", "{\"customers\": [{\"features\": {\"app_user\": \"yes\"}}]}", 400,
                "invalid_request", "customers[0].features.app_user"));
        c.add(body("numeric overflow", "{\"customers\": [{\"features\": {\"monthly_spend\": 1e999}}]}", 400,
                "invalid_request", "customers[0].features.monthly_spend"));
        c.add(new Case("over the customer limit", "/v1/scores", "POST",
                () -> post("{\"customers\": [{\"customerId\": \"C1\"}, {\"customerId\": \"C2\"}, {\"customerId\": \"C3\"}]}"),
                ApiFixtures.settings().maxCustomers(2).build(), 400, "invalid_request", List.of("customers")));
        c.add(body("not JSON", "{\"customers\": [", 400, "invalid_json", "body"));
        c.add(body("empty body", "", 400, "invalid_json", "body"));
        c.add(body("trailing content", "{\"customers\": [{\"customerId\": \"C1\"}]} {}", 400, "invalid_json", "body"));
        c.add(body("duplicate key", "{\"customers\": [], \"customers\": [{\"customerId\": \"C1\"}]}", 400, "invalid_json",
                "body"));
        c.add(body("nested too deep", "{\"customers\": [{\"features\": {\"plan\": " + "[".repeat(40) + "]".repeat(40)
                + "}}]}", 400, "invalid_json", "body"));
        c.add(new Case("base64 that is not base64", "/v1/scores", "POST",
                () -> post("not*base64!").withIsBase64Encoded(true), normal, 400, "invalid_json", List.of("body")));
        c.add(new Case("customer id in the path too long", "/v1/customers/{id}/score", "GET",
                () -> event("get-customer-score").withPathParameters(java.util.Map.of("id", "x".repeat(129))), normal,
                400, "invalid_request", List.of("id")));
        // 401 and 403.
        c.add(new Case("no key sample", "/v1/scores", "POST", () -> event("post-scores-no-key"), normal, 401,
                "unauthorized", List.of()));
        c.add(new Case("empty key", "/v1/scores", "POST", () -> header(event("post-scores-inline"), "x-api-key", ""),
                normal, 401, "unauthorized", List.of()));
        c.add(new Case("no keys configured", "/v1/scores", "POST", () -> event("post-scores-inline"),
                ScoringSettings.builder().build(), 401, "unauthorized", List.of()));
        c.add(new Case("no key for the customer route", "/v1/customers/{id}/score", "GET",
                () -> header(event("get-customer-score"), "x-api-key", null), normal, 401, "unauthorized", List.of()));
        c.add(new Case("no key for the model route", "/v1/model", "GET",
                () -> header(event("get-model"), "x-api-key", null), normal, 401, "unauthorized", List.of()));
        c.add(new Case("wrong key of the same length", "/v1/scores", "POST",
                () -> header(event("post-scores-inline"), "x-api-key", wrongKeyOfSameLength()), normal, 403,
                "forbidden", List.of()));
        c.add(new Case("wrong key of another length", "/v1/scores", "POST",
                () -> header(event("post-scores-inline"), "x-api-key", "k"), normal, 403, "forbidden", List.of()));
        c.add(new Case("wrong key on the customer route", "/v1/customers/{id}/score", "GET",
                () -> header(event("get-customer-score"), "x-api-key", "k"), normal, 403, "forbidden", List.of()));
        c.add(new Case("wrong key on the model route", "/v1/model", "GET",
                () -> header(event("get-model"), "x-api-key", "k"), normal, 403, "forbidden", List.of()));
        // 404.
        c.add(new Case("unknown customers by id", "/v1/scores", "POST", () -> event("post-scores-by-id"), normal, 404,
                "unknown_customer", List.of("customers[0].customerId", "customers[1].customerId")));
        c.add(new Case("unknown customer in the path", "/v1/customers/{id}/score", "GET",
                () -> event("get-customer-score"), normal, 404, "unknown_customer", List.of("id")));
        c.add(new Case("unknown route", null, "GET", () -> request("GET", "/v1/scorez"), normal, 404, "not_found",
                List.of()));
        c.add(new Case("customer route without an id", null, "GET", () -> request("GET", "/v1/customers//score"),
                normal, 404, "not_found", List.of()));
        c.add(new Case("route with a trailing slash", null, "POST", () -> post("{}").withPath("/v1/scores/").withResource("/{proxy+}"), normal,
                404, "not_found", List.of()));
        // 405.
        c.add(new Case("GET on the scores route", "/v1/scores", "GET", () -> request("GET", "/v1/scores"), normal, 405,
                "method_not_allowed", List.of()));
        c.add(new Case("DELETE on the customer route", "/v1/customers/{id}/score", "DELETE",
                () -> request("DELETE", "/v1/customers/C00042/score"), normal, 405, "method_not_allowed", List.of()));
        c.add(new Case("POST on the model route", "/v1/model", "POST", () -> request("POST", "/v1/model"), normal, 405,
                "method_not_allowed", List.of()));
        c.add(new Case("PUT on the health route", "/health", "PUT", () -> request("PUT", "/health"), normal, 405,
                "method_not_allowed", List.of()));
        // 413, checked before parsing: these bodies are not JSON either.
        c.add(new Case("too large sample", "/v1/scores", "POST", () -> event("post-scores-too-large"),
                ApiFixtures.settings().maxBodyBytes(256).build(), 413, "payload_too_large", List.of()));
        c.add(new Case("too large in UTF-8 bytes though not in chars", "/v1/scores", "POST",
                () -> post("{\"customers\": \"" + "é".repeat(200) + "\""),
                ApiFixtures.settings().maxBodyBytes(300).build(), 413, "payload_too_large", List.of()));
        c.add(new Case("too large once base64-decoded", "/v1/scores", "POST",
                () -> post(Base64.getEncoder().encodeToString("x".repeat(257).getBytes(StandardCharsets.UTF_8)))
                        .withIsBase64Encoded(true),
                ApiFixtures.settings().maxBodyBytes(256).build(), 413, "payload_too_large", List.of()));
        // 415.
        c.add(new Case("wrong content type sample", "/v1/scores", "POST", () -> event("post-scores-wrong-content-type"),
                normal, 415, "unsupported_media_type", List.of()));
        c.add(new Case("no content type", "/v1/scores", "POST",
                () -> header(event("post-scores-inline"), "Content-Type", null), normal, 415, "unsupported_media_type",
                List.of()));
        c.add(new Case("JSON in another charset", "/v1/scores", "POST",
                () -> header(event("post-scores-inline"), "Content-Type", "application/json; charset=ISO-8859-1"),
                normal, 415, "unsupported_media_type", List.of()));
        c.add(new Case("a JSON-like media type", "/v1/scores", "POST",
                () -> header(event("post-scores-inline"), "Content-Type", "application/jsonl"), normal, 415,
                "unsupported_media_type", List.of()));
        return c;
    }

    private static Case body(String name, String body, int status, String code, String... fields) {
        return new Case(name, "/v1/scores", "POST", () -> post(body), ApiFixtures.settings().build(), status, code,
                List.of(fields));
    }

    /** A key as long as the sample key that differs only in its last character. */
    static String wrongKeyOfSameLength() {
        String key = ApiFixtures.KEY;
        return key.substring(0, key.length() - 1) + (key.endsWith("0") ? "1" : "0");
    }
}
