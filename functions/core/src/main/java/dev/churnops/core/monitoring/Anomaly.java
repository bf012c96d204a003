package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One operational anomaly found by {@link AnomalyChecks}: a fact about volume, completeness,
 * schema, scores, the API or freshness that is out of its expected band. Kept apart from drift
 * (a change in distributions): an anomaly usually means something is broken, not that the world
 * moved.
 *
 * @param kind      what was checked
 * @param feature   the feature concerned, or null
 * @param observed  the measured figure (rows, a rate, milliseconds, hours), or null for a schema
 *                  change or when nothing could be measured
 * @param expected  what it was compared with (the median, the baseline's rate), or null
 * @param threshold the limit it crossed, or null
 * @param severity  WARNING or CRITICAL (see {@link AnomalyChecks} for when)
 * @param detail    one sentence with the figures
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Anomaly(@JsonProperty("kind") Kind kind, @JsonProperty("feature") String feature,
                      @JsonProperty("observed") Double observed, @JsonProperty("expected") Double expected,
                      @JsonProperty("threshold") Double threshold, @JsonProperty("severity") Severity severity,
                      @JsonProperty("detail") String detail) {

    public Anomaly {
        if (kind == null || severity == null || detail == null || detail.isBlank()) {
            throw new IllegalArgumentException("An anomaly needs a kind, a severity and a detail sentence.");
        }
    }

    /** What was checked. */
    public enum Kind {
        VOLUME_DROP, VOLUME_SPIKE, MISSING_RATE_SPIKE, MISSING_COLUMN, EXTRA_COLUMN, TYPE_CHANGE,
        SCORE_OUT_OF_RANGE, SCORE_TAIL_SHIFT, API_ERROR_RATE, API_LATENCY, STALE_FEATURES
    }

    /** How urgent. */
    public enum Severity { WARNING, CRITICAL }
}
