package dev.churnops.core.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * How well the model's probabilities match observed churn rates on the test split, before and
 * after the calibration the model applies. "Before" is the predictor's own probability, "after" is
 * the probability the model serves; with {@code method} {@code none} the two are the same. Lower
 * Brier score and log-loss are better; the reliability curves show where the probabilities are too
 * high or too low.
 *
 * @param method the calibration the model applies: {@code none}, {@code platt} or {@code isotonic}
 * @param rule how the method was chosen, as training recorded it
 * @param brierBefore mean squared difference between the uncalibrated probability and the label
 * @param brierAfter the same for the served (calibrated) probability
 * @param logLossBefore mean negative log-likelihood of the labels under the uncalibrated probability
 * @param logLossAfter the same for the served probability
 * @param reliabilityBefore reliability curve of the uncalibrated probability, {@link
 *     BinaryMetrics#RELIABILITY_BINS} equal-width bins, empty bins left out
 * @param reliabilityAfter reliability curve of the served probability
 */
public record CalibrationReport(
        @JsonProperty("method") String method,
        @JsonProperty("rule") String rule,
        @JsonProperty("brier_score_before") double brierBefore,
        @JsonProperty("brier_score_after") double brierAfter,
        @JsonProperty("log_loss_before") double logLossBefore,
        @JsonProperty("log_loss_after") double logLossAfter,
        @JsonProperty("reliability_before") List<ReliabilityBin> reliabilityBefore,
        @JsonProperty("reliability_after") List<ReliabilityBin> reliabilityAfter) {

    public CalibrationReport {
        Objects.requireNonNull(method, "CalibrationReport.method must not be null; use \"none\" when no calibration is applied");
        Objects.requireNonNull(rule, "CalibrationReport.rule must not be null");
        reliabilityBefore = List.copyOf(reliabilityBefore);
        reliabilityAfter = List.copyOf(reliabilityAfter);
    }

    /** True when the model applies a calibration, so "before" and "after" differ. */
    public boolean calibrated() {
        return !method.equals("none");
    }
}
