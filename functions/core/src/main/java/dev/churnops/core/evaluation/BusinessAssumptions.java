package dev.churnops.core.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The business numbers that turn a confusion matrix into money: how many customers churn per
 * month, how often a retention offer works, what it costs, what a retained customer is worth,
 * and how many customers there are. Immutable and validated on construction; build it with
 * {@link #builder()}, which starts from the stated defaults, or take {@link #defaults()}.
 *
 * @param baseChurnRate fraction of the customer base churning per month, in [0, 1]; default 0.08
 * @param offerSuccessRate fraction of reached churners the offer retains, in [0, 1]; default 0.8
 * @param offerCostPerCustomer cost of one offer to one flagged customer, >= 0; default 10.0
 * @param retainedCustomerValue value of keeping one customer who would have churned, >= 0;
 *     default 500.0
 * @param customerBase customers the model is applied to, >= 1; default 10,000
 */
public record BusinessAssumptions(
        @JsonProperty("base_churn_rate") double baseChurnRate,
        @JsonProperty("offer_success_rate") double offerSuccessRate,
        @JsonProperty("offer_cost_per_customer") double offerCostPerCustomer,
        @JsonProperty("retained_customer_value") double retainedCustomerValue,
        @JsonProperty("customer_base") long customerBase) {

    public static final double DEFAULT_BASE_CHURN_RATE = 0.08;
    public static final double DEFAULT_OFFER_SUCCESS_RATE = 0.8;
    public static final double DEFAULT_OFFER_COST_PER_CUSTOMER = 10.0;
    public static final double DEFAULT_RETAINED_CUSTOMER_VALUE = 500.0;
    public static final long DEFAULT_CUSTOMER_BASE = 10_000;

    public BusinessAssumptions {
        requireFraction("baseChurnRate", baseChurnRate, "0.08 for 8% of customers per month");
        requireFraction("offerSuccessRate", offerSuccessRate, "0.8 when 80% of reached churners stay");
        requireMoney("offerCostPerCustomer", offerCostPerCustomer);
        requireMoney("retainedCustomerValue", retainedCustomerValue);
        if (customerBase < 1) {
            throw new IllegalArgumentException("BusinessAssumptions.customerBase is " + customerBase
                    + " but must be a number of customers >= 1.");
        }
    }

    /** All defaults: 8% monthly churn, 80% offer success, 10 per offer, 500 per retained customer, 10,000 customers. */
    public static BusinessAssumptions defaults() {
        return builder().build();
    }

    /** A builder pre-filled with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    private static void requireFraction(String field, double value, String example) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException("BusinessAssumptions." + field + " is " + value
                    + " but must be a fraction in [0, 1], for example " + example + ".");
        }
    }

    private static void requireMoney(String field, double value) {
        if (!(value >= 0.0 && Double.isFinite(value))) {
            throw new IllegalArgumentException("BusinessAssumptions." + field + " is " + value
                    + " but must be a finite amount >= 0.");
        }
    }

    /**
     * Builds {@link BusinessAssumptions}; every field starts at its default, and validation
     * happens once, in {@link #build()}.
     */
    public static final class Builder {
        private double baseChurnRate = DEFAULT_BASE_CHURN_RATE;
        private double offerSuccessRate = DEFAULT_OFFER_SUCCESS_RATE;
        private double offerCostPerCustomer = DEFAULT_OFFER_COST_PER_CUSTOMER;
        private double retainedCustomerValue = DEFAULT_RETAINED_CUSTOMER_VALUE;
        private long customerBase = DEFAULT_CUSTOMER_BASE;

        private Builder() {
        }

        /** Monthly churn fraction; default {@value BusinessAssumptions#DEFAULT_BASE_CHURN_RATE}. */
        public Builder baseChurnRate(double value) {
            this.baseChurnRate = value;
            return this;
        }

        /** Offer success fraction; default {@value BusinessAssumptions#DEFAULT_OFFER_SUCCESS_RATE}. */
        public Builder offerSuccessRate(double value) {
            this.offerSuccessRate = value;
            return this;
        }

        /** Cost per flagged customer; default {@value BusinessAssumptions#DEFAULT_OFFER_COST_PER_CUSTOMER}. */
        public Builder offerCostPerCustomer(double value) {
            this.offerCostPerCustomer = value;
            return this;
        }

        /** Value per retained customer; default {@value BusinessAssumptions#DEFAULT_RETAINED_CUSTOMER_VALUE}. */
        public Builder retainedCustomerValue(double value) {
            this.retainedCustomerValue = value;
            return this;
        }

        /** Customers in scope; default {@value BusinessAssumptions#DEFAULT_CUSTOMER_BASE}. */
        public Builder customerBase(long value) {
            this.customerBase = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the field, its value and the allowed range
         */
        public BusinessAssumptions build() {
            return new BusinessAssumptions(baseChurnRate, offerSuccessRate, offerCostPerCustomer,
                    retainedCustomerValue, customerBase);
        }
    }
}
