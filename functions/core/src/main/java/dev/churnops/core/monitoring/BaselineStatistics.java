package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * {@code statistics.json} in SageMaker Model Monitor's layout: the dataset's item count and, per
 * feature, its inferred type, present and missing counts, and either numerical statistics (mean,
 * sum, population standard deviation, min, max and a KLL-layout distribution) or string statistics
 * (distinct count and a categorical bucket per value). Field names follow the documented schema
 * ("Schema for Statistics (statistics.json file)", SageMaker developer guide). Built by
 * {@link MonitoringBaseline}; see there for how the distribution is computed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BaselineStatistics(@JsonProperty("version") int version,
                                 @JsonProperty("dataset") Dataset dataset,
                                 @JsonProperty("features") List<Feature> features) {

    public BaselineStatistics {
        if (dataset == null || features == null) {
            throw new IllegalArgumentException("statistics need 'dataset' and 'features'.");
        }
        features = List.copyOf(features);
    }

    /** The feature called {@code name}, if the statistics describe one. */
    public Optional<Feature> feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Dataset-level statistics. */
    public record Dataset(@JsonProperty("item_count") long itemCount) {
    }

    /** One feature: numerical statistics for Integral/Fractional, string statistics for String. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Feature(@JsonProperty("name") String name,
                          @JsonProperty("inferred_type") InferredType inferredType,
                          @JsonProperty("numerical_statistics") NumericalStatistics numericalStatistics,
                          @JsonProperty("string_statistics") StringStatistics stringStatistics) {

        public Feature {
            if (name == null || inferredType == null) {
                throw new IllegalArgumentException("a statistics feature needs 'name' and 'inferred_type'.");
            }
            if ((numericalStatistics == null) == (stringStatistics == null)) {
                throw new IllegalArgumentException("statistics feature '" + name
                        + "' needs exactly one of 'numerical_statistics' and 'string_statistics'.");
            }
        }

        /** Present and missing counts, whichever kind of statistics the feature has. */
        @JsonIgnore
        public Common common() {
            return numericalStatistics != null ? numericalStatistics.common() : stringStatistics.common();
        }
    }

    /** Counts shared by both kinds of statistics. */
    public record Common(@JsonProperty("num_present") long numPresent,
                         @JsonProperty("num_missing") long numMissing) {
    }

    /** Statistics of a numeric feature; all but {@code common} are absent when it has no values. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NumericalStatistics(@JsonProperty("common") Common common,
                                      @JsonProperty("mean") Double mean,
                                      @JsonProperty("sum") Double sum,
                                      @JsonProperty("std_dev") Double stdDev,
                                      @JsonProperty("min") Double min,
                                      @JsonProperty("max") Double max,
                                      @JsonProperty("distribution") NumericalDistribution distribution) {
    }

    /** Wrapper object Model Monitor puts around the KLL distribution. */
    public record NumericalDistribution(@JsonProperty("kll") Kll kll) {
    }

    /** Buckets (the histogram drift is measured on) and the sketch (percentiles, here). */
    public record Kll(@JsonProperty("buckets") List<KllBucket> buckets,
                      @JsonProperty("sketch") KllSketch sketch) {

        public Kll {
            buckets = List.copyOf(buckets);
        }
    }

    /** One histogram bucket: values in (lower_bound, upper_bound], the first one also holding its lower bound. */
    public record KllBucket(@JsonProperty("lower_bound") double lowerBound,
                            @JsonProperty("upper_bound") double upperBound,
                            @JsonProperty("count") long count) {
    }

    /** KLL sketch parameters and levels of retained items. */
    public record KllSketch(@JsonProperty("parameters") KllParameters parameters,
                            @JsonProperty("data") List<List<Double>> data) {
    }

    /** KLL shrinking factor {@code c} and sketch size {@code k}. */
    public record KllParameters(@JsonProperty("c") double c, @JsonProperty("k") double k) {
    }

    /** Statistics of a categorical or boolean feature. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StringStatistics(@JsonProperty("common") Common common,
                                   @JsonProperty("distinct_count") long distinctCount,
                                   @JsonProperty("distribution") StringDistribution distribution) {
    }

    /** Wrapper object Model Monitor puts around the categorical distribution. */
    public record StringDistribution(@JsonProperty("categorical") Categorical categorical) {
    }

    /** One bucket per observed value. */
    public record Categorical(@JsonProperty("buckets") List<CategoricalBucket> buckets) {

        public Categorical {
            buckets = List.copyOf(buckets);
        }
    }

    /** A value and how often it was seen. */
    public record CategoricalBucket(@JsonProperty("value") String value, @JsonProperty("count") long count) {
    }
}
