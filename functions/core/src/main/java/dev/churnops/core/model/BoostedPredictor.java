package dev.churnops.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Gradient-boosted trees in the flattened layout of {@link TreeArrays}: an inner node sends a row
 * to {@code low[n]} when {@code x[feature[n]] <= threshold[n]} and to {@code high[n]} otherwise; a
 * leaf ({@code feature[n] == -1}) holds its margin contribution in {@code value[n]}, learning rate
 * already applied. The margin is {@code base} plus one leaf per tree, added in tree order, and the
 * probability of churn is its logistic sigmoid. {@code gain[f]} is the total loss reduction of the
 * splits on feature {@code f}; importance is each feature's share of it.
 *
 * <p>{@code cover[n]}, optional, is the number of training rows (all rows the engine was given,
 * including those it held out for early stopping) whose walk passes through node {@code n}: a row
 * count, not the hessian sum some libraries use. {@link TreeShap} weighs a tree's branches by it to
 * explain the margin. A model file written before covers existed has none: it loads and scores as
 * before, but offers no reason codes.
 */
public record BoostedPredictor(
        @JsonProperty("width") int width,
        @JsonProperty("base") double base,
        @JsonProperty("roots") int[] roots,
        @JsonProperty("feature") int[] feature,
        @JsonProperty("threshold") double[] threshold,
        @JsonProperty("low") int[] low,
        @JsonProperty("high") int[] high,
        @JsonProperty("value") double[] value,
        @JsonProperty("gain") double[] gain,
        @JsonProperty("cover") @JsonInclude(JsonInclude.Include.NON_NULL) int[] cover) implements Predictor {

    private static final String KIND = "boosted model";

    @JsonCreator
    public BoostedPredictor {
    }

    /** Boosted trees without node covers: they score, but have no reason codes. */
    public BoostedPredictor(int width, double base, int[] roots, int[] feature, double[] threshold, int[] low,
                            int[] high, double[] value, double[] gain) {
        this(width, base, roots, feature, threshold, low, high, value, gain, null);
    }

    @Override
    public double probability(double[] x) {
        return sigmoid(margin(x));
    }

    /** The log-odds of churn for one encoded row. */
    public double margin(double[] x) {
        return margin(base, roots, feature, threshold, low, high, value, x);
    }

    /**
     * The one place a boosted margin is summed, shared with {@link GradientBoostingModel} so that the
     * serving form and the Tribuo model add the same numbers in the same order.
     */
    static double margin(double base, int[] roots, int[] feature, double[] threshold, int[] low, int[] high,
                         double[] value, double[] x) {
        double margin = base;
        for (int root : roots) {
            margin += value[TreeArrays.leaf(root, feature, threshold, low, high, x)];
        }
        return margin;
    }

    /**
     * These trees laid out for scoring when every tree is a stump (one split, as with the default
     * depth of 1) or a single leaf; null otherwise. Each tree becomes four entries side by side
     * (feature, threshold, left and right value), read in order, with no walk from node to node:
     * the same leaves added in the same order, so the same margin to the last bit.
     */
    Stumps stumps() {
        int trees = roots.length;
        if (width < 1) {
            return null;
        }
        int[] stumpFeature = new int[trees];
        double[] stumpThreshold = new double[trees];
        double[] left = new double[trees];
        double[] right = new double[trees];
        for (int t = 0; t < trees; t++) {
            int root = roots[t];
            if (feature[root] < 0) {
                // A single leaf: either side gives its value.
                left[t] = value[root];
                right[t] = value[root];
                continue;
            }
            if (feature[low[root]] >= 0 || feature[high[root]] >= 0) {
                return null;
            }
            stumpFeature[t] = feature[root];
            stumpThreshold[t] = threshold[root];
            left[t] = value[low[root]];
            right[t] = value[high[root]];
        }
        return new Stumps(base, stumpFeature, stumpThreshold, left, right);
    }

    /** Boosted stumps flattened for scoring; see {@link #stumps()}. */
    static final class Stumps {

        private final double base;
        private final int[] feature;
        private final double[] threshold;
        private final double[] left;
        private final double[] right;

        private Stumps(double base, int[] feature, double[] threshold, double[] left, double[] right) {
            this.base = base;
            this.feature = feature;
            this.threshold = threshold;
            this.left = left;
            this.right = right;
        }

        double probability(double[] x) {
            int[] f = feature;
            double[] th = threshold;
            double[] l = left;
            double[] r = right;
            double margin = base;
            for (int t = 0; t < f.length; t++) {
                // Choosing the array lets the JIT use a conditional move instead of a branch that
                // mispredicts about half the time.
                double[] side = x[f[t]] <= th[t] ? l : r;
                margin += side[t];
            }
            return sigmoid(margin);
        }
    }

    static double sigmoid(double margin) {
        return 1.0 / (1.0 + Math.exp(-margin));
    }

    @Override
    public double[] importance() {
        double total = 0;
        for (double g : gain) {
            total += g;
        }
        double[] share = new double[width];
        for (int f = 0; f < width && total > 0; f++) {
            share[f] = gain[f] / total;
        }
        return share;
    }

    @Override
    public void check() {
        TreeArrays.checkStructure(KIND, width, roots, feature, threshold, low, high, value);
        if (!Double.isFinite(base)) {
            throw new IllegalArgumentException(KIND + ": base margin is " + base + ", expected a finite number");
        }
        for (int n = 0; n < feature.length; n++) {
            if (feature[n] >= 0 && !Double.isFinite(threshold[n])) {
                throw new IllegalArgumentException(KIND + ": node " + n + " has threshold " + threshold[n]
                        + ", expected a finite number");
            }
            // A margin contribution may be any finite number, negative or above 1, unlike a forest's probabilities.
            if (feature[n] < 0 && !Double.isFinite(value[n])) {
                throw new IllegalArgumentException(KIND + ": leaf " + n + " holds " + value[n]
                        + ", expected a finite margin contribution");
            }
        }
        if (gain == null || gain.length != width) {
            throw new IllegalArgumentException(KIND + ": 'gain' has " + (gain == null ? "no" : gain.length)
                    + " entries, expected one per feature (" + width + ")");
        }
        for (int f = 0; f < width; f++) {
            if (!(gain[f] >= 0 && gain[f] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(KIND + ": gain of feature " + f + " is " + gain[f]
                        + ", expected a finite number of at least 0");
            }
        }
        TreeArrays.checkCover(KIND, feature, low, high, cover);
    }
}
