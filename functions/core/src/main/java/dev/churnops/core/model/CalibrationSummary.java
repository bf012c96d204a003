package dev.churnops.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * How the model's calibration was chosen, as {@code training.json} records it: the method asked
 * for, the method applied, the rule in a sentence with its numbers, and each method's
 * cross-validated Brier score and log-loss on the validation split.
 *
 * @param requested the {@code calibration} hyperparameter: auto, none, platt or isotonic
 * @param method the calibration the model applies: none, platt or isotonic
 * @param rule why this method, with the numbers
 * @param validationRows rows of the validation split the calibration was fitted (and compared) on
 * @param folds folds of the comparison; 0 when the split was too small to compare
 * @param crossValidated out-of-fold Brier score and log-loss of none, platt and isotonic, in that
 *     order, each with its excess over the lowest Brier score and the standard error of that excess;
 *     empty when there was no comparison
 */
public record CalibrationSummary(
        @JsonProperty("requested") String requested,
        @JsonProperty("method") String method,
        @JsonProperty("rule") String rule,
        @JsonProperty("validation_rows") int validationRows,
        @JsonProperty("folds") int folds,
        @JsonProperty("cross_validated") List<MethodScore> crossValidated) {

    public CalibrationSummary {
        Objects.requireNonNull(requested, "CalibrationSummary.requested must not be null");
        Objects.requireNonNull(method, "CalibrationSummary.method must not be null");
        Objects.requireNonNull(rule, "CalibrationSummary.rule must not be null");
        crossValidated = List.copyOf(crossValidated);
    }

    /**
     * One method's out-of-fold scores on the validation split (lower is better for both), and how
     * far its Brier score is above the lowest one, with the standard error of that difference.
     */
    public record MethodScore(@JsonProperty("method") String method,
                              @JsonProperty("brier_score") double brierScore,
                              @JsonProperty("log_loss") double logLoss,
                              @JsonProperty("excess_over_lowest") double excessOverLowest,
                              @JsonProperty("excess_standard_error") double excessStandardError) {
    }
}
