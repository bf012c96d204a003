package dev.churnops.handlers.scoring;

import java.time.Duration;
import java.util.Map;

/**
 * How the scoring function captures scores for monitoring ({@link BlobScoreCapture}), immutable and
 * checked once: which share of scored customers is kept, the seed of the sampling sequence, how
 * many lines one object holds, how long a line may wait for its object, and how many lines may be
 * held in memory before new ones are dropped. Build it with {@link #builder()}, which starts from
 * the stated defaults, or read it from the environment with {@link #from(Map)}.
 *
 * @param rate share of scored customers captured, 0 (capture off) to 1; default {@value #DEFAULT_RATE}
 * @param seed seed of the sampling sequence ({@link dev.churnops.core.scoring.CaptureLine#sampled});
 *     default {@value #DEFAULT_SEED}, as {@code churnops serve}
 * @param batchLines lines per object: a batch this large is written at once; 1 to
 *     {@value #MAX_BATCH_LINES}, default {@value #DEFAULT_BATCH_LINES}
 * @param flushAfter the longest a captured line waits before the next capture call hands its batch to
 *     the writer, 1 second to 15 minutes; default {@value #DEFAULT_FLUSH_SECONDS} seconds
 * @param bufferLines lines held in memory at most, waiting or being written; beyond it new ones are
 *     dropped and counted. From {@code batchLines} to {@value #MAX_BUFFER_LINES}; default
 *     {@value #DEFAULT_BUFFER_LINES}. It is also the most an instance can lose when Lambda reclaims it.
 */
public record CaptureSettings(double rate, long seed, int batchLines, Duration flushAfter, int bufferLines) {

    public static final double DEFAULT_RATE = 0.1;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_BATCH_LINES = 1000;
    public static final int DEFAULT_FLUSH_SECONDS = 60;
    public static final int DEFAULT_BUFFER_LINES = 5000;
    public static final int MAX_BATCH_LINES = 100_000;
    public static final int MAX_BUFFER_LINES = 1_000_000;
    private static final Duration MAX_FLUSH_AFTER = Duration.ofMinutes(15);

    /** Nothing captured. */
    public static final CaptureSettings OFF = builder().rate(0).build();

