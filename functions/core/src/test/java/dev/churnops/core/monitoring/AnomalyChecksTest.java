package dev.churnops.core.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.monitoring.Anomaly.Kind;
import dev.churnops.core.monitoring.Anomaly.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AnomalyChecksTest {

    private final AnomalyChecks checks = new AnomalyChecks(AnomalyConfig.defaults());

    @Test
    void flagsAVolumeDropOrSpikeAgainstTheMedianOfPreviousWindows() {
        List<Long> history = List.of(5000L, 100L, 110L, 90L, 100L);
        assertTrue(checks.volume(60, history).isEmpty(), "60 is above half the median 100");
        Anomaly drop = checks.volume(40, history).get(0);
        assertEquals(Kind.VOLUME_DROP, drop.kind());
        assertEquals(100.0, drop.expected());
        assertEquals(Severity.WARNING, drop.severity());
        assertEquals(Severity.CRITICAL, checks.volume(0, history).get(0).severity(), "an empty window is critical");
        Anomaly spike = checks.volume(450, history).get(0);
        assertEquals(Kind.VOLUME_SPIKE, spike.kind());
        assertEquals(Severity.CRITICAL, spike.severity());
        assertTrue(spike.detail().contains("above 2 × the median 100 of the previous 5 windows"), spike.detail());
        assertTrue(checks.volume(0, List.of(100L, 100L)).isEmpty(), "two previous windows are too few to judge");
    }

    @Test
    void flagsAFeatureWhoseMissingRateRoseTenPoints() {
        MonitoringBaseline baseline = MonitoringBaseline.of(DriftData.baseline(500, 1));
        StringBuilder csv = new StringBuilder(DriftData.HEADER).append('\n');
        for (int i = 0; i < 100; i++) {
            csv.append("C").append(i).append(',').append(i % 5 == 0 ? "" : "12").append(",70,One year,Yes,No\n");
        }
        LabeledTable current = DriftData.table(csv.toString(), DriftData.table(DriftData.csv(10, 1, 0,
                DriftData.BASELINE_CONTRACT_SHARES)).schema());
        List<Anomaly> found = checks.missingRates(baseline, FeatureColumns.of(current));
        assertEquals(1, found.size(), found.toString());
        assertEquals("tenure", found.get(0).feature());
        assertEquals(0.2, found.get(0).observed(), 1e-12);
        assertTrue(found.get(0).expected() > 0.02 && found.get(0).expected() < 0.08, "about 5% blank in training");
    }

    @Test
    void reportsSchemaChangesAsAnomalies() {
        MonitoringBaseline baseline = MonitoringBaseline.of(DriftData.baseline(200, 1));
        CapturedFeatures features = CapturedScores.parse((CapturedScoresTest.GOOD.replace("\"Contract\":\"One year\",",
                "\"Extra\":1,")).getBytes(StandardCharsets.UTF_8), "p.jsonl").features(baseline);
        List<Anomaly> found = checks.schema(baseline, FeatureColumns.of(features.table()));
        assertEquals(List.of(Kind.MISSING_COLUMN, Kind.EXTRA_COLUMN), found.stream().map(Anomaly::kind).toList());
        assertEquals(Severity.CRITICAL, found.get(0).severity());
        assertNull(found.get(0).observed());

        LabeledTable textTenure = DriftData.table(DriftData.HEADER + "\nC1,long,70,One year,Yes,No\n");
        assertEquals(Kind.TYPE_CHANGE, checks.schema(baseline, FeatureColumns.of(textTenure)).get(0).kind());
    }

    @Test
    void flagsInvalidScoresAndScoresCrowdingTheBaselinesTail() {
        SplittableRandom random = new SplittableRandom(3);
        double[] training = new double[1000];
        for (int i = 0; i < training.length; i++) {
            training[i] = random.nextDouble() * 0.5;
        }
        MonitoringBaseline baseline = MonitoringBaseline.of(DriftData.baseline(1000, 1), training);
        double[] same = new double[400];
        double[] high = new double[400];
        for (int i = 0; i < same.length; i++) {
            same[i] = random.nextDouble() * 0.5;
            high[i] = i < 100 ? 0.9 : random.nextDouble() * 0.5;
        }
        assertTrue(checks.scores(baseline, same).isEmpty(), checks.scores(baseline, same).toString());
        List<Anomaly> shifted = checks.scores(baseline, high);
        assertEquals(Kind.SCORE_TAIL_SHIFT, shifted.get(0).kind());
        assertTrue(shifted.get(0).observed() >= 0.25, shifted.toString());
        assertEquals(Severity.CRITICAL, shifted.get(0).severity());

        List<Anomaly> invalid = checks.scores(null, new double[]{0.2, Double.NaN, 1.5, -0.1});
        assertEquals(1, invalid.size());
        assertEquals(Kind.SCORE_OUT_OF_RANGE, invalid.get(0).kind());
        assertEquals(3.0, invalid.get(0).observed());
        assertTrue(checks.scores(baseline, new double[0]).isEmpty(), "no scores, nothing to flag here");
    }

    @Test
    void flagsTheApiErrorRateAndLatencyAgainstTheirLimits() {
        assertTrue(checks.api(new AnomalyChecks.ApiFigures(1000, 10, 900.0)).isEmpty());
        List<Anomaly> found = checks.api(new AnomalyChecks.ApiFigures(1000, 15, 2500.0));
        assertEquals(List.of(Kind.API_ERROR_RATE, Kind.API_LATENCY), found.stream().map(Anomaly::kind).toList());
        assertEquals(Severity.WARNING, found.get(0).severity());
        assertEquals(Severity.CRITICAL, found.get(1).severity());
        assertTrue(checks.api(new AnomalyChecks.ApiFigures(0, 0, null)).isEmpty(), "no traffic is no error rate");
        assertThrows(IllegalArgumentException.class, () -> new AnomalyChecks.ApiFigures(5, 6, null));
    }

    @Test
    void flagsStaleOrAbsentFeatureTimes() {
        Instant now = Instant.parse("2026-03-10T00:00:00Z");
        assertTrue(checks.staleness(Instant.parse("2026-03-09T00:00:00Z"), now).isEmpty());
        Anomaly stale = checks.staleness(Instant.parse("2026-03-07T00:00:00Z"), now).get(0);
        assertEquals(72.0, stale.observed());
        assertEquals(Severity.WARNING, stale.severity());
        assertEquals(Severity.CRITICAL, checks.staleness(null, now).get(0).severity());
    }

    @Test
    void runsTheChecksWhoseInputsAreGiven() {
        List<Anomaly> found = checks.run(new AnomalyChecks.Inputs(0L, List.of(10L, 12L, 11L), null, null, null,
                new AnomalyChecks.ApiFigures(10, 5, null), null, null));
        assertEquals(List.of(Kind.VOLUME_DROP, Kind.API_ERROR_RATE), found.stream().map(Anomaly::kind).toList());
        String json = new String(dev.churnops.core.json.Json.write(found), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"kind\" : \"VOLUME_DROP\""), json);
    }

    @Test
    void configReadsFromJsonAndNamesABadField() {
        AnomalyConfig config = AnomalyConfig.read("{\"max_p99_latency_ms\": 300, \"volume_history\": 14}"
                .getBytes(StandardCharsets.UTF_8), "anomaly config");
        assertEquals(300.0, config.maxP99LatencyMs());
        assertEquals(14, config.volumeHistory());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnomalyConfig.read(
                "{\"volume_low_ratio\": 2}".getBytes(StandardCharsets.UTF_8), "anomaly config"));
        assertTrue(e.getMessage().contains("'volume_low_ratio' is 2.0"), e.getMessage());
    }
}
