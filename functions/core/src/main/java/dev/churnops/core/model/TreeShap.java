package dev.churnops.core.model;

import java.util.Arrays;

/**
 * Exact SHAP values of a compiled tree ensemble by path-dependent TreeSHAP (Lundberg, Erion and Lee,
 * "Consistent Individualized Feature Attribution for Tree Ensembles", 2018, algorithm 2): each
 * feature's Shapley value in the game whose value for a set {@code S} of known features is the
 * ensemble's expected output when the features in {@code S} take the row's values and every other
 * split is averaged over its branches in proportion to their cover, the training rows that reached
 * them (see {@link ForestPredictor} and {@link BoostedPredictor}). With {@link #baseValue()}, the
 * expected output when nothing is known, the contributions add up exactly to the explained output.
 *
 * <p>What is explained: for {@link BoostedPredictor} the margin (log-odds, before any calibration),
 * base margin and trees summed; the base value is then {@code base} plus each tree's cover-weighted
 * mean leaf value, which is the mean margin over the training rows. For {@link ForestPredictor} the
 * forest's output, the mean of its trees' leaf churn probabilities (the vote share, before any
 * calibration): each tree's values are divided by the number of trees, and the base value is the
 * forest's mean output over the training rows.
 *
 * <p>How: one walk per tree, down every branch, keeping the features split on along the way (each
 * once) with the fraction of "unknown" weight that takes the branch (cover share, the zero
 * fraction) and whether the row goes that way (the one fraction, 1 or 0), plus the weights of all
 * subset sizes of them. Entering a node extends the path by its feature; a feature met again is
 * first unwound and its fractions multiplied into the new ones; at a leaf each path feature gets
 * the leaf value times (one fraction minus zero fraction) times the sum of the weights with that
 * feature unwound (one sum serves every feature the row does not follow there). Cost per row: at
 * most trees × leaves × depth², with no allocation beyond a few small arrays. When they fit in
 * {@link #TABLE_BUDGET}, each leaf's contributions for every pattern of followed path features are
 * computed once, with the same steps, and a row costs one descent per tree and a lookup per leaf
 * (a few hundred boosted trees of depth 4: about 3 times faster; depth-8 forests do not fit).
 *
 * <p>Thread-safe, and immutable but for the leaf tables, built on first use; it reads only the
 * predictor's arrays, never the training library.
 */
public final class TreeShap {

    private final int width;
    private final int[] roots;
    private final int[] feature;
    private final double[] threshold;
    private final int[] low;
    private final int[] high;
    private final double[] value;
    /**
     * {@code cover[n] / cover[parent]}, the share of its parent's training rows that node {@code n}
     * receives: the zero fraction of the branch into {@code n}. 0 under a parent no row reached, so
     * such a subtree adds nothing to any expectation.
     */
    private final double[] share;
    /** 1 for boosted trees; one over the number of trees for a forest, whose output is the trees' mean. */
    private final double scale;
    private final double baseValue;
    /** Path slots one walk needs: depth d uses d + 1 slots, stacked for every depth on the way down. */
    private final int pathSlots;
    /** {@code 1.0 / k} for every path length k, so the inner loops multiply instead of divide. */
    private final double[] inverse;
    /** The most splits on any root-to-leaf path. */
    private final int depth;

    /**
     * Leaf tables may take up to this many doubles (8 MB): enough for a few hundred trees of depth
     * 4 to 5; a forest of depth-8 trees would need hundreds of MB and is walked path by path.
     */
    static final long TABLE_BUDGET = 1L << 20;
    private final long tableBudget;
    /**
     * Leaf tables; {@link #WALK} to walk paths; null until first needed, so loading a model does
     * not wait for them. A leaf's contributions depend on the row only through which of the
     * distinct features on its path the row follows (every split on it sends the row down this
     * path): {@code 2^m} patterns for {@code m} features. Each leaf keeps them all, computed once
     * with the same path algorithm; a row then needs one descent per tree that carries the pattern
     * down, and a lookup per leaf. Built at most once per thread that finds it missing, always the
     * same, and published whole through the volatile write.
     */
    private volatile Tables tables;
    private static final Tables WALK = new Tables(null, null, null, null, null, null);

