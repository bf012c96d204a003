package dev.churnops.core.model;

/**
 * The flattened-tree layout shared by {@link ForestPredictor}, {@link BoostedPredictor} and
 * {@link GradientBoostingModel}: parallel node arrays, an inner node sends a row to {@code low[n]}
 * when {@code x[feature[n]] <= threshold[n]} and to {@code high[n]} otherwise, a leaf has
 * {@code feature[n] == -1}. The walk and the structural checks live here once, so every form that
 * uses this layout walks it the same way.
 */
final class TreeArrays {

    private TreeArrays() {
    }

    /** The leaf row {@code x} reaches from {@code root}. */
    static int leaf(int root, int[] feature, double[] threshold, int[] low, int[] high, double[] x) {
        int n = root;
        while (feature[n] >= 0) {
            n = x[feature[n]] <= threshold[n] ? low[n] : high[n];
        }
        return n;
    }

    /**
     * Checks what scoring relies on: equal array lengths, at least one tree, roots and children in
     * range, children after their parent (so no walk can loop) and split features below
     * {@code width}. Leaf values are the caller's to check, as their meaning differs. Messages start
     * with {@code kind}, e.g. "forest model".
     */
    static void checkStructure(String kind, int width, int[] roots, int[] feature, double[] threshold, int[] low,
                               int[] high, double[] value) {
        int nodes = feature == null ? -1 : feature.length;
        if (roots == null || roots.length == 0) {
            throw new IllegalArgumentException(kind + ": 'roots' is empty, expected at least one tree");
        }
        if (nodes < 0 || threshold == null || low == null || high == null || value == null
                || threshold.length != nodes || low.length != nodes || high.length != nodes || value.length != nodes) {
            throw new IllegalArgumentException(kind + ": node arrays feature, threshold, low, high, value must all have the same length");
        }
        for (int r : roots) {
            checkIndex(kind, "root", r, nodes);
        }
        for (int n = 0; n < nodes; n++) {
            if (feature[n] >= 0) {
                if (feature[n] >= width) {
                    throw new IllegalArgumentException(kind + ": node " + n + " splits on feature " + feature[n]
                            + ", expected a feature below " + width);
                }
                // Children always come after their parent, which also rules out cycles.
                if (low[n] <= n || high[n] <= n) {
                    throw new IllegalArgumentException(kind + ": node " + n + " has a child that does not follow it");
                }
                checkIndex(kind, "child", low[n], nodes);
                checkIndex(kind, "child", high[n], nodes);
            }
        }
    }

    private static void checkIndex(String kind, String what, int index, int nodes) {
        if (index < 0 || index >= nodes) {
            throw new IllegalArgumentException(kind + ": " + what + " index " + index + " is outside 0.." + (nodes - 1));
        }
    }
}
