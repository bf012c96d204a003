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
        int f;
        while ((f = feature[n]) >= 0) {
            // Choosing the array, not loading from one of two, lets the JIT use a conditional move:
            // a split goes either way about half the time, so a branch here mispredicts a lot.
            int[] next = x[f] <= threshold[n] ? low : high;
            n = next[n];
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

    /**
     * Each node's cover: how many of {@code rows} pass through it. Every row walks every tree once
     * and is counted at its leaf; a split's cover is then its children's sum, added from the last
     * node back, as children always follow their parent. Integer counts, so a split's cover is its
     * children's sum exactly.
     */
    static int[] cover(int[] roots, int[] feature, double[] threshold, int[] low, int[] high, double[][] rows) {
        int[] cover = new int[feature.length];
        for (double[] x : rows) {
            for (int root : roots) {
                cover[leaf(root, feature, threshold, low, high, x)]++;
            }
        }
        for (int n = feature.length - 1; n >= 0; n--) {
            if (feature[n] >= 0) {
                cover[n] = cover[low[n]] + cover[high[n]];
            }
        }
        return cover;
    }

    /**
     * Checks optional node covers after {@link #checkStructure}: none at all is fine (such a model
     * scores but has no tree reason codes); otherwise one count per node, none negative, and each
     * split's cover the sum of its children's.
     */
    static void checkCover(String kind, int[] feature, int[] low, int[] high, int[] cover) {
        if (cover == null) {
            return;
        }
        if (cover.length != feature.length) {
            throw new IllegalArgumentException(kind + ": 'cover' has " + cover.length + " entries, expected one per node ("
                    + feature.length + ")");
        }
        for (int n = 0; n < cover.length; n++) {
            if (cover[n] < 0) {
                throw new IllegalArgumentException(kind + ": node " + n + " has cover " + cover[n]
                        + ", expected a count of training rows of at least 0");
            }
        }
        for (int n = 0; n < cover.length; n++) {
            if (feature[n] >= 0 && (long) cover[low[n]] + cover[high[n]] != cover[n]) {
                throw new IllegalArgumentException(kind + ": node " + n + " has cover " + cover[n] + " but its children "
                        + low[n] + " and " + high[n] + " have " + cover[low[n]] + " + " + cover[high[n]]
                        + ", expected a split's cover to equal the sum of its children's");
            }
        }
    }

    /** The most splits on any path from a node down to a leaf; 0 when every tree is a single leaf. */
    static int maxDepth(int[] feature, int[] low, int[] high) {
        // Parents precede children, so one pass in index order has a node's depth final before its
        // children read it; the maximum over parents keeps even a file whose nodes share children safe.
        int[] depth = new int[feature.length];
        int max = 0;
        for (int n = 0; n < feature.length; n++) {
            if (feature[n] >= 0) {
                depth[low[n]] = Math.max(depth[low[n]], depth[n] + 1);
                depth[high[n]] = Math.max(depth[high[n]], depth[n] + 1);
                max = Math.max(max, depth[n] + 1);
            }
        }
        return max;
    }

    private static void checkIndex(String kind, String what, int index, int nodes) {
        if (index < 0 || index >= nodes) {
            throw new IllegalArgumentException(kind + ": " + what + " index " + index + " is outside 0.." + (nodes - 1));
        }
    }
}
