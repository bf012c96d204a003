package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The dataset-level answer: which features drifted, their share of the baseline's features
 * ({@code drift_share}), whether that share reaches the configured dataset threshold, whether the
 * score distribution drifted (absent when no scores were given), and the sizes compared.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriftSummary(@JsonProperty("drifted_features") List<String> driftedFeatures,
                           @JsonProperty("drift_share") double driftShare,
                           @JsonProperty("dataset_drift") boolean datasetDrift,
                           @JsonProperty("drift_share_threshold") double driftShareThreshold,
                           @JsonProperty("feature_count") int featureCount,
                           @JsonProperty("prediction_drift") Boolean predictionDrift,
                           @JsonProperty("violation_count") int violationCount,
                           @JsonProperty("baseline_rows") long baselineRows,
                           @JsonProperty("current_rows") long currentRows) {

    public DriftSummary {
        driftedFeatures = List.copyOf(driftedFeatures);
    }
}
