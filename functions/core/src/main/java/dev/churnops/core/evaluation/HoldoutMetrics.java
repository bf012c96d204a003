package dev.churnops.core.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Headline metrics of a model on held-out test data: the threshold-free ranking metrics and
 * the confusion-matrix metrics at the threshold chosen on validation data.
 *
 * @param rocAuc area under the ROC curve
 * @param prAuc average precision
 * @param f1 F1 of the churn class at {@code threshold}
 * @param precision precision at {@code threshold}
 * @param recall recall at {@code threshold}
 * @param weightedF1 support-weighted F1 over both classes at {@code threshold}
 * @param accuracy accuracy at {@code threshold}
 * @param threshold the decision threshold the other metrics were measured at
 */
public record HoldoutMetrics(
        @JsonProperty("roc_auc") double rocAuc,
        @JsonProperty("pr_auc") double prAuc,
        @JsonProperty("f1") double f1,
        @JsonProperty("precision") double precision,
        @JsonProperty("recall") double recall,
        @JsonProperty("weighted_f1") double weightedF1,
        @JsonProperty("accuracy") double accuracy,
        @JsonProperty("threshold") double threshold) {
}
