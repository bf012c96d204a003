package dev.churnops.core.monitoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.json.Json;
import dev.churnops.core.monitoring.ConstraintViolations.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {

    private static final LabeledTable TRAINING = DriftData.baseline(5000, 1);
    private static final MonitoringBaseline BASELINE = MonitoringBaseline.of(TRAINING, scores(5000, 1, 0));
    private static final DriftDetector DEFAULTS = new DriftDetector(DriftConfig.defaults());

    /** Beta-like scores: the mean of two uniforms, moved by {@code shift} and kept in [0, 1]. */
    private static double[] scores(int n, long seed, double shift) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.min(1, Math.max(0, (random.nextDouble() + random.nextDouble()) / 2 + shift));
        }
        return s;
    }

    private static LabeledTable current(int rows, long seed, double shift, double[] contractShares) {
        return DriftData.table(DriftData.csv(rows, seed, shift, contractShares), TRAINING.schema());
    }

    private static List<Violation> violations(DriftReport report, String feature, CheckType type) {
        return report.violations().violations().stream()
                .filter(v -> v.featureName().equals(feature) && v.constraintCheckType() == type).toList();
    }

    @Test
    void findsNoDriftInAResampleOfTheSameDistribution() {
        DriftReport report = DEFAULTS.detect(BASELINE, current(5000, 2, 0, DriftData.BASELINE_CONTRACT_SHARES),
                scores(5000, 2, 0));
        assertEquals(List.of(), report.summary().driftedFeatures());
        assertEquals(0.0, report.summary().driftShare());
        assertFalse(report.summary().datasetDrift());
        assertEquals(Boolean.FALSE, report.summary().predictionDrift());
        assertEquals(List.of(), report.violations().violations());
        for (FeatureDrift f : report.features()) {
            assertEquals(FeatureDrift.BY_DISTANCE_OR_EFFECT, f.judgedBy(), f.name());
            assertTrue(f.psi() < 0.02, f.name() + " psi " + f.psi());
            assertTrue(f.js() < 0.05, f.name() + " js " + f.js());
        }
        assertTrue(report.feature("MonthlyCharges").orElseThrow().ksStatistic() < 0.04);
        assertTrue(report.feature("MonthlyCharges").orElseThrow().wassersteinInStd() < 0.05);
    }

    @Test
    void findsAMeanShiftOfOneStandardDeviation() {
        DriftReport report = DEFAULTS.detect(BASELINE, current(5000, 3, 1.0, DriftData.BASELINE_CONTRACT_SHARES));
        FeatureDrift charges = report.feature("MonthlyCharges").orElseThrow();
        assertTrue(charges.drifted());
        assertTrue(charges.psi() > 0.2, "psi " + charges.psi());
        assertTrue(charges.kl() > 0.2, "kl " + charges.kl());
        assertTrue(charges.js() > 0.1, "js " + charges.js());
        // W1 of a pure shift is the shift: 20 (one sd), up to sampling noise.
        assertEquals(20, charges.wasserstein(), 1.5);
        assertEquals(1.0, charges.wassersteinInStd(), 0.08);
        assertTrue(charges.ksStatistic() > 0.3, "ks " + charges.ksStatistic());
        assertEquals(List.of("MonthlyCharges"), report.summary().driftedFeatures());
        assertEquals(0.25, report.summary().driftShare());
        Violation v = violations(report, "MonthlyCharges", CheckType.BASELINE_DRIFT_CHECK).get(0);
        assertTrue(v.description().contains("PSI"), v.description());
        assertNull(report.summary().predictionDrift());
    }

    @Test
    void findsACategoryWhoseShareDoubles() {
        double[] shares = {0.30, 0.20, 0.50};
        DriftReport report = DEFAULTS.detect(BASELINE, current(5000, 4, 0, shares));
        FeatureDrift contract = report.feature("Contract").orElseThrow();
        assertTrue(contract.drifted(), contract.reasons().toString());
        // PSI of the population shares: 0.0608 + 0.0405 + 0.1733 = 0.2746; this seed's samples
        // (baseline 0.459 / 0.298 / 0.243, current 0.296 / 0.189 / 0.516) give 0.327.
        assertEquals(0.2746, contract.psi(), 0.06);
        assertTrue(contract.psi() > 0.2);
        assertTrue(contract.chiSquared() > 0);
        assertEquals(2, contract.chiSquaredDf());
        assertEquals(List.of("Contract"), report.summary().driftedFeatures());
    }

    @Test
    void judgesSmallSamplesByCorrectedPValues() {
        DriftReport report = DEFAULTS.detect(BASELINE, current(300, 5, 1.0, DriftData.BASELINE_CONTRACT_SHARES));
        double[] raw = report.features().stream().mapToDouble(FeatureDrift::pValue).toArray();
        double[] adjusted = report.features().stream().mapToDouble(FeatureDrift::adjustedPValue).toArray();
        assertArrayEquals(DriftStatistics.benjaminiHochberg(raw), adjusted, 1e-15);
        for (FeatureDrift f : report.features()) {
            assertEquals(FeatureDrift.BY_TEST, f.judgedBy(), f.name());
            assertEquals(f.adjustedPValue() < 0.05, f.drifted(), f.name() + " adjusted p " + f.adjustedPValue());
        }
        assertEquals(List.of("MonthlyCharges"), report.summary().driftedFeatures());
        Violation v = violations(report, "MonthlyCharges", CheckType.BASELINE_DRIFT_CHECK).get(0);
        assertTrue(v.description().contains("KS p-value") && v.description().contains("benjamini_hochberg"), v.description());

        DriftReport holm = new DriftDetector(DriftConfig.builder().correction(DriftConfig.Correction.HOLM).build())
                .detect(BASELINE, current(300, 5, 1.0, DriftData.BASELINE_CONTRACT_SHARES));
        assertArrayEquals(DriftStatistics.holm(raw), holm.features().stream().mapToDouble(FeatureDrift::adjustedPValue)
                .toArray(), 1e-15);
    }

    @Test
    void findsNoDriftInASmallResample() {
        DriftReport report = DEFAULTS.detect(BASELINE, current(300, 6, 0, DriftData.BASELINE_CONTRACT_SHARES),
                scores(300, 6, 0));
        assertEquals(List.of(), report.summary().driftedFeatures());
        assertEquals(Boolean.FALSE, report.summary().predictionDrift());
        assertEquals(FeatureDrift.BY_TEST, report.prediction().judgedBy());
    }

    @Test
    void findsPredictionDrift() {
        DriftReport report = DEFAULTS.detect(BASELINE, current(5000, 7, 0, DriftData.BASELINE_CONTRACT_SHARES),
                scores(5000, 7, 0.15));
        assertEquals(Boolean.TRUE, report.summary().predictionDrift());
        assertEquals(List.of(), report.summary().driftedFeatures(), "the score is not counted as a feature");
        assertEquals(MonitoringBaseline.SCORE_FEATURE, report.prediction().name());
        Violation v = violations(report, MonitoringBaseline.SCORE_FEATURE, CheckType.BASELINE_DRIFT_CHECK).get(0);
        assertTrue(v.description().startsWith("The score distribution"), v.description());
    }

    @Test
    void appliesPerFeatureThresholdsReadFromJson() {
        DriftConfig config = DriftConfig.read(("{\"thresholds\": {\"js\": 0.5},"
                + " \"features\": {\"MonthlyCharges\": {\"psi\": 50, \"kl\": 50, \"min_ks_statistic\": 0.9,"
                + " \"min_wasserstein_in_std\": 5}}}").getBytes(StandardCharsets.UTF_8), "drift config");
        assertEquals(new DriftConfig.Thresholds(50.0, 50.0, 0.5, 0.9, 5.0, 0.05), config.thresholdsFor("MonthlyCharges"));
        // tenure names nothing: the global js, the other limits at their defaults.
        assertEquals(new DriftConfig.Thresholds(0.2, 0.2, 0.5, 0.05, 0.5, 0.05), config.thresholdsFor("tenure"));
        DriftReport report = new DriftDetector(config).detect(BASELINE,
                current(5000, 3, 1.0, DriftData.BASELINE_CONTRACT_SHARES));
        assertFalse(report.feature("MonthlyCharges").orElseThrow().drifted());
        assertTrue(report.metrics().contains(new DriftMetric("MonthlyCharges", "psi",
                report.feature("MonthlyCharges").orElseThrow().psi(), 50.0)));
    }

    @Test
    void reportsAFeatureMissingFromTheCurrentData() {
        String csv = "customerID,tenure,Contract,Partner,Churn\nC1,5,One year,Yes,No\nC2,7,Two year,No,No\n";
        DriftReport report = DEFAULTS.detect(BASELINE, DriftData.table(csv));
        Violation v = violations(report, "MonthlyCharges", CheckType.MISSING_COLUMN_CHECK).get(0);
        assertTrue(v.description().contains("'MonthlyCharges'"), v.description());
        assertEquals(FeatureDrift.Status.MISSING_COLUMN, report.feature("MonthlyCharges").orElseThrow().status());
        assertTrue(report.summary().driftedFeatures().contains("MonthlyCharges"));
    }

    @Test
    void reportsATypeChangeAndAnExtraColumn() {
        String csv = "customerID,tenure,MonthlyCharges,Contract,Partner,Region,Churn\n"
                + "C1,5,cheap,One year,Yes,north,No\nC2,7,dear,Two year,No,south,No\n";
        DriftReport report = DEFAULTS.detect(BASELINE, DriftData.table(csv));
        Violation type = violations(report, "MonthlyCharges", CheckType.DATA_TYPE_CHECK).get(0);
        assertTrue(type.description().contains("'MonthlyCharges' was Fractional"), type.description());
        assertEquals(FeatureDrift.Status.TYPE_CHANGED, report.feature("MonthlyCharges").orElseThrow().status());
        assertEquals(1, violations(report, "Region", CheckType.EXTRA_COLUMN_CHECK).size());
    }

    @Test
    void reportsFractionalValuesInAnIntegralFeature() {
        StringBuilder csv = new StringBuilder(DriftData.HEADER + "\n");
        for (int i = 0; i < 50; i++) {
            csv.append("C").append(i).append(',').append(i % 2 == 0 ? "3.5" : "4").append(",60,One year,No,No\n");
        }
        DriftReport report = DEFAULTS.detect(BASELINE, DriftData.table(csv.toString(), TRAINING.schema()));
        Violation v = violations(report, "tenure", CheckType.DATA_TYPE_CHECK).get(0);
        assertTrue(v.description().contains("50.0% of its current values are fractional"), v.description());
    }

    @Test
    void refusesAnEmptyCurrentTableWithAMessage() {
        LabeledTable empty = DriftData.table(DriftData.HEADER + "\n", TRAINING.schema());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DEFAULTS.detect(BASELINE, empty));
        assertTrue(e.getMessage().contains("no rows"), e.getMessage());
    }

    @Test
    void reportsAColumnWithOnlyMissingValues() {
        StringBuilder csv = new StringBuilder(DriftData.HEADER + "\n");
        for (int i = 0; i < 20; i++) {
            csv.append("C").append(i).append(",5,,One year,No,No\n");
        }
        DriftReport report = DEFAULTS.detect(BASELINE, DriftData.table(csv.toString(), TRAINING.schema()));
        FeatureDrift charges = report.feature("MonthlyCharges").orElseThrow();
        assertEquals(FeatureDrift.Status.NO_CURRENT_VALUES, charges.status());
        assertTrue(charges.drifted());
        Violation v = violations(report, "MonthlyCharges", CheckType.COMPLETENESS_CHECK).get(0);
        assertTrue(v.description().contains("no values in the current data"), v.description());
    }

    @Test
    void reportsAFallInCompleteness() {
        StringBuilder csv = new StringBuilder(DriftData.HEADER + "\n");
        for (int i = 0; i < 100; i++) {
            csv.append("C").append(i).append(',').append(i % 4 == 0 ? "" : "12").append(",60,One year,No,No\n");
        }
        DriftReport report = DEFAULTS.detect(BASELINE, DriftData.table(csv.toString(), TRAINING.schema()));
        Violation v = violations(report, "tenure", CheckType.COMPLETENESS_CHECK).get(0);
        assertTrue(v.description().contains("75.0% of the current rows"), v.description());
        assertEquals(0.75, report.feature("tenure").orElseThrow().currentCompleteness(), 1e-12);
    }

    @Test
    void reportsCategoriesUnseenAtTrainingTime() {
        StringBuilder csv = new StringBuilder(DriftData.HEADER + "\n");
        for (int i = 0; i < 100; i++) {
            String contract = i % 5 == 0 ? "Three year" : i % 5 == 1 ? "Weekly" : "One year";
            csv.append("C").append(i).append(",5,60,").append(contract).append(",No,No\n");
        }
        DriftReport report = DEFAULTS.detect(BASELINE, DriftData.table(csv.toString(), TRAINING.schema()));
        FeatureDrift contract = report.feature("Contract").orElseThrow();
        assertEquals(List.of("Three year", "Weekly"), contract.newCategories());
        assertEquals(0.4, contract.unknownShare(), 1e-12);
        Violation v = violations(report, "Contract", CheckType.CATEGORICAL_VALUES_CHECK).get(0);
        assertTrue(v.description().contains("'Three year', 'Weekly'"), v.description());
    }

    @Test
    void refusesScoresWhenTheBaselineHasNone() {
        MonitoringBaseline withoutScores = MonitoringBaseline.of(TRAINING);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DEFAULTS.detect(withoutScores,
                current(100, 8, 0, DriftData.BASELINE_CONTRACT_SHARES), new double[] {0.5}));
        assertTrue(e.getMessage().contains("no score distribution"), e.getMessage());
    }

    @Test
    void writesViolationsInModelMonitorsLayout() {
        DriftReport report = DEFAULTS.detect(BASELINE, current(5000, 3, 1.0, DriftData.BASELINE_CONTRACT_SHARES));
        JsonNode violations = Json.tree(report.violationsJson(), "violations.json");
        JsonNode first = violations.get("violations").get(0);
        assertEquals("MonthlyCharges", first.get("feature_name").asText());
        assertEquals("baseline_drift_check", first.get("constraint_check_type").asText());
        assertTrue(first.get("description").asText().contains("drifted"));
        assertEquals(report.violations(), ConstraintViolations.read(report.violationsJson()));

        JsonNode summary = Json.tree(report.summaryJson(), "summary");
        assertEquals("MonthlyCharges", summary.get("drifted_features").get(0).asText());
        assertEquals(0.25, summary.get("drift_share").asDouble());
        assertEquals(4, summary.get("feature_count").asInt());
        assertEquals(5000, summary.get("current_rows").asInt());
    }

    @Test
    void sameInputGivesTheSameReportBytes() {
        byte[] first = DEFAULTS.detect(BASELINE, current(800, 9, 0.3, DriftData.BASELINE_CONTRACT_SHARES),
                scores(800, 9, 0)).toJson();
        byte[] again = new DriftDetector(DriftConfig.defaults()).detect(
                MonitoringBaseline.read(BASELINE.statisticsJson(), BASELINE.constraintsJson()),
                current(800, 9, 0.3, DriftData.BASELINE_CONTRACT_SHARES), scores(800, 9, 0)).toJson();
        assertArrayEquals(first, again);
        assertNotEquals(0, first.length);
    }

    @Test
    void publishesDatasetAndFeatureMetrics() {
        DriftReport report = DEFAULTS.detect(BASELINE, current(5000, 3, 1.0, DriftData.BASELINE_CONTRACT_SHARES));
        assertTrue(report.metrics().contains(new DriftMetric(null, "drift_share", 0.25, 0.5)));
        assertTrue(report.metrics().contains(new DriftMetric("MonthlyCharges", "drifted", 1.0, null)));
        assertTrue(report.metrics().stream().anyMatch(m -> m.feature() != null && m.feature().equals("Contract")
                && m.metric().equals("js") && m.threshold() == 0.1));
    }

    @Test
    void ksAgainstTheBaselinePercentilesIsWithinOneHundredthOfTheRawStatistic() {
        for (double shift : new double[] {0, 0.1, 0.5}) {
            double[] training = TRAINING.numeric("MonthlyCharges");
            double[] now = current(700, 10, shift, DriftData.BASELINE_CONTRACT_SHARES).numeric("MonthlyCharges");
            double raw = DriftStatistics.ksStatistic(training, now);
            double fromPercentiles = NumericBuckets.ksAgainstPercentiles(
                    NumericBuckets.percentiles(NumericBuckets.sortedPresent(training)), NumericBuckets.sortedPresent(now));
            assertEquals(raw, fromPercentiles, 0.01, "shift " + shift);
        }
    }

    @Test
    void testsBucketsWhenTheBaselineSketchIsNotOurPercentiles() {
        // A statistics.json from Model Monitor's own container carries a compacted KLL sketch.
        JsonNode statistics = Json.tree(BASELINE.statisticsJson(), "statistics.json");
        for (JsonNode feature : statistics.get("features")) {
            JsonNode kll = feature.at("/numerical_statistics/distribution/kll");
            if (!kll.isMissingNode()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) kll.get("sketch")).set("data",
                        Json.tree("[[1.0, 2.0], [3.0]]".getBytes(StandardCharsets.UTF_8), "sketch"));
            }
        }
        MonitoringBaseline foreign = MonitoringBaseline.read(Json.write(statistics), BASELINE.constraintsJson());
        DriftReport report = DEFAULTS.detect(foreign, current(300, 5, 1.0, DriftData.BASELINE_CONTRACT_SHARES));
        FeatureDrift charges = report.feature("MonthlyCharges").orElseThrow();
        assertNull(charges.ksStatistic());
        assertNull(charges.wasserstein());
        assertEquals(9, charges.chiSquaredDf());
        assertTrue(charges.drifted(), charges.reasons().toString());
        assertTrue(charges.reasons().get(0).startsWith("chi-squared p-value"), charges.reasons().toString());
    }
}
