package dev.churnops.core.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The average of the k fold models an out-of-fold prediction was made with, as one predictor of
 * the same kind: the production model whose out-of-fold predictions chose the algorithm, the
 * rounds, the calibration and the threshold, rather than one more fit on all rows.
 *
 * <ul>
 *   <li><b>Logistic regression</b>: the mean of the fold models' log-odds is itself linear, so the
 *       average is one {@link LinearPredictor} with the mean weights and the mean bias.</li>
 *   <li><b>Gradient boosting</b>: the mean of the fold models' margins is every fold's trees in one
 *       {@link BoostedPredictor}, each leaf divided by k, the base the mean of the fold bases and
 *       each feature's gain the mean of its gains; stumps that split alike are added into one
 *       ({@link #stumps}).</li>
 *   <li><b>Random forest</b>: the folds' trees in one {@link ForestPredictor}; with the same number
 *       of trees in every fold, the mean over all trees is the mean of the fold forests' means.</li>
 * </ul>
 *
 * <p>Tree covers are counted again over {@code rows} (all training rows), so that every tree of
 * the average weighs its branches by the same rows and the reason codes' base value is the
 * average's mean output over the training rows, as for a model fitted on them.
 */
final class FoldAverage {

    private FoldAverage() {
    }

    /**
     * The average of {@code folds}, all of one kind and width.
     *
     * @throws IllegalArgumentException if there are none, or they differ in kind, width or (forests) tree count
     */
    static Predictor of(List<Predictor> folds, double[][] rows) {
        if (folds.isEmpty()) {
            throw new IllegalArgumentException("no fold models to average");
        }
        Predictor first = folds.get(0);
        for (Predictor p : folds) {
            if (p.getClass() != first.getClass() || p.width() != first.width()) {
                throw new IllegalArgumentException("fold models to average differ: " + describe(first) + " and " + describe(p));
            }
        }
        if (first instanceof LinearPredictor) {
            return linear(folds);
        }
        if (first instanceof BoostedPredictor) {
            return boosted(folds, rows);
        }
        return forest(folds, rows);
    }

    private static String describe(Predictor p) {
        return p.getClass().getSimpleName() + " of width " + p.width();
    }

    private static LinearPredictor linear(List<Predictor> folds) {
        int k = folds.size();
        double[] weights = new double[folds.get(0).width()];
        double bias = 0;
        for (Predictor p : folds) {
            LinearPredictor l = (LinearPredictor) p;
            for (int i = 0; i < weights.length; i++) {
                weights[i] += l.weights()[i];
            }
            bias += l.bias();
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= k;
        }
        return new LinearPredictor(weights, bias / k);
    }

    private static BoostedPredictor boosted(List<Predictor> folds, double[][] rows) {
        if (folds.stream().allMatch(p -> ((BoostedPredictor) p).stumps() != null)) {
            return stumps(folds, rows);
        }
        int k = folds.size();
        Nodes nodes = new Nodes(folds.stream().mapToInt(p -> ((BoostedPredictor) p).feature().length).sum(),
                folds.stream().mapToInt(p -> ((BoostedPredictor) p).roots().length).sum());
        for (Predictor p : folds) {
            BoostedPredictor b = (BoostedPredictor) p;
            nodes.append(b.roots(), b.feature(), b.threshold(), b.low(), b.high(), b.value(), 1.0 / k);
        }
        int[] cover = TreeArrays.cover(nodes.roots, nodes.feature, nodes.threshold, nodes.low, nodes.high, rows);
        return new BoostedPredictor(folds.get(0).width(), meanBase(folds), nodes.roots, nodes.feature, nodes.threshold,
                nodes.low, nodes.high, nodes.value, meanGain(folds), cover);
    }

    private static double meanBase(List<Predictor> folds) {
        double base = 0;
        for (Predictor p : folds) {
            base += ((BoostedPredictor) p).base();
        }
        return base / folds.size();
    }

    private static double[] meanGain(List<Predictor> folds) {
        double[] gain = new double[folds.get(0).width()];
        for (Predictor p : folds) {
            for (int f = 0; f < gain.length; f++) {
                gain[f] += ((BoostedPredictor) p).gain()[f];
            }
        }
        for (int f = 0; f < gain.length; f++) {
            gain[f] /= folds.size();
        }
        return gain;
    }

    /**
     * The average of boosted stumps (every tree one split, or a single leaf), with the stumps that
     * split on the same feature at the same threshold, in any fold, added into one: a row goes the
     * same way in all of them, so their leaves add up beforehand. The default configuration's five
     * fold models share most of their splits (every split on a 0/1 indicator is the same split),
     * so the average has about as many trees as one of them, not five times as many. A single-leaf
     * tree adds the same to every row and goes into the base. Stumps keep the order in which their
     * split first appears, fold by fold, so the model bytes depend only on the fold models.
     */
    private static BoostedPredictor stumps(List<Predictor> folds, double[][] rows) {
        int k = folds.size();
        double base = meanBase(folds);
        Map<Split, double[]> leaves = new LinkedHashMap<>();
        for (Predictor p : folds) {
            BoostedPredictor b = (BoostedPredictor) p;
            for (int root : b.roots()) {
                if (b.feature()[root] < 0) {
                    base += b.value()[root] / k;
                    continue;
                }
                double[] sides = leaves.computeIfAbsent(Split.of(b.feature()[root], b.threshold()[root]), s -> new double[2]);
                sides[0] += b.value()[b.low()[root]] / k;
                sides[1] += b.value()[b.high()[root]] / k;
            }
        }
        // With no split at all, one leaf of 0 keeps the model well formed; the base holds everything.
        int trees = Math.max(1, leaves.size());
        int nodes = leaves.isEmpty() ? 1 : 3 * leaves.size();
        int[] roots = new int[trees];
        int[] feature = new int[nodes];
        double[] threshold = new double[nodes];
        int[] low = new int[nodes];
        int[] high = new int[nodes];
        double[] value = new double[nodes];
        Arrays.fill(feature, -1);
        Arrays.fill(low, -1);
        Arrays.fill(high, -1);
        int n = 0;
        int t = 0;
        for (Map.Entry<Split, double[]> e : leaves.entrySet()) {
            roots[t++] = n;
            feature[n] = e.getKey().feature();
            threshold[n] = e.getKey().threshold();
            low[n] = n + 1;
            high[n] = n + 2;
            value[n + 1] = e.getValue()[0];
            value[n + 2] = e.getValue()[1];
            n += 3;
        }
        int[] cover = TreeArrays.cover(roots, feature, threshold, low, high, rows);
        return new BoostedPredictor(folds.get(0).width(), base, roots, feature, threshold, low, high, value,
                meanGain(folds), cover);
    }

    /** A stump's split; -0.0 is taken as 0.0, since both send every row the same way. */
    private record Split(int feature, double threshold) {
        static Split of(int feature, double threshold) {
            return new Split(feature, threshold == 0.0 ? 0.0 : threshold);
        }
    }

    private static ForestPredictor forest(List<Predictor> folds, double[][] rows) {
        int trees = ((ForestPredictor) folds.get(0)).roots().length;
        for (Predictor p : folds) {
            if (((ForestPredictor) p).roots().length != trees) {
                throw new IllegalArgumentException("fold forests to average differ in size: " + trees + " and "
                        + ((ForestPredictor) p).roots().length + " trees");
            }
        }
        Nodes nodes = new Nodes(folds.stream().mapToInt(p -> ((ForestPredictor) p).feature().length).sum(),
                trees * folds.size());
        for (Predictor p : folds) {
            ForestPredictor f = (ForestPredictor) p;
            nodes.append(f.roots(), f.feature(), f.threshold(), f.low(), f.high(), f.value(), 1.0);
        }
        int[] cover = TreeArrays.cover(nodes.roots, nodes.feature, nodes.threshold, nodes.low, nodes.high, rows);
        return new ForestPredictor(folds.get(0).width(), nodes.roots, nodes.feature, nodes.threshold, nodes.low,
                nodes.high, nodes.value, cover);
    }

    /** Flattened trees of several ensembles laid end to end, node indices shifted past those before. */
    private static final class Nodes {
        final int[] roots;
        final int[] feature;
        final double[] threshold;
        final int[] low;
        final int[] high;
        final double[] value;
        private int size;
        private int trees;

        Nodes(int nodes, int trees) {
            roots = new int[trees];
            feature = new int[nodes];
            threshold = new double[nodes];
            low = new int[nodes];
            high = new int[nodes];
            value = new double[nodes];
        }

        /** Appends an ensemble's trees; leaves are multiplied by {@code scale}. */
        void append(int[] r, int[] f, double[] t, int[] l, int[] h, double[] v, double scale) {
            int offset = size;
            for (int root : r) {
                roots[trees++] = root + offset;
            }
            for (int n = 0; n < f.length; n++) {
                feature[offset + n] = f[n];
                threshold[offset + n] = t[n];
                boolean leaf = f[n] < 0;
                low[offset + n] = leaf ? l[n] : l[n] + offset;
                high[offset + n] = leaf ? h[n] : h[n] + offset;
                value[offset + n] = leaf ? v[n] * scale : v[n];
            }
            size += f.length;
        }
    }
}
