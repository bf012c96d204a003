package dev.churnops.core.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The decision threshold picked on validation data, the objective it was picked for, what it
 * achieved on that data, and why, in a sentence that can go straight into a model card.
 *
 * @param threshold flag a customer as churn iff their score >= this
 * @param objective the objective that was requested
 * @param precision precision at the threshold on the data it was chosen on
 * @param recall recall at the threshold on that data
 * @param f1 F1 at the threshold on that data
 * @param targetMet false when the objective's precision or recall target could not be reached
 *     and the max-F1 threshold was used instead, or when no max-profit threshold has a positive
 *     expected net value; always true for max-F1
 * @param reason why this threshold, with the numbers
 */
public record ThresholdChoice(
        @JsonProperty("threshold") double threshold,
        @JsonProperty("objective") ThresholdObjective objective,
        @JsonProperty("precision") double precision,
        @JsonProperty("recall") double recall,
        @JsonProperty("f1") double f1,
        @JsonProperty("target_met") boolean targetMet,
        @JsonProperty("reason") String reason) {

    public ThresholdChoice {
        Objects.requireNonNull(objective, "ThresholdChoice.objective must not be null");
        Objects.requireNonNull(reason, "ThresholdChoice.reason must not be null");
    }
}
