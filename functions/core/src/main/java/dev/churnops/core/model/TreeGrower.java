package dev.churnops.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Grows one regression tree on gradient and hessian histograms of pre-binned features: depth-first,
 * each node split where the second-order gain
 * {@code ½·(G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ))} is largest and above {@code gamma}, with
 * at least {@code minChildWeight} hessian and one row on each side; a leaf holds
 * {@code −learningRate·G/(H+λ)}. Only the smaller child's histogram is built from rows; the larger
 * one is its parent's minus it.
 *
 * <p>Determinism: rows are kept in ascending order within each node, every sum runs over them in
 * that order, and ties between candidate splits go to the lowest feature, then the lowest bin. With
 * an executor, histograms are built feature by feature on its threads, but each feature's
 * histogram is still built by one thread in row order and nothing is summed across features, so the
 * tree is the same bit for bit whatever the number of threads.
 */
final class TreeGrower {

    /** Histogram slots per bin: gradient sum, hessian sum, row count. */
    private static final int SLOTS = 3;
    /**
     * Below this many row-feature additions (some 50 µs of work) a node's histograms are built on
     * the calling thread: handing work to another thread and waiting for it costs tens of µs.
     */
    private static final int PARALLEL_WORK = 65_536;

    private final QuantileBins bins;
    private final int maxDepth;
    private final double minChildWeight;
    private final double lambda;
    private final double gamma;
    private final double learningRate;
    private final ExecutorService executor;
    private final int threads;

    private final int[] offset;
    /** {@code histograms[depth][side]}: the histograms of the node being grown at that depth. */
    private final double[][][] histograms;
    private final int[] spill;
    private final double[] nodeGradient;
    private final double[] nodeHessian;

    // State of the tree being grown.
    private int[] rows;
    private int[] features;
    private double[] gradient;
    private double[] hessian;
    private Nodes out;

    /**
     * @param executor runs histogram building across features, or null for the calling thread only
     * @param threads how many tasks to cut the features into when {@code executor} is given
     */
    TreeGrower(QuantileBins bins, int rowCount, int maxDepth, double minChildWeight, double lambda, double gamma,
               double learningRate, ExecutorService executor, int threads) {
        this.bins = bins;
        this.maxDepth = maxDepth;
        this.minChildWeight = minChildWeight;
        this.lambda = lambda;
        this.gamma = gamma;
        this.learningRate = learningRate;
        this.executor = executor;
        this.threads = executor == null ? 1 : threads;
        this.offset = new int[bins.features() + 1];
        for (int f = 0; f < bins.features(); f++) {
            offset[f + 1] = offset[f] + SLOTS * bins.bins(f);
        }
        // Allocated as the tree first reaches each depth, so an unused maximum depth costs nothing.
        this.histograms = new double[maxDepth][2][];
        this.spill = new int[rowCount];
        this.nodeGradient = new double[rowCount];
        this.nodeHessian = new double[rowCount];
    }

    /**
     * Grows a tree on {@code rows} (ascending; reordered in place) using only {@code features}
     * (ascending) and appends its nodes to {@code out}, parent before children.
     *
     * @return the root's node index
     */
    int grow(int[] rows, int[] features, double[] gradient, double[] hessian, Nodes out) {
        this.rows = rows;
        this.features = features;
        this.gradient = gradient;
        this.hessian = hessian;
        this.out = out;
        double[] rootHistogram = histogram(0, 0);
        build(rootHistogram, 0, rows.length);
        return node(0, rows.length, 0, rootHistogram);
    }

    private int node(int from, int to, int depth, double[] histogram) {
        double g = 0;
        double h = 0;
        for (int k = from; k < to; k++) {
            g += gradient[rows[k]];
            h += hessian[rows[k]];
        }
        int id = out.add();
        Split split = histogram == null ? null : bestSplit(histogram, g, h, to - from);
        if (split == null) {
            out.leaf(id, -learningRate * g / (h + lambda));
            return id;
        }
        int middle = partition(from, to, split.feature, split.bin);
        double[] lowHistogram = null;
        double[] highHistogram = null;
        if (depth + 1 < maxDepth) {
            lowHistogram = histogram(depth + 1, 0);
            highHistogram = histogram(depth + 1, 1);
            if (middle - from <= to - middle) {
                build(lowHistogram, from, middle);
                subtract(histogram, lowHistogram, highHistogram);
            } else {
                build(highHistogram, middle, to);
                subtract(histogram, highHistogram, lowHistogram);
            }
        }
        int low = node(from, middle, depth + 1, lowHistogram);
        int high = node(middle, to, depth + 1, highHistogram);
        out.split(id, split.feature, bins.threshold(split.feature, split.bin), split.bin, split.gain, low, high);
        return id;
    }

    private double[] histogram(int depth, int side) {
        if (histograms[depth][side] == null) {
            histograms[depth][side] = new double[offset[bins.features()]];
        }
        return histograms[depth][side];
    }

    private record Split(int feature, int bin, double gain) {
    }

    private Split bestSplit(double[] histogram, double g, double h, int count) {
        if (count < 2 || h < 2 * minChildWeight) {
            return null;
        }
        double parentScore = g * g / (h + lambda);
        // Only a gain above gamma (and so above 0) is worth a split; ties keep the first candidate.
        double bestGain = Math.max(gamma, 0.0);
        int bestFeature = -1;
        int bestBin = -1;
        for (int f : features) {
            int base = offset[f];
            int last = bins.bins(f) - 1;
            double gl = 0;
            double hl = 0;
            double cl = 0;
            for (int b = 0; b < last; b++) {
                int i = base + SLOTS * b;
                gl += histogram[i];
                hl += histogram[i + 1];
                cl += histogram[i + 2];
                if (cl < 1) {
                    continue;
                }
                if (count - cl < 1) {
                    break;
                }
                double hr = h - hl;
                // Positive as well: a histogram found by subtraction can round an almost empty side to 0 or below.
                if (hl < minChildWeight || hr < minChildWeight || hl <= 0 || hr <= 0) {
                    continue;
                }
                double gr = g - gl;
                double gain = 0.5 * (gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parentScore);
                if (gain > bestGain) {
                    bestGain = gain;
                    bestFeature = f;
                    bestBin = b;
                }
            }
        }
        return bestFeature < 0 ? null : new Split(bestFeature, bestBin, bestGain);
    }

