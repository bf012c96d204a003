package dev.churnops.core.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The decision threshold picked on held-out scores (the validation set's, or the out-of-fold
 * predictions of the training rows), the objective it was picked for, what it achieved on that
 * data, and why, in a sentence that can go straight into a model card.
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
 * @param chosenOn the scores it was chosen on, as the reason names them; absent from records
 *     written before it was recorded, which were all chosen on {@link #VALIDATION}
 */
public record ThresholdChoice(
        @JsonProperty("threshold") double threshold,
        @JsonProperty("objective") ThresholdObjective objective,
        @JsonProperty("precision") double precision,
        @JsonProperty("recall") double recall,
        @JsonProperty("f1") double f1,
        @JsonProperty("target_met") boolean targetMet,
        @JsonProperty("reason") String reason,
        @JsonProperty("chosen_on") @JsonInclude(JsonInclude.Include.NON_NULL) String chosenOn) {

    /** The validation set: where thresholds are chosen when a training set has one. */
    public static final String VALIDATION = "the validation set";

    /** Where they are chosen when it has none. */
    public static final String OUT_OF_FOLD = "the out-of-fold predictions of the training rows";

    public ThresholdChoice {
        Objects.requireNonNull(objective, "ThresholdChoice.objective must not be null");
        Objects.requireNonNull(reason, "ThresholdChoice.reason must not be null");
    }

    /** A threshold chosen on the validation set. */
    public ThresholdChoice(double threshold, ThresholdObjective objective, double precision, double recall, double f1,
                           boolean targetMet, String reason) {
        this(threshold, objective, precision, recall, f1, targetMet, reason, VALIDATION);
    }

    /** The scores it was chosen on: {@link #VALIDATION} when the record does not say. */
    public String rows() {
        return chosenOn == null ? VALIDATION : chosenOn;
    }
}
