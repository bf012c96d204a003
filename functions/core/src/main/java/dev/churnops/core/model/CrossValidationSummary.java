package dev.churnops.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The cross-validation of the production configuration ({@code cv_folds} > 0), as
 * {@code training.json} records it: the chosen algorithm with its resolved hyperparameters,
 * trained on k − 1 stratified folds of the training and validation rows pooled (the training rows
 * alone when there are no validation rows, see {@link #outOfFold}) and scored on the k-th, k times.
 * The test split takes no part.
 *
 * @param algorithm the production model's algorithm
 * @param folds k
 * @param rows rows dealt into the folds (training + validation, or training alone)
 * @param rocAucMean mean of the folds' ROC-AUC
 * @param rocAucStd sample standard deviation of the folds' ROC-AUC (divisor k − 1)
 * @param foldRocAuc each fold's ROC-AUC
 * @param method what was cross-validated, in a sentence
 */
public record CrossValidationSummary(@JsonProperty("algorithm") String algorithm,
                                     @JsonProperty("folds") int folds,
                                     @JsonProperty("rows") int rows,
                                     @JsonProperty("roc_auc_mean") double rocAucMean,
                                     @JsonProperty("roc_auc_std") double rocAucStd,
                                     @JsonProperty("fold_roc_auc") List<Double> foldRocAuc,
                                     @JsonProperty("method") String method) {

    public CrossValidationSummary {
        foldRocAuc = List.copyOf(foldRocAuc);
    }

    /**
     * The cross-validation over the training rows alone, when there are no validation rows: the
     * folds' scores of {@link OutOfFold} predictions.
     */
    public static CrossValidationSummary outOfFold(String algorithm, FoldScorer cv, CrossValidation.Score score) {
        return new CrossValidationSummary(algorithm, cv.folds(), cv.rows(), score.mean(), score.std(), list(score),
                "Stratified " + cv.folds() + "-fold cross-validation (scikit-learn's StratifiedKFold with shuffling and"
                        + " the seed) of the production model's algorithm and hyperparameters over the training rows (there"
                        + " are no validation rows); each fold's model is fitted on the other folds, the rows encoded once"
                        + " by the encoder fitted on all training rows, gradient boosting early-stopped on the out-of-fold"
                        + " log-loss, and scored by ROC-AUC on the fold; std is the sample standard deviation (divisor"
                        + " k - 1). The test split takes no part.");
    }

    private static List<Double> list(CrossValidation.Score score) {
        List<Double> folds = new ArrayList<>();
        for (double v : score.foldRocAuc()) {
            folds.add(v);
        }
        return folds;
    }

    public static CrossValidationSummary of(String algorithm, CrossValidation cv, CrossValidation.Score score) {
        List<Double> folds = new ArrayList<>();
        for (double v : score.foldRocAuc()) {
            folds.add(v);
        }
        return new CrossValidationSummary(algorithm, cv.folds(), cv.rows(), score.mean(), score.std(), folds,
                "Stratified " + cv.folds() + "-fold cross-validation (seeded) of the production model's algorithm and"
                        + " hyperparameters over the training and validation rows pooled; each fold's encoder and model"
                        + " are fitted on the other folds only, and scored by ROC-AUC on the fold; std is the sample"
                        + " standard deviation (divisor k - 1). The test split takes no part.");
    }
}
