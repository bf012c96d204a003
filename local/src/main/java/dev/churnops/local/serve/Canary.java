package dev.churnops.local.serve;

import dev.churnops.core.monitoring.ScoreDistribution;
import dev.churnops.core.scoring.ServingModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One new champion on trial beside the stable model: which requests it takes, and what it has done
 * with them (requests, failures, p99 latency against the stable model's over the same period, and
 * its scores against its training score distribution). The request path only routes and counts,
 * with atomics and no lock; {@link #alarm} and {@link #figures} are read by the watcher between
 * requests.
 *
 * <p>Routing is deterministic. A request for one customer by id ({@code GET
 * /v1/customers/{id}/score}) goes to the canary when a hash of the id falls below the share, so a
 * customer sees one version for the whole trial. Any other scoring request is counted, and request
 * {@code n} (from 0) goes to the canary when {@code floor((n + 1) * share) > floor(n * share)}, which
 * spreads the share evenly: with 0.1, every tenth request.
 */
final class Canary {

    /** The p99 of fewer durations is their maximum: one slow request (the canary's first, say) would decide. */
    static final long MIN_LATENCY_SAMPLES = 100;

    private final ServingModel model;
    private final ServingModel stable;
    private final double share;
    private final long startedNanos = System.nanoTime();
    private final AtomicLong routed = new AtomicLong();
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LatencyHistogram latency = new LatencyHistogram();
    private final LatencyHistogram stableLatency = new LatencyHistogram();
    private final ScoreDistribution scores;

    Canary(ServingModel model, ServingModel stable, double share, ScoreDistribution scores) {
        this.model = model;
        this.stable = stable;
        this.share = share;
        this.scores = scores;
    }

    ServingModel model() {
        return model;
    }

    ServingModel stable() {
        return stable;
    }

    int version() {
        return model.version();
    }

    /** Whether a request for {@code customerId} (null when the request is not by id) goes to the canary. */
    boolean takes(String customerId) {
        if (customerId != null) {
            return unit(customerId.hashCode()) < share;
        }
        long n = routed.getAndIncrement();
        return (long) Math.floor((n + 1) * share) > (long) Math.floor(n * share);
    }

    /** A 32-bit hash spread over [0, 1) by the MurmurHash3 finalizer, so similar ids land far apart. */
    static double unit(int hash) {
        int h = hash;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return (h & 0xffffffffL) / 4294967296.0;
    }

    void canaryAnswered(long nanos, boolean failed) {
        requests.increment();
        if (failed) {
            errors.increment();
        }
        latency.record(nanos);
    }

    void stableAnswered(long nanos) {
        stableLatency.record(nanos);
    }

    void scored(double probability) {
        if (scores != null) {
            scores.record(probability);
        }
    }

    long requests() {
        return requests.sum();
    }

    boolean checksScores() {
        return scores != null;
    }

    /** Why the canary must be rolled back, in one sentence with its figures; empty while nothing alarms. */
    Optional<String> alarm(CanaryPolicy policy) {
        long n = requests.sum();
        long failed = errors.sum();
        if (failed >= policy.minErrors() && failed > policy.maxErrorRate() * n) {
            return Optional.of(String.format(java.util.Locale.ROOT,
                    "error rate: %d of %d canary requests failed (%.1f%%, alarm above %.1f%% once %d have failed)",
                    failed, n, 100.0 * failed / n, 100 * policy.maxErrorRate(), policy.minErrors()));
        }
        long canaryCount = latency.count();
        long stableCount = stableLatency.count();
        long needed = Math.max(policy.minSamples(), MIN_LATENCY_SAMPLES);
        if (canaryCount >= needed && stableCount >= needed) {
            long p99 = latency.quantile(0.99);
            long stableP99 = stableLatency.quantile(0.99);
            if (p99 > policy.latencyFactor() * stableP99 && p99 > policy.latencyFloor().toNanos()) {
                return Optional.of(String.format(java.util.Locale.ROOT,
                        "latency: canary p99 %.1f ms is above %.1f x the stable p99 %.1f ms and above %d ms",
                        p99 / 1e6, policy.latencyFactor(), stableP99 / 1e6, policy.latencyFloor().toMillis()));
            }
        }
        if (scores != null && scores.count() >= policy.minSamples()) {
            double psi = scores.psi();
            if (psi > policy.maxScorePsi()) {
                return Optional.of(String.format(java.util.Locale.ROOT,
                        "score distribution: PSI %.3f of %d canary scores against v%d's training scores is above %.2f",
                        psi, scores.count(), model.version(), policy.maxScorePsi()));
            }
        }
        return Optional.empty();
    }

    /** What the canary did, for the serving history: counts, failure rate, both p99s, the score PSI. */
    Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        long n = requests.sum();
        f.put("share", share);
        f.put("seconds", round((System.nanoTime() - startedNanos) / 1e9));
        f.put("requests", n);
        f.put("errors", errors.sum());
        f.put("p99_ms", round(latency.quantile(0.99) / 1e6));
        f.put("stable_requests", stableLatency.count());
        f.put("stable_p99_ms", round(stableLatency.quantile(0.99) / 1e6));
        if (scores != null) {
            f.put("scores", scores.count());
            double psi = scores.psi();
            f.put("score_psi", Double.isNaN(psi) ? null : round(psi));
        }
        return f;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
