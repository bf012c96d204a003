package dev.churnops.core.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One point of a precision-recall curve: recall and precision obtained when every row with a
 * score >= {@code threshold} is flagged as churn.
 *
 * @param recall TP / positives
 * @param precision TP / flagged; 1 at the first point, where nothing is flagged, as in
 *     scikit-learn's {@code precision_recall_curve}
 * @param threshold the score cut-off; the first point uses a value just above the highest
 *     score
 */
public record PrPoint(
        @JsonProperty("recall") double recall,
        @JsonProperty("precision") double precision,
        @JsonProperty("threshold") double threshold) {
}
