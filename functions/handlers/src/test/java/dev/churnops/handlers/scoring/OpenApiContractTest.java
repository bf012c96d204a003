package dev.churnops.handlers.scoring;

import static dev.churnops.handlers.scoring.ApiFixtures.event;
import static dev.churnops.handlers.scoring.ApiFixtures.features;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.FeatureLookup;
import dev.churnops.core.scoring.ServingModel;
import dev.churnops.handlers.scoring.ApiFixtures.Captured;
import dev.churnops.handlers.scoring.ApiFixtures.LoggingContext;
import dev.churnops.handlers.scoring.ApiFixtures.StoredFeatures;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code api/openapi.json} against the handler: every (route, method, status) the handler answers
 * in these cases is documented, with a body that fits the documented schema and the documented
 * headers; and every documented (route, status) is answered by some case. The cases are the
 * successful sample events, every bad input of {@link BadInputs}, and an internal failure per
 * route. No YAML library is on the class path, so the document is JSON (which OpenAPI accepts).
 */
class OpenApiContractTest {

    private static JsonNode doc;
    /** "METHOD route status" of every case that was run. */
    private static final Set<String> produced = new TreeSet<>();
    private static final List<String> problems = new ArrayList<>();

    @BeforeAll
    static void driveTheHandlerThroughEveryCase() throws IOException {
        doc = Json.mapper().readTree(Files.readAllBytes(ApiFixtures.repositoryRoot().resolve("api/openapi.json")));
        StoredFeatures store = new StoredFeatures().with("C00042", features("basic", 3, 2))
                .with("C00107", features("plus", 12, 0));
        ScoringHandler happy = ApiFixtures.handler(ApiFixtures.settings().build(), store, new Captured());
        run(happy, "/v1/scores", "POST", event("post-scores-inline"));
        run(happy, "/v1/scores", "POST", event("post-scores-by-id"));
        run(happy, "/v1/customers/{id}/score", "GET", event("get-customer-score"));
        run(happy, "/v1/model", "GET", event("get-model"));
        run(happy, "/health", "GET", event("get-health"));
        for (BadInputs.Case c : BadInputs.all()) {
            run(ApiFixtures.handler(c.settings(), new StoredFeatures(), new Captured()), c.route(), c.method(),
                    c.event().get());
        }
        ScoringHandler noModel = new ScoringHandler(ApiFixtures.settings().build(), () -> {
            throw new IllegalStateException("no model");
        }, FeatureLookup.NONE, new Captured());
        run(noModel, "/v1/scores", "POST", event("post-scores-inline"));
        run(noModel, "/v1/model", "GET", event("get-model"));
        run(noModel, "/health", "GET", event("get-health"));
        ServingModel model = ApiFixtures.model(2);
        Supplier<ServingModel> served = () -> model;
        ScoringHandler brokenStore = new ScoringHandler(ApiFixtures.settings().build(), served, id -> {
            throw new IllegalStateException("store down");
        }, new Captured());
        run(brokenStore, "/v1/customers/{id}/score", "GET", event("get-customer-score"));
    }

