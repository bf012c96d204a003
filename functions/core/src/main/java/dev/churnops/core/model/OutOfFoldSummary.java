package dev.churnops.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a model chosen without validation rows was chosen, as {@code training.json} records it
 * under {@code out_of_fold}: the folds, the chosen algorithm's per-fold and pooled out-of-fold
 * ROC-AUC, the hyperparameters its fold models ended with, what the production model is (their
 * average or a refit), and the rule in a sentence.
 * The predictions themselves are {@link OutOfFoldPredictions#FILE_NAME} beside it.
 *
 * @param folds k
 * @param rows training rows dealt into the folds
 * @param algorithm the chosen algorithm
 * @param rocAuc the ROC-AUC of its out-of-fold predictions, all rows together
 * @param foldRocAuc each fold's ROC-AUC
 * @param fitted the hyperparameters the fold models' training ended with in place of the
 *     configured ones (gradient boosting: the round count the out-of-fold log-loss chose), which a
 *     refit on all training rows uses
 * @param finalModel what the production model is: {@code fold_average} or {@code refit}
 *     ({@link HyperParameters#FINAL_MODEL})
 * @param rule how the choices were made
 */
public record OutOfFoldSummary(@JsonProperty("folds") int folds,
                               @JsonProperty("rows") int rows,
                               @JsonProperty("algorithm") String algorithm,
                               @JsonProperty("roc_auc") double rocAuc,
                               @JsonProperty("fold_roc_auc") List<Double> foldRocAuc,
                               @JsonProperty("fitted") Map<String, String> fitted,
                               @JsonProperty("final_model") String finalModel,
                               @JsonProperty("rule") String rule) {

    public OutOfFoldSummary {
        foldRocAuc = List.copyOf(foldRocAuc);
        fitted = fitted == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(fitted));
    }

    static OutOfFoldSummary of(OutOfFold folds, OutOfFold.Prediction chosen, List<OutOfFold.Prediction> all,
                               String finalModel) {
        List<Double> perFold = new ArrayList<>();
        for (double v : chosen.score().foldRocAuc()) {
            perFold.add(v);
        }
        return new OutOfFoldSummary(folds.folds(), folds.rows(), chosen.algorithm(), chosen.rocAuc(), perFold,
                chosen.fitted(), finalModel, "No validation rows: the training rows were dealt into " + folds.folds() + " stratified"
                        + " folds (scikit-learn's StratifiedKFold with shuffling and the seed), and each fold was predicted"
                        + " by the algorithm fitted on the other folds, the rows encoded once by the encoder fitted on all"
                        + " training rows. The algorithm with the highest ROC-AUC of those out-of-fold predictions was kept"
                        + " (of " + all.size() + "; a tie goes to the one listed first); gradient boosting's round count is"
                        + " the one with the lowest out-of-fold log-loss, early-stopped as configured. "
                        + (HyperParameters.REFIT.equals(finalModel)
                                ? "The kept algorithm was then fitted on all training rows with those rounds"
                                : "The production model is the average of the kept algorithm's " + folds.folds()
                                        + " fold models (gradient boosting cut at those rounds), the models that made"
                                        + " those predictions")
                        + "; its calibration was fitted, and the threshold is chosen, on its out-of-fold predictions ("
                        + OutOfFoldPredictions.FILE_NAME + ").");
    }
}
