package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churnops.core.json.Json;

/**
 * Limits of the operational anomaly checks, immutable and validated in one place; readable from
 * JSON (snake_case, every field optional):
 * <ul>
 *   <li>{@code volume_history} 7, {@code volume_min_history} 3, {@code volume_low_ratio} 0.5,
 *       {@code volume_high_ratio} 2: the window's rows against the median of the last
 *       {@code volume_history} window sizes, judged only with at least {@code volume_min_history};</li>
 *   <li>{@code missing_rate_increase} 0.10: a feature's missing rate this many points above the
 *       baseline's is a spike;</li>
 *   <li>{@code score_tail_factor} 5 and {@code score_tail_min_rows} 100: with at least that many
 *       scores, the share above the baseline's p99 (or below its p1) may be at most this many times
 *       the expected 1% — statistics.json holds the percentiles p0..p100, so p99/p1 are the finest
 *       tails it has;</li>
 *   <li>{@code max_error_rate} 0.01 and {@code max_p99_latency_ms} 1000: the API's 5xx share and
 *       p99 latency;</li>
 *   <li>{@code max_feature_age_hours} 48: the newest feature time may be at most this old;</li>
 *   <li>{@code critical_factor} 2: an anomaly is CRITICAL when its figure is this many times past
 *       its limit (for a drop: below the limit divided by it).</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnomalyConfig(@JsonProperty("volume_history") Integer volumeHistory,
                            @JsonProperty("volume_min_history") Integer volumeMinHistory,
                            @JsonProperty("volume_low_ratio") Double volumeLowRatio,
                            @JsonProperty("volume_high_ratio") Double volumeHighRatio,
                            @JsonProperty("missing_rate_increase") Double missingRateIncrease,
                            @JsonProperty("score_tail_factor") Double scoreTailFactor,
                            @JsonProperty("score_tail_min_rows") Integer scoreTailMinRows,
                            @JsonProperty("max_error_rate") Double maxErrorRate,
                            @JsonProperty("max_p99_latency_ms") Double maxP99LatencyMs,
                            @JsonProperty("max_feature_age_hours") Double maxFeatureAgeHours,
                            @JsonProperty("critical_factor") Double criticalFactor) {

    public AnomalyConfig {
        volumeHistory = volumeHistory == null ? 7 : volumeHistory;
        if (volumeHistory < 1) {
            throw invalid("volume_history", volumeHistory, "a number of previous windows of 1 or more");
        }
        volumeMinHistory = volumeMinHistory == null ? 3 : volumeMinHistory;
        if (volumeMinHistory < 1 || volumeMinHistory > volumeHistory) {
            throw invalid("volume_min_history", volumeMinHistory, "from 1 to volume_history (" + volumeHistory + ")");
        }
        volumeLowRatio = volumeLowRatio == null ? 0.5 : volumeLowRatio;
        if (!(volumeLowRatio > 0 && volumeLowRatio < 1)) {
            throw invalid("volume_low_ratio", volumeLowRatio, "a ratio strictly between 0 and 1");
        }
        volumeHighRatio = volumeHighRatio == null ? 2.0 : volumeHighRatio;
        if (!(volumeHighRatio > 1 && Double.isFinite(volumeHighRatio))) {
            throw invalid("volume_high_ratio", volumeHighRatio, "a ratio above 1");
        }
        missingRateIncrease = missingRateIncrease == null ? 0.10 : missingRateIncrease;
        if (!(missingRateIncrease > 0 && missingRateIncrease <= 1)) {
            throw invalid("missing_rate_increase", missingRateIncrease, "a share above 0 and at most 1");
        }
        scoreTailFactor = scoreTailFactor == null ? 5.0 : scoreTailFactor;
        if (!(scoreTailFactor > 1 && scoreTailFactor < 100)) {
            throw invalid("score_tail_factor", scoreTailFactor, "a factor above 1 and below 100");
        }
        scoreTailMinRows = scoreTailMinRows == null ? 100 : scoreTailMinRows;
        if (scoreTailMinRows < 1) {
            throw invalid("score_tail_min_rows", scoreTailMinRows, "a row count of 1 or more");
        }
        maxErrorRate = maxErrorRate == null ? 0.01 : maxErrorRate;
        if (!(maxErrorRate > 0 && maxErrorRate < 1)) {
            throw invalid("max_error_rate", maxErrorRate, "a share strictly between 0 and 1");
        }
        maxP99LatencyMs = maxP99LatencyMs == null ? 1000.0 : maxP99LatencyMs;
        if (!(maxP99LatencyMs > 0 && Double.isFinite(maxP99LatencyMs))) {
            throw invalid("max_p99_latency_ms", maxP99LatencyMs, "a positive number of milliseconds");
        }
        maxFeatureAgeHours = maxFeatureAgeHours == null ? 48.0 : maxFeatureAgeHours;
        if (!(maxFeatureAgeHours > 0 && Double.isFinite(maxFeatureAgeHours))) {
            throw invalid("max_feature_age_hours", maxFeatureAgeHours, "a positive number of hours");
        }
        criticalFactor = criticalFactor == null ? 2.0 : criticalFactor;
        if (!(criticalFactor > 1 && Double.isFinite(criticalFactor))) {
            throw invalid("critical_factor", criticalFactor, "a factor above 1");
        }
    }

    /** Every field at its default. */
    public static AnomalyConfig defaults() {
        return new AnomalyConfig(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Reads an anomaly config document; {@code what} names it in error messages. */
    public static AnomalyConfig read(byte[] json, String what) {
        return Json.read(json, AnomalyConfig.class, what);
    }

    private static IllegalArgumentException invalid(String field, Object value, String expected) {
        return new IllegalArgumentException("Anomaly config field '" + field + "' is " + value + ": expected " + expected + ".");
    }
}
