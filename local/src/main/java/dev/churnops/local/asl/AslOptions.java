package dev.churnops.local.asl;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
  * How the local interpreter runs a state machine: how much of each {@code Wait} and each retry
  * interval it really sleeps (a scale factor, so a one-hour wait can take no time locally), the values
  * for {@code ${Name}} placeholders in the definition (as SAM's {@code DefinitionSubstitutions} would
  * fill them in), the clock that stamps the history and the context object, and the number of state
  * transitions after which a looping execution is stopped. Instances are immutable; start from
  * {@link #local()} and adjust with the {@code with...} methods.
  *
  * @param waitScale multiplier applied to {@code Wait} durations; 0 means never sleep
  * @param retryIntervalScale multiplier applied to computed retry delays; 0 means never sleep
  * @param substitutions placeholder name to value, used for {@code ${Name}} in the definition
  * @param clock source of timestamps for history events and the context object
  * @param maxStateTransitions states an execution may enter, counting every branch and iteration
  */
public record AslOptions(
        double waitScale,
        double retryIntervalScale,
        Map<String, String> substitutions,
        Clock clock,
        int maxStateTransitions) {

    /** Transition budget of {@link #local()}: generous for real pipelines, small enough to stop a loop quickly. */
    public static final int DEFAULT_MAX_STATE_TRANSITIONS = 25_000;

    public AslOptions {
        requireScale("waitScale", waitScale);
        requireScale("retryIntervalScale", retryIntervalScale);
        Objects.requireNonNull(substitutions, "AslOptions.substitutions must not be null; use Map.of() for none");
        substitutions.forEach((name, value) -> {
            if (name == null || value == null) {
                throw new IllegalArgumentException(
                        "AslOptions.substitutions must not hold null names or values, got " + name + "=" + value);
            }
        });
        substitutions = Map.copyOf(substitutions);
        Objects.requireNonNull(clock, "AslOptions.clock must not be null");
        if (maxStateTransitions < 1) {
            throw new IllegalArgumentException(
                    "AslOptions.maxStateTransitions must be at least 1, got " + maxStateTransitions);
        }
    }

    /**
      * Defaults for running on a developer machine or in CI: waits and retry intervals scaled to 0 (no
      * sleeping), no substitutions, the UTC system clock, and {@value #DEFAULT_MAX_STATE_TRANSITIONS}
      * transitions.
      */
    public static AslOptions local() {
        return new AslOptions(0.0, 0.0, Map.of(), Clock.systemUTC(), DEFAULT_MAX_STATE_TRANSITIONS);
    }

    public AslOptions withWaitScale(double scale) {
        return new AslOptions(scale, retryIntervalScale, substitutions, clock, maxStateTransitions);
    }

    public AslOptions withRetryIntervalScale(double scale) {
        return new AslOptions(waitScale, scale, substitutions, clock, maxStateTransitions);
    }

    public AslOptions withSubstitutions(Map<String, String> values) {
        return new AslOptions(waitScale, retryIntervalScale, values, clock, maxStateTransitions);
    }

    public AslOptions withClock(Clock newClock) {
        return new AslOptions(waitScale, retryIntervalScale, substitutions, newClock, maxStateTransitions);
    }

    public AslOptions withMaxStateTransitions(int limit) {
        return new AslOptions(waitScale, retryIntervalScale, substitutions, clock, limit);
    }

    private static void requireScale(String field, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(
                    "AslOptions." + field + " must be a finite number >= 0, got " + value);
        }
    }
}
