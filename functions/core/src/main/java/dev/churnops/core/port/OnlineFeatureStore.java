package dev.churnops.core.port;

import dev.churnops.core.features.FeatureBatch;
import dev.churnops.core.features.FeatureSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The online side of the feature store: the latest feature vector of each customer of a view, for
 * scoring by id. A put keeps, per customer, the row with the later event time (an older row
 * arriving late does not overwrite a newer one). SageMaker Feature Store runtime on AWS; an
 * embedded store locally.
 */
public interface OnlineFeatureStore extends FeatureLookup {

    FeatureSchema schema();

    /** Stores each row unless the customer already has one with a later event time. */
    void put(FeatureBatch rows);

    /** The latest row of {@code customerId}, feature name to value (Double or String; null when missing). */
    Optional<Map<String, Object>> get(String customerId);

    /** {@link #get} for many customers at once; absent customers are left out of the map. */
    Map<String, Map<String, Object>> getAll(List<String> customerIds);

    @Override
    default Optional<Map<String, Object>> latest(String customerId) {
        return get(customerId);
    }
}
