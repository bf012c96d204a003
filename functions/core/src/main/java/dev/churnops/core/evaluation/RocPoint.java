package dev.churnops.core.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One point of a ROC curve: the false- and true-positive rates obtained when every row with a
 * score >= {@code threshold} is flagged as churn.
 *
 * @param fpr false-positive rate, FP / negatives
 * @param tpr true-positive rate (recall), TP / positives
 * @param threshold the score cut-off; the first point uses a value just above the highest
 *     score so that nothing is flagged and JSON stays finite
 */
public record RocPoint(
        @JsonProperty("fpr") double fpr,
        @JsonProperty("tpr") double tpr,
        @JsonProperty("threshold") double threshold) {
}
