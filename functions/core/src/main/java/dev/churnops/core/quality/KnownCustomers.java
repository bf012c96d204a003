package dev.churnops.core.quality;

import java.util.Map;
import java.util.OptionalLong;

/**
 * The customers that have signed up so far, as data quality needs them: an event of a customer
 * nobody knows is quarantined, and so is one dated before the customer's signup. The feature state
 * answers this in a deployment; tests use {@link #of(Map)}.
 */
public interface KnownCustomers {

    /**
     * Knows nobody: every event of a source other than {@code customers} is quarantined as of an
     * unknown customer, and every signup is accepted. For validating customer tables, which ask
     * nothing, and for tests; the steps pass the feature state's customers.
     */
    KnownCustomers NOBODY = customerId -> OptionalLong.empty();

    /** The signup time of {@code customerId} in epoch seconds, or empty when the customer is unknown. */
    OptionalLong signupTime(String customerId);

    /** Customers given as id to signup time in epoch seconds. */
    static KnownCustomers of(Map<String, Long> signupTimes) {
        Map<String, Long> copy = Map.copyOf(signupTimes);
        return customerId -> {
            Long t = copy.get(customerId);
            return t == null ? OptionalLong.empty() : OptionalLong.of(t);
        };
    }
}
