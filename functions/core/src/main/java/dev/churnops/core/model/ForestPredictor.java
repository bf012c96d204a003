package dev.churnops.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A tree ensemble flattened into parallel arrays, one slot per node across all trees. An inner
 * node sends a row to {@code low[n]} when {@code x[feature[n]] <= threshold[n]} and to
 * {@code high[n]} otherwise; a leaf has {@code feature[n] == -1} and holds the churn probability in
 * {@code value[n]}. The ensemble's probability is the mean of its trees' leaves, weighted equally.
 * Importance is each feature's share of the split nodes.
 */
public record ForestPredictor(
        @JsonProperty("width") int width,
        @JsonProperty("roots") int[] roots,
        @JsonProperty("feature") int[] feature,
        @JsonProperty("threshold") double[] threshold,
        @JsonProperty("low") int[] low,
        @JsonProperty("high") int[] high,
        @JsonProperty("value") double[] value) implements Predictor {

    @Override
    public double probability(double[] x) {
        double sum = 0;
        for (int root : roots) {
            int n = root;
            while (feature[n] >= 0) {
                n = x[feature[n]] <= threshold[n] ? low[n] : high[n];
            }
            sum += value[n];
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
        int nodes = feature == null ? -1 : feature.length;
        if (roots == null || roots.length == 0) {
            throw new IllegalArgumentException("forest model: 'roots' is empty, expected at least one tree");
        }
        if (nodes < 0 || threshold == null || low == null || high == null || value == null
                || threshold.length != nodes || low.length != nodes || high.length != nodes || value.length != nodes) {
            throw new IllegalArgumentException("forest model: node arrays feature, threshold, low, high, value must all have the same length");
        }
        for (int r : roots) {
            checkIndex("root", r, nodes);
        }
        for (int n = 0; n < nodes; n++) {
            if (feature[n] >= 0) {
                if (feature[n] >= width) {
                    throw new IllegalArgumentException("forest model: node " + n + " splits on feature " + feature[n]
                            + ", expected a feature below " + width);
                }
                // Children always come after their parent, which also rules out cycles.
                if (low[n] <= n || high[n] <= n) {
                    throw new IllegalArgumentException("forest model: node " + n + " has a child that does not follow it");
                }
                checkIndex("child", low[n], nodes);
                checkIndex("child", high[n], nodes);
            } else if (!(value[n] >= 0.0 && value[n] <= 1.0)) {
                throw new IllegalArgumentException("forest model: leaf " + n + " holds " + value[n] + ", expected a probability in [0, 1]");
            }
        }
    }

    private static void checkIndex(String what, int index, int nodes) {
        if (index < 0 || index >= nodes) {
            throw new IllegalArgumentException("forest model: " + what + " index " + index + " is outside 0.." + (nodes - 1));
        }
    }
}
