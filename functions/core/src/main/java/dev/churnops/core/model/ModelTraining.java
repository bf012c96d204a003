package dev.churnops.core.model;

import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.evaluation.BinaryMetrics;
import dev.churnops.core.monitoring.MonitoringBaseline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the configured algorithms and keeps the best, in one of two ways.
 *
 * <p><b>With validation rows</b>: every algorithm is trained on the training split and the one
 * with the best validation ROC-AUC is kept (ties go to the algorithm listed first, so the simpler
 * baseline wins a draw). The encoder is fitted once, on training rows only. The kept model is then
 * calibrated on the validation split as the {@code calibration} hyperparameter says (see
 * {@link CalibrationSelector}).
 *
 * <p><b>Without validation rows</b> (an empty validation split, what a customer table gets by
 * default): every algorithm's {@link OutOfFold} predictions over {@code oof_folds} stratified folds
 * of the training rows stand in for validation scores. The algorithm with the best out-of-fold
 * ROC-AUC is kept (ties as above), gradient boosting's round count is the one its out-of-fold
 * log-loss chose, and the production model is the average of the kept algorithm's fold models
 * ({@link FoldAverage}: the models whose predictions made every choice), or, with
 * {@code final_model = refit}, the kept algorithm fitted once more on all training rows; its
 * calibration is fitted on its out-of-fold predictions, which the outcome carries (calibrated) for
 * evaluation to choose the threshold on. A search then scores its candidates on those folds when
 * {@code search_folds} equals {@code oof_folds}, and the cross-validation of {@code cv_folds}
 * (over the training rows) is the out-of-fold folds' own scores when the counts match, so neither
 * fits anything twice.
 *
 * <p>With {@code search_candidates > 0} a {@link HyperparameterSearch} on the training split first
 * chooses each searched algorithm's hyperparameters, and those are the ones trained and compared
 * (the rule is {@link SearchSummary#RULE}, or {@link SearchSummary#RULE_OUT_OF_FOLD} without
 * validation rows). With {@code cv_folds > 0} the kept algorithm and its
 * hyperparameters are then cross-validated over the training and validation rows pooled
 * ({@link CrossValidationSummary}); that measures the configuration and changes nothing in the model.
 */
public final class ModelTraining {

    /** How the model was chosen: on validation rows, or on out-of-fold predictions of the training rows. */
    public enum Selection {
        VALIDATION("validation"), OUT_OF_FOLD("out_of_fold");

        private final String label;

        Selection(String label) {
            this.label = label;
        }

        /** The name training.json and the run record use. */
        public String label() {
            return label;
        }
    }

    /**
     * One trained candidate: its ROC-AUC on the validation split, or, without one, of its
     * out-of-fold predictions ({@link Outcome#selection()} says which); {@code trainSeconds} is
     * measured, so it never goes into artifact files: the time of its fit, or, out of fold, of
     * every fit of it made here, summed over folds that run in parallel with each other and with
     * the other algorithms' (fits a search already made are not counted again);
     * {@code provenance} describes the engine run of the fit the model would be (out of fold, by
     * default, the fold fits averaged), null for an algorithm that was chosen against on
     * out-of-fold predictions.
     */
    public record Candidate(String algorithm, double rocAuc, double trainSeconds, String provenance) {
    }

    /**
     * The chosen model (calibrated), every candidate, the training-data baseline, the monitoring
     * baseline (Model Monitor's statistics and constraints of the training rows and of the chosen
     * model's scores on them), how calibration
     * was chosen, the hyperparameters trained with (the given ones with a search's choices
     * applied), the search (null without one), the cross-validation of the chosen configuration
     * (null without one), and the wall-clock seconds of the search and the cross-validation.
     */
    public record Outcome(ChurnModel model, List<Candidate> candidates, FeatureBaseline baseline,
                          MonitoringBaseline monitoring, CalibrationSummary calibration, HyperParameters parameters, HyperparameterSearch.Result search,
                          CrossValidationSummary cv, double searchSeconds, double cvSeconds, Selection selection,
                          OutOfFoldSummary outOfFoldSummary, OutOfFoldPredictions outOfFold) {

        /** An outcome chosen on validation rows: no out-of-fold predictions. */
        public Outcome(ChurnModel model, List<Candidate> candidates, FeatureBaseline baseline, MonitoringBaseline monitoring,
                       CalibrationSummary calibration, HyperParameters parameters, HyperparameterSearch.Result search,
                       CrossValidationSummary cv, double searchSeconds, double cvSeconds) {
            this(model, candidates, baseline, monitoring, calibration, parameters, search, cv, searchSeconds, cvSeconds,
                    Selection.VALIDATION, null, null);
        }

        public Candidate chosen() {
            return candidates.stream().filter(c -> c.algorithm().equals(model.algorithm())).findFirst().orElseThrow();
        }
    }

    private ModelTraining() {
    }

    public static ModelEngine engine(String algorithm) {
        return switch (algorithm) {
            case HyperParameters.LOGISTIC_REGRESSION -> new LogisticRegressionEngine();
            case HyperParameters.RANDOM_FOREST -> new RandomForestEngine();
            case HyperParameters.GRADIENT_BOOSTING -> new GradientBoostingEngine();
            default -> throw new IllegalArgumentException("unknown algorithm '" + algorithm + "'");
        };
    }

    /**
     * Trains on {@code train}, choosing on {@code validation}, or, when it has no rows, on
     * out-of-fold predictions of {@code train}.
     */
    public static Outcome train(LabeledTable train, LabeledTable validation, HyperParameters given) {
        if (validation.size() == 0) {
            return trainOutOfFold(train, given);
        }
        HyperParameters parameters = given;
        HyperparameterSearch.Result search = null;
        double searchSeconds = 0;
        if (given.searchCandidates() > 0) {
            long start = System.nanoTime();
            search = HyperparameterSearch.run(train, given);
            parameters = given.with(search.chosenValues());
            searchSeconds = (System.nanoTime() - start) / 1e9;
        }
        FeatureEncoder encoder = FeatureEncoder.fit(train);
        EncodedData data = new EncodedData(encoder.encode(train), train.labels(), encoder.featureNames());
        List<Candidate> candidates = new ArrayList<>();
        ChurnModel best = null;
        double bestAuc = Double.NEGATIVE_INFINITY;
        for (String algorithm : parameters.algorithms()) {
            long start = System.nanoTime();
            ModelEngine.EngineResult result = engine(algorithm).train(data, parameters);
            double seconds = (System.nanoTime() - start) / 1e9;
            ChurnModel model = new ChurnModel(ChurnModel.FORMAT, algorithm, encoder, result.predictor());
            double auc = BinaryMetrics.rocAuc(model.score(validation), validation.labels());
            candidates.add(new Candidate(algorithm, auc, seconds, result.provenance()));
            if (auc > bestAuc) {
                bestAuc = auc;
                best = model;
            }
        }
        CalibrationSelector.Result calibration = CalibrationSelector.choose(best.score(validation), validation.labels(),
                parameters.calibration());
        CrossValidationSummary cv = null;
        double cvSeconds = 0;
        if (parameters.cvFolds() > 0) {
            long start = System.nanoTime();
            CrossValidation folds;
            try {
                folds = CrossValidation.prepare(train.append(validation), parameters.cvFolds(), parameters.seed());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("hyperparameter '" + HyperParameters.CV_FOLDS + "' on the "
                        + (train.size() + validation.size()) + " training and validation rows: " + e.getMessage(), e);
            }
            cv = CrossValidationSummary.of(best.algorithm(), folds, folds.score(best.algorithm(), parameters));
            cvSeconds = (System.nanoTime() - start) / 1e9;
        }
        ChurnModel chosen = best.withCalibration(calibration.calibrator());
        return new Outcome(chosen, List.copyOf(candidates), FeatureBaseline.of(train),
                MonitoringBaseline.of(train, chosen.score(train)), calibration.summary(), parameters, search, cv, searchSeconds, cvSeconds);
    }

    /** Without validation rows: see the class comment. */
    private static Outcome trainOutOfFold(LabeledTable train, HyperParameters given) {
        FeatureEncoder encoder = FeatureEncoder.fit(train);
        EncodedData data = new EncodedData(encoder.encode(train), train.labels(), encoder.featureNames());
        long seed = given.seed();
        Map<Integer, OutOfFold> byFolds = new HashMap<>();
        OutOfFold folds = folds(byFolds, data, given.oofFolds(), seed, HyperParameters.OOF_FOLDS);

        HyperParameters parameters = given;
        HyperparameterSearch.Result search = null;
        double searchSeconds = 0;
        if (given.searchCandidates() > 0) {
            long start = System.nanoTime();
            HyperparameterSearch.searchedAlgorithms(given, given.searchSpace());
            search = HyperparameterSearch.run(folds(byFolds, data, given.searchFolds(), seed, HyperParameters.SEARCH_FOLDS),
                    given);
            parameters = given.with(search.chosenValues());
            searchSeconds = (System.nanoTime() - start) / 1e9;
        }

        OutOfFold.Batch batch = folds.predictAll(parameters.algorithms(), parameters);
        List<OutOfFold.Prediction> predictions = batch.predictions();
        double[] seconds = new double[predictions.size()];
        OutOfFold.Prediction best = null;
        int bestIndex = -1;
        for (int a = 0; a < predictions.size(); a++) {
            OutOfFold.Prediction p = predictions.get(a);
            seconds[a] = batch.seconds().get(p.algorithm());
            if (best == null || p.rocAuc() > best.rocAuc()) {
                best = p;
                bestIndex = a;
            }
        }
        long start = System.nanoTime();
        ModelEngine.EngineResult result = parameters.finalModel().equals(HyperParameters.FOLD_AVERAGE)
                ? foldAverage(best, data)
                : engine(best.algorithm()).train(data, parameters.with(best.fitted()));
        seconds[bestIndex] += (System.nanoTime() - start) / 1e9;
        List<Candidate> candidates = new ArrayList<>();
        for (int a = 0; a < predictions.size(); a++) {
            OutOfFold.Prediction p = predictions.get(a);
            candidates.add(new Candidate(p.algorithm(), p.rocAuc(), seconds[a], a == bestIndex ? result.provenance() : null));
        }
        ChurnModel model = new ChurnModel(ChurnModel.FORMAT, best.algorithm(), encoder, result.predictor());

        double[] raw = best.probability();
        CalibrationSelector.Result calibration = CalibrationSelector.choose(raw, train.labels(), parameters.calibration(),
                CalibrationSelector.OUT_OF_FOLD);
        double[] served = raw.clone();
        if (calibration.calibrator() != null) {
            for (int r = 0; r < served.length; r++) {
                served[r] = calibration.calibrator().apply(raw[r]);
            }
        }
        OutOfFoldPredictions outOfFold = new OutOfFoldPredictions(folds.foldOfRow(), train.labels(), served, raw);

        CrossValidationSummary cv = null;
        double cvSeconds = 0;
        if (parameters.cvFolds() > 0) {
            long cvStart = System.nanoTime();
            OutOfFold cvFolds = folds(byFolds, data, parameters.cvFolds(), seed, HyperParameters.CV_FOLDS);
            cv = CrossValidationSummary.outOfFold(best.algorithm(), cvFolds, cvFolds.predict(best.algorithm(), parameters).score());
            cvSeconds = (System.nanoTime() - cvStart) / 1e9;
        }
        ChurnModel chosen = model.withCalibration(calibration.calibrator());
        OutOfFoldSummary summary = OutOfFoldSummary.of(folds, best, predictions, parameters.finalModel());
        return new Outcome(chosen, List.copyOf(candidates), FeatureBaseline.of(train),
                MonitoringBaseline.of(train, chosen.score(train)), calibration.summary(), parameters, search, cv,
                searchSeconds, cvSeconds, Selection.OUT_OF_FOLD, summary, outOfFold);
    }

    /** The production model as the average of {@code chosen}'s fold models ({@link FoldAverage}). */
    private static ModelEngine.EngineResult foldAverage(OutOfFold.Prediction chosen, EncodedData data) {
        int k = chosen.foldModels().size();
        return new ModelEngine.EngineResult(FoldAverage.of(chosen.foldModels(), data.rows()),
                "the average of " + k + " fold models, each fitted on " + (k - 1) + " of the " + k
                        + " out-of-fold folds of the training rows by " + chosen.foldProvenance());
    }

    /** The out-of-fold folds of {@code k}, prepared once per fold count and shared. */
    private static OutOfFold folds(Map<Integer, OutOfFold> byFolds, EncodedData data, int k, long seed, String key) {
        OutOfFold known = byFolds.get(k);
        if (known != null) {
            return known;
        }
        OutOfFold folds;
        try {
            folds = OutOfFold.prepare(data, k, seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hyperparameter '" + key + "' on the " + data.rows().length
                    + " training rows: " + e.getMessage(), e);
        }
        byFolds.put(k, folds);
        return folds;
    }
}
