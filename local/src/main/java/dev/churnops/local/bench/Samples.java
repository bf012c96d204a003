package dev.churnops.local.bench;

import java.util.Arrays;

/**
 * The arithmetic of the benchmarks: nearest-rank percentiles of sorted timings (always a measured
 * value, never an interpolation), medians, and the cost of reading the clock itself, which every
 * per-call timing includes once.
 */
final class Samples {

    private Samples() {
    }

    /**
     * The nearest-rank {@code p}-quantile of the first {@code n} values of {@code sorted}, which
     * must be sorted ascending over that range.
     */
    static long percentile(long[] sorted, int n, double p) {
        if (n < 1) {
            throw new IllegalArgumentException("no samples to take a percentile of");
        }
        int rank = (int) Math.ceil(p * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, rank))];
    }

    /** The median of {@code values} (the mean of the middle two for an even count); the array is not changed. */
    static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to take a median of");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * What one {@link System#nanoTime()} reading adds to a measured interval: the median of many
     * back-to-back readings, after a pass that lets the JIT compile the loop. A call timed between
     * two readings measures its own time plus about this much.
     */
    static long timerOverheadNanos() {
        long[] deltas = new long[100_000];
        for (int pass = 0; pass < 3; pass++) {
            for (int i = 0; i < deltas.length; i++) {
                long t0 = System.nanoTime();
                long t1 = System.nanoTime();
                deltas[i] = t1 - t0;
            }
        }
        Arrays.sort(deltas);
        return percentile(deltas, deltas.length, 0.5);
    }

    /** {@code value} rounded to {@code decimals} places, for printing figures without false precision. */
    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
