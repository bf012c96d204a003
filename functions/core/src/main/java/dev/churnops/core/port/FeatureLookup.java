package dev.churnops.core.port;

import java.util.Map;
import java.util.Optional;

/**
 * The online side of the feature store as scoring sees it: the latest feature values of a customer,
 * column name to value (numbers, strings, booleans; null for missing). SageMaker Feature Store
 * {@code GetRecord} on AWS; an embedded store locally.
 */
public interface FeatureLookup {

    Optional<Map<String, Object>> latest(String customerId);

    /** A lookup that knows no customer: where no feature store is configured. */
    FeatureLookup NONE = customerId -> Optional.empty();
}
