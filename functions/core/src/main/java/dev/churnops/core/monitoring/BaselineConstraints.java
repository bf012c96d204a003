package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code constraints.json} in SageMaker Model Monitor's layout: per feature its inferred type, the
 * completeness (share of non-missing values) seen at training time, {@code is_non_negative} for
 * numbers and the domain of values for low-cardinality categories; and the monitoring config
 * (type-check and domain thresholds that the {@link DriftDetector} applies, and the distribution
 * comparison settings Model Monitor's own container reads). Field names follow the documented
 * schema ("Schema for Constraints (constraints.json file)", SageMaker developer guide).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BaselineConstraints(@JsonProperty("version") int version,
                                  @JsonProperty("features") List<Feature> features,
                                  @JsonProperty("monitoring_config") MonitoringConfig monitoringConfig) {

    public BaselineConstraints {
        if (features == null || monitoringConfig == null) {
            throw new IllegalArgumentException("constraints need 'features' and 'monitoring_config'.");
        }
        features = List.copyOf(features);
    }

    /** The constraints of feature {@code name}, if any. */
    public Optional<Feature> feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Constraints of one feature. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Feature(@JsonProperty("name") String name,
                          @JsonProperty("inferred_type") InferredType inferredType,
                          @JsonProperty("completeness") double completeness,
                          @JsonProperty("num_constraints") NumConstraints numConstraints,
                          @JsonProperty("string_constraints") StringConstraints stringConstraints,
                          @JsonProperty("monitoringConfigOverrides") Map<String, Object> monitoringConfigOverrides) {

        public Feature {
            if (name == null || inferredType == null) {
                throw new IllegalArgumentException("a constraints feature needs 'name' and 'inferred_type'.");
            }
            if (!(completeness >= 0 && completeness <= 1)) {
                throw new IllegalArgumentException("completeness of feature '" + name + "' is " + completeness
                        + ": expected a share between 0 and 1.");
            }
        }
    }

    /** Numeric constraints. */
    public record NumConstraints(@JsonProperty("is_non_negative") boolean isNonNegative) {
    }

    /** The values seen at training time, written when there are few enough of them. */
    public record StringConstraints(@JsonProperty("domains") List<String> domains) {

        public StringConstraints {
            domains = List.copyOf(domains);
        }
    }

    /**
     * Dataset-wide settings: {@code datatype_check_threshold} is the share of values of the wrong
     * type tolerated before a data_type_check violation, {@code domain_content_threshold} the share
     * of values outside a feature's domain tolerated before a categorical_values_check violation.
     */
    public record MonitoringConfig(@JsonProperty("evaluate_constraints") String evaluateConstraints,
                                   @JsonProperty("emit_metrics") String emitMetrics,
                                   @JsonProperty("datatype_check_threshold") double datatypeCheckThreshold,
                                   @JsonProperty("domain_content_threshold") double domainContentThreshold,
                                   @JsonProperty("distribution_constraints") DistributionConstraints distributionConstraints) {

        public MonitoringConfig {
            if (!(datatypeCheckThreshold >= 0 && datatypeCheckThreshold <= 1)) {
                throw new IllegalArgumentException("datatype_check_threshold is " + datatypeCheckThreshold
                        + ": expected a share between 0 and 1.");
            }
            if (!(domainContentThreshold >= 0 && domainContentThreshold <= 1)) {
                throw new IllegalArgumentException("domain_content_threshold is " + domainContentThreshold
                        + ": expected a share between 0 and 1.");
            }
        }
    }

    /** Model Monitor's distribution comparison settings, kept so its container reads our files. */
    public record DistributionConstraints(@JsonProperty("perform_comparison") String performComparison,
                                          @JsonProperty("comparison_threshold") double comparisonThreshold,
                                          @JsonProperty("comparison_method") String comparisonMethod,
                                          @JsonProperty("categorical_comparison_threshold") double categoricalComparisonThreshold,
                                          @JsonProperty("categorical_drift_method") String categoricalDriftMethod) {
    }
}
