package dev.churnops.core.model;

import dev.churnops.core.evaluation.BinaryMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
     * @param fitted the hyperparameters a refit on all rows ({@code final_model=refit}) takes in
     *     place of the configured ones, with the value the folds chose (gradient boosting: the round count, and no early
     *     stopping or held-out rows); empty for the other algorithms
     * @param foldModels the k models that made the predictions, fold by fold (gradient boosting:
     *     cut at the kept round count), in serving form without tree covers: what
     *     {@link FoldAverage} averages into the production model
     * @param foldProvenance the engine's description of the fold fits (Tribuo's trainer provenance:
     *     configuration and seed), the same for every fold
     */
    public record Prediction(String algorithm, double[] probability, CrossValidation.Score score, double rocAuc,
                             Map<String, String> fitted, List<Predictor> foldModels, String foldProvenance) {

        public Prediction {
            probability = probability.clone();
            fitted = java.util.Collections.unmodifiableMap(new TreeMap<>(fitted));
            foldModels = List.copyOf(foldModels);
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
                Math.max(1, Runtime.getRuntime().availableProcessors()));
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
    public Prediction predict(String algorithm, HyperParameters parameters) {
        return predictAll(List.of(algorithm), parameters).predictions().get(0);
    }

    /**
     * The predictions of several algorithms with one configuration, and the seconds each
     * algorithm's fits took, summed over its folds (0 for predictions kept from before).
     */
    public record Batch(List<Prediction> predictions, Map<String, Double> seconds) {
    }

    /**
     * {@link #predict} for every algorithm in {@code algorithms}, fitting those not known yet
     * together: every fold of every algorithm is one task on one pool of threads, so no core
     * waits for another algorithm's last fold.
     */
    public synchronized Batch predictAll(List<String> algorithms, HyperParameters parameters) {
        Map<String, Prediction> made = new LinkedHashMap<>();
        Map<String, java.util.concurrent.atomic.AtomicLong> nanos = new LinkedHashMap<>();
        Map<String, double[]> probabilities = new LinkedHashMap<>();
        Map<String, Predictor[]> foldModels = new LinkedHashMap<>();
        Map<String, String[]> foldProvenance = new LinkedHashMap<>();
        Map<String, GradientBoostingTrainer.OutOfFoldRuns> boosted = new LinkedHashMap<>();
        List<Runnable> work = new ArrayList<>();
        for (String algorithm : algorithms) {
            nanos.put(algorithm, new java.util.concurrent.atomic.AtomicLong());
            if (predictions.containsKey(key(algorithm, parameters)) || probabilities.containsKey(algorithm)
                    || boosted.containsKey(algorithm)) {
                continue;
            }
            java.util.concurrent.atomic.AtomicLong clock = nanos.get(algorithm);
            if (algorithm.equals(HyperParameters.GRADIENT_BOOSTING)) {
                if (dataset == null) {
                    dataset = TribuoData.dataset(data);
                }
                GradientBoostingTrainer.OutOfFoldRuns runs = GradientBoostingEngine.outOfFoldRuns(dataset, folds.folds(),
                        folds.k(), parameters);
                boosted.put(algorithm, runs);
                for (int f = 0; f < folds.k(); f++) {
                    final int run = f;
                    work.add(timed(clock, () -> runs.advance(run)));
                }
            } else {
                ModelEngine engine = ModelTraining.engine(algorithm);
                double[] probability = new double[data.rows().length];
                probabilities.put(algorithm, probability);
                Predictor[] models = new Predictor[folds.k()];
                String[] provenance = new String[1];
                foldModels.put(algorithm, models);
                foldProvenance.put(algorithm, provenance);
                for (int f = 0; f < folds.k(); f++) {
                    int[] fit = folds.trainRows(f);
                    int[] held = folds.testRows(f);
                    final int fold = f;
                    work.add(timed(clock, () -> {
                        ModelEngine.EngineResult result = engine.train(data.select(fit), parameters);
                        Predictor predictor = result.predictor();
                        models[fold] = predictor;
                        if (fold == 0) {
                            provenance[0] = result.provenance();
                        }
                        for (int r : held) {
                            probability[r] = predictor.probability(data.rows()[r]);
                        }
                    }));
                }
            }
        }
        ExecutorService pool = work.size() > 1 && threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "churnops-out-of-fold");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            GradientBoostingTrainer.runAll(work, pool);
            for (Map.Entry<String, GradientBoostingTrainer.OutOfFoldRuns> e : boosted.entrySet()) {
                long start = System.nanoTime();
                GradientBoostingTrainer.OutOfFoldFit fit = e.getValue().finish(pool);
                nanos.get(e.getKey()).addAndGet(System.nanoTime() - start);
                made.put(e.getKey(), boostedPrediction(fit, e.getValue().provenance()));
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        probabilities.forEach((algorithm, probability) -> made.put(algorithm, prediction(algorithm, probability, Map.of(),
                List.of(foldModels.get(algorithm)), foldProvenance.get(algorithm)[0])));
        List<Prediction> result = new ArrayList<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String algorithm : algorithms) {
            String key = key(algorithm, parameters);
            Prediction p = made.containsKey(algorithm) ? made.get(algorithm) : predictions.get(key);
            predictions.putIfAbsent(key, p);
            result.add(predictions.get(key));
            seconds.put(algorithm, nanos.get(algorithm).get() / 1e9);
        }
        return new Batch(result, seconds);
    }

    private static Runnable timed(java.util.concurrent.atomic.AtomicLong clock, Runnable task) {
        return () -> {
            long start = System.nanoTime();
            task.run();
            clock.addAndGet(System.nanoTime() - start);
        };
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

    private Prediction boostedPrediction(GradientBoostingTrainer.OutOfFoldFit fit, String provenance) {
        double[] probability = new double[fit.margin().length];
        for (int r = 0; r < probability.length; r++) {
            probability[r] = 1.0 / (1.0 + StrictMath.exp(-fit.margin()[r]));
        }
        String p = HyperParameters.GRADIENT_BOOSTING + ".";
        Map<String, String> fitted = new LinkedHashMap<>();
        fitted.put(p + "rounds", Integer.toString(fit.rounds()));
        fitted.put(p + "early_stopping_rounds", "0");
        fitted.put(p + "validation_fraction", "0");
        List<Predictor> models = new ArrayList<>();
        for (GradientBoostingModel.Trees trees : fit.foldTrees()) {
            models.add(GradientBoostingEngine.compile(trees, dataset.getFeatureIDMap(), data.featureNames()));
        }
        return prediction(HyperParameters.GRADIENT_BOOSTING, probability, fitted, models, provenance);
    }

    private Prediction prediction(String algorithm, double[] probability, Map<String, String> fitted,
                                  List<Predictor> models, String provenance) {
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
                BinaryMetrics.rocAuc(probability, labels), fitted, models, provenance);
    }
}
