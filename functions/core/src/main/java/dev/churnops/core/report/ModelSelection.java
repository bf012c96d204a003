package dev.churnops.core.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How the production model was selected, for the report: the cross-validation of its
 * configuration (null when not run) and the hyperparameter search's leaderboard (empty when there
 * was no search), with the rule that picked the winner.
 *
 * @param cv the cross-validation of the chosen configuration, or null
 * @param leaderboard every search candidate, in the order scored
 * @param searchFolds folds each candidate was scored with (0 without a search)
 * @param searchRows training rows those folds were dealt from (0 without a search)
 * @param rule how the production model was chosen, in a sentence (empty without a search)
 */
public record ModelSelection(CrossValidationResult cv, List<LeaderboardEntry> leaderboard, int searchFolds,
                             int searchRows, String rule) {

    public ModelSelection {
        leaderboard = List.copyOf(Objects.requireNonNull(leaderboard,
                "ModelSelection.leaderboard must not be null; pass an empty list when there was no search"));
        rule = rule == null ? "" : rule;
    }

    /**
     * The cross-validation of the production configuration.
     *
     * @param algorithm the production algorithm
     * @param folds k
     * @param rows rows dealt into the folds
     * @param rocAucMean mean ROC-AUC over the folds
     * @param rocAucStd sample standard deviation of the folds' ROC-AUC
     * @param foldRocAuc each fold's ROC-AUC
     * @param method what was cross-validated, in a sentence
     */
    public record CrossValidationResult(String algorithm, int folds, int rows, double rocAucMean, double rocAucStd,
                                        List<Double> foldRocAuc, String method) {

        public CrossValidationResult {
            foldRocAuc = List.copyOf(foldRocAuc);
        }
    }

    /**
     * One search candidate.
     *
     * @param id 1-based, in the order scored
     * @param algorithm its algorithm
     * @param origin configured, random or tpe
     * @param parameters the searched hyperparameters' values
     * @param cvRocAucMean mean cross-validated ROC-AUC on the training split
     * @param cvRocAucStd sample standard deviation over the folds
     * @param seconds wall-clock seconds to score it, or null when not measured
     * @param winner whether it won its algorithm's search
     * @param production whether its configuration became the production model
     */
    public record LeaderboardEntry(int id, String algorithm, String origin, Map<String, String> parameters,
                                   double cvRocAucMean, double cvRocAucStd, Double seconds, boolean winner,
                                   boolean production) {

        public LeaderboardEntry {
            Objects.requireNonNull(algorithm, "LeaderboardEntry.algorithm must not be null");
            parameters = new TreeMap<>(parameters);
        }
    }
}
