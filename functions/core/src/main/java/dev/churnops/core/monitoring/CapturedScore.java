package dev.churnops.core.monitoring;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One captured score: the customer (null for an inline request that named none), when it was
 * scored, the model name and version that scored it, the churn probability, the risk segment the
 * serving model put it in, and the features as the request carried them (numbers as
 * {@link Double}, text as {@link String}, booleans as {@link Boolean}, null where the request had
 * null). Read from the capture's JSON lines by {@link CapturedScores#parse}; validates itself so a
 * record in hand is always usable by the checks.
 */
public record CapturedScore(String customerId, Instant scoredAt, String model, int version, double probability,
                            String segment, Map<String, Object> features) {

    public CapturedScore {
        if (customerId != null && customerId.isBlank()) {
            throw new IllegalArgumentException("CapturedScore.customerId is blank: expected a customer id or null"
                    + " for an inline request.");
        }
        if (scoredAt == null) {
            throw new IllegalArgumentException("CapturedScore.scoredAt is null: expected the instant of scoring.");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("CapturedScore.model is " + (model == null ? "null" : "blank")
                    + ": expected the name of the model that scored.");
        }
        if (version < 0) {
            throw new IllegalArgumentException("CapturedScore.version is " + version + ": expected a model version of 0 or more.");
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("CapturedScore.probability is " + probability
                    + ": expected a churn probability from 0 to 1.");
        }
        if (features == null) {
            throw new IllegalArgumentException("CapturedScore.features is null: expected a map of column to value"
                    + " (empty when the request had none).");
        }
        Map<String, Object> copy = new LinkedHashMap<>(features.size() * 2);
        for (Map.Entry<String, Object> e : features.entrySet()) {
            Object v = e.getValue();
            if (!(v == null || v instanceof Double || v instanceof String || v instanceof Boolean)) {
                throw new IllegalArgumentException("CapturedScore.features['" + e.getKey() + "'] is a "
                        + v.getClass().getSimpleName() + ": expected a Double, a String, a Boolean or null.");
            }
            copy.put(e.getKey(), v);
        }
        features = Collections.unmodifiableMap(copy);
    }
}
