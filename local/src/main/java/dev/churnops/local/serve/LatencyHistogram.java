package dev.churnops.local.serve;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Request durations counted in fixed logarithmic buckets, for a canary's p99 against the stable
 * model's: recording is one array increment without a lock or an allocation, and a quantile is read
 * from the counts. Each power of two of nanoseconds is split in four, so a quantile is reported as
 * its bucket's upper edge, at most 19% above the true value (2^(1/4) - 1); durations of 2^40 ns
 * (about 18 minutes) and more share the last bucket.
 */
final class LatencyHistogram {

    /** Sub-buckets per power of two. */
    private static final int SUB = 4;
    private static final int POWERS = 40;

    private final AtomicLongArray counts = new AtomicLongArray(POWERS * SUB);

    void record(long nanos) {
        counts.incrementAndGet(bucket(nanos));
    }

    /** The bucket of a duration: its power of two, then which quarter of it by the next two bits. */
    static int bucket(long nanos) {
        if (nanos < SUB) {
            return (int) Math.max(0, nanos);
        }
        int power = 63 - Long.numberOfLeadingZeros(nanos);
        int quarter = (int) ((nanos >>> (power - 2)) & 3);
        return Math.min(POWERS * SUB - 1, power * SUB + quarter);
    }

    /** The largest duration in bucket {@code b}, in nanoseconds. */
    static long upperEdge(int b) {
        int power = b / SUB;
        if (power < 2) {
            return b;
        }
        long quarter = b % SUB;
        return (1L << power) + ((quarter + 1) << (power - 2)) - 1;
    }

    long count() {
        long n = 0;
        for (int i = 0; i < counts.length(); i++) {
            n += counts.get(i);
        }
        return n;
    }

    /**
     * The nearest-rank quantile {@code q} as its bucket's upper edge, in nanoseconds; 0 when nothing
     * was recorded. Counts are read one by one while requests go on, which shifts it by at most the
     * requests recorded during the read.
     */
    long quantile(double q) {
        long[] snapshot = new long[counts.length()];
        long n = 0;
        for (int i = 0; i < snapshot.length; i++) {
            snapshot[i] = counts.get(i);
            n += snapshot[i];
        }
        if (n == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int i = 0; i < snapshot.length; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                return upperEdge(i);
            }
        }
        return upperEdge(snapshot.length - 1);
    }
}
