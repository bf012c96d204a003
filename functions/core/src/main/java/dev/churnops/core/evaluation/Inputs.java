package dev.churnops.core.evaluation;

/**
 * Argument checks shared by every metric, kept in one place so every entry point fails with
 * the same full sentence naming the argument, the offending value and what was expected.
 */
final class Inputs {

    private Inputs() {
    }

    /**
     * Checks a scores/labels pair. Names are passed in so that, for example, {@link Evaluator}
     * can report "validationScores" rather than a generic "scores".
     */
    static void check(double[] scores, boolean[] labels, String scoresName, String labelsName,
            boolean requireBothClasses) {
        if (scores == null) {
            throw new IllegalArgumentException(scoresName + " is null but must be an array of model scores.");
        }
        if (labels == null) {
            throw new IllegalArgumentException(labelsName + " is null but must be an array of churn labels.");
        }
        if (scores.length == 0) {
            throw new IllegalArgumentException(scoresName + " is empty but must hold at least one score.");
        }
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scoresName + " has " + scores.length + " elements but "
                    + labelsName + " has " + labels.length + "; expected one label per score.");
        }
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException(scoresName + "[" + i + "] is " + scores[i]
                        + " but every score must be a finite number.");
            }
        }
        if (requireBothClasses) {
            int positives = 0;
            for (boolean label : labels) {
                if (label) {
                    positives++;
                }
            }
            if (positives == 0 || positives == labels.length) {
                throw new IllegalArgumentException(labelsName + " contains only "
                        + (positives == 0 ? "non-churners (false)" : "churners (true)") + " across "
                        + labels.length + " rows; expected both classes, because the metric is undefined"
                        + " with a single class.");
            }
        }
    }

    /**
     * Checks that every score is a probability, as the calibration metrics (Brier score,
     * log-loss, reliability) require; the pair itself is checked by {@link #check}.
     */
    static void checkProbabilities(double[] scores, String scoresName) {
        for (int i = 0; i < scores.length; i++) {
            if (!(scores[i] >= 0.0 && scores[i] <= 1.0)) {
                throw new IllegalArgumentException(scoresName + "[" + i + "] is " + scores[i]
                        + " but must be a probability in [0, 1] for a calibration metric.");
            }
        }
    }

    static void checkThreshold(double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold is NaN but must be a number.");
        }
    }
}
