package dev.churnops.local.serve;

import java.time.Duration;

/**
 * How a new champion is brought into service while {@code churnops serve} runs: the share of
 * scoring requests its canary receives, how many canary requests without an alarm promote it, and
 * the three alarms that roll it back (error rate, p99 latency against the stable model's in the
 * same period, and the population stability index of its scores against its own training score
 * distribution). A share of 0 turns the canary off: a new champion replaces the serving model at
 * once. Built with {@link #builder()}, whose defaults are stated there; checked on construction,
 * each failure naming the field, the value and what was expected.
 *
 * @param share             share of scoring requests routed to the canary: 0 (no canary, swap at
 *                          once) up to but excluding 1 (a canary taking everything is no canary)
 * @param promoteAfter      canary requests answered without an alarm after which it is promoted
 * @param maxErrorRate      canary requests failing (an internal error, 5xx) above this share alarm…
 * @param minErrors         …once at least this many have failed, so one stray failure does not
 * @param latencyFactor     canary p99 above this multiple of the stable p99 in the same period alarms…
 * @param latencyFloor      …when it is also above this absolute p99, so microsecond noise does not
 * @param maxScorePsi       PSI of the canary's scores against its training score distribution above
 *                          this alarms (0.25 is the usual "significant shift")
 * @param minSamples        requests (latency) and scores (distribution) each alarm needs first; at
 *                          most {@code promoteAfter}, so no canary is promoted before the alarms
 *                          could have fired. The latency alarm also waits for 100 requests on each
 *                          side, since the p99 of fewer is their maximum, so with {@code promoteAfter}
 *                          below 100 it never fires
 */
public record CanaryPolicy(double share, long promoteAfter, double maxErrorRate, long minErrors, double latencyFactor,
                           Duration latencyFloor, double maxScorePsi, long minSamples) {

    /** No canary: a new champion is swapped in at once. */
    public static final CanaryPolicy OFF = builder().share(0).build();

    public CanaryPolicy {
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("CanaryPolicy.share is " + share + ": expected a share from 0 (no canary, "
                    + "swap at once) up to but excluding 1 (a canary that takes every request is no canary).");
        }
        if (promoteAfter < 1) {
            throw new IllegalArgumentException("CanaryPolicy.promoteAfter is " + promoteAfter
                    + ": expected at least 1 canary request before promotion.");
        }
        if (!(maxErrorRate >= 0 && maxErrorRate < 1)) {
            throw new IllegalArgumentException("CanaryPolicy.maxErrorRate is " + maxErrorRate
                    + ": expected a share from 0 up to but excluding 1.");
        }
        if (minErrors < 1) {
            throw new IllegalArgumentException("CanaryPolicy.minErrors is " + minErrors + ": expected at least 1.");
        }
        if (!(latencyFactor >= 1 && latencyFactor <= 1000)) {
            throw new IllegalArgumentException("CanaryPolicy.latencyFactor is " + latencyFactor
                    + ": expected a multiple of the stable p99 from 1 to 1000.");
        }
        if (latencyFloor == null || latencyFloor.isNegative()) {
            throw new IllegalArgumentException("CanaryPolicy.latencyFloor is " + latencyFloor
                    + ": expected a duration of zero or more.");
        }
        if (!(maxScorePsi > 0 && maxScorePsi <= 10)) {
            throw new IllegalArgumentException("CanaryPolicy.maxScorePsi is " + maxScorePsi + ": expected a PSI above 0, at most 10.");
        }
        if (minSamples < 1 || minSamples > promoteAfter) {
            throw new IllegalArgumentException("CanaryPolicy.minSamples is " + minSamples + ": expected 1 to promoteAfter ("
                    + promoteAfter + "), so every alarm has its samples before the canary can be promoted.");
        }
    }

    /** True when a new champion goes through a canary rather than replacing the serving model at once. */
    public boolean enabled() {
        return share > 0;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Defaults: 10% of requests to the canary, promoted after 1,000 canary requests; alarms at more
     * than 1% failed canary requests once 5 have failed, at a canary p99 above 2 × the stable p99 and
     * above 50 ms, and at a score PSI above 0.25; latency and distribution judged after 200 samples.
     * When {@link #promoteAfter} is set below 200 and {@link #minSamples} is not set, the minimum
     * follows it down.
     */
    public static final class Builder {
        private double share = 0.1;
        private long promoteAfter = 1_000;
        private double maxErrorRate = 0.01;
        private long minErrors = 5;
        private double latencyFactor = 2;
        private Duration latencyFloor = Duration.ofMillis(50);
        private double maxScorePsi = 0.25;
        private Long minSamples;

        private Builder() {
        }

        public Builder share(double value) {
            share = value;
            return this;
        }

        public Builder promoteAfter(long value) {
            promoteAfter = value;
            return this;
        }

        public Builder maxErrorRate(double value) {
            maxErrorRate = value;
            return this;
        }

        public Builder minErrors(long value) {
            minErrors = value;
            return this;
        }

        public Builder latencyFactor(double value) {
            latencyFactor = value;
            return this;
        }

        public Builder latencyFloor(Duration value) {
            latencyFloor = value;
            return this;
        }

        public Builder maxScorePsi(double value) {
            maxScorePsi = value;
            return this;
        }

        public Builder minSamples(long value) {
            minSamples = value;
            return this;
        }

        public CanaryPolicy build() {
            long samples = minSamples != null ? minSamples : Math.max(1, Math.min(200, promoteAfter));
            return new CanaryPolicy(share, promoteAfter, maxErrorRate, minErrors, latencyFactor, latencyFloor, maxScorePsi,
                    samples);
        }
    }
}
