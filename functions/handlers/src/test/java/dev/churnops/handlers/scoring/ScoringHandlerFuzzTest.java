package dev.churnops.handlers.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnops.core.port.FeatureLookup;
import dev.churnops.core.port.ScoreCapture;
import dev.churnops.core.registry.ModelCard;
import dev.churnops.core.scoring.ServingModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the scoring API's request parsing and validation with Jazzer: raw request bodies, every
 * combination of method, path, resource and headers, and JSON documents built to stress the
 * validator (wrong types, deep nesting, huge and non-finite numbers, NaN-like strings, unicode).
 * Whatever arrives, the handler must answer without throwing and never with a 5xx; every refusal
 * must have the one documented error shape with a status of 400, 401, 403, 404, 405, 413 or 415;
 * every 200 must be well-formed (probabilities are numbers from 0 to 1). The structured test also
 * knows, for each document it builds, whether the API must accept it, and checks the status.
 *
 * <p>Without {@code JAZZER_FUZZ} (the default build) each method runs once per seed input in
 * {@code src/test/resources/dev/churnops/handlers/scoring/ScoringHandlerFuzzTestInputs/<method>/},
 * in well under a second. {@code functions/handlers/FUZZING.md} tells how to fuzz for real.
 */
class ScoringHandlerFuzzTest {

    /** The statuses a refusal may have; anything else (notably any 5xx) is a finding. */
    private static final Set<Integer> REFUSALS = Set.of(400, 401, 403, 404, 405, 413, 415);
    private static final Map<Integer, Set<String>> CODES = Map.of(
            400, Set.of("invalid_request", "invalid_json"),
            401, Set.of("unauthorized"),
            403, Set.of("forbidden"),
            404, Set.of("not_found", "unknown_customer"),
            405, Set.of("method_not_allowed"),
            413, Set.of("payload_too_large"),
            415, Set.of("unsupported_media_type"));

    /** The one customer the feature store knows. */
    private static final String KNOWN_ID = "C00042";
    /** Limits small enough for fuzzed inputs to cross them. */
    private static final int SMALL_BODY_BYTES = 1024;
    private static final int SMALL_MAX_CUSTOMERS = 4;

    private static final ServingModel MODEL = ApiFixtures.model(2);
    private static final List<ModelCard.InputColumn> COLUMNS = MODEL.card().inputSignature();
    private static final ScoringHandler DEFAULT_LIMITS = handler(ApiFixtures.settings().build());
    private static final ScoringHandler SMALL_LIMITS = handler(ApiFixtures.settings()
            .maxBodyBytes(SMALL_BODY_BYTES).maxCustomers(SMALL_MAX_CUSTOMERS).build());
    /** Reads responses with Jackson's defaults, not the handler's own reader, so it judges independently. */
    private static final ObjectMapper READER = new ObjectMapper();

