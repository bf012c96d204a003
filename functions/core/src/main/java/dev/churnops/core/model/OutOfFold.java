package dev.churnops.core.model;

import dev.churnops.core.evaluation.BinaryMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;

/**
 * Out-of-fold predictions on the training rows, for training without a validation split: the rows
 * are dealt into {@code k} stratified folds ({@link StratifiedKFold}, scikit-learn's), each fold's
 * model is fitted on the other folds and predicts the fold, so every training row gets a
 * probability from a model that did not see it. Those predictions then choose what a validation
 * split would: the algorithm (by their ROC-AUC), gradient boosting's round count (by their
 * log-loss, see {@link GradientBoostingTrainer#fitOutOfFold}), the calibration and the threshold.
 *
 * <p>The rows are encoded once, by the encoder fitted on all training rows, and every fold and
 * configuration shares that encoding (and, for gradient boosting, the Tribuo dataset): the encoder
 * learns only means, scales, medians and category lists, never labels, so sharing it costs the
 * folds no honesty worth the repeated work. Predictions are kept per algorithm and configuration,
 * so a configuration a search has scored is not fitted again when it is chosen. Folds train in
 * parallel; each fold's result depends only on its rows, configuration and seed.
 */
public final class OutOfFold implements FoldScorer {

    /**
     * One algorithm and configuration's out-of-fold predictions.
     *
     * @param algorithm the algorithm
     * @param probability every training row's probability of churn from the fold model that did not fit it, in row order
     * @param score each fold's ROC-AUC on its own rows
     * @param rocAuc the ROC-AUC of all the predictions together
     * @param fitted the hyperparameters the final fit on all rows takes in place of the configured
     *     ones, with the value the folds chose (gradient boosting: the round count, and no early
     *     stopping or held-out rows); empty for the other algorithms
     */
    public record Prediction(String algorithm, double[] probability, CrossValidation.Score score, double rocAuc,
                             Map<String, String> fitted) {

        public Prediction {
            probability = probability.clone();
            fitted = java.util.Collections.unmodifiableMap(new TreeMap<>(fitted));
        }

        @Override
        public double[] probability() {
            return probability.clone();
        }
    }

    private final EncodedData data;
    private final StratifiedKFold folds;
    private final int threads;
    private final Map<String, Prediction> predictions = new HashMap<>();
    private MutableDataset<Label> dataset;

    private OutOfFold(EncodedData data, StratifiedKFold folds, int threads) {
        this.data = data;
        this.folds = folds;
        this.threads = threads;
    }

    /**
     * Deals {@code data}'s rows into {@code k} folds with {@code seed}.
     *
     * @throws IllegalArgumentException if {@code k} is below 2 or above the smaller class's row count
     */
    public static OutOfFold prepare(EncodedData data, int k, long seed) {
        return new OutOfFold(data, StratifiedKFold.of(data.labels(), k, seed),
                Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), k)));
    }

    @Override
    public int folds() {
        return folds.k();
    }

    @Override
    public int rows() {
        return data.rows().length;
    }

    /** Every row's fold, 0 to k − 1. */
    public int[] foldOfRow() {
        return folds.folds();
    }

    @Override
    public CrossValidation.Score score(String algorithm, HyperParameters parameters) {
        return predict(algorithm, parameters).score();
    }

    /**
     * The out-of-fold predictions of {@code algorithm} with {@code parameters}, fitted the first
     * time they are asked for and kept: only the seed and the algorithm's own hyperparameters
     * decide them.
     */
    public synchronized Prediction predict(String algorithm, HyperParameters parameters) {
        String key = key(algorithm, parameters);
        Prediction known = predictions.get(key);
        if (known != null) {
            return known;
        }
        Prediction prediction = algorithm.equals(HyperParameters.GRADIENT_BOOSTING) ? boosted(parameters)
                : perFold(algorithm, parameters);
        predictions.put(key, prediction);
        return prediction;
    }

    private static String key(String algorithm, HyperParameters parameters) {
        Map<String, String> own = new TreeMap<>();
        parameters.asMap().forEach((k, v) -> {
            if (k.startsWith(algorithm + ".") || k.equals("seed")) {
                own.put(k, v);
            }
        });
        return algorithm + own;
    }

    private Prediction boosted(HyperParameters parameters) {
        if (dataset == null) {
            dataset = TribuoData.dataset(data);
        }
        GradientBoostingTrainer.OutOfFoldFit fit = GradientBoostingEngine.outOfFold(dataset, folds.folds(), folds.k(),
                parameters);
        double[] probability = new double[fit.margin().length];
        for (int r = 0; r < probability.length; r++) {
            probability[r] = 1.0 / (1.0 + StrictMath.exp(-fit.margin()[r]));
        }
        String p = HyperParameters.GRADIENT_BOOSTING + ".";
        Map<String, String> fitted = new LinkedHashMap<>();
        fitted.put(p + "rounds", Integer.toString(fit.rounds()));
        fitted.put(p + "early_stopping_rounds", "0");
        fitted.put(p + "validation_fraction", "0");
        return prediction(HyperParameters.GRADIENT_BOOSTING, probability, fitted);
    }

    private Prediction perFold(String algorithm, HyperParameters parameters) {
        ModelEngine engine = ModelTraining.engine(algorithm);
        int k = folds.k();
        double[] probability = new double[data.rows().length];
        List<Runnable> work = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int[] fit = folds.trainRows(f);
            int[] held = folds.testRows(f);
            work.add(() -> {
                Predictor predictor = engine.train(subset(fit), parameters).predictor();
                for (int r : held) {
                    probability[r] = predictor.probability(data.rows()[r]);
                }
            });
        }
        run(work);
        return prediction(algorithm, probability, Map.of());
    }

    private Prediction prediction(String algorithm, double[] probability, Map<String, String> fitted) {
        boolean[] labels = data.labels();
        double[] foldAuc = new double[folds.k()];
        for (int f = 0; f < foldAuc.length; f++) {
            int[] held = folds.testRows(f);
            double[] scores = new double[held.length];
            boolean[] heldLabels = new boolean[held.length];
            for (int i = 0; i < held.length; i++) {
                scores[i] = probability[held[i]];
                heldLabels[i] = labels[held[i]];
            }
            foldAuc[f] = BinaryMetrics.rocAuc(scores, heldLabels);
        }
        return new Prediction(algorithm, probability, new CrossValidation.Score(foldAuc),
                BinaryMetrics.rocAuc(probability, labels), fitted);
    }

    private EncodedData subset(int[] rows) {
        double[][] picked = new double[rows.length][];
        boolean[] labels = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            picked[i] = data.rows()[rows[i]];
            labels[i] = data.labels()[rows[i]];
        }
        return new EncodedData(picked, labels, data.featureNames());
    }

    /** Runs the folds' work on up to {@code threads} threads; each writes only its own fold's rows. */
    private void run(List<Runnable> work) {
        if (threads == 1) {
            work.forEach(Runnable::run);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "churnops-out-of-fold");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Runnable w : work) {
                done.add(pool.submit(w));
            }
            for (Future<?> d : done) {
                d.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("out-of-fold training was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("out-of-fold fold failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
