package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.churnops.core.json.Json;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How drift is judged, immutable and validated in one place; readable from JSON (snake_case fields,
 * every one optional) and buildable in code. A field left out takes its default:
 * <ul>
 *   <li>{@code small_sample_rows} 1000: a feature with fewer current values than this is judged by
 *       its test alone (KS for numbers, chi-squared for categories) after multiple-testing
 *       correction; with at least this many, it drifts when a distance exceeds its threshold, or
 *       when the corrected test is significant and the effect is at least the practical minimum
 *       below (so that at a million rows a real but negligible difference does not alarm);</li>
 *   <li>{@code alpha} 0.05 and {@code correction} {@code benjamini_hochberg} (or {@code holm}),
 *       applied across all compared features;</li>
 *   <li>{@code thresholds}: PSI 0.2, KL 0.2, JS 0.1 (a feature drifts when any distance is strictly
 *       above its threshold; KL 0.2 is the design's alert level), and the practical minimums of the
 *       significant-test rule: {@code min_ks_statistic} 0.05 and {@code min_wasserstein_in_std} 0.5
 *       for numbers (either suffices), {@code min_share_change} 0.05 (5 points of one category's or
 *       bucket's share) for categories and for numbers tested on buckets;
 *       {@code features} maps a feature name (or {@value MonitoringBaseline#SCORE_FEATURE} for
 *       prediction drift) to thresholds that override the global ones they name;</li>
 *   <li>{@code smoothing_epsilon} 1e-4: added to every bucket proportion before PSI and KL;</li>
 *   <li>{@code completeness_tolerance} 0.05: a completeness_check violation is raised when the
 *       share of present values falls more than this below the baseline's;</li>
 *   <li>{@code drift_share_threshold} 0.5: the dataset has drifted when at least this share of
 *       features has.</li>
 * </ul>
 * Why these minimums: with the goal of catching a 0.25 standard-deviation shift (KS about 0.10,
 * Wasserstein 0.25 sd) and a 10-point move of a category's share at 10,000 rows, half of each
 * effect leaves room for sampling noise (KS noise at 10,000 rows is about 0.01-0.02), while a
 * 0.02 sd shift (KS 0.008) stays quiet however many rows make it significant. Wasserstein is on
 * the percentiles p0..p100, whose ends are the minimum and maximum, so its minimum is set high
 * enough that the extremes of a skewed feature drawn at different sample sizes do not reach it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriftConfig(@JsonProperty("small_sample_rows") Integer smallSampleRows,
                          @JsonProperty("alpha") Double alpha,
                          @JsonProperty("correction") Correction correction,
                          @JsonProperty("smoothing_epsilon") Double smoothingEpsilon,
                          @JsonProperty("thresholds") Thresholds thresholds,
                          @JsonProperty("features") Map<String, Thresholds> features,
                          @JsonProperty("completeness_tolerance") Double completenessTolerance,
                          @JsonProperty("drift_share_threshold") Double driftShareThreshold) {

    public static final int DEFAULT_SMALL_SAMPLE_ROWS = 1000;
    public static final double DEFAULT_ALPHA = 0.05;
    public static final double DEFAULT_PSI = 0.2;
    public static final double DEFAULT_KL = 0.2;
    public static final double DEFAULT_JS = 0.1;
    public static final double DEFAULT_MIN_KS_STATISTIC = 0.05;
    public static final double DEFAULT_MIN_WASSERSTEIN_IN_STD = 0.5;
    public static final double DEFAULT_MIN_SHARE_CHANGE = 0.05;
    public static final double DEFAULT_SMOOTHING_EPSILON = 1e-4;
    public static final double DEFAULT_COMPLETENESS_TOLERANCE = 0.05;
    public static final double DEFAULT_DRIFT_SHARE_THRESHOLD = 0.5;

    public DriftConfig {
        smallSampleRows = smallSampleRows == null ? DEFAULT_SMALL_SAMPLE_ROWS : smallSampleRows;
        if (smallSampleRows < 0) {
            throw invalid("small_sample_rows", smallSampleRows, "a row count of 0 or more");
        }
        alpha = alpha == null ? DEFAULT_ALPHA : alpha;
        if (!(alpha > 0 && alpha < 1)) {
            throw invalid("alpha", alpha, "a significance level strictly between 0 and 1");
        }
        correction = correction == null ? Correction.BENJAMINI_HOCHBERG : correction;
        smoothingEpsilon = smoothingEpsilon == null ? DEFAULT_SMOOTHING_EPSILON : smoothingEpsilon;
        if (!(smoothingEpsilon > 0 && smoothingEpsilon < 0.1)) {
            throw invalid("smoothing_epsilon", smoothingEpsilon, "a small positive number below 0.1");
        }
        thresholds = (thresholds == null ? new Thresholds(null, null, null) : thresholds).orElse(Thresholds.DEFAULTS);
        features = features == null ? Map.of() : new TreeMap<>(features);
        for (Map.Entry<String, Thresholds> e : features.entrySet()) {
            if (e.getValue() == null) {
                throw invalid("features." + e.getKey(), null, "an object of thresholds (psi, kl, js)");
            }
        }
        features = Collections.unmodifiableMap(features);
        completenessTolerance = completenessTolerance == null ? DEFAULT_COMPLETENESS_TOLERANCE : completenessTolerance;
        if (!(completenessTolerance >= 0 && completenessTolerance <= 1)) {
            throw invalid("completeness_tolerance", completenessTolerance, "a share between 0 and 1");
        }
        driftShareThreshold = driftShareThreshold == null ? DEFAULT_DRIFT_SHARE_THRESHOLD : driftShareThreshold;
        if (!(driftShareThreshold > 0 && driftShareThreshold <= 1)) {
            throw invalid("drift_share_threshold", driftShareThreshold, "a share above 0 and at most 1");
        }
    }

    /** Every field at its default. */
    public static DriftConfig defaults() {
        return builder().build();
    }

    /** Reads a drift config document; {@code what} names it in error messages. */
    public static DriftConfig read(byte[] json, String what) {
        return Json.read(json, DriftConfig.class, what);
    }

    /** The thresholds for {@code feature}: its own where it names them, the global ones otherwise. */
    public Thresholds thresholdsFor(String feature) {
        Thresholds own = features.get(feature);
        return own == null ? thresholds : own.orElse(thresholds);
    }

    /** Adjusts p-values for testing many features at once. */
    public double[] adjust(double[] pValues) {
        return correction == Correction.HOLM ? DriftStatistics.holm(pValues) : DriftStatistics.benjaminiHochberg(pValues);
    }

    private static IllegalArgumentException invalid(String field, Object value, String expected) {
        return new IllegalArgumentException("Drift config field '" + field + "' is " + value + ": expected " + expected + ".");
    }

    /**
     * Per-feature or global limits. A feature drifts when a distance (PSI, KL, JS) is strictly
     * above its threshold, or, with at least {@code small_sample_rows} current values, when its
     * corrected test is significant and its effect is at least a minimum: the KS statistic
     * ({@code min_ks_statistic}) or the Wasserstein distance in baseline standard deviations
     * ({@code min_wasserstein_in_std}) for numbers, the largest change of one category's (or
     * bucket's) share ({@code min_share_change}) otherwise. In a per-feature entry, a field left out
     * takes the global value.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Thresholds(@JsonProperty("psi") Double psi, @JsonProperty("kl") Double kl,
                             @JsonProperty("js") Double js,
                             @JsonProperty("min_ks_statistic") Double minKsStatistic,
                             @JsonProperty("min_wasserstein_in_std") Double minWassersteinInStd,
                             @JsonProperty("min_share_change") Double minShareChange) {

        /** Every limit at its default. */
        public static final Thresholds DEFAULTS = new Thresholds(DEFAULT_PSI, DEFAULT_KL, DEFAULT_JS,
                DEFAULT_MIN_KS_STATISTIC, DEFAULT_MIN_WASSERSTEIN_IN_STD, DEFAULT_MIN_SHARE_CHANGE);

        public Thresholds {
            check("psi", psi);
            check("kl", kl);
            share("js", js, "a Jensen-Shannon distance between 0 and 1");
            share("min_ks_statistic", minKsStatistic, "a KS statistic above 0 and at most 1");
            check("min_wasserstein_in_std", minWassersteinInStd);
            share("min_share_change", minShareChange, "a change of share above 0 and at most 1");
        }

        /** Distance thresholds only; the effect minimums are left out (they take the global or default values). */
        public Thresholds(Double psi, Double kl, Double js) {
            this(psi, kl, js, null, null, null);
        }

        /** These limits, with every one left out taken from {@code fallback}. */
        public Thresholds orElse(Thresholds fallback) {
            return new Thresholds(psi == null ? fallback.psi : psi, kl == null ? fallback.kl : kl,
                    js == null ? fallback.js : js, minKsStatistic == null ? fallback.minKsStatistic : minKsStatistic,
                    minWassersteinInStd == null ? fallback.minWassersteinInStd : minWassersteinInStd,
                    minShareChange == null ? fallback.minShareChange : minShareChange);
        }

        private static void check(String field, Double value) {
            if (value != null && !(value > 0 && !value.isInfinite())) {
                throw invalid("thresholds." + field, value, "a positive number");
            }
        }

        private static void share(String field, Double value, String expected) {
            if (value != null && !(value > 0 && value <= 1)) {
                throw invalid("thresholds." + field, value, expected);
            }
        }
    }

    /** The multiple-testing correction applied to the features' p-values. */
    public enum Correction {
        BENJAMINI_HOCHBERG, HOLM;

        /** The name as written in JSON. */
        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Reads {@code benjamini_hochberg} or {@code holm}, case-insensitively. */
        @JsonCreator
        public static Correction parse(String value) {
            for (Correction c : values()) {
                if (c.label().equalsIgnoreCase(value == null ? "" : value.trim())) {
                    return c;
                }
            }
            throw new IllegalArgumentException("Drift config field 'correction' is " + value
                    + ": expected benjamini_hochberg or holm.");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a config; every setter is optional and the class Javadoc lists the defaults. */
    public static final class Builder {
        private Integer smallSampleRows;
        private Double alpha;
        private Correction correction;
        private Double smoothingEpsilon;
        private Thresholds thresholds;
        private final Map<String, Thresholds> features = new TreeMap<>();
        private Double completenessTolerance;
        private Double driftShareThreshold;

        private Builder() {
        }

        public Builder smallSampleRows(int rows) {
            this.smallSampleRows = rows;
            return this;
        }

        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        public Builder correction(Correction correction) {
            this.correction = correction;
            return this;
        }

        public Builder smoothingEpsilon(double epsilon) {
            this.smoothingEpsilon = epsilon;
            return this;
        }

        public Builder thresholds(Thresholds thresholds) {
            this.thresholds = thresholds;
            return this;
        }

        public Builder feature(String name, Thresholds thresholds) {
            this.features.put(name, thresholds);
            return this;
        }

        public Builder completenessTolerance(double tolerance) {
            this.completenessTolerance = tolerance;
            return this;
        }

        public Builder driftShareThreshold(double share) {
            this.driftShareThreshold = share;
            return this;
        }

        public DriftConfig build() {
            return new DriftConfig(smallSampleRows, alpha, correction, smoothingEpsilon, thresholds, features,
                    completenessTolerance, driftShareThreshold);
        }
    }
}