    public CaptureSettings {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("CaptureSettings.rate is " + rate
                    + " but must be a share from 0 (capture nothing) to 1 (capture every score).");
        }
        if (batchLines < 1 || batchLines > MAX_BATCH_LINES) {
            throw new IllegalArgumentException("CaptureSettings.batchLines is " + batchLines
                    + " but must be a number of lines from 1 to " + MAX_BATCH_LINES + ".");
        }
        if (flushAfter == null || flushAfter.compareTo(Duration.ofSeconds(1)) < 0 || flushAfter.compareTo(MAX_FLUSH_AFTER) > 0) {
            throw new IllegalArgumentException("CaptureSettings.flushAfter is " + flushAfter
                    + " but must be a duration from 1 second to 15 minutes.");
        }
        if (bufferLines < batchLines || bufferLines > MAX_BUFFER_LINES) {
            throw new IllegalArgumentException("CaptureSettings.bufferLines is " + bufferLines
                    + " but must be a number of lines from batchLines (" + batchLines + ") to " + MAX_BUFFER_LINES + ".");
        }
    }

    /** Whether anything is captured. */
    public boolean enabled() {
        return rate > 0;
    }

    /** A builder pre-filled with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code CHURNOPS_CAPTURE_RATE} (a share from 0 to 1; 0 turns capture off),
     * {@code CHURNOPS_CAPTURE_SEED}, {@code CHURNOPS_CAPTURE_BATCH_LINES},
     * {@code CHURNOPS_CAPTURE_FLUSH_SECONDS} and {@code CHURNOPS_CAPTURE_BUFFER_LINES}; an absent or
     * blank variable keeps its default.
     *
     * @throws IllegalArgumentException a sentence naming the variable, its value and what was expected
     */
    public static CaptureSettings from(Map<String, String> env) {
        Builder b = builder();
        String rate = value(env, "CHURNOPS_CAPTURE_RATE");
        if (rate != null) {
            double parsed;
            try {
                parsed = Double.parseDouble(rate);
            } catch (NumberFormatException e) {
                parsed = Double.NaN;
            }
            if (!(parsed >= 0 && parsed <= 1)) {
                throw new IllegalArgumentException("CHURNOPS_CAPTURE_RATE is '" + rate
                        + "': expected a share from 0 (capture off) to 1 (every score), such as 0.1 (default "
                        + DEFAULT_RATE + ").");
            }
            b.rate(parsed);
        }
        String seed = value(env, "CHURNOPS_CAPTURE_SEED");
        if (seed != null) {
            try {
                b.seed(Long.parseLong(seed));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("CHURNOPS_CAPTURE_SEED is '" + seed
                        + "': expected a whole number (default " + DEFAULT_SEED + ").", e);
            }
        }
        b.batchLines(whole(env, "CHURNOPS_CAPTURE_BATCH_LINES", DEFAULT_BATCH_LINES, 1, MAX_BATCH_LINES, "lines"));
        b.flushAfter(Duration.ofSeconds(whole(env, "CHURNOPS_CAPTURE_FLUSH_SECONDS", DEFAULT_FLUSH_SECONDS, 1,
                (int) MAX_FLUSH_AFTER.toSeconds(), "seconds")));
        int buffer = whole(env, "CHURNOPS_CAPTURE_BUFFER_LINES", Math.max(DEFAULT_BUFFER_LINES, b.batchLines), 1,
                MAX_BUFFER_LINES, "lines");
        if (buffer < b.batchLines) {
            throw new IllegalArgumentException("CHURNOPS_CAPTURE_BUFFER_LINES is '" + env.get("CHURNOPS_CAPTURE_BUFFER_LINES")
                    + "': expected at least CHURNOPS_CAPTURE_BATCH_LINES (" + b.batchLines + "), since a batch is held in"
                    + " memory whole.");
        }
        return b.bufferLines(buffer).build();
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static int whole(Map<String, String> env, String name, int fallback, int min, int max, String unit) {
        String text = value(env, name);
        if (text == null) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            parsed = min - 1;
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(name + " is '" + env.get(name) + "': expected a whole number of " + unit
                    + " from " + min + " to " + max + " (default " + fallback + ").");
        }
        return parsed;
    }

    /** Builds {@link CaptureSettings}; every field starts at its default and is checked in {@link #build()}. */
    public static final class Builder {
        private double rate = DEFAULT_RATE;
        private long seed = DEFAULT_SEED;
        private int batchLines = DEFAULT_BATCH_LINES;
        private Duration flushAfter = Duration.ofSeconds(DEFAULT_FLUSH_SECONDS);
        private int bufferLines = DEFAULT_BUFFER_LINES;

        private Builder() {
        }

        /** Share of scores captured; default {@value CaptureSettings#DEFAULT_RATE}. */
        public Builder rate(double value) {
            rate = value;
            return this;
        }

        /** Seed of the sampling sequence; default {@value CaptureSettings#DEFAULT_SEED}. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Lines per object; default {@value CaptureSettings#DEFAULT_BATCH_LINES}. */
        public Builder batchLines(int value) {
            batchLines = value;
            return this;
        }

        /** Longest wait of a line for its object; default {@value CaptureSettings#DEFAULT_FLUSH_SECONDS} s. */
        public Builder flushAfter(Duration value) {
            flushAfter = value;
            return this;
        }

        /** Lines held in memory at most; default {@value CaptureSettings#DEFAULT_BUFFER_LINES}. */
        public Builder bufferLines(int value) {
            bufferLines = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the field, its value and the allowed range
         */
        public CaptureSettings build() {
            return new CaptureSettings(rate, seed, batchLines, flushAfter, bufferLines);
        }
    }
}
