package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churnops.core.json.Json;
import java.util.List;
import java.util.Optional;

/**
 * Everything one drift run found: the summary, each baseline feature's comparison, the prediction
 * (score) comparison when scores were given, the violations ({@link #violations()} is what
 * {@code violations.json} holds), the metrics to publish, and the config it was judged with.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriftReport(@JsonProperty("summary") DriftSummary summary,
                          @JsonProperty("features") List<FeatureDrift> features,
                          @JsonProperty("prediction") FeatureDrift prediction,
                          @JsonProperty("violations") ConstraintViolations violations,
                          @JsonProperty("metrics") List<DriftMetric> metrics,
                          @JsonProperty("config") DriftConfig config) {

    public DriftReport {
        features = List.copyOf(features);
        metrics = List.copyOf(metrics);
    }

    /** The comparison of feature {@code name}, if it is a baseline feature. */
    public Optional<FeatureDrift> feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** {@code violations.json} bytes. */
    public byte[] violationsJson() {
        return violations.toJson();
    }

    /** The summary's JSON bytes. */
    public byte[] summaryJson() {
        return Json.write(summary);
    }

    /** The whole report's JSON bytes. */
    public byte[] toJson() {
        return Json.write(this);
    }
}
