package dev.churnops.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublishDataQualityHandlerTest {

    private static String event(int in, int valid, int quarantined) {
        return "{\"executionId\": \"ingestion-1\", \"source\": \"customers\", \"rowsIn\": " + in + ", \"rowsValid\": "
                + valid + ", \"rowsQuarantined\": " + quarantined + "}";
    }

    @Test
    void recordsTheFourMetricsWithTheSourceDimension() {
        Fakes fakes = Fakes.capturing();

        Invocations.invoke(new PublishDataQualityHandler(fakes.services), event(200, 190, 10));

        Map<String, String> source = Map.of("Source", "customers");
        assertEquals(List.of(
                new RecordingMetrics.Point("RowsIn", 200, "Count", source),
                new RecordingMetrics.Point("RowsValid", 190, "Count", source),
                new RecordingMetrics.Point("RowsQuarantined", 10, "Count", source),
                new RecordingMetrics.Point("QuarantineRate", 0.05, "None", source),
                new RecordingMetrics.Point("VolumeAnomaly", 0, "Count", source)), fakes.metrics.points());
    }

    @Test
    void flagsAVolumeAnomalyEvenWithNothingQuarantinedAndSaysWhy() {
        Fakes fakes = Fakes.capturing(new Services.Settings("churn", "test", 0.05));
        String event = "{\"executionId\": \"ingestion-1\", \"source\": \"orders\", \"rowsIn\": 40, \"rowsValid\": 40,"
                + " \"rowsQuarantined\": 0, \"volumeAnomalies\": [\"orders on 2026-03-13: 40 rows, 20% of the median 200\"]}";

        JsonNode result = Invocations.invoke(new PublishDataQualityHandler(fakes.services), event);

        assertTrue(result.get("anomaly").asBoolean());
        assertTrue(result.get("message").asText().contains("40 rows, 20% of the median 200"), result::toString);
        assertTrue(fakes.metrics.points().contains(new RecordingMetrics.Point("VolumeAnomaly", 1, "Count", Map.of("Source", "orders"))));
    }

    @Test
    void flagsAnAnomalyWhenTheQuarantineRateIsAboveTheThreshold() {
        Fakes fakes = Fakes.capturing(new Services.Settings("churn", "test", 0.05));

        JsonNode result = Invocations.invoke(new PublishDataQualityHandler(fakes.services), event(100, 94, 6));

        assertTrue(result.get("anomaly").asBoolean());
        assertEquals(0.06, result.get("quarantineRate").asDouble(), 1e-12);
        assertTrue(result.get("message").asText().contains("6 of 100 rows quarantined"), result::toString);
        assertTrue(result.get("message").asText().contains("5.00%"), result::toString);
    }

    @Test
    void doesNotFlagARateAtOrBelowTheThreshold() {
        Fakes fakes = Fakes.capturing(new Services.Settings("churn", "test", 0.05));
        PublishDataQualityHandler handler = new PublishDataQualityHandler(fakes.services);

        assertFalse(Invocations.invoke(handler, event(100, 95, 5)).get("anomaly").asBoolean());
        assertFalse(Invocations.invoke(handler, event(100, 100, 0)).get("anomaly").asBoolean());
    }

    @Test
    void reportsARateOfZeroForAnEmptyFile() {
        Fakes fakes = Fakes.capturing();

        JsonNode result = Invocations.invoke(new PublishDataQualityHandler(fakes.services), event(0, 0, 0));

        assertEquals(0.0, result.get("quarantineRate").asDouble());
        assertFalse(result.get("anomaly").asBoolean());
    }

    @Test
    void rejectsCountsThatDoNotAddUpAndRecordsNothing() {
        Fakes fakes = Fakes.capturing();

        JsonHandler.InvalidEventException e = assertThrows(JsonHandler.InvalidEventException.class,
                () -> Invocations.invoke(new PublishDataQualityHandler(fakes.services), event(100, 90, 5)));

        assertTrue(e.getMessage().contains("rowsIn (100)"), e::getMessage);
        assertEquals(List.of(), fakes.metrics.points());
    }
}
