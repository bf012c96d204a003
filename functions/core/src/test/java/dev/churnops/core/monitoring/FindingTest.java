package dev.churnops.core.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.monitoring.Finding.Comparison;
import dev.churnops.core.monitoring.Finding.Kind;
import dev.churnops.core.port.Notification.Severity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingTest {

    private static Finding read(String json) {
        return Finding.read(json.getBytes(StandardCharsets.UTF_8), "finding");
    }

    @Test
    void sortsAffectedNamesAndFillsTheKindsPlaybook() {
        Finding f = Finding.of(Kind.DATA_DRIFT, "dataset", Severity.WARNING, "Half of the features drifted", 0.5, 0.3,
                Comparison.ABOVE, List.of("tenure", "monthly_charges", "tenure"));
        assertEquals(List.of("monthly_charges", "tenure"), f.affected());
        assertEquals(Kind.DATA_DRIFT.defaultPlaybook(), f.playbook());
        assertEquals("", f.detail());
        assertEquals("data_drift/dataset", f.incidentKey());
        assertEquals("observed 0.5 is above the threshold 0.3", f.comparisonSentence());
    }

    @Test
    void roundTripsThroughSnakeCaseJson() {
        Finding f = Finding.of(Kind.BUSINESS, "churn_rate", Severity.CRITICAL, "Churn rate above plan", 0.081, 0.06,
                Comparison.ABOVE, List.of("segment=new")).withDetail("Weekly churn among new customers.")
                .withPlaybook("Call the retention lead.");
        String json = new String(f.toJson(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"sub_kind\" : \"churn_rate\""), json);
        assertTrue(json.contains("\"kind\" : \"business\""), json);
        assertEquals(f, read(json));
        assertEquals(List.of(f, f), Finding.readList(("[" + json + "," + json + "]").getBytes(StandardCharsets.UTF_8),
                "findings"));
    }

    @Test
    void readsAMinimalFindingWithDefaults() {
        Finding f = read("{\"kind\": \"ANOMALY\", \"sub_kind\": \"volume\", \"severity\": \"WARNING\", \"title\": \"Few orders\","
                + " \"observed\": 120, \"threshold\": 800, \"comparison\": \"below\"}");
        assertEquals(Kind.ANOMALY, f.kind());
        assertEquals(List.of(), f.affected());
        assertEquals(Kind.ANOMALY.defaultPlaybook(), f.playbook());
        assertEquals("observed 120 is below the threshold 800", f.comparisonSentence());
    }

    @Test
    void namesTheFieldValueAndExpectationOfBadInput() {
        String base = "\"kind\": \"performance\", \"severity\": \"WARNING\", \"title\": \"F1 fell\", \"threshold\": 0.6,"
                + " \"comparison\": \"below\"";
        IllegalArgumentException subKind = assertThrows(IllegalArgumentException.class,
                () -> read("{" + base + ", \"sub_kind\": \"F1 Score\", \"observed\": 0.5}"));
        assertTrue(subKind.getMessage().contains("'sub_kind' is 'F1 Score': expected 1 to 64 lower-case"), subKind.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> read("{" + base + ", \"sub_kind\": \"f1\"}"));
        assertTrue(missing.getMessage().contains("'observed' is null: expected a finite number"), missing.getMessage());
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> read("{\"kind\": \"drift\", \"sub_kind\": \"f1\", \"severity\": \"WARNING\", \"title\": \"x\","
                        + " \"observed\": 1, \"threshold\": 2, \"comparison\": \"below\"}"));
        assertTrue(kind.getMessage().contains("'kind' is 'drift': expected one of data_drift, prediction_drift"),
                kind.getMessage());
        IllegalArgumentException title = assertThrows(IllegalArgumentException.class,
                () -> Finding.of(Kind.PERFORMANCE, "f1", Severity.WARNING, "x".repeat(81), 0.5, 0.6, Comparison.BELOW, null));
        assertTrue(title.getMessage().contains("'title' is 'xxx"), title.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Finding.of(Kind.PERFORMANCE, "f1", Severity.WARNING, "F1 fell", Double.NaN, 0.6, Comparison.BELOW, null));
        assertTrue(nan.getMessage().contains("'observed' is NaN"), nan.getMessage());
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> Finding.of(Kind.PERFORMANCE, "f1", Severity.WARNING, "F1 fell", 0.5, 0.6, Comparison.BELOW,
                        List.of("tenure", " ")));
        assertTrue(blank.getMessage().contains("'affected'"), blank.getMessage());
        IllegalArgumentException list = assertThrows(IllegalArgumentException.class,
                () -> Finding.readList("[null]".getBytes(StandardCharsets.UTF_8), "findings"));
        assertTrue(list.getMessage().contains("null at [0]"), list.getMessage());
    }
}
