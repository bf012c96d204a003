package dev.churnops.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.features.FeatureBatch;
import dev.churnops.core.features.FeatureSchema;
import dev.churnops.core.features.FeatureSchema.Column;
import dev.churnops.core.features.FeatureSchema.ValueType;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.TransientFailure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SageMakerOnlineStoreTest {

    private static final String GROUP = "churnops-customer-activity";
    private static final String HOST = "featurestore-runtime.sagemaker.eu-west-1.amazonaws.com";
    private static final FeatureSchema SCHEMA = new FeatureSchema("customer_activity", List.of(
            new Column("orders_30d", ValueType.DOUBLE), new Column("plan", ValueType.STRING)));

    private final FakeHttp http = new FakeHttp();
    private final SageMakerOnlineStore store = new SageMakerOnlineStore(TestClients.featureStore(http), GROUP, SCHEMA);

    private static JsonNode json(FakeHttp.Sent sent) {
        return Json.tree(sent.body(), "request body");
    }

    private static JsonNode json(String text) {
        return Json.tree(text.getBytes(StandardCharsets.UTF_8), "expected");
    }

    private static String error(String type, String message) {
        return "{\"__type\":\"" + type + "\",\"Message\":\"" + message + "\"}";
    }

    @Test
    void putSendsOnePutRecordPerRowWithStringValuesAndLeavesMissingOnesOut() {
        http.respond(200, "{}");
        FeatureBatch rows = FeatureBatch.builder(SCHEMA)
                .row("c-1", Instant.parse("2026-03-01T10:00:00Z").getEpochSecond(), 0).number(0, 3).text(1, "gold")
                .row("c-2", Instant.parse("2026-03-02T23:59:59Z").getEpochSecond(), 0).text(1, null)
                .build();

        store.put(rows);

        List<FakeHttp.Sent> sent = http.sent();
        assertEquals(2, sent.size());
        assertEquals("PUT", sent.get(0).method());
        assertEquals(HOST, sent.get(0).host());
        assertEquals("/FeatureGroup/" + GROUP, sent.get(0).path());
        assertEquals(json("{\"Record\":[{\"FeatureName\":\"customer_id\",\"ValueAsString\":\"c-1\"},"
                + "{\"FeatureName\":\"event_time\",\"ValueAsString\":\"2026-03-01T10:00:00Z\"},"
                + "{\"FeatureName\":\"orders_30d\",\"ValueAsString\":\"3.0\"},"
                + "{\"FeatureName\":\"plan\",\"ValueAsString\":\"gold\"}]}"), json(sent.get(0)));
        assertEquals(json("{\"Record\":[{\"FeatureName\":\"customer_id\",\"ValueAsString\":\"c-2\"},"
                + "{\"FeatureName\":\"event_time\",\"ValueAsString\":\"2026-03-02T23:59:59Z\"}]}"), json(sent.get(1)));
    }

    @Test
    void getSendsGetRecordForTheViewsFeaturesAndConvertsByTheSchema() {
        http.respond(200, "{\"Record\":[{\"FeatureName\":\"orders_30d\",\"ValueAsString\":\"3.5\"},"
                + "{\"FeatureName\":\"plan\",\"ValueAsString\":\"gold\"}]}");

        Map<String, Object> values = store.get("c/1 x").orElseThrow();

        FakeHttp.Sent sent = http.only();
        assertEquals("GET", sent.method());
        assertEquals("/FeatureGroup/" + GROUP, sent.path());
        assertEquals("c/1 x", java.net.URLDecoder.decode(sent.query("RecordIdentifierValueAsString"), StandardCharsets.UTF_8));
        assertEquals(List.of("orders_30d", "plan"), sent.request().rawQueryParameters().get("FeatureName"));
        assertEquals(3.5, values.get("orders_30d"));
        assertEquals("gold", values.get("plan"));
    }

    @Test
    void aFeatureTheRecordLacksIsNull() {
        http.respond(200, "{\"Record\":[{\"FeatureName\":\"plan\",\"ValueAsString\":\"basic\"}]}");

        Map<String, Object> values = store.get("c-1").orElseThrow();

        assertTrue(values.containsKey("orders_30d"));
        assertNull(values.get("orders_30d"));
    }

    @Test
    void aCustomerWithoutARecordIsEmpty() {
        http.respond(200, "{}");

        assertEquals(Optional.empty(), store.get("nobody"));
    }

    @Test
    void aMissingFeatureGroupIsNotRetried() {
        http.respond(404, error("ResourceNotFound", "Resource churnops-customer-activity not found."),
                "x-amzn-ErrorType", "ResourceNotFound");

        AwsRequestException e = assertThrows(AwsRequestException.class, () -> store.get("c-1"));

        assertTrue(e.getMessage().contains("GetRecord of customer 'c-1' from feature group '" + GROUP + "'"), e::getMessage);
        assertTrue(e.getMessage().contains("ResourceNotFound"), e::getMessage);
    }

    @Test
    void anUnavailableServiceIsATransientFailure() {
        http.respond(503, error("ServiceUnavailable", "Service is unavailable"), "x-amzn-ErrorType", "ServiceUnavailable");

        TransientFailure e = assertThrows(TransientFailure.class, () -> store.put(FeatureBatch.builder(SCHEMA)
                .row("c-1", 0, 0).build()));

        assertTrue(e.getMessage().contains("PutRecord of customer 'c-1'"), e::getMessage);
    }

    @Test
    void aNumberFeatureHoldingTextFailsNamingIt() {
        http.respond(200, "{\"Record\":[{\"FeatureName\":\"orders_30d\",\"ValueAsString\":\"many\"}]}");

        AwsRequestException e = assertThrows(AwsRequestException.class, () -> store.get("c-1"));

        assertTrue(e.getMessage().contains("'many'") && e.getMessage().contains("'orders_30d'"), e::getMessage);
    }

    private static String records(List<String> ids) {
        StringBuilder b = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < ids.size(); i++) {
            b.append(i == 0 ? "" : ",").append("{\"FeatureGroupName\":\"").append(GROUP)
                    .append("\",\"RecordIdentifierValueAsString\":\"").append(ids.get(i))
                    .append("\",\"Record\":[{\"FeatureName\":\"orders_30d\",\"ValueAsString\":\"").append(i).append("\"}]}");
        }
        return b.append("],\"Errors\":[],\"UnprocessedIdentifiers\":[]}").toString();
    }

    @Test
    void getAllAsksInChunksOfAHundredAndLeavesOutCustomersWithoutARecord() {
        List<String> ids = IntStream.range(0, 150).mapToObj(i -> "c-" + i).toList();
        http.respond(200, records(ids.subList(0, 100)))
                .respond(200, records(ids.subList(100, 149)));

        Map<String, Map<String, Object>> all = store.getAll(ids);

        List<FakeHttp.Sent> sent = http.sent();
        assertEquals(2, sent.size());
        assertEquals("POST", sent.get(0).method());
        assertEquals("/BatchGetRecord", sent.get(0).path());
        JsonNode first = json(sent.get(0));
        assertEquals(1, first.get("Identifiers").size());
        JsonNode identifier = first.get("Identifiers").get(0);
        assertEquals(GROUP, identifier.get("FeatureGroupName").asText());
        assertEquals(100, identifier.get("RecordIdentifiersValueAsString").size());
        assertEquals("c-0", identifier.get("RecordIdentifiersValueAsString").get(0).asText());
        assertEquals(json("[\"orders_30d\",\"plan\"]"), identifier.get("FeatureNames"));
        assertEquals(50, json(sent.get(1)).get("Identifiers").get(0).get("RecordIdentifiersValueAsString").size());
        assertEquals(149, all.size());
        assertEquals(ids.subList(0, 149), new ArrayList<>(all.keySet()));
        assertEquals(48.0, all.get("c-148").get("orders_30d"));
        assertNull(all.get("c-148").get("plan"));
    }

    @Test
    void getAllAsksAgainForUnprocessedIdentifiers() {
        http.respond(200, "{\"Records\":[{\"FeatureGroupName\":\"" + GROUP + "\",\"RecordIdentifierValueAsString\":\"a\","
                        + "\"Record\":[{\"FeatureName\":\"plan\",\"ValueAsString\":\"x\"}]}],\"Errors\":[],"
                        + "\"UnprocessedIdentifiers\":[{\"FeatureGroupName\":\"" + GROUP
                        + "\",\"RecordIdentifiersValueAsString\":[\"b\"]}]}")
                .respond(200, "{\"Records\":[{\"FeatureGroupName\":\"" + GROUP + "\",\"RecordIdentifierValueAsString\":\"b\","
                        + "\"Record\":[{\"FeatureName\":\"plan\",\"ValueAsString\":\"y\"}]}],\"Errors\":[],"
                        + "\"UnprocessedIdentifiers\":[]}");

        Map<String, Map<String, Object>> all = store.getAll(List.of("a", "b"));

        assertEquals("x", all.get("a").get("plan"));
        assertEquals("y", all.get("b").get("plan"));
        assertEquals(json("[\"b\"]"), json(http.sent().get(1)).get("Identifiers").get(0).get("RecordIdentifiersValueAsString"));
    }

    @Test
    void getAllGivesUpOnIdentifiersLeftUnprocessedAfterItsRetries() {
        http.respond(200, "{\"Records\":[],\"Errors\":[],\"UnprocessedIdentifiers\":[{\"FeatureGroupName\":\"" + GROUP
                + "\",\"RecordIdentifiersValueAsString\":[\"a\"]}]}");

        TransientFailure e = assertThrows(TransientFailure.class, () -> store.getAll(List.of("a")));

        assertEquals(SageMakerOnlineStore.MAX_RETRIES + 1, http.sent().size());
        assertTrue(e.getMessage().contains("unprocessed") && e.getMessage().contains("'a'"), e::getMessage);
    }

    @Test
    void aRecordErrorInABatchNamesTheCustomer() {
        http.respond(200, "{\"Records\":[],\"Errors\":[{\"FeatureGroupName\":\"" + GROUP + "\","
                + "\"RecordIdentifierValueAsString\":\"a\",\"ErrorCode\":\"ValidationError\",\"ErrorMessage\":\"bad id\"}],"
                + "\"UnprocessedIdentifiers\":[]}");

        AwsRequestException e = assertThrows(AwsRequestException.class, () -> store.getAll(List.of("a")));

        assertTrue(e.getMessage().contains("customer 'a'") && e.getMessage().contains("ValidationError: bad id"),
                e::getMessage);
    }

    @Test
    void refusesAnInfiniteNumberAndSendsNothing() {
        FeatureBatch rows = FeatureBatch.builder(SCHEMA).row("c-1", 0, 0).number(0, Double.POSITIVE_INFINITY).build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.put(rows));

        assertTrue(e.getMessage().contains("'orders_30d'") && e.getMessage().contains("'c-1'"), e::getMessage);
        assertEquals(0, http.sent().size());
    }

    @Test
    void refusesAnInvalidFeatureGroupName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SageMakerOnlineStore(TestClients.featureStore(http), "churn ops", SCHEMA));
        assertTrue(e.getMessage().contains("'churn ops'"), e::getMessage);
    }
}
