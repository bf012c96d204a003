package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One number to publish through the Metrics port: the feature it is about (absent for dataset-level
 * metrics), its name, its value and the threshold it is judged against (absent when it is only
 * reported).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriftMetric(@JsonProperty("feature") String feature,
                          @JsonProperty("metric") String metric,
                          @JsonProperty("value") double value,
                          @JsonProperty("threshold") Double threshold) {
}
