package dev.churnops.core.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Binary-classification metrics over model scores and churn labels (true = churned), computed
 * exactly as scikit-learn does so that numbers match a notebook: ROC AUC by the trapezoid rule
 * over distinct thresholds (equivalently, average ranks for ties), average precision as the
 * step-wise sum without interpolation, and confusion matrices with "flag iff score >=
 * threshold". Curves are thinned to at most {@link #MAX_CURVE_POINTS} points for drawing; the
 * AUCs are always computed on every distinct threshold. The calibration metrics (Brier score,
 * log-loss, reliability curve) need probabilities in [0, 1] and match scikit-learn's
 * {@code brier_score_loss}, {@code log_loss} and {@code calibration_curve(strategy="uniform")}.
 */
public final class BinaryMetrics {

    /** Upper bound on points returned by the curve functions: enough for a smooth chart. */
    public static final int MAX_CURVE_POINTS = 200;

    /** Number of thresholds in {@link #thresholdSweep(double[], boolean[])}. */
    public static final int SWEEP_POINTS = 50;

    /** Number of equal-width bins in {@link #reliability(double[], boolean[])}. */
    public static final int RELIABILITY_BINS = 10;

    /**
     * Probabilities are clipped to [ε, 1 − ε] before the log in {@link #logLoss}, so one
     * confident mistake (an isotonic calibration may say exactly 0) gives a large but finite
     * loss rather than infinity, as scikit-learn's {@code log_loss} does.
     */
    static final double LOG_LOSS_EPSILON = 1e-15;

    private BinaryMetrics() {
    }

    /**
     * Area under the ROC curve; equals scikit-learn's {@code roc_auc_score}. Tied scores count
     * half, as the trapezoid over their joint step does.
     *
     * @throws IllegalArgumentException if the arrays differ in length, are empty, contain a
     *     non-finite score, or contain a single class
     */
    public static double rocAuc(double[] scores, boolean[] labels) {
        Inputs.check(scores, labels, "scores", "labels", true);
        return rocAuc(RankedScores.of(scores, labels));
    }

    static double rocAuc(RankedScores ranked) {
        // Twice the trapezoid area in integer units (each step is FP-delta wide and spans the
        // TP counts at both ends), so the only rounding is the final division.
        long twiceArea = 0;
        long previousTp = 0;
        long previousFp = 0;
        for (int k = 0; k < ranked.size(); k++) {
            twiceArea += (ranked.fp[k] - previousFp) * (ranked.tp[k] + previousTp);
            previousTp = ranked.tp[k];
            previousFp = ranked.fp[k];
        }
        return twiceArea / (2.0 * ranked.positives * ranked.negatives);
    }

    /**
     * Average precision, the step-wise area under the precision-recall curve: the sum over
     * distinct thresholds of (recall gain) × precision. Equals scikit-learn's
     * {@code average_precision_score}; no interpolation.
     *
     * @throws IllegalArgumentException as for {@link #rocAuc(double[], boolean[])}
     */
    public static double prAuc(double[] scores, boolean[] labels) {
        Inputs.check(scores, labels, "scores", "labels", true);
        return prAuc(RankedScores.of(scores, labels));
    }

    static double prAuc(RankedScores ranked) {
        double sum = 0.0;
        long previousTp = 0;
        for (int k = 0; k < ranked.size(); k++) {
            long gained = ranked.tp[k] - previousTp;
            if (gained > 0) {
                sum += (double) gained / ranked.positives * ranked.precisionAt(k);
            }
            previousTp = ranked.tp[k];
        }
        return sum;
    }

    /**
     * Confusion matrix when every row with {@code score >= threshold} is flagged as churn.
     * Either class may be absent.
     *
     * @throws IllegalArgumentException if the arrays differ in length, are empty, contain a
     *     non-finite score, or the threshold is NaN
     */
    public static ConfusionMatrix confusion(double[] scores, boolean[] labels, double threshold) {
        Inputs.check(scores, labels, "scores", "labels", false);
        Inputs.checkThreshold(threshold);
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean flagged = scores[i] >= threshold;
            if (labels[i]) {
                if (flagged) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (flagged) {
                fp++;
            } else {
                tn++;
            }
        }
        return new ConfusionMatrix(tp, fp, tn, fn);
    }

