package dev.churnops.core.evaluation;

import java.util.Arrays;

/**
 * Cumulative true/false positive counts at every distinct score, highest score first. Every
 * curve, AUC and threshold choice is read from this one table so they cannot disagree about
 * tie handling: rows with equal scores always enter together, as in scikit-learn.
 */
final class RankedScores {

    /** Distinct scores, strictly descending. */
    final double[] thresholds;
    /** {@code tp[k]} = positives with score >= {@code thresholds[k]}. */
    final long[] tp;
    /** {@code fp[k]} = negatives with score >= {@code thresholds[k]}. */
    final long[] fp;
    final long positives;
    final long negatives;

    private RankedScores(double[] thresholds, long[] tp, long[] fp, long positives, long negatives) {
        this.thresholds = thresholds;
        this.tp = tp;
        this.fp = fp;
        this.positives = positives;
        this.negatives = negatives;
    }

    /** Builds the table; the caller has already validated the inputs. */
    static RankedScores of(double[] scores, boolean[] labels) {
        int positiveCount = 0;
        for (boolean label : labels) {
            if (label) {
                positiveCount++;
            }
        }
        // Sorting the two classes separately keeps everything primitive (no boxed index sort)
        // and makes the tie groups fall out of a simple merge from the top.
        double[] pos = new double[positiveCount];
        double[] neg = new double[labels.length - positiveCount];
        int p = 0;
        int n = 0;
        for (int i = 0; i < scores.length; i++) {
            // + 0.0 folds -0.0 into 0.0, which Arrays.sort would otherwise order apart.
            double score = scores[i] + 0.0;
            if (labels[i]) {
                pos[p++] = score;
            } else {
                neg[n++] = score;
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);

        double[] thresholds = new double[scores.length];
        long[] tp = new long[scores.length];
        long[] fp = new long[scores.length];
        int i = pos.length - 1;
        int j = neg.length - 1;
        long tpSoFar = 0;
        long fpSoFar = 0;
        int groups = 0;
        while (i >= 0 || j >= 0) {
            double top = i < 0 ? neg[j] : j < 0 ? pos[i] : Math.max(pos[i], neg[j]);
            while (i >= 0 && pos[i] == top) {
                tpSoFar++;
                i--;
            }
            while (j >= 0 && neg[j] == top) {
                fpSoFar++;
                j--;
            }
            thresholds[groups] = top;
            tp[groups] = tpSoFar;
            fp[groups] = fpSoFar;
            groups++;
        }
        return new RankedScores(Arrays.copyOf(thresholds, groups), Arrays.copyOf(tp, groups),
                Arrays.copyOf(fp, groups), pos.length, neg.length);
    }

    int size() {
        return thresholds.length;
    }

    double precisionAt(int k) {
        return (double) tp[k] / (tp[k] + fp[k]);
    }

    double recallAt(int k) {
        return positives == 0 ? 0.0 : (double) tp[k] / positives;
    }

    double f1At(int k) {
        return Ratios.f1(tp[k], fp[k], positives - tp[k]);
    }

    /**
     * Index of the lowest distinct score that is still >= {@code threshold}, or -1 when no
     * score reaches it (nothing flagged).
     */
    int indexAtOrAbove(double threshold) {
        int lo = 0;
        int hi = thresholds.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (thresholds[mid] >= threshold) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** A threshold just above the highest score: nothing is flagged there. */
    double aboveMax() {
        return Math.nextUp(thresholds[0]);
    }
}
