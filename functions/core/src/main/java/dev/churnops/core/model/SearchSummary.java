package dev.churnops.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a hyperparameter search went, as {@code training.json} records it: the strategy and the
 * choice rule in sentences, the folds and rows every candidate was scored on, the space searched,
 * and every candidate in the order scored with its values and cross-validated ROC-AUC. Nothing
 * measured in wall-clock time, so the artifact stays reproducible; each candidate's seconds are in
 * the training job's metrics as {@code search_seconds.<id>}.
 *
 * @param strategy how candidates were proposed
 * @param rule how the production model was chosen from them
 * @param folds folds of each candidate's cross-validation
 * @param rows training rows the folds were dealt from
 * @param requested the {@code search_candidates} budget
 * @param space the search space, as one line of JSON
 * @param candidates every candidate, in the order scored
 */
public record SearchSummary(@JsonProperty("strategy") String strategy,
                            @JsonProperty("rule") String rule,
                            @JsonProperty("folds") int folds,
                            @JsonProperty("rows") int rows,
                            @JsonProperty("candidates_requested") int requested,
                            @JsonProperty("space") String space,
                            @JsonProperty("candidates") List<Entry> candidates) {

    public static final String STRATEGY = "Per algorithm: the configured values first, then a third of its share of the"
            + " budget (at least 3) drawn uniformly from the space, then tree-structured Parzen estimator proposals (the"
            + " better quarter of the candidates scored so far against the rest); seeded, so the same data and seed give"
            + " the same candidates.";

    public static final String RULE = "Each algorithm's winner is its candidate with the highest mean cross-validated"
            + " ROC-AUC on the training split (a tie goes to the earlier candidate, so the configured values win a draw);"
            + " each winner is then trained on the whole training split, and the one with the highest ROC-AUC on the"
            + " validation split becomes the production model (a tie goes to the algorithm listed first).";

    /** The rule without validation rows: the winners are compared by their out-of-fold predictions. */
    public static final String RULE_OUT_OF_FOLD = "Each algorithm's winner is its candidate with the highest mean"
            + " cross-validated ROC-AUC on the training split (a tie goes to the earlier candidate, so the configured values"
            + " win a draw); the winner whose out-of-fold predictions have the highest ROC-AUC becomes the production model"
            + " (a tie goes to the algorithm listed first) and alone is fitted on the whole training split.";

    public SearchSummary {
        candidates = List.copyOf(candidates);
    }

    /**
     * One candidate.
     *
     * @param id 1-based, in the order scored
     * @param algorithm its algorithm
     * @param origin configured, random or tpe
     * @param parameters the searched hyperparameters' values
     * @param cvRocAucMean mean ROC-AUC over the folds
     * @param cvRocAucStd sample standard deviation of the folds' ROC-AUC
     * @param foldRocAuc each fold's ROC-AUC
     * @param winner whether it won its algorithm's search
     */
    public record Entry(@JsonProperty("id") int id,
                        @JsonProperty("algorithm") String algorithm,
                        @JsonProperty("origin") String origin,
                        @JsonProperty("parameters") Map<String, String> parameters,
                        @JsonProperty("cv_roc_auc_mean") double cvRocAucMean,
                        @JsonProperty("cv_roc_auc_std") double cvRocAucStd,
                        @JsonProperty("fold_roc_auc") List<Double> foldRocAuc,
                        @JsonProperty("winner") boolean winner) {

        public Entry {
            parameters = new TreeMap<>(parameters);
            foldRocAuc = List.copyOf(foldRocAuc);
        }
    }

    public static SearchSummary of(HyperparameterSearch.Result result, int requested) {
        return of(result, requested, false);
    }

    /** As {@link #of(HyperparameterSearch.Result, int)}; {@code outOfFold} when there were no validation rows. */
    public static SearchSummary of(HyperparameterSearch.Result result, int requested, boolean outOfFold) {
        List<Entry> entries = new ArrayList<>();
        for (HyperparameterSearch.Candidate c : result.candidates()) {
            List<Double> folds = new ArrayList<>();
            for (double v : c.score().foldRocAuc()) {
                folds.add(v);
            }
            entries.add(new Entry(c.id(), c.algorithm(), c.origin(), c.values(), c.score().mean(), c.score().std(), folds,
                    result.winners().get(c.algorithm()) == c));
        }
        return new SearchSummary(STRATEGY, outOfFold ? RULE_OUT_OF_FOLD : RULE, result.folds(), result.rows(), requested,
                result.space().toJson(), entries);
    }
}