    /**
     * The leaf tables. {@code slot[n]} of a split: where its feature stands among the distinct
     * features on the path to it, in order of first use. A leaf's {@code size[n]} distinct features
     * are {@code leafFeature[featureStart[n] ...]}, and its contributions for pattern {@code p} (bit
     * k set when the row follows feature k) are {@code table[tableStart[n] + p·size[n] ...]}.
     */
    private record Tables(int[] slot, int[] size, int[] featureStart, int[] leafFeature, int[] tableStart,
                          double[] table) {
    }

    private TreeShap(int width, int[] roots, int[] feature, double[] threshold, int[] low, int[] high,
                     double[] value, int[] cover, double offset, double scale, long tableBudget) {
        this.width = width;
        this.roots = roots;
        this.feature = feature;
        this.threshold = threshold;
        this.low = low;
        this.high = high;
        this.value = value;
        this.scale = scale;
        this.share = new double[feature.length];
        for (int root : roots) {
            share[root] = 1.0;
        }
        for (int n = 0; n < feature.length; n++) {
            if (feature[n] >= 0) {
                share[low[n]] = cover[n] > 0 ? (double) cover[low[n]] / cover[n] : 0.0;
                share[high[n]] = cover[n] > 0 ? (double) cover[high[n]] / cover[n] : 0.0;
            }
        }
        double expected = 0;
        for (int root : roots) {
            expected += expectation(root);
        }
        this.baseValue = offset + scale * expected;
        this.depth = TreeArrays.maxDepth(feature, low, high);
        this.pathSlots = (depth + 1) * (depth + 2) / 2;
        this.inverse = new double[depth + 3];
        for (int k = 1; k < inverse.length; k++) {
            inverse[k] = 1.0 / k;
        }
        this.tableBudget = tableBudget;
    }

    /** The leaf tables, or {@link #WALK}; built on first use. */
    private Tables tables() {
        Tables t = tables;
        if (t == null) {
            t = buildTables(tableBudget);
            tables = t;
        }
        return t;
    }

    /** The leaf tables, or {@link #WALK} when they would take more than {@code budget} doubles (or the budget is 0). */
    private Tables buildTables(long budget) {
        int[] slot = new int[feature.length];
        int[] size = new int[feature.length];
        int[] distinct = new int[depth + 1];
        for (int root : roots) {
            assignSlots(root, distinct, 0, slot, size);
        }
        long doubles = 0;
        int leafFeatures = 0;
        for (int n = 0; n < feature.length; n++) {
            if (feature[n] < 0) {
                if (size[n] > 20) {
                    return WALK;
                }
                doubles += (1L << size[n]) * size[n];
                leafFeatures += size[n];
            }
        }
        if (budget <= 0 || doubles > budget) {
            return WALK;
        }
        Tables t = new Tables(slot, size, new int[feature.length], new int[leafFeatures], new int[feature.length],
                new double[(int) doubles]);
        int[] position = {0, 0};
        for (int root : roots) {
            fillTables(root, new int[depth + 1], new double[depth + 1], 0, t, position);
        }
        return t;
    }

    /** Numbers the distinct features on each path in order of first use (the splits' slots) and counts them at leaves. */
    private void assignSlots(int n, int[] distinct, int count, int[] slot, int[] size) {
        if (feature[n] < 0) {
            size[n] = count;
            return;
        }
        int k = 0;
        while (k < count && distinct[k] != feature[n]) {
            k++;
        }
        slot[n] = k;
        int[] below = distinct;
        if (k == count) {
            below = Arrays.copyOf(distinct, distinct.length);
            below[count] = feature[n];
        }
        int next = k == count ? count + 1 : count;
        assignSlots(low[n], below, next, slot, size);
        assignSlots(high[n], below, next, slot, size);
    }

    /**
     * Fills each leaf's table: with the distinct path features and their zero fractions (the
     * product of the shares of the branches this path takes at splits on the feature), the
     * contributions of every pattern of followed features, by the path algorithm's extend and
     * leaf steps.
     */
    private void fillTables(int n, int[] features, double[] zeros, int count, Tables t, int[] position) {
        if (feature[n] < 0) {
            t.featureStart()[n] = position[0];
            System.arraycopy(features, 0, t.leafFeature(), position[0], count);
            position[0] += count;
            t.tableStart()[n] = position[1];
            Walk walk = new Walk(null, new double[count], (count + 1) * (count + 2) / 2);
            walk.fillPatterns(0, 0, walk.extend(0, 0, 0, 1.0, 1.0, -1), 0, zeros, count, value[n], t.table(),
                    position[1]);
            position[1] += (1 << count) * count;
            return;
        }
        int k = t.slot()[n];
        for (int child : new int[] {low[n], high[n]}) {
            int[] f = features.clone();
            double[] z = zeros.clone();
            if (k == count) {
                f[k] = feature[n];
                z[k] = share[child];
            } else {
                z[k] *= share[child];
            }
            fillTables(child, f, z, k == count ? count + 1 : count, t, position);
        }
    }

