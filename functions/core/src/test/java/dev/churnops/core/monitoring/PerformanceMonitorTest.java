package dev.churnops.core.monitoring;

import static dev.churnops.core.monitoring.MonitoringFixtures.THRESHOLD;
import static dev.churnops.core.monitoring.MonitoringFixtures.card;
import static dev.churnops.core.monitoring.MonitoringFixtures.score;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.evaluation.BinaryMetrics;
import dev.churnops.core.evaluation.ConfusionMatrix;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PerformanceMonitorTest {

    private static final Instant LATER = Instant.parse("2026-06-01T00:00:00Z");

    /** Customers c{offset}..c{offset+n-1} scored on {@code day}; informative scores when {@code skilled}. */
    private static void week(List<CapturedScore> scores, StringBuilder labels, int offset, int n, String day,
                             boolean skilled, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = offset; i < offset + n; i++) {
            boolean churned = random.nextDouble() < 0.3;
            double u = random.nextDouble();
            double p = skilled ? (churned ? 0.35 + 0.65 * u : 0.45 * u) : u;
            String id = String.format(Locale.ROOT, "c%04d", i);
            scores.add(score(id, day + "T12:00:00Z", p));
            labels.append(id).append(',').append(churned ? "Yes" : "No").append('\n');
        }
    }

    private static Labels labels(StringBuilder rows) {
        return Labels.parse(("customerId,churned\n" + rows).getBytes(StandardCharsets.UTF_8), "labels.csv");
    }

    @Test
    void measuresEachWindowAtTheCardsThresholdWithOnePredictionPerCustomer() {
        List<CapturedScore> scores = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        week(scores, rows, 0, 120, "2026-03-03", true, 1);
        week(scores, rows, 120, 120, "2026-03-10", true, 2);
        // An earlier score of c0000 in the same week is replaced by the later one.
        scores.add(0, score("c0000", "2026-03-02T08:00:00Z", 0.99));
        PerformanceReport report = new PerformanceMonitor(PerformanceConfig.defaults())
                .evaluate(card(0.7), scores, labels(rows), LATER);

        assertEquals(2, report.windows().size());
        PerformanceReport.Window first = report.windows().get(0);
        assertEquals("2026-03-02T00:00:00Z", first.start(), "7-day windows start on Mondays");
        assertEquals("2026-03-09T00:00:00Z", first.end());
        assertEquals(120, first.predictions());
        assertEquals(120, first.figures().labelled());
        double[] s = scores.subList(1, 121).stream().mapToDouble(CapturedScore::probability).toArray();
        Labels l = labels(rows);
        boolean[] y = new boolean[120];
        for (int i = 0; i < 120; i++) {
            y[i] = l.of(scores.get(i + 1).customerId()).orElseThrow().churned();
        }
        ConfusionMatrix expected = BinaryMetrics.confusion(s, y, THRESHOLD);
        assertEquals(expected.f1(), first.figures().f1());
        assertEquals(expected.precision(), first.figures().precision());
        assertEquals(BinaryMetrics.rocAuc(s, y), first.figures().rocAuc());
        assertEquals(240, report.overall().labelled());
        assertEquals(PerformanceReport.Status.HEALTHY, report.status());
        assertFalse(report.degraded());
        assertEquals("2026-03-09T00:00:00Z", report.judgedWindow());
        assertTrue(report.reason().startsWith("Healthy: F1 "), report.reason());
    }

    @Test
    void isDegradedWhenTheLatestWindowsF1FallsBelowTheShareOfTheCardsF1() {
        List<CapturedScore> scores = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        week(scores, rows, 0, 150, "2026-03-03", true, 1);
        week(scores, rows, 150, 150, "2026-03-10", false, 2);
        PerformanceReport report = new PerformanceMonitor(PerformanceConfig.defaults())
                .evaluate(card(0.8), scores, labels(rows), LATER);
        assertTrue(report.windows().get(0).figures().f1() >= 0.64, "the skilled week is fine");
        assertTrue(report.windows().get(1).figures().f1() < 0.64, "the random week is not");
        assertEquals(PerformanceReport.Status.DEGRADED, report.status());
        assertTrue(report.degraded());
        assertTrue(report.reason().contains("is below 0.8 × the model card's F1 0.800 = 0.640"), report.reason());
    }

    @Test
    void anAbsoluteMinimumF1AloneCanJudgeWhenTheCardHasNoF1() {
        List<CapturedScore> scores = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        week(scores, rows, 0, 100, "2026-03-03", true, 1);
        PerformanceReport withoutRule = new PerformanceMonitor(PerformanceConfig.defaults())
                .evaluate(card(null), scores, labels(rows), LATER);
        assertEquals(PerformanceReport.Status.NOT_JUDGED, withoutRule.status());
        assertNull(withoutRule.trainingF1());
        PerformanceConfig strict = PerformanceConfig.read("{\"min_f1\": 0.99}".getBytes(StandardCharsets.UTF_8), "config");
        PerformanceReport judged = new PerformanceMonitor(strict).evaluate(card(null), scores, labels(rows), LATER);
        assertEquals(PerformanceReport.Status.DEGRADED, judged.status());
        assertTrue(judged.reason().contains("below min_f1 0.99"), judged.reason());
    }

    @Test
    void predictionsWithinTheLabelHorizonArePendingAndNotJudged() {
        List<CapturedScore> scores = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        week(scores, rows, 0, 100, "2026-03-03", true, 1);
        PerformanceReport report = new PerformanceMonitor(PerformanceConfig.defaults())
                .evaluate(card(0.7), scores, labels(rows), Instant.parse("2026-03-20T00:00:00Z"));
        assertEquals(100, report.pending());
        assertEquals(100, report.windows().get(0).pending());
        assertEquals(0, report.overall().labelled());
        assertNull(report.overall().f1());
        assertEquals(PerformanceReport.Status.NOT_JUDGED, report.status());
        assertTrue(report.reason().contains("100 still within the 30-day label horizon"), report.reason());
    }

    @Test
    void unlabelledPredictionsPastTheHorizonAreExcludedOrCountedAsNegativesAsConfigured() {
        List<CapturedScore> scores = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        week(scores, rows, 0, 60, "2026-03-03", true, 1);
        scores.add(score("nolabel1", "2026-03-04T00:00:00Z", 0.9));
        scores.add(score("nolabel2", "2026-03-04T00:00:00Z", 0.1));
        PerformanceReport excluded = new PerformanceMonitor(PerformanceConfig.defaults())
                .evaluate(card(0.7), scores, labels(rows), LATER);
        assertEquals(2, excluded.unlabelledAfterHorizon());
        assertEquals(60, excluded.overall().labelled());
        PerformanceConfig negative = PerformanceConfig.read(
                "{\"unlabelled_after_horizon\": \"Negative\"}".getBytes(StandardCharsets.UTF_8), "config");
        PerformanceReport counted = new PerformanceMonitor(negative).evaluate(card(0.7), scores, labels(rows), LATER);
        assertEquals(62, counted.overall().labelled());
        assertEquals(excluded.overall().positives(), counted.overall().positives());
    }

    @Test
    void reportsLabelsOfCustomersNeverScoredAndPredictionsItCannotUse() {
        List<CapturedScore> scores = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        week(scores, rows, 0, 10, "2026-03-03", true, 1);
        rows.append("ghost-1,Yes\nghost-2,No\n");
        scores.add(score(null, "2026-03-03T00:00:00Z", 0.5));
        scores.add(new CapturedScore("c0001", Instant.parse("2026-03-03T00:00:00Z"), "churn", 2, 0.5, null, java.util.Map.of()));
        PerformanceReport report = new PerformanceMonitor(PerformanceConfig.defaults())
                .evaluate(card(0.7), scores, labels(rows), LATER);
        assertEquals(2, report.labelsForUnscored());
        assertEquals(List.of("ghost-1", "ghost-2"), report.unscoredSample());
        assertEquals(1, report.anonymous());
        assertEquals(1, report.otherModels());
        assertTrue(report.windows().get(0).figures().note().contains("fewer than min_labelled_rows 50"));
    }

    @Test
    void noPredictionsGiveAnEmptyReportNotAnError() {
        PerformanceReport report = new PerformanceMonitor(PerformanceConfig.defaults())
                .evaluate(card(0.7), List.of(), Labels.none(), LATER);
        assertTrue(report.windows().isEmpty());
        assertEquals(PerformanceReport.Status.NOT_JUDGED, report.status());
        assertEquals("Not judged: no predictions were given.", report.reason());
        String json = new String(report.toJson(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"status\" : \"NOT_JUDGED\""), json);
    }

    @Test
    void aSingleClassWindowHasF1ButNoAuc() {
        List<CapturedScore> scores = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            scores.add(score("s" + i, "2026-03-03T00:00:00Z", i / 100.0));
            rows.append("s").append(i).append(",No\n");
        }
        PerformanceReport report = new PerformanceMonitor(PerformanceConfig.defaults())
                .evaluate(card(0.7), scores, labels(rows), LATER);
        PerformanceReport.Figures f = report.windows().get(0).figures();
        assertEquals(0.0, f.f1());
        assertNull(f.rocAuc());
        assertTrue(f.note().contains("Only non-churners"), f.note());
    }

    @Test
    void configReadsFromJsonAndNamesABadField() {
        PerformanceConfig config = PerformanceConfig.read(("{\"window_days\": 14, \"label_horizon_days\": 60,"
                + " \"min_labelled_rows\": 20, \"f1_ratio\": 0.9, \"include_other_versions\": true}")
                .getBytes(StandardCharsets.UTF_8), "performance config");
        assertEquals(14, config.windowDays());
        assertEquals(60, config.labelHorizonDays());
        assertEquals(20, config.minLabelledRows());
        assertEquals(0.9, config.f1Ratio());
        assertTrue(config.includeOtherVersions());
        assertEquals(PerformanceConfig.defaults(), PerformanceConfig.read("{}".getBytes(StandardCharsets.UTF_8), "c"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PerformanceConfig.read("{\"f1_ratio\": 1.5}".getBytes(StandardCharsets.UTF_8), "c"));
        assertTrue(e.getMessage().contains("'f1_ratio' is 1.5"), e.getMessage());
        IllegalArgumentException policy = assertThrows(IllegalArgumentException.class,
                () -> PerformanceConfig.read("{\"unlabelled_after_horizon\": \"drop\"}".getBytes(StandardCharsets.UTF_8), "c"));
        assertTrue(policy.getMessage().contains("expected exclude or negative"), policy.getMessage());
    }
}
