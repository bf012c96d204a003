package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churnops.core.json.Json;

/**
 * The business view of one monitoring period's scores: risk segments, predicted and observed
 * churn rates against the baseline, revenue at risk, a lifetime-value proxy, and what a retention
 * campaign on the customers above the threshold is expected to return. A figure that cannot be
 * computed is absent (null) and a note says why; nothing here throws on thin data.
 *
 * @param customers               customers counted: one per customer id (the latest score), each anonymous score once
 * @param segments                customers per risk segment, from the card's cut-offs
 * @param predictedChurnRate      mean probability; null without customers
 * @param observedChurnRate       churned share of the counted customers with a label; null without labels
 * @param labelledCustomers       counted customers with a label
 * @param baselineChurnRate       the rate compared with; null when none could be found
 * @param baselineChurnRateSource where it came from
 * @param predictedRelativeChange (predicted − baseline) ÷ baseline
 * @param observedRelativeChange  (observed − baseline) ÷ baseline
 * @param churnRateAlert          whether a rate rose by at least the configured relative change
 * @param alertReason             one sentence with the figures
 * @param revenue                 revenue figures; null when no score carried the revenue feature
 * @param revenueNote             why revenue is absent or partial, or null
 * @param campaign                the retention campaign on customers at or above the threshold
 * @param config                  the config used
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BusinessReport(@JsonProperty("customers") long customers,
                             @JsonProperty("segments") Segments segments,
                             @JsonProperty("predicted_churn_rate") Double predictedChurnRate,
                             @JsonProperty("observed_churn_rate") Double observedChurnRate,
                             @JsonProperty("labelled_customers") long labelledCustomers,
                             @JsonProperty("baseline_churn_rate") Double baselineChurnRate,
                             @JsonProperty("baseline_churn_rate_source") String baselineChurnRateSource,
                             @JsonProperty("predicted_relative_change") Double predictedRelativeChange,
                             @JsonProperty("observed_relative_change") Double observedRelativeChange,
                             @JsonProperty("churn_rate_alert") boolean churnRateAlert,
                             @JsonProperty("alert_reason") String alertReason,
                             @JsonProperty("revenue") Revenue revenue,
                             @JsonProperty("revenue_note") String revenueNote,
                             @JsonProperty("campaign") Campaign campaign,
                             @JsonProperty("config") BusinessConfig config) {

    /** Customers per risk segment. */
    public record Segments(@JsonProperty("high") long high, @JsonProperty("medium") long medium,
                           @JsonProperty("low") long low) {
    }

    /**
     * Revenue figures over the customers whose revenue feature holds a number.
     *
     * @param feature               the feature read
     * @param divisor               what it was divided by to get a monthly figure
     * @param customersWithRevenue  customers with a number there
     * @param customersWithout      customers without one (absent, null or not a number)
     * @param monthlyRevenue        Σ monthly revenue
     * @param revenueAtRisk         Σ probability × monthly revenue
     * @param averageLifetimeValue  mean of monthly revenue × min(1 ÷ probability, max_lifetime_months)
     */
    public record Revenue(@JsonProperty("feature") String feature, @JsonProperty("divisor") double divisor,
                          @JsonProperty("customers_with_revenue") long customersWithRevenue,
                          @JsonProperty("customers_without_revenue") long customersWithout,
                          @JsonProperty("monthly_revenue") double monthlyRevenue,
                          @JsonProperty("revenue_at_risk") double revenueAtRisk,
                          @JsonProperty("average_lifetime_value") double averageLifetimeValue) {
    }

    /**
     * A retention offer to every customer at or above the threshold.
     *
     * @param threshold          the card's decision threshold
     * @param customersTargeted  customers at or above it
     * @param expectedChurners   Σ their probabilities
     * @param customersSaved     expected churners × offer success rate
     * @param cost               customers targeted × offer cost per customer
     * @param value              customers saved × retained customer value
     * @param netValue           value − cost
     * @param roi                net value ÷ cost, 0 when nothing is spent
     */
    public record Campaign(@JsonProperty("threshold") double threshold,
                           @JsonProperty("customers_targeted") long customersTargeted,
                           @JsonProperty("expected_churners") double expectedChurners,
                           @JsonProperty("customers_saved") double customersSaved,
                           @JsonProperty("cost") double cost, @JsonProperty("value") double value,
                           @JsonProperty("net_value") double netValue, @JsonProperty("roi") double roi) {
    }

    /** The whole report's JSON bytes. */
    public byte[] toJson() {
        return Json.write(this);
    }
}
