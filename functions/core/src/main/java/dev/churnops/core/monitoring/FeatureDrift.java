package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How one feature (or the score) compares with the baseline: what could be compared, the
 * distances, test results and effect sizes, the missing-value shares, values unseen at training
 * time, the compared bins with their baseline and current shares (for charts), and the verdict
 * with the rules that fired and a sentence for each. Fields that do not apply (KS for categories,
 * chi-squared for numbers, anything when the feature could not be compared) are null; the bins
 * are empty then. {@code max_share_change} is the largest absolute change of one bin's share
 * (categories, and numbers tested on buckets).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureDrift(@JsonProperty("name") String name,
                           @JsonProperty("inferred_type") InferredType inferredType,
                           @JsonProperty("status") Status status,
                           @JsonProperty("judged_by") String judgedBy,
                           @JsonProperty("baseline_count") long baselineCount,
                           @JsonProperty("current_count") long currentCount,
                           @JsonProperty("baseline_completeness") double baselineCompleteness,
                           @JsonProperty("current_completeness") Double currentCompleteness,
                           @JsonProperty("psi") Double psi,
                           @JsonProperty("kl") Double kl,
                           @JsonProperty("js") Double js,
                           @JsonProperty("wasserstein") Double wasserstein,
                           @JsonProperty("wasserstein_in_std") Double wassersteinInStd,
                           @JsonProperty("ks_statistic") Double ksStatistic,
                           @JsonProperty("chi_squared") Double chiSquared,
                           @JsonProperty("chi_squared_df") Integer chiSquaredDf,
                           @JsonProperty("p_value") Double pValue,
                           @JsonProperty("adjusted_p_value") Double adjustedPValue,
                           @JsonProperty("max_share_change") Double maxShareChange,
                           @JsonProperty("unknown_share") Double unknownShare,
                           @JsonProperty("new_categories") List<String> newCategories,
                           @JsonProperty("drifted") boolean drifted,
                           @JsonProperty("rules") List<DriftRule> rules,
                           @JsonProperty("reasons") List<String> reasons,
                           @JsonProperty("bins") List<DriftBin> bins) {

    /**
     * Judged by distance thresholds, or by the corrected test together with a minimum effect
     * (at least {@code small_sample_rows} current values).
     */
    public static final String BY_DISTANCE_OR_EFFECT = "distance_or_effect";
    /** Judged by the corrected test p-value alone (few current values). */
    public static final String BY_TEST = "test";

    public FeatureDrift {
        newCategories = newCategories == null ? null : List.copyOf(newCategories);
        rules = List.copyOf(rules);
        reasons = List.copyOf(reasons);
        bins = bins == null ? List.of() : List.copyOf(bins);
    }

    /** Whether the feature could be compared, and if not why. */
    public enum Status {
        @JsonProperty("compared") COMPARED,
        @JsonProperty("missing_column") MISSING_COLUMN,
        @JsonProperty("type_changed") TYPE_CHANGED,
        @JsonProperty("no_current_values") NO_CURRENT_VALUES,
        @JsonProperty("no_baseline_values") NO_BASELINE_VALUES
    }
}
