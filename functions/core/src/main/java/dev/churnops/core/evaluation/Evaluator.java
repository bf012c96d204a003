package dev.churnops.core.evaluation;

import java.util.Objects;

/**
 * Evaluates a churn model from its scores: the decision threshold is chosen on validation data
 * and everything else is measured on test data, so the reported numbers are not flattered by
 * having tuned the threshold on the data they describe.
 */
public final class Evaluator {

    private Evaluator() {
    }

    /**
     * Builds the full {@link EvaluationReport}.
     *
     * @throws IllegalArgumentException naming the offending argument when a scores/labels pair
     *     differs in length, is empty, holds a non-finite score or a single class
     */
    public static EvaluationReport evaluate(double[] validationScores, boolean[] validationLabels,
            double[] testScores, boolean[] testLabels, ThresholdObjective objective,
            BusinessAssumptions assumptions) {
        Inputs.check(validationScores, validationLabels, "validationScores", "validationLabels", true);
        Inputs.check(testScores, testLabels, "testScores", "testLabels", true);
        Objects.requireNonNull(objective, "objective must not be null; use ThresholdObjective.maxF1() for the default");
        Objects.requireNonNull(assumptions, "assumptions must not be null; use BusinessAssumptions.defaults()");

        ThresholdChoice choice = ThresholdSelector.choose(RankedScores.of(validationScores, validationLabels), objective);
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
                BusinessImpact.compute(assumptions, confusion));
    }
}
