package dev.churnops.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Brier score, log-loss, reliability curves, and the calibration section of the evaluation report. */
class CalibrationMetricsTest {

    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void brierScoreIsTheMeanSquaredErrorOfTheProbability() {
        // (0.9-1)² + (0.2-0)² + (0.6-0)² + (0.1-1)² = 0.01 + 0.04 + 0.36 + 0.81 = 1.22
        assertEquals(1.22 / 4, BinaryMetrics.brierScore(new double[] {0.9, 0.2, 0.6, 0.1}, new boolean[] {T, F, F, T}), 1e-15);
        assertEquals(0.0, BinaryMetrics.brierScore(new double[] {1, 0}, new boolean[] {T, F}));
    }

    @Test
    void logLossIsTheMeanNegativeLogLikelihoodClippedAwayFromZero() {
        double expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4) + Math.log(0.1)) / 4;
        assertEquals(expected, BinaryMetrics.logLoss(new double[] {0.9, 0.2, 0.6, 0.1}, new boolean[] {T, F, F, T}), 1e-12);
        // A certain mistake costs -log(1e-15), not infinity.
        assertEquals(-Math.log(1e-15), BinaryMetrics.logLoss(new double[] {0.0}, new boolean[] {T}), 1e-9);
    }

    @Test
    void reliabilityGroupsProbabilitiesIntoEqualWidthBinsAndLeavesOutEmptyOnes() {
        List<ReliabilityBin> bins = BinaryMetrics.reliability(new double[] {0.05, 0.08, 0.15, 0.95, 1.0},
                new boolean[] {F, T, F, T, T});

        assertEquals(3, bins.size());
        assertEquals(new ReliabilityBin(0.0, 0.1, 2, (0.05 + 0.08) / 2, 0.5), bins.get(0));
        assertEquals(new ReliabilityBin(0.1, 0.2, 1, 0.15, 0.0), bins.get(1));
        assertEquals(new ReliabilityBin(0.9, 1.0, 2, (0.95 + 1.0) / 2, 1.0), bins.get(2), "1.0 falls in the last bin");
    }

    @Test
    void rejectsScoresThatAreNotProbabilitiesNamingTheIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.brierScore(new double[] {0.2, 1.3}, new boolean[] {T, F}));
        assertEquals("probabilities[1] is 1.3 but must be a probability in [0, 1] for a calibration metric.", e.getMessage());
    }

    private static final double[] VALIDATION = {0.5, 0.95, 0.3, 0.8, 0.1, 0.9, 0.6, 0.2, 0.7, 0.4};
    private static final boolean[] VALIDATION_LABELS = {F, T, T, F, F, T, T, F, T, F};
    private static final double[] TEST = {0.1, 0.4, 0.35, 0.8, 0.65, 0.2};
    private static final double[] TEST_UNCALIBRATED = {0.01, 0.3, 0.2, 0.99, 0.9, 0.05};
    private static final boolean[] TEST_LABELS = {F, T, T, T, F, F};

    @Test
    void reportsBrierLogLossAndReliabilityBeforeAndAfterCalibrationOnTest() {
        EvaluationReport report = Evaluator.evaluate(VALIDATION, VALIDATION_LABELS, TEST, TEST_LABELS,
                new Evaluator.Calibration("isotonic", "requested", TEST_UNCALIBRATED), ThresholdObjective.maxF1(),
                BusinessAssumptions.defaults());

        CalibrationReport c = report.calibration();
        assertEquals("isotonic", c.method());
        assertEquals("requested", c.rule());
        assertEquals(BinaryMetrics.brierScore(TEST_UNCALIBRATED, TEST_LABELS), c.brierBefore());
        assertEquals(BinaryMetrics.brierScore(TEST, TEST_LABELS), c.brierAfter());
        assertEquals(BinaryMetrics.logLoss(TEST_UNCALIBRATED, TEST_LABELS), c.logLossBefore());
        assertEquals(BinaryMetrics.logLoss(TEST, TEST_LABELS), c.logLossAfter());
        assertEquals(BinaryMetrics.reliability(TEST_UNCALIBRATED, TEST_LABELS), c.reliabilityBefore());
        assertEquals(BinaryMetrics.reliability(TEST, TEST_LABELS), c.reliabilityAfter());
        // Every other figure is the served (calibrated) scores'.
        assertEquals(BinaryMetrics.rocAuc(TEST, TEST_LABELS), report.testMetrics().rocAuc());

        JsonNode json = Json.tree(Json.write(report), "report");
        assertEquals("isotonic", json.at("/calibration/method").asText());
        assertEquals(c.brierBefore(), json.at("/calibration/brier_score_before").asDouble());
        assertEquals(c.brierAfter(), json.at("/calibration/brier_score_after").asDouble());
        assertTrue(json.at("/calibration/reliability_after/0/observed_rate").isNumber());
        assertEquals(report, Json.read(Json.write(report), EvaluationReport.class, "evaluation"), "reads back");
    }

    @Test
    void anUncalibratedModelGetsTheSameFiguresBeforeAndAfter() {
        CalibrationReport c = Evaluator.evaluate(VALIDATION, VALIDATION_LABELS, TEST, TEST_LABELS,
                ThresholdObjective.maxF1(), BusinessAssumptions.defaults()).calibration();

        assertEquals("none", c.method());
        assertEquals(c.brierBefore(), c.brierAfter());
        assertEquals(c.reliabilityBefore(), c.reliabilityAfter());
    }

    @Test
    void rankingScoresOutsideZeroToOneHaveNoCalibrationSection() {
        double[] margins = {-2.2, -0.4, -0.6, 1.4, 0.6, -1.4};
        assertNull(Evaluator.evaluate(VALIDATION, VALIDATION_LABELS, margins, TEST_LABELS, ThresholdObjective.maxF1(),
                BusinessAssumptions.defaults()).calibration());
    }
}