    /** ROC curve with at most {@link #MAX_CURVE_POINTS} points, from (0, 0) to (1, 1). */
    public static List<RocPoint> rocCurve(double[] scores, boolean[] labels) {
        return rocCurve(scores, labels, MAX_CURVE_POINTS);
    }

    /**
     * ROC curve from (0, 0) to (1, 1), one point per distinct score in descending threshold
     * order, thinned to at most {@code maxPoints} points; the end points are always kept.
     *
     * @throws IllegalArgumentException as for {@link #rocAuc(double[], boolean[])}, or if
     *     {@code maxPoints} is below 2
     */
    public static List<RocPoint> rocCurve(double[] scores, boolean[] labels, int maxPoints) {
        Inputs.check(scores, labels, "scores", "labels", true);
        return rocCurve(RankedScores.of(scores, labels), maxPoints);
    }

    static List<RocPoint> rocCurve(RankedScores ranked, int maxPoints) {
        checkMaxPoints(maxPoints);
        List<RocPoint> points = new ArrayList<>(ranked.size() + 1);
        points.add(new RocPoint(0.0, 0.0, ranked.aboveMax()));
        for (int k = 0; k < ranked.size(); k++) {
            points.add(new RocPoint(
                    Ratios.ratio(ranked.fp[k], ranked.negatives),
                    Ratios.ratio(ranked.tp[k], ranked.positives),
                    ranked.thresholds[k]));
        }
        return downsample(points, maxPoints);
    }

    /** Precision-recall curve with at most {@link #MAX_CURVE_POINTS} points. */
    public static List<PrPoint> prCurve(double[] scores, boolean[] labels) {
        return prCurve(scores, labels, MAX_CURVE_POINTS);
    }

    /**
     * Precision-recall curve in order of increasing recall (decreasing threshold), starting at
     * recall 0 / precision 1 as scikit-learn does, one point per distinct score, thinned to at
     * most {@code maxPoints} points; the end points are always kept.
     *
     * @throws IllegalArgumentException as for {@link #rocAuc(double[], boolean[])}, or if
     *     {@code maxPoints} is below 2
     */
    public static List<PrPoint> prCurve(double[] scores, boolean[] labels, int maxPoints) {
        Inputs.check(scores, labels, "scores", "labels", true);
        return prCurve(RankedScores.of(scores, labels), maxPoints);
    }

    static List<PrPoint> prCurve(RankedScores ranked, int maxPoints) {
        checkMaxPoints(maxPoints);
        List<PrPoint> points = new ArrayList<>(ranked.size() + 1);
        points.add(new PrPoint(0.0, 1.0, ranked.aboveMax()));
        for (int k = 0; k < ranked.size(); k++) {
            points.add(new PrPoint(ranked.recallAt(k), ranked.precisionAt(k), ranked.thresholds[k]));
        }
        return downsample(points, maxPoints);
    }

    /**
     * Precision, recall and F1 at {@link #SWEEP_POINTS} thresholds evenly spaced from the lowest
     * to the highest score (one point if all scores are equal).
     *
     * @throws IllegalArgumentException if the arrays differ in length, are empty or contain a
     *     non-finite score
     */
    public static List<SweepPoint> thresholdSweep(double[] scores, boolean[] labels) {
        Inputs.check(scores, labels, "scores", "labels", false);
        return thresholdSweep(RankedScores.of(scores, labels), SWEEP_POINTS);
    }