    /** Explains a boosted model's margin; the predictor must have been checked and have covers. */
    public static TreeShap of(BoostedPredictor boosted) {
        return of(boosted, TABLE_BUDGET);
    }

    /** Explains a forest's output (mean leaf probability); the predictor must have been checked and have covers. */
    public static TreeShap of(ForestPredictor forest) {
        return of(forest, TABLE_BUDGET);
    }

    /** As {@link #of(BoostedPredictor)}, with leaf tables only within {@code tableBudget} doubles (0: never). */
    static TreeShap of(BoostedPredictor boosted, long tableBudget) {
        requireCover("boosted model", boosted.cover());
        return new TreeShap(boosted.width(), boosted.roots(), boosted.feature(), boosted.threshold(), boosted.low(),
                boosted.high(), boosted.value(), boosted.cover(), boosted.base(), 1.0, tableBudget);
    }

    /** As {@link #of(ForestPredictor)}, with leaf tables only within {@code tableBudget} doubles (0: never). */
    static TreeShap of(ForestPredictor forest, long tableBudget) {
        requireCover("forest model", forest.cover());
        return new TreeShap(forest.width(), forest.roots(), forest.feature(), forest.threshold(), forest.low(),
                forest.high(), forest.value(), forest.cover(), 0.0, 1.0 / forest.roots().length, tableBudget);
    }

    /** Whether leaf tables are used (else paths are walked); for tests and benchmarks. */
    boolean tabled() {
        return tables() != WALK;
    }

    private static void requireCover(String kind, int[] cover) {
        if (cover == null) {
            throw new IllegalArgumentException(kind + " has no node covers ('cover'), which TreeSHAP needs: it was"
                    + " written before covers existed; retrain it to get reason codes");
        }
    }

    /** Number of features a row has. */
    public int width() {
        return width;
    }

    /** The expected output when no feature is known: the contributions of any row add up to its output minus this. */
    public double baseValue() {
        return baseValue;
    }

    /** Each feature's contribution to the explained output of row {@code x}; they sum to output minus {@link #baseValue()}. */
    public double[] contributions(double[] x) {
        double[] phi = new double[width];
        contributions(x, phi);
        return phi;
    }

    /** Writes each feature's contribution for row {@code x} into {@code phi} (length {@link #width()}), overwriting it. */
    public void contributions(double[] x, double[] phi) {
        Arrays.fill(phi, 0.0);
        Tables t = tables();
        if (t != WALK) {
            lookUp(t, x, phi);
        } else {
            Walk walk = new Walk(x, phi, pathSlots);
            for (int root : roots) {
                walk.recurse(root, 0, 0, 1.0, 1.0, -1);
            }
        }
        if (scale != 1.0) {
            for (int i = 0; i < phi.length; i++) {
                phi[i] *= scale;
            }
        }
    }

    /**
     * Table mode: descends every tree once, carrying the pattern of followed features (a split the
     * row does not take clears its feature's bit on that side), and adds each leaf's entry for it.
     */
    private void lookUp(Tables tables, double[] x, double[] phi) {
        int[] slot = tables.slot();
        int[] size = tables.size();
        int[] featureStart = tables.featureStart();
        int[] leafFeature = tables.leafFeature();
        int[] tableStart = tables.tableStart();
        double[] table = tables.table();
        int[] pendingNode = new int[depth + 1];
        int[] pendingPattern = new int[depth + 1];
        for (int root : roots) {
            pendingNode[0] = root;
            pendingPattern[0] = -1;
            int pending = 1;
            while (pending > 0) {
                pending--;
                int n = pendingNode[pending];
                int pattern = pendingPattern[pending];
                while (feature[n] >= 0) {
                    boolean goesLow = x[feature[n]] <= threshold[n];
                    pendingNode[pending] = goesLow ? high[n] : low[n];
                    pendingPattern[pending] = pattern & ~(1 << slot[n]);
                    pending++;
                    n = goesLow ? low[n] : high[n];
                }
                int m = size[n];
                int entry = tableStart[n] + (pattern & ((1 << m) - 1)) * m;
                int features = featureStart[n];
                for (int k = 0; k < m; k++) {
                    phi[leafFeature[features + k]] += table[entry + k];
                }
            }
        }
    }

