package dev.churnops.core.model;

import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.evaluation.BinaryMetrics;
import dev.churnops.core.monitoring.MonitoringBaseline;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains every configured algorithm on the training split and keeps the one with the best
 * validation ROC-AUC (ties go to the algorithm listed first, so the simpler baseline wins a draw).
 * The encoder is fitted once, on training rows only. The kept model is then calibrated on the
 * validation split as the {@code calibration} hyperparameter says (see {@link CalibrationSelector}).
 *
 * <p>With {@code search_candidates > 0} a {@link HyperparameterSearch} on the training split first
 * chooses each searched algorithm's hyperparameters, and those are the ones trained and compared
 * (the rule is {@link SearchSummary#RULE}). With {@code cv_folds > 0} the kept algorithm and its
 * hyperparameters are then cross-validated over the training and validation rows pooled
 * ({@link CrossValidationSummary}); that measures the configuration and changes nothing in the model.
 */
public final class ModelTraining {

    /** One trained candidate; {@code trainSeconds} is measured, so it never goes into artifact files. */
    public record Candidate(String algorithm, double validationRocAuc, double trainSeconds, String provenance) {
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
                          CrossValidationSummary cv, double searchSeconds, double cvSeconds) {

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

    public static Outcome train(LabeledTable train, LabeledTable validation, HyperParameters given) {
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
}