    private static final String VALID_BODY = "{\"customers\":[{\"customerId\":\"C00042\"},{\"features\":"
            + "{\"plan\":\"basic\",\"tenure_months\":3,\"app_user\":false}}]}";
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "get", "post"};
    private static final String[] PATHS = {"/v1/scores", "/v1/model", "/health", "/v1/customers/C00042/score",
        "/v1/customers/C99999/score", "/v1/customers//score", "/v1/customers/score", "/v1/customers/C/1/score",
        "/v1/scores/", "/V1/SCORES", "/", "", "/prod/v1/scores", "/v1/customers/" + "x".repeat(129) + "/score"};
    private static final String[] RESOURCES = {"/v1/scores", "/v1/customers/{id}/score", "/v1/model", "/health",
        "/{proxy+}", "/v1/customers/{id}"};
    private static final String[] HEADER_NAMES = {"x-api-key", "X-API-KEY", "X-Api-Key", "content-type",
        "Content-Type", "CONTENT-TYPE", "Accept", "x-api-key ", "x_api_key"};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=utf-8",
        "application/json;charset=\"UTF-8\"", " application/json ; foo=bar", "APPLICATION/JSON; CHARSET=UTF8",
        "application/json; charset=ISO-8859-1", "application/jsonl", "text/plain", "application/json;", ";", ""};
    /** Texts that look like numbers or special values to a person, and are strings or bad tokens to JSON. */
    private static final String[] NUMBER_LIKE = {"NaN", "-NaN", "Infinity", "-Infinity", "inf", "1e999", "0x10",
        "1_000", "٣", "１２", "", " ", "null", "true", "-0"};

    private static ScoringHandler handler(ScoringSettings settings) {
        Map<String, Object> stored = ApiFixtures.features("basic", 3, 2);
        FeatureLookup store = id -> KNOWN_ID.equals(id) ? Optional.of(stored) : Optional.empty();
        return new ScoringHandler(settings, () -> MODEL, store, ScoreCapture.NONE);
    }

    /**
     * Replaying the seeds needs none of Jazzer's hooks (compare tracing, sanitizers), and with them
     * Jazzer instruments every class loaded after it in this JVM, which made this module's default
     * test run three times as long. Jazzer reads the option when it first provides fuzz test
     * arguments, after the class's {@code BeforeAll} methods; fuzzing (JAZZER_FUZZ set) keeps the
     * hooks, and so does an explicit {@code -Djazzer.hooks}.
     */
    @BeforeAll
    static void replaySeedsWithoutHooks() {
        String fuzz = System.getenv("JAZZER_FUZZ");
        if ((fuzz == null || fuzz.isEmpty()) && System.getProperty("jazzer.hooks") == null) {
            System.setProperty("jazzer.hooks", "false");
        }
    }

    /**
     * Any bytes as the body of {@code POST /v1/scores} with a valid key and content type, read as
     * UTF-8, as UTF-16 code units (unpaired surrogates included), or sent base64-encoded (valid
     * base64 of the bytes, or the bytes' text flagged as base64). The last input byte picks the
     * encoding, the one before it the limits; the rest is the body.
     */
    @FuzzTest(maxDuration = "5m")
    void arbitraryBodies(FuzzedDataProvider data) {
        int encoding = data.consumeInt(0, 3);
        boolean small = data.consumeBoolean();
        byte[] raw = data.consumeRemainingAsBytes();
        String body;
        Boolean base64 = Boolean.FALSE;
        switch (encoding) {
            case 0 -> body = new String(raw, StandardCharsets.UTF_8);
            case 1 -> body = codeUnits(raw);
            case 2 -> {
                body = Base64.getEncoder().encodeToString(raw);
                base64 = Boolean.TRUE;
            }
            default -> {
                body = new String(raw, StandardCharsets.UTF_8);
                base64 = Boolean.TRUE;
            }
        }
        APIGatewayProxyResponseEvent response = (small ? SMALL_LIMITS : DEFAULT_LIMITS)
                .handleRequest(post(body, base64), null);

        int status = checkResponse(response);
        assertTrue(status == 200 || status == 400 || status == 404 || status == 413,
                "a body with a valid key and content type is scored or refused as bad input, got " + status);
    }

    /**
     * Any method, path, resource template, path parameters, headers (in either map, any case, any
     * value), request context, base64 flag and body. A request that carries no valid key anywhere
     * may get a 200 from {@code GET /health} only.
     */
    @FuzzTest(maxDuration = "5m")
    void arbitraryRequests(FuzzedDataProvider data) {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withHttpMethod(pick(data, METHODS))
                .withPath(pickPath(data))
                .withResource(pick(data, RESOURCES))
                .withIsBase64Encoded(data.consumeBoolean() ? null : data.consumeBoolean());
        if (data.consumeBoolean()) {
            Map<String, String> parameters = new HashMap<>();
            parameters.put("id", data.consumeBoolean() ? KNOWN_ID : data.consumeBoolean() ? null : data.consumeString(140));
            event.setPathParameters(parameters);
        }
        List<String> keysSent = new ArrayList<>();
        if (data.consumeBoolean()) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = data.consumeInt(0, 4); i > 0; i--) {
                String name = headerName(data);
                String value = headerValue(data);
                headers.put(name, value);
                if (name != null && name.equalsIgnoreCase(ScoringHandler.API_KEY_HEADER)) {
                    keysSent.add(value);
                }
            }
            event.setHeaders(headers);
        }
        if (data.consumeBoolean()) {
            Map<String, List<String>> multi = new LinkedHashMap<>();
            for (int i = data.consumeInt(0, 3); i > 0; i--) {
                String name = headerName(data);
                List<String> values = new ArrayList<>();
                for (int j = data.consumeInt(0, 2); j > 0; j--) {
                    String value = headerValue(data);
                    values.add(value);
                    if (name != null && name.equalsIgnoreCase(ScoringHandler.API_KEY_HEADER)) {
                        keysSent.add(value);
                    }
                }
                multi.put(name, data.consumeBoolean() ? values : null);
            }
            event.setMultiValueHeaders(multi);
        }
        if (data.consumeBoolean()) {
            APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
            context.setRequestId(data.consumeBoolean() ? null : data.consumeString(40));
            event.setRequestContext(context);
        }
        event.setBody(data.consumeBoolean() ? VALID_BODY : data.consumeBoolean() ? null : data.consumeRemainingAsString());

        APIGatewayProxyResponseEvent response = (data.consumeBoolean() ? SMALL_LIMITS : DEFAULT_LIMITS)
                .handleRequest(event, null);

        int status = checkResponse(response);
        if (status == 200 && !keysSent.contains(ApiFixtures.KEY)) {
            assertEquals("ok", json(response).path("status").asText(),
                    "only GET /health answers 200 without a valid key: " + response.getBody());
        }
    }

    /**
     * JSON documents built from the input: a {@code customers} array (or something else) of
     * customers with ids and features of every type, nesting up to past the parser's limit, huge
     * and non-finite numbers, NaN-like strings, unicode and unpaired surrogates, unknown and
     * duplicate keys, and bad number tokens. The builder knows which documents the API must take:
     * those get 200 with one score per customer in order; the rest get 400, 404 (every customer
     * valid, one given by an unknown id only) or 413.
     */
    @FuzzTest(maxDuration = "5m")
    void structuredDocuments(FuzzedDataProvider data) {
        boolean small = data.consumeBoolean();
        Document doc = new Document(data, small ? SMALL_MAX_CUSTOMERS : ScoringSettings.DEFAULT_MAX_CUSTOMERS);
        String body = doc.build();
        boolean base64 = data.consumeInt(0, 7) == 7;
        String sent = base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body;

        APIGatewayProxyResponseEvent response = (small ? SMALL_LIMITS : DEFAULT_LIMITS)
                .handleRequest(post(sent, base64), null);

        int status = checkResponse(response);
        int limit = small ? SMALL_BODY_BYTES : ScoringSettings.DEFAULT_MAX_BODY_BYTES;
        long[] size = base64 ? new long[] {body.getBytes(StandardCharsets.UTF_8).length,
            body.getBytes(StandardCharsets.UTF_8).length} : utf8Bounds(body);
        if (size[0] > limit) {
            assertEquals(413, status, response.getBody());
            return;
        }
        if (size[1] > limit && status == 413) {
            return;
        }
        assertEquals(doc.expected(), status, () -> "for " + body + "\n got " + response.getBody());
        if (status == 200) {
            JsonNode scores = json(response).get("scores");
            assertEquals(doc.ids.size(), scores.size());
            for (int i = 0; i < doc.ids.size(); i++) {
                String id = doc.ids.get(i);
                JsonNode echoed = scores.get(i).get("customerId");
                if (id == null) {
                    assertTrue(echoed == null, "a customer sent without an id gets none: " + scores.get(i));
                } else if (!base64) {
                    assertEquals(id, echoed.asText(), "scores come in request order with their ids");
                }
            }
        }
    }

    /**
     * Builds one JSON document from the fuzzer's input and tracks whether the API must accept it.
     * Values are written by hand so that tokens Jackson never writes (NaN, leading zeros, 1e999)
     * and raw unpaired surrogates can appear.
     */
    private static final class Document {
        private static final int MAX_ITEMS = 12;
        /**
         * Kinds of id and features, from {@code consumeInt(0, 9)}. An input that has run out gives
         * 0: a known id and a features object, so short inputs make valid documents too.
         */
        private static final int ID_ABSENT = 6;
        private static final int FEATURES_ABSENT = 9;
        private final FuzzedDataProvider data;
        private final int maxCustomers;
        private final StringBuilder out = new StringBuilder(256);
        /** Some part breaks a rule: the answer is 400. */
        private boolean invalid;
        /** A customer given only by an id the store does not know: 404 unless something is invalid. */
        private boolean unknown;
        /** The customer ids in request order (null for none), when the document is valid. */
        final List<String> ids = new ArrayList<>();

        Document(FuzzedDataProvider data, int maxCustomers) {
            this.data = data;
            this.maxCustomers = maxCustomers;
        }

        int expected() {
            return invalid ? 400 : unknown ? 404 : 200;
        }

        String build() {
            int root = data.consumeInt(0, 15);
            if (root >= 13) {
                invalid = true;
                anyValue(1);
                return out.toString();
            }
            out.append('{');
            int fields = 0;
            int customersAt = root == 12 ? -1 : data.consumeInt(0, 2);
            int extra = data.consumeInt(0, 15) == 15 ? 1 : 0;
            for (int f = 0; f < 3; f++) {
                if (f == customersAt) {
                    comma(fields++);
                    key("customers");
                    customers();
                    if (data.consumeInt(0, 31) == 31) {
                        // A second 'customers': the parser refuses duplicate keys.
                        invalid = true;
                        out.append(",\"customers\":[]");
                    }
                } else if (extra > 0 && data.consumeBoolean()) {
                    extra--;
                    invalid = true;
                    comma(fields++);
                    key(pick(data, new String[] {"dryRun", "Customers", "customer", "", "customers ", "cüstomers"}));
                    anyValue(2);
                }
            }
            if (customersAt < 0) {
                invalid = true;
            }
            out.append('}');
            return out.toString();
        }

        private void customers() {
            if (data.consumeInt(0, 15) == 15) {
                invalid = true;
                anyScalarOrObject(2);
                return;
            }
            // 1 when the input has run out; 0 (an empty array) for the largest value.
            int n = data.consumeInt(1, MAX_ITEMS + 1) % (MAX_ITEMS + 1);
            if (n == 0 || n > maxCustomers) {
                invalid = true;
            }
            out.append('[');
            for (int i = 0; i < n; i++) {
                comma(i);
                customer();
            }
            out.append(']');
        }

        private void customer() {
            if (data.consumeInt(0, 15) == 15) {
                invalid = true;
                anyValue(3);
                return;
            }
            out.append('{');
            int fields = 0;
            String id = null;
            boolean hasFeatures = false;
            int idKind = data.consumeInt(0, 9);
            if (idKind != ID_ABSENT) {
                comma(fields++);
                key("customerId");
                id = customerId(idKind);
            }
            int featuresKind = data.consumeInt(0, 9);
            if (featuresKind != FEATURES_ABSENT) {
                comma(fields++);
                key("features");
                hasFeatures = features(featuresKind);
            }
            if (data.consumeInt(0, 15) == 15) {
                invalid = true;
                comma(fields++);
                key(pick(data, new String[] {"customerID", "id", "feature", "score", "\uD800", "customerId\u0000"}));
                anyValue(4);
            }
            out.append('}');
            if (id == null && !hasFeatures) {
                invalid = true;
            } else if (!hasFeatures && !KNOWN_ID.equals(id)) {
                unknown = true;
            }
            ids.add(id);
        }

        /** Writes a customerId of the given kind; returns it when it is a string (null for JSON null or a non-string). */
        private String customerId(int kind) {
            switch (kind) {
                case 0, 1 -> {
                    string(KNOWN_ID);
                    return KNOWN_ID;
                }
                case 2, 3 -> {
                    String s = data.consumeString(2 * ScoreRequest.MAX_ID_LENGTH);
                    string(s);
                    if (s.isBlank() || s.length() > ScoreRequest.MAX_ID_LENGTH) {
                        invalid = true;
                    }
                    return s;
                }
                case 4 -> {
                    String s = pick(data, new String[] {"", " ", "\t\n", "\u2003", "\u00A0", "C".repeat(128),
                        "C".repeat(129), "\uD83D\uDE00", "null"});
                    string(s);
                    if (s.isBlank() || s.length() > ScoreRequest.MAX_ID_LENGTH) {
                        invalid = true;
                    }
                    return s;
                }
                case 5 -> {
                    // JSON null counts as no id at all.
                    out.append("null");
                    return null;
                }
                default -> {
                    invalid = true;
                    neitherStringNorNull();
                    return null;
                }
            }
        }

        /** Writes a features value; returns whether it counts as features (anything but null). */
        private boolean features(int kind) {
            if (kind == 7) {
                out.append("null");
                return false;
            }
            if (kind == 8) {
                // Anything but an object (an empty one is valid features) or null (no features).
                invalid = true;
                switch (data.consumeInt(0, 3)) {
                    case 0 -> string(data.consumeString(20));
                    case 1 -> finiteNumber();
                    case 2 -> out.append(data.consumeBoolean());
                    default -> nested(data.consumeInt(1, 24));
                }
                return true;
            }
            out.append('{');
            int fields = 0;
            for (ModelCard.InputColumn column : COLUMNS) {
                int choice = data.consumeInt(0, 7);
                if (choice == 0) {
                    continue;
                }
                comma(fields++);
                key(column.name());
                if (choice == 1) {
                    out.append("null");
                } else if (choice <= 5) {
                    validValue(column);
                } else {
                    invalidValue(column);
                }
            }
            if (data.consumeInt(0, 15) == 15) {
                comma(fields++);
                if (data.consumeBoolean()) {
                    // One column twice, whatever came before: the parser refuses duplicate keys.
                    String name = COLUMNS.get(data.consumeInt(0, COLUMNS.size() - 1)).name();
                    key(name);
                    out.append("null,");
                    key(name);
                    out.append("null");
                } else {
                    // A column the model does not have: no input column starts with 'x-'.
                    key(data.consumeBoolean() ? "x-" + data.consumeString(20) : "favourite_colour");
                    anyValue(5);
                }
                invalid = true;
            }
            out.append('}');
            return true;
        }

        private void validValue(ModelCard.InputColumn column) {
            switch (column.type()) {
                case NUMERIC -> finiteNumber();
                case BOOLEAN -> out.append(data.consumeBoolean());
                case CATEGORICAL -> {
                    List<String> categories = column.categories();
                    if (categories == null || categories.isEmpty()) {
                        string(data.consumeString(30));
                    } else {
                        string(categories.get(data.consumeInt(0, categories.size() - 1)));
                    }
                }
                default -> throw new IllegalStateException("unknown column type " + column.type());
            }
        }

        private void invalidValue(ModelCard.InputColumn column) {
            invalid = true;
            int choice = data.consumeInt(0, 7);
            switch (choice) {
                case 0 -> string(pick(data, NUMBER_LIKE));
                case 1 -> {
                    // Bad JSON number tokens.
                    out.append(pick(data, new String[] {"NaN", "Infinity", "-Infinity", "+1", "01", ".5", "1.", "1e",
                        "--1", "0x1F", "1e+"}));
                }
                case 2 -> out.append(pick(data, new String[] {"1e309", "-1e400", "1" + "0".repeat(400),
                    "9".repeat(1001), "1e99999999999"}));
                case 3 -> nested(data.consumeInt(1, 24));
                default -> {
                    // A value of a neighbouring type: never right for this column.
                    switch (column.type()) {
                        case NUMERIC -> {
                            if (data.consumeBoolean()) {
                                out.append(data.consumeBoolean());
                            } else {
                                string(data.consumeString(20));
                            }
                        }
                        case BOOLEAN -> out.append(pick(data, new String[] {"\"true\"", "\"false\"", "1", "0", "\"yes\"",
                            "\"\"", "[]", "{}"}));
                        case CATEGORICAL -> {
                            int kind = data.consumeInt(0, 2);
                            if (kind == 0) {
                                finiteNumber();
                            } else if (kind == 1) {
                                out.append(data.consumeBoolean());
                            } else {
                                String s = data.consumeString(30);
                                List<String> categories = column.categories();
                                if (categories == null || categories.contains(s)) {
                                    s = s + "\u00E9";
                                }
                                string(s);
                            }
                        }
                        default -> throw new IllegalStateException("unknown column type " + column.type());
                    }
                }
            }
        }

        /** A number token that parses to a finite double: small, huge (up to 300 digits), tiny, negative zero. */
        private void finiteNumber() {
            switch (data.consumeInt(0, 7)) {
                case 0 -> out.append(data.consumeInt());
                case 1 -> out.append(data.consumeLong());
                case 2 -> {
                    double d = data.consumeRegularDouble();
                    out.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d));
                }
                case 3 -> out.append(data.consumeBoolean() ? "-" : "").append('1')
                        .append("0".repeat(data.consumeInt(0, 300)));
                case 4 -> out.append(pick(data, new String[] {"-0", "0.0", "-0.0", "1e-400", "4.9e-324",
                    "1.7976931348623157e308", "-1.7976931348623157e308", "1E308", "2.5e+2",
                    "123456789012345678901234567890"}));
                default -> out.append(data.consumeInt(-1000, 1000));
            }
        }

        /** Arrays and objects {@code depth} deep, around a scalar; past 16 levels the parser refuses it. */
        private void nested(int depth) {
            for (int i = 0; i < depth; i++) {
                out.append(i % 2 == 0 ? "[" : "{\"a\":");
            }
            anyScalar();
            for (int i = depth - 1; i >= 0; i--) {
                out.append(i % 2 == 0 ? "]" : "}");
            }
        }

        /** A number, a boolean, an array or an object: never a customer id, never absent. */
        private void neitherStringNorNull() {
            switch (data.consumeInt(0, 4)) {
                case 0 -> finiteNumber();
                case 1 -> out.append(data.consumeBoolean());
                case 2 -> nested(data.consumeInt(1, 24));
                case 3 -> out.append("{}");
                default -> out.append("[\"").append(KNOWN_ID).append("\"]");
            }
        }

        private void anyValue(int depth) {
            if (data.consumeInt(0, 3) == 0) {
                nested(data.consumeInt(1, 24));
            } else if (depth < 6 && data.consumeInt(0, 3) == 0) {
                out.append('[');
                for (int i = data.consumeInt(0, 3); i > 0; i--) {
                    anyValue(depth + 1);
                    out.append(i > 1 ? "," : "");
                }
                out.append(']');
            } else {
                anyScalarOrObject(depth);
            }
        }

        private void anyScalarOrObject(int depth) {
            if (depth < 6 && data.consumeInt(0, 3) == 0) {
                out.append('{');
                for (int i = data.consumeInt(0, 3); i > 0; i--) {
                    key(data.consumeString(12) + i);
                    anyValue(depth + 1);
                    out.append(i > 1 ? "," : "");
                }
                out.append('}');
            } else {
                anyScalar();
            }
        }

        private void anyScalar() {
            switch (data.consumeInt(0, 5)) {
                case 0 -> out.append("null");
                case 1 -> out.append(data.consumeBoolean());
                case 2 -> finiteNumber();
                case 3 -> string(pick(data, NUMBER_LIKE));
                default -> string(data.consumeString(40));
            }
        }

        private void key(String name) {
            string(name);
            out.append(':');
        }

        private void comma(int index) {
            if (index > 0) {
                out.append(',');
            }
        }

        /** A JSON string; now and then with every non-ASCII char escaped, which reads back the same. */
        private void string(String s) {
            boolean escapeAll = data.consumeInt(0, 7) == 0;
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20 || (escapeAll && c > 0x7E)) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        }
    }

    /**
     * Checks what holds for every response and returns its status: a status and a JSON body;
     * a 200 well-formed; any other status one of {@link #REFUSALS} in the one error shape, with
     * the code that goes with its status and the request id of the {@code x-request-id} header.
     */
    private static int checkResponse(APIGatewayProxyResponseEvent response) {
        assertNotNull(response, "a response");
        Integer status = response.getStatusCode();
        assertNotNull(status, "a status code");
        assertTrue(status < 500, () -> "never a server error, got " + status + ": " + response.getBody());
        assertNotNull(response.getHeaders(), "response headers");
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        JsonNode body = json(response);
        if (status == 200) {
            checkSuccess(body, response.getBody());
            return status;
        }
        assertTrue(REFUSALS.contains(status),
                () -> "status " + status + " is not a documented refusal: " + response.getBody());
        assertEquals(Set.of("error"), names(body), response::getBody);
        JsonNode error = body.get("error");
        assertEquals(Set.of("status", "code", "message", "errors", "requestId"), names(error), response::getBody);
        assertEquals(status.intValue(), error.get("status").asInt(), response::getBody);
        assertTrue(error.get("status").isInt(), response::getBody);
        assertTrue(CODES.get(status).contains(error.get("code").asText()), response::getBody);
        assertTrue(error.get("message").isTextual() && !error.get("message").asText().isBlank(), response::getBody);
        assertTrue(error.get("requestId").isTextual(), response::getBody);
        assertEquals(response.getHeaders().get("x-request-id"), error.get("requestId").asText());
        assertTrue(error.get("errors").isArray(), response::getBody);
        assertTrue(error.get("errors").size() <= ApiError.MAX_LISTED_ERRORS, "the listed errors are bounded");
        for (JsonNode e : error.get("errors")) {
            assertEquals(Set.of("field", "message"), names(e), response::getBody);
            assertTrue(e.get("field").isTextual() && e.get("message").isTextual(), response::getBody);
        }
        if (status == 405) {
            String allow = response.getHeaders().get("Allow");
            assertTrue("GET".equals(allow) || "POST".equals(allow), "a 405 says which method is allowed: " + allow);
        }
        return status;
    }

    /** A 200 is one of the documented bodies; every score has a probability from 0 to 1 and finite reasons. */
    private static void checkSuccess(JsonNode body, String text) {
        List<JsonNode> scores = new ArrayList<>();
        if (body.has("scores")) {
            body.get("scores").forEach(scores::add);
            assertTrue(!scores.isEmpty(), text);
        } else if (body.has("score")) {
            scores.add(body.get("score"));
        } else {
            assertTrue(body.has("status") || body.has("input_schema"), () -> "an undocumented 200 body: " + text);
        }
        for (JsonNode s : scores) {
            JsonNode p = s.get("probability");
            assertTrue(p != null && p.isNumber() && p.asDouble() >= 0 && p.asDouble() <= 1,
                    () -> "a probability is a number from 0 to 1: " + text);
            assertTrue(Set.of("high", "medium", "low").contains(s.path("segment").asText()), text);
            assertEquals(MODEL.version(), s.path("modelVersion").asInt(), text);
            JsonNode reasons = s.get("reasons");
            assertTrue(reasons != null && reasons.isArray() && reasons.size() <= ServingModel.TOP_REASONS, text);
            for (JsonNode r : reasons) {
                JsonNode c = r.get("contribution");
                assertTrue(c != null && c.isNumber() && Double.isFinite(c.asDouble()),
                        () -> "a reason's contribution is a finite number: " + text);
                assertTrue(r.path("feature").isTextual(), text);
            }
        }
    }

    private static JsonNode json(APIGatewayProxyResponseEvent response) {
        assertNotNull(response.getBody(), "a body");
        try {
            return READER.readTree(response.getBody());
        } catch (IOException e) {
            throw new AssertionError("the response body is not JSON: " + response.getBody(), e);
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new java.util.TreeSet<>();
        for (Iterator<String> i = object.fieldNames(); i.hasNext(); ) {
            names.add(i.next());
        }
        return names;
    }

    /** {@code POST /v1/scores} as API Gateway delivers it, with the valid key and JSON content type. */
    private static APIGatewayProxyRequestEvent post(String body, Boolean base64) {
        Map<String, String> headers = new HashMap<>(4);
        headers.put("Content-Type", "application/json");
        headers.put("x-api-key", ApiFixtures.KEY);
        Map<String, List<String>> multi = new HashMap<>(4);
        multi.put("Content-Type", List.of("application/json"));
        multi.put("x-api-key", List.of(ApiFixtures.KEY));
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setRequestId("fuzz-request");
        return new APIGatewayProxyRequestEvent().withResource("/v1/scores").withPath("/v1/scores").withHttpMethod("POST")
                .withHeaders(headers).withMultiValueHeaders(multi).withRequestContext(context).withBody(body)
                .withIsBase64Encoded(base64);
    }

    /** Big-endian pairs of bytes as chars: any UTF-16 code unit, unpaired surrogates included. */
    private static String codeUnits(byte[] raw) {
        char[] chars = new char[raw.length / 2];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (((raw[2 * i] & 0xFF) << 8) | (raw[2 * i + 1] & 0xFF));
        }
        return new String(chars);
    }

    /**
     * Lower and upper bounds of the UTF-8 size of {@code s}: exact for well-formed text; an
     * unpaired surrogate has no UTF-8 form, so it counts from 1 byte (replaced) to 3 (encoded alone).
     */
    private static long[] utf8Bounds(String s) {
        long low = 0;
        long high = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                low += 4;
                high += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                low += 1;
                high += 3;
            } else {
                int n = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
                low += n;
                high += n;
            }
        }
        return new long[] {low, high};
    }

    private static String pick(FuzzedDataProvider data, String[] choices) {
        return choices[data.consumeInt(0, choices.length - 1)];
    }

    /** A known path, one with a fuzzed customer id, any text, or none. */
    private static String pickPath(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 5)) {
            case 0 -> null;
            case 1 -> data.consumeString(60);
            case 2 -> "/v1/customers/" + data.consumeString(140) + "/score";
            default -> pick(data, PATHS);
        };
    }

    private static String headerName(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 11)) {
            case 0 -> null;
            case 1 -> data.consumeString(20);
            default -> pick(data, HEADER_NAMES);
        };
    }

    private static String headerValue(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 9)) {
            case 0 -> null;
            case 1 -> data.consumeString(80);
            case 2, 3 -> ApiFixtures.KEY;
            case 4 -> ApiFixtures.KEY + " ";
            case 5 -> BadInputs.wrongKeyOfSameLength();
            default -> pick(data, CONTENT_TYPES);
        };
    }
}
