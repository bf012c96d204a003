package dev.churnops.core.evaluation;

import java.util.Objects;

/**
 * Evaluates a churn model from its scores: the decision threshold is chosen on held-out data (the
 * validation set, or, for a model trained without one, the out-of-fold predictions of its training
 * rows) and everything else is measured on test data, so the reported numbers are not flattered by
 * having tuned the threshold on the data they describe. When the scores are probabilities, the
 * report also says how well calibrated they are on test data, before and after the model's
 * calibration.
 */
public final class Evaluator {

    /**
     * The model's calibration as evaluation needs it: the method's name and the test scores as
     * the predictor gave them, before calibration turned them into the scores being evaluated.
     *
     * @param method {@code none}, {@code platt} or {@code isotonic}
     * @param rule how the method was chosen, in a sentence, for the report
     * @param uncalibratedTestScores one probability per test row, in the order of the test scores
     */
    public record Calibration(String method, String rule, double[] uncalibratedTestScores) {
        public Calibration {
            Objects.requireNonNull(method, "Calibration.method must not be null; use \"none\"");
            Objects.requireNonNull(rule, "Calibration.rule must not be null");
            Objects.requireNonNull(uncalibratedTestScores, "Calibration.uncalibratedTestScores must not be null");
        }
    }

    private Evaluator() {
    }

    /**
     * Builds the full {@link EvaluationReport} of a model that applies no calibration. The
     * calibration section is filled in when every test score is a probability, and left null for
     * ranking scores outside [0, 1], which have no calibration to judge.
     *
     * @throws IllegalArgumentException naming the offending argument when a scores/labels pair
     *     differs in length, is empty, holds a non-finite score or a single class
     */
    public static EvaluationReport evaluate(double[] validationScores, boolean[] validationLabels,
            double[] testScores, boolean[] testLabels, ThresholdObjective objective,
            BusinessAssumptions assumptions) {
        return evaluate(validationScores, validationLabels, testScores, testLabels, null, objective, assumptions);
    }

    /**
     * Builds the full {@link EvaluationReport}; the scores are the ones the model serves, after
     * calibration. {@code calibration} (null for none) adds the uncalibrated test scores, so the
     * report can show the Brier score and reliability before and after.
     *
     * @throws IllegalArgumentException naming the offending argument when a scores/labels pair
     *     differs in length, is empty, holds a non-finite score or a single class, or when a
     *     calibration is given and a score is not a probability
     */
    public static EvaluationReport evaluate(double[] validationScores, boolean[] validationLabels,
            double[] testScores, boolean[] testLabels, Calibration calibration, ThresholdObjective objective,
            BusinessAssumptions assumptions) {
        return evaluate(validationScores, validationLabels, ThresholdChoice.VALIDATION, testScores, testLabels, calibration,
                objective, assumptions);
    }

    /**
     * As {@link #evaluate(double[], boolean[], double[], boolean[], Calibration, ThresholdObjective,
     * BusinessAssumptions)}, with the threshold chosen on {@code thresholdRows} (such as
     * {@link ThresholdChoice#OUT_OF_FOLD}), which the choice records and its reason names.
     */
    public static EvaluationReport evaluate(double[] validationScores, boolean[] validationLabels, String thresholdRows,
            double[] testScores, boolean[] testLabels, Calibration calibration, ThresholdObjective objective,
            BusinessAssumptions assumptions) {
        Objects.requireNonNull(thresholdRows, "thresholdRows must not be null; use ThresholdChoice.VALIDATION");
        Inputs.check(validationScores, validationLabels, "validationScores", "validationLabels", true);
        Inputs.check(testScores, testLabels, "testScores", "testLabels", true);
        Objects.requireNonNull(objective, "objective must not be null; use ThresholdObjective.maxF1() for the default");
        Objects.requireNonNull(assumptions, "assumptions must not be null; use BusinessAssumptions.defaults()");
        if (calibration != null) {
            Inputs.check(calibration.uncalibratedTestScores(), testLabels, "uncalibratedTestScores", "testLabels", false);
            Inputs.checkProbabilities(calibration.uncalibratedTestScores(), "uncalibratedTestScores");
            Inputs.checkProbabilities(testScores, "testScores");
        }

        ThresholdChoice choice = ThresholdSelector.choose(RankedScores.of(validationScores, validationLabels), objective,
                assumptions, thresholdRows);
        double threshold = choice.threshold();

        RankedScores test = RankedScores.of(testScores, testLabels);
        ConfusionMatrix confusion = BinaryMetrics.confusion(testScores, testLabels, threshold);
        HoldoutMetrics metrics = new HoldoutMetrics(
                BinaryMetrics.rocAuc(test),
                BinaryMetrics.prAuc(test),
                confusion.f1(),
                confusion.precision(),
                confusion.recall(),
                confusion.weightedF1(),
                confusion.accuracy(),
                threshold);
        return new EvaluationReport(
                choice,
                metrics,
                confusion,
                BinaryMetrics.rocCurve(test, BinaryMetrics.MAX_CURVE_POINTS),
                BinaryMetrics.prCurve(test, BinaryMetrics.MAX_CURVE_POINTS),
                BinaryMetrics.thresholdSweep(test, BinaryMetrics.SWEEP_POINTS),
                BusinessImpact.compute(assumptions, confusion),
                calibrationReport(testScores, testLabels, calibration));
    }

    private static CalibrationReport calibrationReport(double[] served, boolean[] labels, Calibration calibration) {
        if (calibration == null) {
            for (double s : served) {
                if (!(s >= 0.0 && s <= 1.0)) {
                    return null;
                }
            }
            calibration = new Calibration("none", "The model applies no calibration.", served);
        }
        double[] before = calibration.uncalibratedTestScores();
        return new CalibrationReport(calibration.method(), calibration.rule(),
                BinaryMetrics.brierScore(before, labels), BinaryMetrics.brierScore(served, labels),
                BinaryMetrics.logLoss(before, labels), BinaryMetrics.logLoss(served, labels),
                BinaryMetrics.reliability(before, labels), BinaryMetrics.reliability(served, labels));
    }
}