    static List<SweepPoint> thresholdSweep(RankedScores ranked, int count) {
        double max = ranked.thresholds[0];
        double min = ranked.thresholds[ranked.size() - 1];
        int steps = max == min ? 1 : count;
        List<SweepPoint> points = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            // The last threshold is pinned to the maximum so rounding cannot step past it
            // and leave the chart's right end with nothing flagged.
            double threshold = i == steps - 1 ? max : min + (max - min) * i / (steps - 1);
            int k = ranked.indexAtOrAbove(threshold);
            long tp = k < 0 ? 0 : ranked.tp[k];
            long fp = k < 0 ? 0 : ranked.fp[k];
            long fn = ranked.positives - tp;
            points.add(new SweepPoint(threshold, Ratios.ratio(tp, tp + fp),
                    Ratios.ratio(tp, ranked.positives), Ratios.f1(tp, fp, fn)));
        }
        return List.copyOf(points);
    }

    /**
     * Brier score: the mean of (probability − label)², label 1 for churn. 0 is perfect; always
     * predicting the churn rate r scores r(1 − r).
     *
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or hold a
     *     value that is not a probability in [0, 1]
     */
    public static double brierScore(double[] probabilities, boolean[] labels) {
        Inputs.check(probabilities, labels, "probabilities", "labels", false);
        Inputs.checkProbabilities(probabilities, "probabilities");
        double sum = 0.0;
        for (int i = 0; i < probabilities.length; i++) {
            double error = probabilities[i] - (labels[i] ? 1.0 : 0.0);
            sum += error * error;
        }
        return sum / probabilities.length;
    }

    /**
     * Log-loss (cross-entropy): the mean of −log(p) over churners and −log(1 − p) over the
     * rest, with p clipped to [{@value #LOG_LOSS_EPSILON}, 1 − {@value #LOG_LOSS_EPSILON}].
     *
     * @throws IllegalArgumentException as for {@link #brierScore(double[], boolean[])}
     */
    public static double logLoss(double[] probabilities, boolean[] labels) {
        Inputs.check(probabilities, labels, "probabilities", "labels", false);
        Inputs.checkProbabilities(probabilities, "probabilities");
        double sum = 0.0;
        for (int i = 0; i < probabilities.length; i++) {
            double p = Math.min(Math.max(probabilities[i], LOG_LOSS_EPSILON), 1.0 - LOG_LOSS_EPSILON);
            sum -= labels[i] ? Math.log(p) : Math.log1p(-p);
        }
        return sum / probabilities.length;
    }

    /** Reliability curve over {@link #RELIABILITY_BINS} equal-width bins. */
    public static List<ReliabilityBin> reliability(double[] probabilities, boolean[] labels) {
        return reliability(probabilities, labels, RELIABILITY_BINS);
    }

    /**
     * Reliability curve: {@code bins} equal-width bins of [0, 1] ({@code [i/bins, (i+1)/bins)},
     * the last one closed), each with its row count, mean predicted probability and observed churn
     * rate. Empty bins are left out, so every number is finite.
     *
     * @throws IllegalArgumentException as for {@link #brierScore(double[], boolean[])}, or if
     *     {@code bins} is below 1
     */
    public static List<ReliabilityBin> reliability(double[] probabilities, boolean[] labels, int bins) {
        Inputs.check(probabilities, labels, "probabilities", "labels", false);
        Inputs.checkProbabilities(probabilities, "probabilities");
        if (bins < 1) {
            throw new IllegalArgumentException("bins is " + bins + " but must be at least 1.");
        }
        long[] count = new long[bins];
        long[] churned = new long[bins];
        double[] predicted = new double[bins];
        for (int i = 0; i < probabilities.length; i++) {
            int bin = Math.min((int) (probabilities[i] * bins), bins - 1);
            count[bin]++;
            churned[bin] += labels[i] ? 1 : 0;
            predicted[bin] += probabilities[i];
        }
        List<ReliabilityBin> curve = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                curve.add(new ReliabilityBin((double) b / bins, (double) (b + 1) / bins, count[b],
                        predicted[b] / count[b], (double) churned[b] / count[b]));
            }
        }
        return List.copyOf(curve);
    }

    private static void checkMaxPoints(int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints is " + maxPoints
                    + " but must be at least 2 so both end points of the curve are kept.");
        }
    }

    /**
     * Keeps at most {@code maxPoints} points, evenly spaced by index, always including the
     * first and the last. Thinning is for drawing only, which is why it happens after the
     * exact points are computed.
     */
    static <T> List<T> downsample(List<T> points, int maxPoints) {
        int size = points.size();
        if (size <= maxPoints) {
            return List.copyOf(points);
        }
        List<T> kept = new ArrayList<>(maxPoints);
        for (int i = 0; i < maxPoints; i++) {
            // Exact integer rounding of i * (size - 1) / (maxPoints - 1): strictly increasing
            // because size > maxPoints, first index 0 and last index size - 1.
            long index = ((long) i * (size - 1) * 2 + (maxPoints - 1)) / (2L * (maxPoints - 1));
            kept.add(points.get((int) index));
        }
        return List.copyOf(kept);
    }
}
