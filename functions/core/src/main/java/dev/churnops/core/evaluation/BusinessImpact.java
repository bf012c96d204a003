package dev.churnops.core.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * What acting on the model at the chosen threshold is expected to be worth per month: how many
 * customers get an offer, how many churners that reaches and saves, what it costs and returns.
 * The model contributes only two numbers, the share of customers it flags and its recall; the
 * rest comes from {@link BusinessAssumptions}. {@link #formula()} spells out every step with
 * the numbers plugged in so a reader can check it by hand.
 *
 * @param assumptions the business numbers used
 * @param confusion the confusion matrix at the chosen threshold (normally on test data)
 * @param flaggedShare (TP + FP) / N
 * @param recall TP / (TP + FN)
 * @param customersFlagged customer base × flagged share
 * @param expectedChurners customer base × base churn rate
 * @param reachedShareOfBase base churn rate × recall: share of the base that churns and is flagged
 * @param churnersReached expected churners × recall
 * @param customersSaved churners reached × offer success rate
 * @param savedShareOfBase base churn rate × recall × offer success rate
 * @param cost customers flagged × offer cost per customer
 * @param value customers saved × retained customer value
 * @param netValue value − cost
 * @param roi net value / cost, 0 when nothing is spent
 */
@JsonIgnoreProperties(value = "formula", allowGetters = true)
public record BusinessImpact(
        @JsonProperty("assumptions") BusinessAssumptions assumptions,
        @JsonProperty("confusion_matrix") ConfusionMatrix confusion,
        @JsonProperty("flagged_share") double flaggedShare,
        @JsonProperty("recall") double recall,
        @JsonProperty("customers_flagged") double customersFlagged,
        @JsonProperty("expected_churners") double expectedChurners,
        @JsonProperty("reached_share_of_base") double reachedShareOfBase,
        @JsonProperty("churners_reached") double churnersReached,
        @JsonProperty("customers_saved") double customersSaved,
        @JsonProperty("saved_share_of_base") double savedShareOfBase,
        @JsonProperty("cost") double cost,
        @JsonProperty("value") double value,
        @JsonProperty("net_value") double netValue,
        @JsonProperty("roi") double roi) {

    private static final String TIMES = " \u00d7 ";

    public BusinessImpact {
        Objects.requireNonNull(assumptions, "BusinessImpact.assumptions must not be null");
        Objects.requireNonNull(confusion, "BusinessImpact.confusion must not be null");
    }

    /**
     * Computes the impact of flagging customers as {@code atThreshold} does, scaled to the
     * customer base in {@code a}. Assumes the evaluated rows are representative of the base
     * for the flagged share, and uses the assumed base churn rate rather than the sample's,
     * because evaluation sets are often re-balanced.
     *
     * @throws IllegalArgumentException if the confusion matrix has no rows
     */
    public static BusinessImpact compute(BusinessAssumptions a, ConfusionMatrix atThreshold) {
        Objects.requireNonNull(a, "assumptions must not be null; use BusinessAssumptions.defaults()");
        Objects.requireNonNull(atThreshold, "atThreshold must not be null");
        if (atThreshold.total() == 0) {
            throw new IllegalArgumentException(
                    "atThreshold is an empty confusion matrix (0 rows); expected the counts of at least one row.");
        }
        double flaggedShare = (double) atThreshold.flagged() / atThreshold.total();
        double recall = atThreshold.recall();
        double customersFlagged = a.customerBase() * flaggedShare;
        double expectedChurners = a.customerBase() * a.baseChurnRate();
        double churnersReached = expectedChurners * recall;
        double customersSaved = churnersReached * a.offerSuccessRate();
        double reachedShareOfBase = a.baseChurnRate() * recall;
        double savedShareOfBase = a.baseChurnRate() * recall * a.offerSuccessRate();
        double cost = customersFlagged * a.offerCostPerCustomer();
        double value = customersSaved * a.retainedCustomerValue();
        double netValue = value - cost;
        double roi = cost == 0.0 ? 0.0 : netValue / cost;
        return new BusinessImpact(a, atThreshold, flaggedShare, recall, customersFlagged, expectedChurners,
                reachedShareOfBase, churnersReached, customersSaved, savedShareOfBase, cost, value, netValue, roi);
    }

    /** Each step of {@link #compute} in words with its numbers, one line per step. */
    public List<String> formulaLines() {
        ConfusionMatrix m = confusion;
        return List.of(
                "Flagged share = (TP + FP) / N = (" + m.tp() + " + " + m.fp() + ") / " + m.total()
                        + " = " + Formats.percent(flaggedShare),
                "Recall = TP / (TP + FN) = " + m.tp() + " / (" + m.tp() + " + " + m.fn() + ") = "
                        + Formats.percent(recall),
                "Customers flagged = customer base" + TIMES + "flagged share = "
                        + Formats.people(assumptions.customerBase()) + TIMES + Formats.percent(flaggedShare)
                        + " = " + Formats.people(customersFlagged),
                "Expected churners = customer base" + TIMES + "base churn rate = "
                        + Formats.people(assumptions.customerBase()) + TIMES
                        + Formats.percent(assumptions.baseChurnRate()) + " = " + Formats.people(expectedChurners),
                "Churners reached = expected churners" + TIMES + "recall = " + Formats.people(expectedChurners)
                        + TIMES + Formats.percent(recall) + " = " + Formats.people(churnersReached),
                "Customers saved = churners reached" + TIMES + "offer success rate = "
                        + Formats.people(churnersReached) + TIMES + Formats.percent(assumptions.offerSuccessRate())
                        + " = " + Formats.people(customersSaved),
                "Saved share of base = base churn rate" + TIMES + "recall" + TIMES + "offer success rate = "
                        + Formats.percent(assumptions.baseChurnRate()) + TIMES + Formats.percent(recall) + TIMES
                        + Formats.percent(assumptions.offerSuccessRate()) + " = " + Formats.percent(savedShareOfBase),
                "Cost = customers flagged" + TIMES + "offer cost per customer = "
                        + Formats.people(customersFlagged) + TIMES + Formats.money(assumptions.offerCostPerCustomer())
                        + " = " + Formats.money(cost),
                "Value = customers saved" + TIMES + "retained customer value = " + Formats.people(customersSaved)
                        + TIMES + Formats.money(assumptions.retainedCustomerValue()) + " = " + Formats.money(value),
                "Net value = value \u2212 cost = " + Formats.money(value) + " \u2212 " + Formats.money(cost)
                        + " = " + Formats.money(netValue),
                cost == 0.0
                        ? "ROI = net value / cost = 0 (no offers are sent, so nothing is spent)"
                        : "ROI = net value / cost = " + Formats.money(netValue) + " / " + Formats.money(cost)
                                + " = " + Formats.significant(roi, 4) + " (" + Formats.percent(roi) + ")");
    }

    /** {@link #formulaLines()} joined with newlines; also written to JSON as {@code formula}. */
    @JsonProperty("formula")
    public String formula() {
        return String.join("\n", formulaLines());
    }
}
