package dev.churnops.core.features;

/**
 * Day-bucket arrays a shard of customers no longer uses, kept for reuse by capacity. A customer's
 * buckets of a source live in one array that doubles when full and is dropped when every bucket
 * has been folded into the lifetime totals; without reuse each doubling and each dormant customer
 * coming back allocates a new array that is live from the start, and the young collections copy
 * those arrays (and scan the old customers pointing at them) for most of the time feature
 * computation spends collecting. Capacities are powers of two in buckets; the pool keeps at most
 * {@link #KEPT_BYTES} so that it stays small next to the state (beyond it, arrays are left to the
 * collector). Used by one thread at a time (the one applying its shard).
 */
final class BucketArrays {

    /** Capacity classes: 2^0 .. 2^(CLASSES-1) buckets. */
    private static final int CLASSES = 24;
    /** Bytes of free arrays kept. */
    static final long KEPT_BYTES = 4L << 20;

    private final double[][][][] free = new double[FeaturePlan.SOURCES][CLASSES][][];
    private final int[][] sizes = new int[FeaturePlan.SOURCES][CLASSES];
    private long keptBytes;
    private double[] scratch = new double[0];

    /** Scratch space of at least {@code n} values for combining the shard's buckets. */
    double[] scratch(int n) {
        if (scratch.length < n) {
            scratch = new double[n];
        }
        return scratch;
    }

    /** An array of {@code buckets} (a power of two) buckets of {@code stride} values; its contents are stale. */
    double[] take(int source, int buckets, int stride) {
        int k = Integer.numberOfTrailingZeros(buckets);
        int n = sizes[source][k];
        if (n > 0) {
            double[][] stack = free[source][k];
            double[] v = stack[n - 1];
            stack[n - 1] = null;
            sizes[source][k] = n - 1;
            keptBytes -= 8L * v.length;
            return v;
        }
        return new double[buckets * stride];
    }

    /** Returns an array no longer referenced; kept when its capacity is a power of two and the class has room. */
    void give(int source, double[] v, int stride) {
        int buckets = v.length / stride;
        if (buckets * stride != v.length || Integer.bitCount(buckets) != 1) {
            return;
        }
        int k = Integer.numberOfTrailingZeros(buckets);
        if (k >= CLASSES) {
            return;
        }
        if (keptBytes + 8L * v.length > KEPT_BYTES) {
            return;
        }
        int n = sizes[source][k];
        double[][] stack = free[source][k];
        if (stack == null || stack.length == n) {
            stack = free[source][k] = java.util.Arrays.copyOf(stack == null ? new double[0][] : stack, Math.max(16, n * 2));
        }
        stack[n] = v;
        sizes[source][k] = n + 1;
        keptBytes += 8L * v.length;
    }
}
