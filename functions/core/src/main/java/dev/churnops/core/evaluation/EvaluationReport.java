package dev.churnops.core.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * Everything measured about one model: how its threshold was chosen (on validation data), its
 * metrics, confusion matrix and curves on test data, and the business impact of acting on it.
 * Serialises to JSON with snake_case names for model cards and reports.
 *
 * @param thresholdChoice the threshold, its objective and why, as chosen on validation data
 * @param testMetrics headline metrics on test data at that threshold
 * @param confusionMatrix test confusion matrix at that threshold
 * @param rocCurve test ROC curve, thinned for drawing
 * @param prCurve test precision-recall curve, thinned for drawing
 * @param thresholdSweep test precision, recall and F1 at evenly spaced thresholds
 * @param businessImpact the monthly business impact at that threshold on test data
 * @param calibration Brier score, log-loss and reliability curves on test data before and after
 *     the model's calibration; null when the scores are not probabilities
 */
public record EvaluationReport(
        @JsonProperty("threshold_choice") ThresholdChoice thresholdChoice,
        @JsonProperty("test_metrics") HoldoutMetrics testMetrics,
        @JsonProperty("confusion_matrix") ConfusionMatrix confusionMatrix,
        @JsonProperty("roc_curve") List<RocPoint> rocCurve,
        @JsonProperty("pr_curve") List<PrPoint> prCurve,
        @JsonProperty("threshold_sweep") List<SweepPoint> thresholdSweep,
        @JsonProperty("business_impact") BusinessImpact businessImpact,
        @JsonProperty("calibration") CalibrationReport calibration) {

    public EvaluationReport {
        Objects.requireNonNull(thresholdChoice, "EvaluationReport.thresholdChoice must not be null");
        Objects.requireNonNull(testMetrics, "EvaluationReport.testMetrics must not be null");
        Objects.requireNonNull(confusionMatrix, "EvaluationReport.confusionMatrix must not be null");
        Objects.requireNonNull(businessImpact, "EvaluationReport.businessImpact must not be null");
        rocCurve = List.copyOf(rocCurve);
        prCurve = List.copyOf(prCurve);
        thresholdSweep = List.copyOf(thresholdSweep);
    }
}