    /** Stable partition of {@code rows[from, to)}: codes {@code <= bin} first, both halves still ascending. */
    private int partition(int from, int to, int feature, int bin) {
        int write = from;
        int spilled = 0;
        for (int k = from; k < to; k++) {
            int r = rows[k];
            if (bins.code(r, feature) <= bin) {
                rows[write++] = r;
            } else {
                spill[spilled++] = r;
            }
        }
        System.arraycopy(spill, 0, rows, write, spilled);
        return write;
    }

    private void build(double[] histogram, int from, int to) {
        // Gathered once per node, so the loop over features reads them in sequence.
        for (int k = from; k < to; k++) {
            nodeGradient[k] = gradient[rows[k]];
            nodeHessian[k] = hessian[rows[k]];
        }
        int work = (to - from) * features.length;
        if (threads <= 1 || work < PARALLEL_WORK || features.length < 2) {
            build(histogram, from, to, 0, features.length);
            return;
        }
        int tasks = Math.min(threads, features.length);
        Future<?>[] futures = new Future<?>[tasks - 1];
        for (int t = 1; t < tasks; t++) {
            int first = features.length * t / tasks;
            int end = features.length * (t + 1) / tasks;
            futures[t - 1] = executor.submit(() -> build(histogram, from, to, first, end));
        }
        build(histogram, from, to, 0, features.length / tasks);
        await(List.of(futures));
    }

    /**
     * Histograms of {@code features[firstFeature, endFeature)}, each written by exactly one thread,
     * adding rows in order. Row by row across features, so that consecutive additions land in
     * different features' bins rather than waiting on one another in the same bin.
     */
    private void build(double[] histogram, int from, int to, int firstFeature, int endFeature) {
        for (int j = firstFeature; j < endFeature; j++) {
            Arrays.fill(histogram, offset[features[j]], offset[features[j] + 1], 0.0);
        }
        byte[] codes = bins.codes();
        int stride = bins.features();
        for (int k = from; k < to; k++) {
            int row = rows[k] * stride;
            double g = nodeGradient[k];
            double h = nodeHessian[k];
            for (int j = firstFeature; j < endFeature; j++) {
                int f = features[j];
                int i = offset[f] + SLOTS * (codes[row + f] & 0xFF);
                histogram[i] += g;
                histogram[i + 1] += h;
                histogram[i + 2] += 1;
            }
        }
    }

    private void subtract(double[] parent, double[] built, double[] derived) {
        for (int f : features) {
            for (int i = offset[f]; i < offset[f + 1]; i++) {
                derived[i] = parent[i] - built[i];
            }
        }
    }

    private static void await(List<Future<?>> futures) {
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while building histograms", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("building a histogram failed", e.getCause());
            }
        }
    }

    /**
     * Growable node arrays of every tree grown so far, in the {@link TreeArrays} layout, plus each
     * split's bin (to walk rows by code while training) and gain.
     */
    static final class Nodes {
        private int size;
        private int[] feature = new int[64];
        private double[] threshold = new double[64];
        private int[] bin = new int[64];
        private int[] low = new int[64];
        private int[] high = new int[64];
        private double[] value = new double[64];
        private double[] gain = new double[64];

        int add() {
            if (size == feature.length) {
                int capacity = size * 2;
                feature = Arrays.copyOf(feature, capacity);
                threshold = Arrays.copyOf(threshold, capacity);
                bin = Arrays.copyOf(bin, capacity);
                low = Arrays.copyOf(low, capacity);
                high = Arrays.copyOf(high, capacity);
                value = Arrays.copyOf(value, capacity);
                gain = Arrays.copyOf(gain, capacity);
            }
            return size++;
        }

        void leaf(int id, double leafValue) {
            feature[id] = -1;
            threshold[id] = 0.0;
            bin[id] = -1;
            low[id] = -1;
            high[id] = -1;
            value[id] = leafValue;
            gain[id] = 0.0;
        }

        void split(int id, int f, double t, int b, double g, int lowChild, int highChild) {
            feature[id] = f;
            threshold[id] = t;
            bin[id] = b;
            low[id] = lowChild;
            high[id] = highChild;
            value[id] = 0.0;
            gain[id] = g;
        }

        int size() {
            return size;
        }

        /** Leaf value reached from {@code root} by row {@code r}, walking bin codes. */
        double leafValue(int root, int r, QuantileBins bins) {
            int n = root;
            while (feature[n] >= 0) {
                n = bins.code(r, feature[n]) <= bin[n] ? low[n] : high[n];
            }
            return value[n];
        }

        /** The first {@code nodes} nodes (whole trees) as model arrays. */
        GradientBoostingModel.Trees trees(double base, int[] roots, int nodes) {
            return new GradientBoostingModel.Trees(base, roots.clone(), Arrays.copyOf(feature, nodes),
                    Arrays.copyOf(threshold, nodes), Arrays.copyOf(low, nodes), Arrays.copyOf(high, nodes),
                    Arrays.copyOf(value, nodes), Arrays.copyOf(gain, nodes));
        }
    }
}
