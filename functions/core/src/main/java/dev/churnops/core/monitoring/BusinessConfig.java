package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churnops.core.evaluation.BusinessAssumptions;
import dev.churnops.core.json.Json;

/**
 * How business KPIs are computed and when they alert, immutable and validated in one place;
 * readable from JSON (snake_case, every field optional):
 * <ul>
 *   <li>{@code churn_rate_alert_relative} 0.05: alert when the predicted (or, with enough labels,
 *       the observed) churn rate is at least this much above the baseline churn rate, relatively
 *       (0.05 = 5% higher, e.g. 0.20 to 0.21);</li>
 *   <li>{@code baseline_churn_rate}: the rate to compare with; left out, it is the mean training
 *       score of the monitoring baseline, else the card's medium risk cut-off when that is the
 *       training churn rate;</li>
 *   <li>{@code min_labelled_customers} 50: fewer labelled scored customers give an observed rate
 *       but no alert on it;</li>
 *   <li>{@code revenue_feature} "MonthlyCharges" and {@code revenue_divisor} 1: a customer's
 *       monthly revenue is that feature divided by the divisor (for the shop's feature view,
 *       {@code spend_90d} and 3);</li>
 *   <li>{@code max_lifetime_months} 60: the lifetime-value proxy (monthly revenue ÷ churn
 *       probability, the probability read as a monthly rate since the label horizon is about a
 *       month) never counts more than this many months;</li>
 *   <li>{@code offer_success_rate}, {@code offer_cost_per_customer}, {@code retained_customer_value}:
 *       the campaign figures, defaults from {@link BusinessAssumptions}.</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BusinessConfig(@JsonProperty("churn_rate_alert_relative") Double churnRateAlertRelative,
                             @JsonProperty("baseline_churn_rate") Double baselineChurnRate,
                             @JsonProperty("min_labelled_customers") Integer minLabelledCustomers,
                             @JsonProperty("revenue_feature") String revenueFeature,
                             @JsonProperty("revenue_divisor") Double revenueDivisor,
                             @JsonProperty("max_lifetime_months") Double maxLifetimeMonths,
                             @JsonProperty("offer_success_rate") Double offerSuccessRate,
                             @JsonProperty("offer_cost_per_customer") Double offerCostPerCustomer,
                             @JsonProperty("retained_customer_value") Double retainedCustomerValue) {

    public static final double DEFAULT_CHURN_RATE_ALERT_RELATIVE = 0.05;
    public static final int DEFAULT_MIN_LABELLED_CUSTOMERS = 50;
    public static final String DEFAULT_REVENUE_FEATURE = "MonthlyCharges";
    public static final double DEFAULT_MAX_LIFETIME_MONTHS = 60;

    public BusinessConfig {
        churnRateAlertRelative = churnRateAlertRelative == null ? DEFAULT_CHURN_RATE_ALERT_RELATIVE : churnRateAlertRelative;
        if (!(churnRateAlertRelative > 0 && churnRateAlertRelative <= 10)) {
            throw invalid("churn_rate_alert_relative", churnRateAlertRelative, "a relative rise above 0, e.g. 0.05 for 5%");
        }
        if (baselineChurnRate != null && !(baselineChurnRate > 0 && baselineChurnRate < 1)) {
            throw invalid("baseline_churn_rate", baselineChurnRate, "a churn rate strictly between 0 and 1, or nothing");
        }
        minLabelledCustomers = minLabelledCustomers == null ? DEFAULT_MIN_LABELLED_CUSTOMERS : minLabelledCustomers;
        if (minLabelledCustomers < 1) {
            throw invalid("min_labelled_customers", minLabelledCustomers, "a count of 1 or more");
        }
        revenueFeature = revenueFeature == null ? DEFAULT_REVENUE_FEATURE : revenueFeature.trim();
        if (revenueFeature.isEmpty()) {
            throw invalid("revenue_feature", "blank", "the name of the feature holding revenue");
        }
        revenueDivisor = revenueDivisor == null ? 1.0 : revenueDivisor;
        if (!(revenueDivisor > 0 && Double.isFinite(revenueDivisor))) {
            throw invalid("revenue_divisor", revenueDivisor, "a positive number (3 for a 90-day sum)");
        }
        maxLifetimeMonths = maxLifetimeMonths == null ? DEFAULT_MAX_LIFETIME_MONTHS : maxLifetimeMonths;
        if (!(maxLifetimeMonths >= 1 && Double.isFinite(maxLifetimeMonths))) {
            throw invalid("max_lifetime_months", maxLifetimeMonths, "a number of months of 1 or more");
        }
        offerSuccessRate = offerSuccessRate == null ? BusinessAssumptions.DEFAULT_OFFER_SUCCESS_RATE : offerSuccessRate;
        offerCostPerCustomer = offerCostPerCustomer == null ? BusinessAssumptions.DEFAULT_OFFER_COST_PER_CUSTOMER
                : offerCostPerCustomer;
        retainedCustomerValue = retainedCustomerValue == null ? BusinessAssumptions.DEFAULT_RETAINED_CUSTOMER_VALUE
                : retainedCustomerValue;
        // BusinessAssumptions validates the three campaign figures and names the one that is wrong.
        BusinessAssumptions.builder().offerSuccessRate(offerSuccessRate).offerCostPerCustomer(offerCostPerCustomer)
                .retainedCustomerValue(retainedCustomerValue).build();
    }

    /** Every field at its default. */
    public static BusinessConfig defaults() {
        return new BusinessConfig(null, null, null, null, null, null, null, null, null);
    }

    /** Defaults with the revenue read from {@code feature} ÷ {@code divisor}. */
    public static BusinessConfig revenueFrom(String feature, double divisor) {
        return new BusinessConfig(null, null, null, feature, divisor, null, null, null, null);
    }

    /** Reads a business config document; {@code what} names it in error messages. */
    public static BusinessConfig read(byte[] json, String what) {
        return Json.read(json, BusinessConfig.class, what);
    }

    /** The campaign figures as {@link BusinessAssumptions} (base churn rate and customer base at their defaults, unused here). */
    public BusinessAssumptions assumptions() {
        return BusinessAssumptions.builder().offerSuccessRate(offerSuccessRate).offerCostPerCustomer(offerCostPerCustomer)
                .retainedCustomerValue(retainedCustomerValue).build();
    }

    private static IllegalArgumentException invalid(String field, Object value, String expected) {
        return new IllegalArgumentException("Business config field '" + field + "' is " + value + ": expected " + expected + ".");
    }
}
