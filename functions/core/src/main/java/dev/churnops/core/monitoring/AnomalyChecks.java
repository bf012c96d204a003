package dev.churnops.core.monitoring;

import dev.churnops.core.data.ColumnType;
import dev.churnops.core.monitoring.Anomaly.Kind;
import dev.churnops.core.monitoring.Anomaly.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Operational anomaly checks, each a pure function of its inputs under an {@link AnomalyConfig}
 * that returns the anomalies found (empty when all is well, never throwing on thin data):
 * the window's volume against previous windows (median-based), missing-rate spikes against the
 * baseline's completeness, schema changes (missing or extra columns, numeric/text type changes),
 * scores outside [0, 1] or crowding the baseline's tails, the API's 5xx rate and p99 latency, and
 * feature staleness. {@link #run} runs the ones whose inputs are given. Severity: a missing
 * column, a type change, an invalid score or an empty window is CRITICAL; otherwise an anomaly is
 * CRITICAL when its figure is {@code critical_factor} times past its limit, else a WARNING.
 */
public final class AnomalyChecks {

    private final AnomalyConfig config;

    public AnomalyChecks(AnomalyConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("Anomaly checks need a config: use AnomalyConfig.defaults().");
        }
        this.config = config;
    }

    /** The API's figures for the period: requests, 5xx responses, p99 latency (null when not measured). */
    public record ApiFigures(long requests, long serverErrors, Double p99Millis) {
        public ApiFigures {
            if (requests < 0 || serverErrors < 0 || serverErrors > requests) {
                throw new IllegalArgumentException("ApiFigures has " + requests + " requests and " + serverErrors
                        + " server errors: expected counts of 0 or more with no more errors than requests.");
            }
            if (p99Millis != null && !(p99Millis >= 0)) {
                throw new IllegalArgumentException("ApiFigures.p99Millis is " + p99Millis + ": expected milliseconds of 0 or more, or null.");
            }
        }
    }

    /**
     * Whatever the caller has; every field may be null and the checks needing it are skipped.
     *
     * @param currentRows      rows (scores) of the current window
     * @param previousRows     row counts of previous windows, oldest first
     * @param baseline         the monitoring baseline
     * @param features         the current window's features (e.g. {@link CapturedFeatures#table()})
     * @param scores           the current window's scores
     * @param api              the API's figures
     * @param newestFeatureAt  the newest feature or event time
     * @param now              the time staleness is judged at
     */
    public record Inputs(Long currentRows, List<Long> previousRows, MonitoringBaseline baseline, FeatureColumns features,
                         double[] scores, ApiFigures api, Instant newestFeatureAt, Instant now) {
    }

    /** Runs every check whose inputs are given, in the order of {@link Kind}. */
    public List<Anomaly> run(Inputs in) {
        List<Anomaly> found = new ArrayList<>();
        if (in.currentRows() != null && in.previousRows() != null) {
            found.addAll(volume(in.currentRows(), in.previousRows()));
        }
        if (in.baseline() != null && in.features() != null) {
            found.addAll(missingRates(in.baseline(), in.features()));
            found.addAll(schema(in.baseline(), in.features()));
        }
        if (in.scores() != null) {
            found.addAll(scores(in.baseline(), in.scores()));
        }
        if (in.api() != null) {
            found.addAll(api(in.api()));
        }
        if (in.now() != null) {
            found.addAll(staleness(in.newestFeatureAt(), in.now()));
        }
        return found;
    }

    /** The window's rows against the median of the last {@code volume_history} previous window sizes. */
    public List<Anomaly> volume(long rows, List<Long> previousRows) {
        List<Long> previous = previousRows.subList(Math.max(0, previousRows.size() - config.volumeHistory()),
                previousRows.size());
        if (previous.size() < config.volumeMinHistory()) {
            return List.of();
        }
        long[] sorted = previous.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        String of = String.format(Locale.ROOT, "the median %s of the previous %d windows", plain(median), n);
        double low = config.volumeLowRatio() * median;
        double high = config.volumeHighRatio() * median;
        if (rows < low) {
            boolean critical = rows == 0 || rows < low / config.criticalFactor();
            return List.of(new Anomaly(Kind.VOLUME_DROP, null, (double) rows, median, low, severity(critical), String.format(
                    Locale.ROOT, "The window has %d rows, below %s × %s (%s).", rows, plain(config.volumeLowRatio()), of,
                    plain(low))));
        }
        if (rows > high) {
            boolean critical = rows > high * config.criticalFactor();
            return List.of(new Anomaly(Kind.VOLUME_SPIKE, null, (double) rows, median, high, severity(critical), String.format(
                    Locale.ROOT, "The window has %d rows, above %s × %s (%s).", rows, plain(config.volumeHighRatio()), of,
                    plain(high))));
        }
        return List.of();
    }

    /** Each baseline feature whose missing rate rose by at least {@code missing_rate_increase}. */
    public List<Anomaly> missingRates(MonitoringBaseline baseline, FeatureColumns current) {
        List<Anomaly> found = new ArrayList<>();
        if (current.size() == 0) {
            return found;
        }
        for (BaselineStatistics.Feature f : baseline.statistics().features()) {
            if (f.name().equals(MonitoringBaseline.SCORE_FEATURE) || !current.featureNames().contains(f.name())) {
                continue;
            }
            long missing = 0;
            if (current.featureType(f.name()) == ColumnType.NUMERIC) {
                for (double v : current.numeric(f.name())) {
                    missing += Double.isNaN(v) ? 1 : 0;
                }
            } else {
                for (String v : current.categorical(f.name())) {
                    missing += v == null ? 1 : 0;
                }
            }
            double rate = (double) missing / current.size();
            double expected = 1 - baseline.constraints().feature(f.name()).map(BaselineConstraints.Feature::completeness)
                    .orElseGet(() -> {
                        long all = f.common().numPresent() + f.common().numMissing();
                        return all == 0 ? 1.0 : (double) f.common().numPresent() / all;
                    });
            double limit = expected + config.missingRateIncrease();
            if (rate >= limit - 1e-12) {
                boolean critical = rate - expected >= config.criticalFactor() * config.missingRateIncrease();
                found.add(new Anomaly(Kind.MISSING_RATE_SPIKE, f.name(), rate, expected, limit, severity(critical),
                        String.format(Locale.ROOT, "Feature '%s' is missing in %.1f%% of %d rows against %.1f%% in the"
                                        + " baseline, at least %.0f points more.", f.name(), 100 * rate, current.size(),
                                100 * expected, 100 * config.missingRateIncrease())));
            }
        }
        return found;
    }

    /** Baseline features the data lacks, columns the baseline lacks, and numeric/text type changes. */
    public List<Anomaly> schema(MonitoringBaseline baseline, FeatureColumns current) {
        List<Anomaly> found = new ArrayList<>();
        for (BaselineStatistics.Feature f : baseline.statistics().features()) {
            if (f.name().equals(MonitoringBaseline.SCORE_FEATURE)) {
                continue;
            }
            if (!current.featureNames().contains(f.name())) {
                found.add(new Anomaly(Kind.MISSING_COLUMN, f.name(), null, null, null, Severity.CRITICAL,
                        "Feature '" + f.name() + "' of the baseline is not in the current data."));
                continue;
            }
            boolean numeric = current.featureType(f.name()) == ColumnType.NUMERIC;
            if (numeric != f.inferredType().numeric()) {
                found.add(new Anomaly(Kind.TYPE_CHANGE, f.name(), null, null, null, Severity.CRITICAL, "Feature '" + f.name()
                        + "' was " + f.inferredType().label() + " in the baseline but is "
                        + current.featureType(f.name()) + " in the current data."));
            }
        }
        for (String name : current.featureNames()) {
            if (baseline.statistics().feature(name).isEmpty()) {
                found.add(new Anomaly(Kind.EXTRA_COLUMN, name, null, null, null, Severity.WARNING,
                        "Column '" + name + "' is in the current data but not in the baseline."));
            }
        }
        return found;
    }

    /**
     * Scores that are not probabilities (NaN or outside [0, 1]), and, when the baseline has a score
     * distribution and there are at least {@code score_tail_min_rows} valid scores, a share above the
     * baseline's p99 or below its p1 beyond {@code score_tail_factor} × 1%.
     *
     * @param baseline may be null: then only the range is checked
     */
    public List<Anomaly> scores(MonitoringBaseline baseline, double[] scores) {
        List<Anomaly> found = new ArrayList<>();
        double[] valid = Arrays.stream(scores).filter(s -> s >= 0 && s <= 1).toArray();
        long invalid = scores.length - valid.length;
        if (invalid > 0) {
            found.add(new Anomaly(Kind.SCORE_OUT_OF_RANGE, MonitoringBaseline.SCORE_FEATURE, (double) invalid, 0.0, 0.0,
                    Severity.CRITICAL, invalid + " of " + scores.length + " scores are NaN or outside [0, 1]."));
        }
        List<Double> percentiles = baseline == null ? null : baseline.statistics().feature(MonitoringBaseline.SCORE_FEATURE)
                .map(BaselineStatistics.Feature::numericalStatistics)
                .map(BaselineStatistics.NumericalStatistics::distribution)
                .map(d -> d.kll().sketch())
                .filter(sketch -> sketch != null && !sketch.data().isEmpty() && sketch.data().get(0).size() == 101)
                .map(sketch -> sketch.data().get(0)).orElse(null);
        if (percentiles == null || valid.length < config.scoreTailMinRows()) {
            return found;
        }
        double p1 = percentiles.get(1);
        double p99 = percentiles.get(99);
        long above = Arrays.stream(valid).filter(s -> s > p99).count();
        long below = Arrays.stream(valid).filter(s -> s < p1).count();
        double limit = config.scoreTailFactor() * 0.01;
        tail(found, "above the baseline's p99 " + plain(p99), (double) above / valid.length, limit, valid.length);
        tail(found, "below the baseline's p1 " + plain(p1), (double) below / valid.length, limit, valid.length);
        return found;
    }

    private void tail(List<Anomaly> found, String where, double share, double limit, int n) {
        if (share > limit) {
            found.add(new Anomaly(Kind.SCORE_TAIL_SHIFT, MonitoringBaseline.SCORE_FEATURE, share, 0.01, limit,
                    severity(share > config.criticalFactor() * limit), String.format(Locale.ROOT,
                    "%.1f%% of %d scores are %s, against 1%% expected (limit %.1f%%).", 100 * share, n, where, 100 * limit)));
        }
    }

    /** The API's 5xx share and p99 latency against their limits; no requests means no error rate. */
    public List<Anomaly> api(ApiFigures api) {
        List<Anomaly> found = new ArrayList<>();
        if (api.requests() > 0) {
            double rate = (double) api.serverErrors() / api.requests();
            if (rate > config.maxErrorRate()) {
                found.add(new Anomaly(Kind.API_ERROR_RATE, null, rate, null, config.maxErrorRate(),
                        severity(rate > config.criticalFactor() * config.maxErrorRate()), String.format(Locale.ROOT,
                        "%d of %d requests (%.2f%%) failed with a 5xx, above the limit of %.2f%%.", api.serverErrors(),
                        api.requests(), 100 * rate, 100 * config.maxErrorRate())));
            }
        }
        if (api.p99Millis() != null && api.p99Millis() > config.maxP99LatencyMs()) {
            found.add(new Anomaly(Kind.API_LATENCY, null, api.p99Millis(), null, config.maxP99LatencyMs(),
                    severity(api.p99Millis() > config.criticalFactor() * config.maxP99LatencyMs()), String.format(Locale.ROOT,
                    "The API's p99 latency is %s ms, above the limit of %s ms.", plain(api.p99Millis()),
                    plain(config.maxP99LatencyMs()))));
        }
        return found;
    }

    /** The newest feature time against {@code max_feature_age_hours}; none at all is CRITICAL. */
    public List<Anomaly> staleness(Instant newest, Instant now) {
        if (newest == null) {
            return List.of(new Anomaly(Kind.STALE_FEATURES, null, null, null,
                    config.maxFeatureAgeHours(), Severity.CRITICAL, "No feature time was found: the features cannot be"
                    + " shown to be fresh."));
        }
        double hours = Duration.between(newest, now).toSeconds() / 3600.0;
        if (hours <= config.maxFeatureAgeHours()) {
            return List.of();
        }
        return List.of(new Anomaly(Kind.STALE_FEATURES, null, hours, null, config.maxFeatureAgeHours(),
                severity(hours > config.criticalFactor() * config.maxFeatureAgeHours()), String.format(Locale.ROOT,
                "The newest feature time %s is %.1f hours before %s, more than the limit of %s hours.", newest, hours, now,
                plain(config.maxFeatureAgeHours()))));
    }

    private static Severity severity(boolean critical) {
        return critical ? Severity.CRITICAL : Severity.WARNING;
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4g", value);
    }
}