    private static void run(ScoringHandler handler, String route, String method, APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, new LoggingContext());
        int status = response.getStatusCode();
        if (route == null) {
            // A path that is no route: documented in info.description only; still the error shape.
            check(response, schemaRef("Error"), "unknown path " + event.getPath());
            return;
        }
        String key = method + " " + route + " " + status;
        produced.add(key);
        JsonNode path = doc.get("paths").get(route);
        if (path == null) {
            problems.add(key + ": the path is not documented");
            return;
        }
        // 405 answers a method the path does not have; it is documented under the path's operation.
        String operationMethod = status == 405 ? Route.of(event.getResource(), event.getPath()).method : method;
        JsonNode operation = path.get(operationMethod.toLowerCase(java.util.Locale.ROOT));
        JsonNode documented = operation == null ? null : operation.get("responses").get(Integer.toString(status));
        if (documented == null) {
            problems.add(key + ": the status is not documented");
            return;
        }
        documented = resolve(documented);
        for (Iterator<String> it = documented.get("headers").fieldNames(); it.hasNext(); ) {
            String header = it.next();
            if (response.getHeaders().keySet().stream().noneMatch(h -> h.equalsIgnoreCase(header))) {
                problems.add(key + ": documented header " + header + " is missing");
            }
        }
        check(response, documented.get("content").get("application/json").get("schema"), key);
    }

    private static void check(APIGatewayProxyResponseEvent response, JsonNode schema, String what) {
        assertEquals("application/json", response.getHeaders().get("Content-Type"), what);
        JsonNode body;
        try {
            body = Json.mapper().readTree(response.getBody());
        } catch (IOException e) {
            problems.add(what + ": the body is not JSON");
            return;
        }
        List<String> found = new ArrayList<>();
        validate(body, schema, "$", found);
        found.forEach(p -> problems.add(what + ": " + p));
    }

    @Test
    void everyAnsweredRouteMethodAndStatusIsDocumentedWithAFittingBody() {
        assertEquals(List.of(), problems);
    }

    @Test
    void everyDocumentedRouteAndStatusIsAnsweredBySomeCase() {
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op ->
                op.getValue().get("responses").fieldNames().forEachRemaining(status -> {
                    String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                    documented.add(method + " " + path.getKey() + " " + status);
                })));
        Set<String> answered = new TreeSet<>();
        for (String key : produced) {
            String[] parts = key.split(" ");
            // A 405 is documented under the operation the path does have.
            String method = parts[2].equals("405") ? routeOf(parts[1]).method : parts[0];
            answered.add(method + " " + parts[1] + " " + parts[2]);
        }

        assertEquals(documented, answered);
    }

    @Test
    void documentsExactlyTheHandlersRoutes() {
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method ->
                documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey())));
        Set<String> routes = new TreeSet<>();
        for (Route r : Route.values()) {
            routes.add(r.method + " " + r.template);
        }

        assertEquals(routes, documented);
    }

    @Test
    void requiresTheApiKeyHeaderEverywhereButHealth() {
        JsonNode scheme = doc.get("components").get("securitySchemes").get("ApiKey");
        assertEquals("apiKey", scheme.get("type").asText());
        assertEquals("header", scheme.get("in").asText());
        assertEquals(ScoringHandler.API_KEY_HEADER, scheme.get("name").asText());
        assertTrue(doc.get("security").get(0).has("ApiKey"));
        for (Route r : Route.values()) {
            JsonNode operation = doc.get("paths").get(r.template).get(r.method.toLowerCase(java.util.Locale.ROOT));
            boolean open = operation.has("security") && operation.get("security").isEmpty();
            assertEquals(!r.keyRequired, open, r.template);
        }
    }

    @Test
    void theSuccessfulSampleRequestsFitTheDocumentedRequestSchema() throws IOException {
        JsonNode schema = doc.get("paths").get("/v1/scores").get("post").get("requestBody").get("content")
                .get("application/json").get("schema");
        for (String name : List.of("post-scores-inline", "post-scores-by-id")) {
            List<String> found = new ArrayList<>();
            validate(Json.mapper().readTree(event(name).getBody()), schema, "$", found);
            assertEquals(List.of(), found, name);
        }
        List<String> empty = new ArrayList<>();
        validate(Json.mapper().readTree(event("post-scores-empty").getBody()), schema, "$", empty);
        assertEquals(List.of("$.customers: 0 items, fewer than 1"), empty, "the schema states the minimum too");
    }

    @Test
    void everyErrorCodeTheHandlerUsesIsInTheErrorSchema() {
        Set<String> documented = new TreeSet<>();
        resolve(schemaRef("Error")).get("properties").get("error").get("properties").get("code").get("enum")
                .forEach(c -> documented.add(c.asText()));
        Set<String> used = new TreeSet<>(List.of("internal_error"));
        BadInputs.all().forEach(c -> used.add(c.code()));

        assertEquals(documented, used);
    }

    private static Route routeOf(String template) {
        for (Route r : Route.values()) {
            if (r.template.equals(template)) {
                return r;
            }
        }
        throw new AssertionError("no route " + template);
    }

    private static JsonNode schemaRef(String name) {
        return Json.mapper().createObjectNode().put("$ref", "#/components/schemas/" + name);
    }

    private static JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            JsonNode target = doc;
            for (String part : node.get("$ref").asText().substring(2).split("/")) {
                target = target.get(part);
            }
            node = target;
        }
        return node;
    }

    /**
     * The subset of OpenAPI 3.0 schema rules the document uses: $ref, type, nullable, enum,
     * required, properties, additionalProperties, items, minItems, maxItems, minLength, maxLength,
     * minimum, maximum and anyOf.
     */
    static void validate(JsonNode value, JsonNode schema, String at, List<String> problems) {
        schema = resolve(schema);
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false) && (schema.has("type") || schema.has("anyOf"))) {
                problems.add(at + ": null is not allowed");
            }
            return;
        }
        if (schema.has("anyOf")) {
            boolean any = false;
            for (JsonNode option : schema.get("anyOf")) {
                List<String> found = new ArrayList<>();
                validate(value, option, at, found);
                any |= found.isEmpty();
            }
            if (!any) {
                problems.add(at + ": fits none of anyOf");
            }
        }
        if (schema.has("type") && !hasType(value, schema.get("type").asText())) {
            problems.add(at + ": expected " + schema.get("type").asText() + ", got " + value.getNodeType());
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode option : schema.get("enum")) {
                listed |= option.equals(value);
            }
            if (!listed) {
                problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isTextual()) {
            int length = value.asText().length();
            if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
                problems.add(at + ": shorter than " + schema.get("minLength"));
            }
            if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
                problems.add(at + ": longer than " + schema.get("maxLength"));
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
                problems.add(at + ": below " + schema.get("minimum"));
            }
            if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
                problems.add(at + ": above " + schema.get("maximum"));
            }
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                problems.add(at + ": " + value.size() + " items, fewer than " + schema.get("minItems"));
            }
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                problems.add(at + ": " + value.size() + " items, more than " + schema.get("maxItems"));
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    validate(value.get(i), schema.get("items"), at + "[" + i + "]", problems);
                }
            }
        }
        if (value.isObject()) {
            for (JsonNode name : schema.path("required")) {
                if (!value.has(name.asText())) {
                    problems.add(at + ": required " + name.asText() + " is missing");
                }
            }
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String where = at + "." + field.getKey();
                if (properties.has(field.getKey())) {
                    validate(field.getValue(), properties.get(field.getKey()), where, problems);
                } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                    problems.add(where + ": not a documented property");
                } else if (additional != null && additional.isObject()) {
                    validate(field.getValue(), additional, where, problems);
                }
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> throw new AssertionError("unknown schema type " + type);
        };
    }
}
