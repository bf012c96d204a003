package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The rules that can find a feature drifted, recorded in {@link FeatureDrift#rules()} so a reader
 * sees which one fired (the matching sentences are in {@link FeatureDrift#reasons()}).
 */
public enum DriftRule {
    /** PSI strictly above its threshold. */
    @JsonProperty("psi") PSI,
    /** KL(current || baseline) strictly above its threshold. */
    @JsonProperty("kl") KL,
    /** Jensen-Shannon distance strictly above its threshold. */
    @JsonProperty("js") JS,
    /** Few current values: the corrected p-value is below alpha. */
    @JsonProperty("test") TEST,
    /** Enough current values: the corrected p-value is below alpha and the effect reaches its minimum. */
    @JsonProperty("test_and_effect") TEST_AND_EFFECT,
    /** The feature could not be compared (missing column, changed type, no current values). */
    @JsonProperty("not_comparable") NOT_COMPARABLE
}
