package dev.churnops.core.monitoring;

import java.util.Arrays;

/**
 * How a numeric column is cut into buckets and summarised by percentiles, shared by the baseline
 * (which writes them) and the detector (which puts current values into the same buckets). All
 * quantiles are nearest-rank: always an observed value, computed in integer arithmetic so the same
 * data gives the same bytes on every machine.
 */
final class NumericBuckets {

    /** Model Monitor materialises numeric distributions in 10 buckets. */
    static final int BUCKETS = 10;
    /** Percentiles p0..p100 kept in the sketch. */
    static final int PERCENTILES = 100;

    private NumericBuckets() {
    }

    /** The present values of {@code values} (NaN dropped), ascending. */
    static double[] sortedPresent(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
    }

    /**
     * Upper bounds of the buckets of a sorted, non-empty column: one bucket per value when there are
     * at most {@link #BUCKETS} distinct values, otherwise the distinct deciles (ties merge buckets,
     * so a column with many equal values gets fewer). The last bound is always the maximum.
     */
    static double[] upperBounds(double[] sorted) {
        double[] distinct = Arrays.stream(sorted).distinct().toArray();
        if (distinct.length <= BUCKETS) {
            return distinct;
        }
        double[] deciles = new double[BUCKETS];
        for (int i = 1; i <= BUCKETS; i++) {
            deciles[i - 1] = nearestRank(sorted, i, BUCKETS);
        }
        return Arrays.stream(deciles).distinct().toArray();
    }

    /**
     * Counts of {@code values} per bucket: a value goes to the first bucket whose upper bound is at
     * least the value; values above the last bound go to the last bucket, so the outer buckets are
     * open-ended for data outside the baseline's range. NaN is not counted.
     */
    static double[] counts(double[] upperBounds, double[] values) {
        double[] counts = new double[upperBounds.length];
        for (double v : values) {
            if (Double.isNaN(v)) {
                continue;
            }
            int i = Arrays.binarySearch(upperBounds, v);
            int bucket = i >= 0 ? i : Math.min(-i - 1, upperBounds.length - 1);
            counts[bucket]++;
        }
        return counts;
    }

    /** Percentiles p0 (the minimum) to p100 (the maximum) of a sorted, non-empty column. */
    static double[] percentiles(double[] sorted) {
        double[] p = new double[PERCENTILES + 1];
        for (int i = 0; i <= PERCENTILES; i++) {
            p[i] = nearestRank(sorted, i, PERCENTILES);
        }
        return p;
    }

    /** The nearest-rank quantile at {@code numerator / denominator}: the value at rank ceil(q n), at least the first. */
    static double nearestRank(double[] sorted, long numerator, long denominator) {
        long n = sorted.length;
        long rank = (numerator * n + denominator - 1) / denominator;
        return sorted[(int) Math.max(0, rank - 1)];
    }

    /**
     * KS statistic between a baseline known by its percentiles and a sorted current sample. The
     * baseline CDF at x is read as (number of p1..p100 at most x) / 100, which for nearest-rank
     * percentiles is floor(100 F(x)) / 100: the statistic is within 0.01 of the one on raw data.
     */
    static double ksAgainstPercentiles(double[] percentiles, double[] sortedCurrent) {
        double d = 0;
        for (double x : concat(percentiles, sortedCurrent)) {
            double baseline = countAtMost(percentiles, 1, x) / (double) PERCENTILES;
            double current = countAtMost(sortedCurrent, 0, x) / (double) sortedCurrent.length;
            d = Math.max(d, Math.abs(baseline - current));
        }
        return d;
    }

    private static int countAtMost(double[] sorted, int from, double x) {
        int lo = from;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - from;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
