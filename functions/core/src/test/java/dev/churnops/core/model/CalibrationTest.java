package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.evaluation.BinaryMetrics;
import dev.churnops.core.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Platt scaling, isotonic regression and the choice between them, on generated data where the
 * true churn probability is known, so a deliberately miscalibrated score can be told apart from
 * a well-calibrated one.
 */
class CalibrationTest {

    /** Generated customers: the true churn probability of each, its label, and a model's score for it. */
    private record Sample(double[] truth, boolean[] labels, double[] scores) {
    }

    /** True log-odds ~ N(-1, 1.5²) (about 30% churn); the model reports {@code distortion} of the true probability. */
    private static Sample sample(int n, long seed, DoubleUnaryOperator distortion) {
        Random random = new Random(seed);
        double[] truth = new double[n];
        boolean[] labels = new boolean[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = sigmoid(-1 + 1.5 * random.nextGaussian());
            labels[i] = random.nextDouble() < truth[i];
            scores[i] = distortion.applyAsDouble(truth[i]);
        }
        return new Sample(truth, labels, scores);
    }

    /** Three times the true log-odds: far too sure of itself both ways. */
    private static final DoubleUnaryOperator OVERCONFIDENT = p -> sigmoid(3 * logit(p));
    /** Squashed toward 0.5: never says less than 0.35 or more than 0.65. */
    private static final DoubleUnaryOperator SQUASHED = p -> 0.5 + 0.3 * (p - 0.5);

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private static double[] apply(Calibrator c, double[] scores) {
        double[] out = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = c.apply(scores[i]);
        }
        return out;
    }

    /**
     * Fitted on one sample, judged on a fresh one: calibration must cut the Brier score clearly and
     * land close to what the true probabilities themselves score.
     */
    private static void assertImprovesBrier(String method, DoubleUnaryOperator distortion) {
        Sample fit = sample(4000, 11, distortion);
        Sample fresh = sample(4000, 12, distortion);
        Calibrator calibrator = method.equals("platt") ? PlattCalibrator.fit(fit.scores(), fit.labels())
                : IsotonicCalibrator.fit(fit.scores(), fit.labels());

        double before = BinaryMetrics.brierScore(fresh.scores(), fresh.labels());
        double after = BinaryMetrics.brierScore(apply(calibrator, fresh.scores()), fresh.labels());
        double best = BinaryMetrics.brierScore(fresh.truth(), fresh.labels());

        assertTrue(after < before - 0.01, method + ": Brier " + before + " -> " + after);
        assertTrue(after < best + 0.006, method + ": Brier " + after + " vs " + best + " for the true probabilities");
    }

    @Test
    void plattImprovesTheBrierScoreOfAnOverconfidentModel() {
        assertImprovesBrier("platt", OVERCONFIDENT);
    }

    @Test
    void plattImprovesTheBrierScoreOfAModelSquashedTowardOneHalf() {
        assertImprovesBrier("platt", SQUASHED);
    }

    @Test
    void isotonicImprovesTheBrierScoreOfAnOverconfidentModel() {
        assertImprovesBrier("isotonic", OVERCONFIDENT);
    }

    @Test
    void isotonicImprovesTheBrierScoreOfAModelSquashedTowardOneHalf() {
        assertImprovesBrier("isotonic", SQUASHED);
    }

    @Test
    void plattRecoversKnownCoefficients() {
        // Labels drawn from sigmoid(0.6 × margin − 0.8), the margin being the log-odds of the score.
        Random random = new Random(3);
        int n = 20_000;
        double[] scores = new double[n];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            double margin = -4 + 8 * random.nextDouble();
            scores[i] = sigmoid(margin);
            labels[i] = random.nextDouble() < sigmoid(0.6 * margin - 0.8);
        }

        PlattCalibrator platt = PlattCalibrator.fit(scores, labels);

        assertEquals(0.6, platt.slope(), 0.04);
        assertEquals(-0.8, platt.intercept(), 0.05);
    }

    @Test
    void plattLeavesAWellCalibratedModelAlmostUnchanged() {
        Sample calibrated = sample(20_000, 5, p -> p);

        PlattCalibrator platt = PlattCalibrator.fit(calibrated.scores(), calibrated.labels());

        assertEquals(1.0, platt.slope(), 0.05);
        assertEquals(0.0, platt.intercept(), 0.05);
    }

    @Test
    void isotonicOutputIsMonotoneNonDecreasing() {
        Sample s = sample(3000, 21, OVERCONFIDENT);
        IsotonicCalibrator isotonic = IsotonicCalibrator.fit(s.scores(), s.labels());

        double previous = -1;
        for (int i = 0; i <= 10_000; i++) {
            double p = isotonic.apply(i / 10_000.0);
            assertTrue(p >= previous, "calibrated(" + i / 10_000.0 + ") = " + p + " after " + previous);
            assertTrue(p >= 0 && p <= 1, "a probability: " + p);
            previous = p;
        }
        isotonic.check();
    }

    @Test
    void isotonicPoolsAdjacentViolatorsAndInterpolatesBetweenBlockCentres() {
        // Sorted: 0.1 stays, then 0.2 (churn) and 0.3 (stay) violate and pool to 0.5 at their mean 0.25.
        IsotonicCalibrator isotonic = IsotonicCalibrator.fit(new double[] {0.3, 0.1, 0.4, 0.2},
                new boolean[] {false, false, true, true});

        assertArrayEquals(new double[] {0.1, 0.25, 0.4}, isotonic.uncalibrated(), 1e-15);
        assertArrayEquals(new double[] {0.0, 0.5, 1.0}, isotonic.calibrated(), 0.0);
        assertEquals(0.0, isotonic.apply(0.05), 0.0, "clamped below the first breakpoint");
        assertEquals(0.25, isotonic.apply(0.175), 1e-12, "linear between 0.1 -> 0 and 0.25 -> 0.5");
        assertEquals(0.5, isotonic.apply(0.25), 0.0);
        assertEquals(1.0, isotonic.apply(0.9), 0.0, "clamped above the last breakpoint");
    }

    @Test
    void isotonicGivesEqualScoresOneValue() {
        IsotonicCalibrator isotonic = IsotonicCalibrator.fit(new double[] {0.2, 0.2, 0.2, 0.7},
                new boolean[] {true, false, false, true});

        assertArrayEquals(new double[] {0.2, 0.7}, isotonic.uncalibrated(), 0.0);
        assertArrayEquals(new double[] {1.0 / 3, 1.0}, isotonic.calibrated(), 1e-15);
    }

    @Test
    void theSameInputsGiveTheSameCalibratorBitForBit() {
        Sample s = sample(2000, 8, OVERCONFIDENT);

        PlattCalibrator p1 = PlattCalibrator.fit(s.scores(), s.labels());
        PlattCalibrator p2 = PlattCalibrator.fit(s.scores().clone(), s.labels().clone());
        IsotonicCalibrator i1 = IsotonicCalibrator.fit(s.scores(), s.labels());
        IsotonicCalibrator i2 = IsotonicCalibrator.fit(s.scores().clone(), s.labels().clone());
        CalibrationSelector.Result c1 = CalibrationSelector.choose(s.scores(), s.labels(), "auto");
        CalibrationSelector.Result c2 = CalibrationSelector.choose(s.scores().clone(), s.labels().clone(), "auto");

        assertEquals(p1, p2);
        assertArrayEquals(i1.uncalibrated(), i2.uncalibrated(), 0.0);
        assertArrayEquals(i1.calibrated(), i2.calibrated(), 0.0);
        assertEquals(c1.summary(), c2.summary());
        assertArrayEquals(Json.write(c1.calibrator()), Json.write(c2.calibrator()), "as model.json stores it");
    }

    @Test
    void autoCalibratesAnOverconfidentModelWithTheSimplestMethodWithinOneStandardErrorOfTheBest() {
        Sample s = sample(2000, 31, OVERCONFIDENT);

        CalibrationSelector.Result result = CalibrationSelector.choose(s.scores(), s.labels(), "auto");

        CalibrationSummary summary = result.summary();
        List<CalibrationSummary.MethodScore> scores = summary.crossValidated();
        assertEquals(List.of("none", "platt", "isotonic"), scores.stream().map(CalibrationSummary.MethodScore::method).toList());
        double lowest = scores.stream().mapToDouble(CalibrationSummary.MethodScore::brierScore).min().orElseThrow();
        CalibrationSummary.MethodScore expected = scores.stream()
                .filter(m -> m.brierScore() - lowest <= m.excessStandardError()).findFirst().orElseThrow();
        assertEquals(expected.method(), summary.method());
        assertNotEquals("none", summary.method(), "an overconfident model is calibrated: " + summary.rule());
        assertTrue(scores.get(0).excessOverLowest() > 3 * scores.get(0).excessStandardError(),
                "none is clearly worse: " + summary.rule());
        assertEquals(summary.method(), result.calibrator().method());
        assertEquals("auto", summary.requested());
        assertEquals(CalibrationSelector.FOLDS, summary.folds());
        assertEquals(2000, summary.validationRows());
        assertTrue(summary.rule().contains("within one standard error of the lowest wins"), summary.rule());
        assertTrue(summary.rule().contains(summary.method() + " won: out-of-fold Brier none "), summary.rule());
    }

    @Test
    void autoLeavesAWellCalibratedModelAlone() {
        Sample s = sample(2000, 61, p -> p);

        CalibrationSelector.Result result = CalibrationSelector.choose(s.scores(), s.labels(), "auto");

        assertEquals("none", result.summary().method(), result.summary().rule());
        assertNull(result.calibrator());
    }

    @Test
    void autoAppliesNoCalibrationWhenTheSplitIsTooSmallToCompare() {
        double[] scores = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95};
        boolean[] labels = {false, false, false, false, false, false, true, true, true, true};

        CalibrationSelector.Result result = CalibrationSelector.choose(scores, labels, "auto");

        assertNull(result.calibrator());
        assertEquals("none", result.summary().method());
        assertEquals(0, result.summary().folds());
        assertTrue(result.summary().rule().contains("in the validation split, 4 churners and 6 non-churners"),
                result.summary().rule());
        assertTrue(result.summary().crossValidated().isEmpty());
    }

    @Test
    void theRuleNamesTheOutOfFoldRowsWhenTheCalibrationIsFittedOnThem() {
        double[] scores = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95};
        boolean[] labels = {false, false, false, false, false, false, true, true, true, true};

        CalibrationSelector.Result result = CalibrationSelector.choose(scores, labels, "isotonic", CalibrationSelector.OUT_OF_FOLD);

        assertEquals("isotonic", result.summary().method());
        assertTrue(result.summary().rule().contains("fitted on all of the out-of-fold predictions of the training rows"),
                result.summary().rule());
    }

    @Test
    void fitsAnExplicitlyRequestedMethodAndRecordsTheComparison() {
        Sample s = sample(1000, 41, SQUASHED);

        CalibrationSelector.Result isotonic = CalibrationSelector.choose(s.scores(), s.labels(), "isotonic");
        CalibrationSelector.Result none = CalibrationSelector.choose(s.scores(), s.labels(), "none");

        assertInstanceOf(IsotonicCalibrator.class, isotonic.calibrator());
        assertEquals("isotonic", isotonic.summary().method());
        assertTrue(isotonic.summary().rule().startsWith("isotonic: requested by hyperparameter 'calibration'"));
        assertEquals(3, isotonic.summary().crossValidated().size());
        assertNull(none.calibrator());
        assertEquals("none", none.summary().method());
    }

    @Test
    void refusesPlattWhenTheModelRanksChurnersLowest() {
        Sample s = sample(1000, 51, p -> 1 - p);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CalibrationSelector.choose(s.scores(), s.labels(), "platt"));
        CalibrationSelector.Result auto = CalibrationSelector.choose(s.scores(), s.labels(), "auto");

        assertTrue(e.getMessage().startsWith("hyperparameter 'calibration' is 'platt' but Platt scaling on the validation"
                + " split gives slope -"), e.getMessage());
        assertNotEquals("platt", auto.summary().method(), auto.summary().rule());
        assertTrue(auto.summary().rule().contains("platt was left out"), auto.summary().rule());
    }

    @Test
    void calibrationIsAHyperparameterDefaultingToAuto() {
        assertEquals("auto", HyperParameters.parse(Map.of()).calibration());
        assertEquals("isotonic", HyperParameters.parse(Map.of("calibration", " isotonic ")).calibration());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HyperParameters.parse(Map.of("calibration", "sigmoid")));

        assertEquals("hyperparameter 'calibration' is 'sigmoid': expected one of auto, none, platt, isotonic", e.getMessage());
    }
}
