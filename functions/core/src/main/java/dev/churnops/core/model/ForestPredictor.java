package dev.churnops.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A tree ensemble flattened into parallel arrays, one slot per node across all trees. An inner
 * node sends a row to {@code low[n]} when {@code x[feature[n]] <= threshold[n]} and to
 * {@code high[n]} otherwise; a leaf has {@code feature[n] == -1} and holds the churn probability in
 * {@code value[n]}. The ensemble's probability is the mean of its trees' leaves, weighted equally.
 * Importance is each feature's share of the split nodes.
 *
 * <p>{@code cover[n]}, optional, is the number of training rows (all rows the engine was given) whose
 * walk passes through node {@code n}; {@link TreeShap} weighs a tree's branches by it to explain
 * the forest's output. A model file written before covers existed has none: it loads and scores as
 * before, but offers no reason codes.
 */
public record ForestPredictor(
        @JsonProperty("width") int width,
        @JsonProperty("roots") int[] roots,
        @JsonProperty("feature") int[] feature,
        @JsonProperty("threshold") double[] threshold,
        @JsonProperty("low") int[] low,
        @JsonProperty("high") int[] high,
        @JsonProperty("value") double[] value,
        @JsonProperty("cover") @JsonInclude(JsonInclude.Include.NON_NULL) int[] cover) implements Predictor {

    private static final String KIND = "forest model";

    @JsonCreator
    public ForestPredictor {
    }

    /** A forest without node covers: it scores, but has no reason codes. */
    public ForestPredictor(int width, int[] roots, int[] feature, double[] threshold, int[] low, int[] high,
                           double[] value) {
        this(width, roots, feature, threshold, low, high, value, null);
    }

    @Override
    public double probability(double[] x) {
        double sum = 0;
        for (int root : roots) {
            sum += value[TreeArrays.leaf(root, feature, threshold, low, high, x)];
        }
        return sum / roots.length;
    }

    @Override
    public double[] importance() {
        double[] counts = new double[width];
        int splits = 0;
        for (int f : feature) {
            if (f >= 0) {
                counts[f]++;
                splits++;
            }
        }
        for (int i = 0; i < counts.length && splits > 0; i++) {
            counts[i] /= splits;
        }
        return counts;
    }

    @Override
    public void check() {
        TreeArrays.checkStructure(KIND, width, roots, feature, threshold, low, high, value);
        for (int n = 0; n < feature.length; n++) {
            if (feature[n] < 0 && !(value[n] >= 0.0 && value[n] <= 1.0)) {
                throw new IllegalArgumentException(KIND + ": leaf " + n + " holds " + value[n] + ", expected a probability in [0, 1]");
            }
        }
        TreeArrays.checkCover(KIND, feature, low, high, cover);
    }
}