    /** A tree's output averaged over its branches by share: what the walk takes as known when nothing is. */
    private double expectation(int n) {
        if (feature[n] < 0) {
            return value[n];
        }
        return share[low[n]] * expectation(low[n]) + share[high[n]] * expectation(high[n]);
    }

    /**
     * One row's walk. The unique path of the node being visited sits in {@code pathSlots}-long
     * arrays from {@code start} on; a child's path is copied just past its parent's, so a node's
     * path is intact when its second child is visited.
     */
    private final class Walk {
        private final double[] x;
        private final double[] phi;
        private final int[] pathFeature;
        private final double[] zero;
        private final double[] one;
        private final double[] weight;

        Walk(double[] x, double[] phi, int slots) {
            this.x = x;
            this.phi = phi;
            this.pathFeature = new int[slots];
            this.zero = new double[slots];
            this.one = new double[slots];
            this.weight = new double[slots];
        }

        /**
         * Visits node {@code n}, reached with the parent's path at {@code [parentStart,
         * parentStart + parentLength)} and the branch's zero and one fractions for feature
         * {@code splitFeature} (-1 for the root's placeholder). The branch the row does not take
         * is visited by looping rather than by a second call.
         */
        void recurse(int n, int parentStart, int parentLength, double zeroFraction, double oneFraction,
                     int splitFeature) {
            while (true) {
                int start = parentStart + parentLength;
                int length = extend(parentStart, start, parentLength, zeroFraction, oneFraction, splitFeature);
                int f = feature[n];
                if (f < 0) {
                    leaf(start, length, value[n]);
                    return;
                }
                boolean goesLow = x[f] <= threshold[n];
                int hot = goesLow ? low[n] : high[n];
                int cold = goesLow ? high[n] : low[n];
                double knownZero = 1.0;
                double knownOne = 1.0;
                for (int i = 1; i < length; i++) {
                    if (pathFeature[start + i] == f) {
                        // Split on again: the feature stays on the path once, with both branches' fractions multiplied.
                        knownZero = zero[start + i];
                        knownOne = one[start + i];
                        unwind(start, length, i);
                        length--;
                        break;
                    }
                }
                // A branch that no training row took and the row does not take weighs 0 in every
                // expectation: it is skipped, and with it the division by a zero fraction its unwinding would bring.
                double hotZero = knownZero * share[hot];
                if (hotZero != 0.0 || knownOne != 0.0) {
                    recurse(hot, start, length, hotZero, knownOne, f);
                }
                double coldZero = knownZero * share[cold];
                if (coldZero == 0.0) {
                    return;
                }
                n = cold;
                parentStart = start;
                parentLength = length;
                zeroFraction = coldZero;
                oneFraction = 0.0;
                splitFeature = f;
            }
        }

        /**
         * Table filling: extends the path of {@code length} at {@code start} by the distinct path
         * features from {@code k} on, each both followed and not (bit k of the pattern), and
         * writes each complete pattern's credits into {@code table} from {@code offset}; the path's
         * features are the slots 0 to count − 1, so {@link #phi} collects credits by slot.
         */
        void fillPatterns(int k, int start, int length, int pattern, double[] zeros, int count, double v,
                          double[] table, int offset) {
            if (k == count) {
                Arrays.fill(phi, 0.0);
                leaf(start, length, v);
                System.arraycopy(phi, 0, table, offset + pattern * count, count);
                return;
            }
            int next = start + length;
            for (int followed = 0; followed <= 1; followed++) {
                int extended = extend(start, next, length, zeros[k], followed, k);
                fillPatterns(k + 1, next, extended, pattern | followed << k, zeros, count, v, table, offset);
            }
        }

