package dev.churnops.core.model;

import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.evaluation.BinaryMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Stratified k-fold cross-validation of an algorithm and configuration on a labeled table
 * ({@link StratifiedKFold}, seeded). The folds are prepared once and reused for every
 * configuration scored: each fold's encoder is fitted on that fold's training rows only, as
 * training fits it on the training split only, so no statistic of a held-out row reaches the
 * model that scores it. A fold's score is the ROC-AUC of the engine's own probabilities on its
 * held-out rows (calibration is fitted later and only on validation rows; a ranking is what the
 * folds compare). Folds train in parallel on up to as many threads as there are processors; each
 * fold's result is a pure function of its rows, configuration and seed, and results are kept by
 * fold number, so the scores do not depend on the thread count.
 */
public final class CrossValidation implements FoldScorer {

    /** One fold: the engine's training input and the held-out rows it is scored on. */
    private record Fold(EncodedData train, double[][] heldOut, boolean[] heldOutLabels) {
    }

    /**
     * The ROC-AUC of each fold, in fold order, with their mean and sample standard deviation
     * (divisor k − 1, as the folds are a sample of the possible splits).
     */
    public record Score(double[] foldRocAuc) {

        public Score {
            foldRocAuc = foldRocAuc.clone();
        }

        @Override
        public double[] foldRocAuc() {
            return foldRocAuc.clone();
        }

        public double mean() {
            double sum = 0;
            for (double v : foldRocAuc) {
                sum += v;
            }
            return sum / foldRocAuc.length;
        }

        /** Sample standard deviation over the folds; 0 for a single fold. */
        public double std() {
            if (foldRocAuc.length < 2) {
                return 0.0;
            }
            double mean = mean();
            double squares = 0;
            for (double v : foldRocAuc) {
                squares += (v - mean) * (v - mean);
            }
            return Math.sqrt(squares / (foldRocAuc.length - 1));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Score s && Arrays.equals(foldRocAuc, s.foldRocAuc);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(foldRocAuc);
        }

        @Override
        public String toString() {
            return "Score" + Arrays.toString(foldRocAuc);
        }
    }

    private final List<Fold> folds;
    private final int rows;
    private final int threads;

    private CrossValidation(List<Fold> folds, int rows, int threads) {
        this.folds = folds;
        this.rows = rows;
        this.threads = threads;
    }

    /**
     * Deals {@code table}'s rows into {@code k} stratified folds with {@code seed} and encodes
     * each fold.
     *
     * @throws IllegalArgumentException if {@code k} is below 2 or above the smaller class's row count
     */
    public static CrossValidation prepare(LabeledTable table, int k, long seed) {
        return prepare(table, k, seed, Runtime.getRuntime().availableProcessors());
    }

    /** As {@link #prepare(LabeledTable, int, long)}, training folds on at most {@code threads} threads. */
    static CrossValidation prepare(LabeledTable table, int k, long seed, int threads) {
        StratifiedKFold kFold = StratifiedKFold.of(table.labels(), k, seed);
        List<Fold> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            LabeledTable fit = table.select(kFold.trainRows(f));
            LabeledTable heldOut = table.select(kFold.testRows(f));
            FeatureEncoder encoder = FeatureEncoder.fit(fit);
            folds.add(new Fold(new EncodedData(encoder.encode(fit), fit.labels(), encoder.featureNames()),
                    encoder.encode(heldOut), heldOut.labels()));
        }
        return new CrossValidation(List.copyOf(folds), table.size(), Math.max(1, Math.min(threads, k)));
    }

    /** Number of folds. */
    @Override
    public int folds() {
        return folds.size();
    }

    /** Rows dealt into the folds. */
    @Override
    public int rows() {
        return rows;
    }

    /** Trains {@code algorithm} with {@code parameters} on each fold's training rows and scores its held-out rows. */
    @Override
    public Score score(String algorithm, HyperParameters parameters) {
        ModelEngine engine = ModelTraining.engine(algorithm);
        double[] auc = new double[folds.size()];
        if (threads == 1) {
            for (int f = 0; f < folds.size(); f++) {
                auc[f] = scoreFold(engine, folds.get(f), parameters);
            }
            return new Score(auc);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "churnops-cv");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Double>> results = new ArrayList<>(folds.size());
            for (Fold fold : folds) {
                results.add(pool.submit(() -> scoreFold(engine, fold, parameters)));
            }
            for (int f = 0; f < folds.size(); f++) {
                auc[f] = results.get(f).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cross-validation was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cross-validation fold failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Score(auc);
    }

    private static double scoreFold(ModelEngine engine, Fold fold, HyperParameters parameters) {
        Predictor predictor = engine.train(fold.train(), parameters).predictor();
        double[] scores = new double[fold.heldOut().length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = predictor.probability(fold.heldOut()[i]);
        }
        return BinaryMetrics.rocAuc(scores, fold.heldOutLabels());
    }
}
