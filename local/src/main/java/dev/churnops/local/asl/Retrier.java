package dev.churnops.local.asl;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
  * One entry of a state's {@code Retry} list, with the spec's defaults already applied: an interval of
  * 1 s, a backoff rate of 2.0 and 3 attempts. The delay before retry {@code n} (counted from 0 per
  * retrier) is {@code IntervalSeconds * BackoffRate^n}, capped by {@code MaxDelaySeconds} and, with
  * {@code JitterStrategy FULL}, drawn uniformly below that.
  *
  * @param maxDelaySeconds cap on a single delay, or {@code null} for none
  */
record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
        Integer maxDelaySeconds, boolean fullJitter) {

    static final int DEFAULT_INTERVAL_SECONDS = 1;
    static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final double DEFAULT_BACKOFF_RATE = 2.0;

    boolean matches(String error) {
        return ErrorNames.matches(errorEquals, error);
    }

    /** Seconds to wait before the retry that follows {@code retriesSoFar} earlier retries by this retrier. */
    double delaySeconds(int retriesSoFar) {
        double delay = intervalSeconds * Math.pow(backoffRate, retriesSoFar);
        if (maxDelaySeconds != null) {
            delay = Math.min(delay, maxDelaySeconds);
        }
        return fullJitter ? ThreadLocalRandom.current().nextDouble() * delay : delay;
    }
}