        /**
         * Credits each path feature with the leaf value times (one fraction − zero fraction) times
         * the sum of the path's weights with that feature unwound. For a feature the row does not
         * follow here (one fraction 0) that product is {@code −value · (l+1) · Σ_j weight[j] / (l−j)},
         * whatever its zero fraction, so it is computed once per leaf for all such features.
         */
        private void leaf(int start, int length, double v) {
            double notFollowed = Double.NaN;
            // Slot 0 is the root's placeholder, not a feature.
            for (int i = 1; i < length; i++) {
                int slot = start + i;
                if (one[slot] != 0.0) {
                    phi[pathFeature[slot]] += followedUnwoundSum(start, length, zero[slot]) * (1.0 - zero[slot]) * v;
                } else {
                    if (notFollowed != notFollowed) {
                        notFollowed = -v * scaledUnwoundSum(start, length);
                    }
                    phi[pathFeature[slot]] += notFollowed;
                }
            }
        }

        /**
         * Writes at {@code start} the parent's path of {@code length} (at {@code parentStart})
         * extended by a feature with its zero and one fractions, and the weights of every subset
         * size: {@code w'[k] = (z·(l−k)·w[k] + o·k·w[k−1]) / (l+1)}. Returns the new length.
         */
        private int extend(int parentStart, int start, int length, double zeroFraction, double oneFraction,
                           int splitFeature) {
            for (int i = 0; i < length; i++) {
                pathFeature[start + i] = pathFeature[parentStart + i];
                zero[start + i] = zero[parentStart + i];
                one[start + i] = one[parentStart + i];
            }
            pathFeature[start + length] = splitFeature;
            zero[start + length] = zeroFraction;
            one[start + length] = oneFraction;
            if (length == 0) {
                weight[start] = 1.0;
                return 1;
            }
            double reciprocal = inverse[length + 1];
            double previous = weight[parentStart];
            weight[start] = zeroFraction * length * previous * reciprocal;
            for (int k = 1; k < length; k++) {
                double w = weight[parentStart + k];
                weight[start + k] = (zeroFraction * (length - k) * w + oneFraction * k * previous) * reciprocal;
                previous = w;
            }
            weight[start + length] = oneFraction * length * previous * reciprocal;
            return length + 1;
        }

        /**
         * Removes entry {@code i} from the path of {@code length} at {@code start}, undoing its
         * {@link #extend}. One fractions are always exactly 1 or 0 (a product of "the row goes this
         * way"), which the arithmetic below relies on.
         */
        private void unwind(int start, int length, int i) {
            int l = length - 1;
            double z = zero[start + i];
            double top = l + 1;
            if (one[start + i] != 0.0) {
                double zOverTop = z * inverse[l + 1];
                double carried = weight[start + l];
                for (int j = l - 1; j >= 0; j--) {
                    double kept = weight[start + j];
                    weight[start + j] = carried * top * inverse[j + 1];
                    carried = kept - weight[start + j] * zOverTop * (l - j);
                }
            } else {
                double scale = top / z;
                for (int j = l - 1; j >= 0; j--) {
                    weight[start + j] = weight[start + j] * scale * inverse[l - j];
                }
            }
            for (int j = i; j < l; j++) {
                pathFeature[start + j] = pathFeature[start + j + 1];
                zero[start + j] = zero[start + j + 1];
                one[start + j] = one[start + j + 1];
            }
        }

        /**
         * The sum of the weights the path would have with an entry the row follows (one fraction 1)
         * and zero fraction {@code z} unwound, leaving the path as it is.
         */
        private double followedUnwoundSum(int start, int length, double z) {
            int l = length - 1;
            double top = l + 1;
            double zOverTop = z * inverse[l + 1];
            double carried = weight[start + l];
            double total = 0;
            for (int j = l - 1; j >= 0; j--) {
                double w = carried * top * inverse[j + 1];
                total += w;
                carried = weight[start + j] - w * zOverTop * (l - j);
            }
            return total;
        }

        /**
         * For an entry the row does not follow (one fraction 0), the sum of the weights with it
         * unwound times its zero fraction: the same for every such entry, and so without a division by it.
         */
        private double scaledUnwoundSum(int start, int length) {
            int l = length - 1;
            double total = 0;
            for (int j = l - 1; j >= 0; j--) {
                total += weight[start + j] * inverse[l - j];
            }
            return total * (l + 1);
        }
    }
}
