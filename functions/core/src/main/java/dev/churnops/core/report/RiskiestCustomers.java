package dev.churnops.core.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The test customers the model finds riskiest, each with the reasons that push their score up
 * most: what a retention team would see first. Kept in {@code evaluation.json} and shown in the
 * report.
 *
 * @param explained what the contributions add up to with {@code baseValue}, for example "the margin
 *     (log-odds of churn), before calibration"
 * @param baseValue the explained output when nothing is known about a customer; null when the
 *     model has no reason codes
 * @param customers the riskiest test customers, riskiest first
 */
public record RiskiestCustomers(
        @JsonProperty("explained") String explained,
        @JsonProperty("base_value") Double baseValue,
        @JsonProperty("customers") List<Customer> customers) {

    /** How many test customers the report explains. */
    public static final int COUNT = 10;

    public RiskiestCustomers {
        Objects.requireNonNull(explained, "RiskiestCustomers.explained must not be null");
        customers = List.copyOf(Objects.requireNonNull(customers,
                "RiskiestCustomers.customers must not be null; pass an empty list when there are none"));
    }

    /**
     * One test customer.
     *
     * @param row 1-based position in the test split
     * @param customerId the id from the data's id column; null when the data has none
     * @param probability the served (calibrated) churn probability
     * @param reasons the columns pushing the score up most, largest first; empty when the model
     *     offers no reason codes
     */
    public record Customer(
            @JsonProperty("row") int row,
            @JsonProperty("customer_id") @JsonInclude(JsonInclude.Include.NON_NULL) String customerId,
            @JsonProperty("probability") double probability,
            @JsonProperty("reasons") List<Reason> reasons) {

        public Customer {
            reasons = List.copyOf(Objects.requireNonNull(reasons,
                    "RiskiestCustomers.Customer.reasons must not be null; pass an empty list when there are none"));
        }
    }

    /** An input column and its signed contribution to the explained output. */
    public record Reason(@JsonProperty("column") String column, @JsonProperty("contribution") double contribution) {
    }
}
