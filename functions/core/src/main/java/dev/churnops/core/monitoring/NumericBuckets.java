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
     * Percentiles p0..p100 of the values in {@code present[0, n)} (no NaN), the same nearest-rank
     * values {@link #percentiles} gives on the sorted column, found by selection instead of a full
     * sort: a three-way quickselect that only descends into the parts holding a wanted rank
     * (about log2(101) passes over the data instead of log2(n)). Reorders {@code present[0, n)}.
     * Deterministic (median-of-three pivots); a part that keeps splitting badly is sorted instead,
     * so the worst case stays n log n.
     */
    static double[] selectPercentiles(double[] present, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("Percentiles need at least one value, got " + n + ".");
        }
        int[] ranks = new int[PERCENTILES + 1];
        for (int i = 0; i <= PERCENTILES; i++) {
            long rank = ((long) i * n + PERCENTILES - 1) / PERCENTILES;
            ranks[i] = (int) Math.max(0, rank - 1);
        }
        int depth = 2 * (32 - Integer.numberOfLeadingZeros(n)) + 8;
        select(present, 0, n - 1, ranks, 0, ranks.length - 1, depth);
        double[] p = new double[PERCENTILES + 1];
        for (int i = 0; i <= PERCENTILES; i++) {
            p[i] = present[ranks[i]];
        }
        return p;
    }

    /** Puts the values of ranks[from..to] (ascending) at their sorted positions within a[lo..hi]. */
    private static void select(double[] a, int lo, int hi, int[] ranks, int from, int to, int depth) {
        while (from <= to && lo < hi) {
            if (hi - lo < 24 || depth-- == 0) {
                Arrays.sort(a, lo, hi + 1);
                return;
            }
            int mid = (lo + hi) >>> 1;
            double pivot = medianOfThree(a[lo], a[mid], a[hi]);
            // Three-way partition: [lo, lt) < pivot, [lt, gt] == pivot, (gt, hi] > pivot.
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                double v = a[i];
                if (v < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                } else if (v > pivot) {
                    a[i] = a[gt];
                    a[gt--] = v;
                } else {
                    i++;
                }
            }
            int firstEqual = from;
            while (firstEqual <= to && ranks[firstEqual] < lt) {
                firstEqual++;
            }
            int firstAbove = firstEqual;
            while (firstAbove <= to && ranks[firstAbove] <= gt) {
                firstAbove++;
            }
            // Recurse into the smaller side, loop on the other, so the stack stays shallow.
            if (firstEqual - from < to - firstAbove + 1) {
                select(a, lo, lt - 1, ranks, from, firstEqual - 1, depth);
                lo = gt + 1;
                from = firstAbove;
            } else {
                select(a, gt + 1, hi, ranks, firstAbove, to, depth);
                hi = lt - 1;
                to = firstEqual - 1;
            }
        }
    }

    private static double medianOfThree(double a, double b, double c) {
        return a < b ? (b < c ? b : Math.max(a, c)) : (a < c ? a : Math.max(b, c));
    }

    /**
     * KS statistic between a baseline known only by its nearest-rank percentiles p0..p100 and the
     * current values (any order, NaN skipped), without sorting them. Between two consecutive
     * percentiles the baseline CDF is only known to lie in [k / 100, (k + 1) / 100), where k counts
     * p1..p100 at most x (and it is 0 below p0, 1 from p100 on); the statistic is the largest
     * distance of the current empirical CDF from that band. It is therefore never above the KS
     * statistic on the raw baseline data and at most 0.01 below it, so its p-value errs on the
     * side of no drift. Both functions are constant between the distinct percentiles, so counts of
     * current values below and at each distinct percentile (one binary search over at most 101
     * values per value) are all it needs.
     */
    static double ksAgainstPercentiles(double[] percentiles, double[] current) {
        double[] points = Arrays.stream(percentiles).distinct().sorted().toArray();
        long[] below = new long[points.length + 1];
        long[] at = new long[points.length];
        long n = 0;
        for (double v : current) {
            if (Double.isNaN(v)) {
                continue;
            }
            n++;
            int i = Arrays.binarySearch(points, v);
            if (i >= 0) {
                at[i]++;
            } else {
                below[-i - 1]++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("The KS statistic needs at least one current value, got none.");
        }
        // Segment (-inf, points[0]): the baseline CDF is 0; the current CDF rises to its value just before points[0].
        long cumulative = below[0];
        double d = (double) cumulative / n;
        for (int j = 0; j < points.length; j++) {
            cumulative += at[j];
            double atPoint = (double) cumulative / n;
            long k = countAtMost(percentiles, 1, points[j]);
            double low = k / (double) PERCENTILES;
            double high = k >= PERCENTILES ? 1.0 : (k + 1) / (double) PERCENTILES;
            // On [points[j], points[j+1]) the current CDF goes from atPoint up to its value just before the next point.
            cumulative += below[j + 1];
            double beforeNext = j + 1 < points.length ? (double) cumulative / n : 1.0;
            d = Math.max(d, Math.max(low - atPoint, beforeNext - high));
        }
        return Math.max(0, d);
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

}
