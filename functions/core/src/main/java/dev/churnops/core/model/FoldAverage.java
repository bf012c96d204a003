package dev.churnops.core.model;

import java.util.List;

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
 *       each feature's gain the mean of its gains.</li>
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
        int k = folds.size();
        Nodes nodes = new Nodes(folds.stream().mapToInt(p -> ((BoostedPredictor) p).feature().length).sum(),
                folds.stream().mapToInt(p -> ((BoostedPredictor) p).roots().length).sum());
        int width = folds.get(0).width();
        double base = 0;
        double[] gain = new double[width];
        for (Predictor p : folds) {
            BoostedPredictor b = (BoostedPredictor) p;
            base += b.base();
            for (int f = 0; f < width; f++) {
                gain[f] += b.gain()[f];
            }
            nodes.append(b.roots(), b.feature(), b.threshold(), b.low(), b.high(), b.value(), 1.0 / k);
        }
        for (int f = 0; f < width; f++) {
            gain[f] /= k;
        }
        int[] cover = TreeArrays.cover(nodes.roots, nodes.feature, nodes.threshold, nodes.low, nodes.high, rows);
        return new BoostedPredictor(width, base / k, nodes.roots, nodes.feature, nodes.threshold, nodes.low, nodes.high,
                nodes.value, gain, cover);
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
