package dev.churnops.core.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One bin of a reliability curve: the customers whose predicted churn probability falls in
 * {@code [lower, upper)} (the last bin includes 1), how many there are, the mean probability the
 * model gave them and the share that actually churned. A well-calibrated model has
 * {@code observedRate} close to {@code meanPredicted} in every bin.
 *
 * @param lower inclusive lower edge of the bin
 * @param upper exclusive upper edge of the bin (inclusive for the last bin)
 * @param count rows in the bin, at least 1 (empty bins are left out)
 * @param meanPredicted mean predicted probability of the rows in the bin
 * @param observedRate share of the rows in the bin that churned
 */
public record ReliabilityBin(
        @JsonProperty("lower") double lower,
        @JsonProperty("upper") double upper,
        @JsonProperty("count") long count,
        @JsonProperty("mean_predicted") double meanPredicted,
        @JsonProperty("observed_rate") double observedRate) {
}
