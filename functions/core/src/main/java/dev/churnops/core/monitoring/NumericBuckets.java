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
     * What the detector needs from a current numeric column, against a baseline with our
     * percentiles: the number of present values and of fractional ones, the counts per baseline
     * bucket, the band KS statistic ({@link #ksAgainstPercentiles}) and the current nearest-rank
     * percentiles p0..p100, exactly as {@link #percentiles} gives them on the sorted column.
     */
    record Measured(int present, long fractional, double[] bucketCounts, double ksStatistic, double[] percentiles) {
    }

    /**
     * Measures {@code values} (NaN = missing) in about two passes and without sorting them. Pass one
     * places every value among the baseline's distinct percentiles (a binary search over at most
     * 101 values) and keeps that place in a byte per row; the counts below and at each percentile
     * give the KS statistic, and, when the bucket bounds are percentiles (as in the baselines
     * {@link MonitoringBaseline} writes), the bucket counts too. A current percentile whose rank
     * falls on a baseline percentile's value is that value; the others lie strictly between two
     * baseline percentiles, so pass two copies only the values of those gaps and a quickselect in
     * each small gap finds them. Null when no value is present.
     */
    static Measured measure(double[] basePercentiles, double[] upperBounds, double[] values) {
        double[] points = Arrays.stream(basePercentiles).distinct().sorted().toArray();
        int m = points.length;
        if (2 * m + 1 > 255) {
            throw new IllegalArgumentException("At most 127 distinct percentiles fit a byte per row, got " + m + ".");
        }
        // Code 2j: strictly between points[j-1] and points[j] (below points[0] for j = 0, above the last for j = m);
        // code 2j + 1: equal to points[j]; 255: missing. Codes ascend with the values.
        long[] group = new long[2 * m + 1];
        byte[] codes = new byte[values.length];
        int present = 0;
        long fractional = 0;
        for (int r = 0; r < values.length; r++) {
            double v = values[r];
            if (Double.isNaN(v)) {
                codes[r] = (byte) 255;
                continue;
            }
            present++;
            fractional += v == Math.rint(v) ? 0 : 1;
            int lo = 0;
            int hi = m;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (points[mid] < v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            int code = lo < m && points[lo] == v ? 2 * lo + 1 : 2 * lo;
            codes[r] = (byte) code;
            group[code]++;
        }
        if (present == 0) {
            return null;
        }
        double ks = bandKs(basePercentiles, points, group, present);
        double[] buckets = bucketCounts(points, group, upperBounds);
        if (buckets == null) {
            buckets = counts(upperBounds, values);
        }
        return new Measured(present, fractional, buckets, ks, percentilesByGroup(values, codes, group, points, present));
    }

    private static double bandKs(double[] percentiles, double[] points, long[] group, long n) {
        // Segment (-inf, points[0]): the baseline CDF is 0; the current CDF rises to its value just before points[0].
        long cumulative = group[0];
        double d = (double) cumulative / n;
        for (int j = 0; j < points.length; j++) {
            cumulative += group[2 * j + 1];
            double atPoint = (double) cumulative / n;
            long k = countAtMost(percentiles, 1, points[j]);
            double low = k / (double) PERCENTILES;
            double high = k >= PERCENTILES ? 1.0 : (k + 1) / (double) PERCENTILES;
            // On [points[j], points[j+1]) the current CDF goes from atPoint up to its value just before the next point.
            cumulative += group[2 * j + 2];
            double beforeNext = j + 1 < points.length ? (double) cumulative / n : 1.0;
            d = Math.max(d, Math.max(low - atPoint, beforeNext - high));
        }
        return Math.max(0, d);
    }

    /** Bucket counts from the groups when every bucket bound is one of the points; null otherwise. */
    private static double[] bucketCounts(double[] points, long[] group, double[] upperBounds) {
        int[] bucketOf = new int[points.length];
        for (double bound : upperBounds) {
            if (Arrays.binarySearch(points, bound) < 0) {
                return null;
            }
        }
        double[] counts = new double[upperBounds.length];
        for (int j = 0; j < points.length; j++) {
            // A value at points[j], or between points[j-1] and points[j], goes to the first bound >= points[j].
            int i = Arrays.binarySearch(upperBounds, points[j]);
            bucketOf[j] = i >= 0 ? i : Math.min(-i - 1, upperBounds.length - 1);
            counts[bucketOf[j]] += group[2 * j] + group[2 * j + 1];
        }
        counts[upperBounds.length - 1] += group[2 * points.length];
        return counts;
    }

    private static double[] percentilesByGroup(double[] values, byte[] codes, long[] group, double[] points, int n) {
        int[] ranks = new int[PERCENTILES + 1];
        int[] codeOf = new int[PERCENTILES + 1];
        long[] start = new long[group.length];
        for (int c = 1; c < group.length; c++) {
            start[c] = start[c - 1] + group[c - 1];
        }
        double[] p = new double[PERCENTILES + 1];
        int[] gapSize = new int[group.length];
        for (int i = 0; i <= PERCENTILES; i++) {
            long rank = Math.max(0, ((long) i * n + PERCENTILES - 1) / PERCENTILES - 1);
            int c = 0;
            while (start[c] + group[c] <= rank) {
                c++;
            }
            ranks[i] = (int) (rank - start[c]);
            codeOf[i] = c;
            if (c % 2 == 1) {
                p[i] = points[c / 2];
            } else {
                gapSize[c] = (int) group[c];
            }
        }
        double[][] gaps = new double[group.length][];
        for (int c = 0; c < group.length; c++) {
            if (gapSize[c] > 0) {
                gaps[c] = new double[gapSize[c]];
            }
        }
        int[] filled = new int[group.length];
        for (int r = 0; r < values.length; r++) {
            int c = codes[r] & 0xFF;
            if (c != 255 && gaps[c] != null) {
                gaps[c][filled[c]++] = values[r];
            }
        }
        for (int c = 0; c < group.length; c++) {
            if (gaps[c] == null) {
                continue;
            }
            int[] wanted = new int[PERCENTILES + 1];
            int count = 0;
            for (int i = 0; i <= PERCENTILES; i++) {
                if (codeOf[i] == c) {
                    wanted[count++] = ranks[i];
                }
            }
            int[] gapRanks = Arrays.stream(wanted, 0, count).distinct().sorted().toArray();
            int size = gaps[c].length;
            select(gaps[c], 0, size - 1, gapRanks, 0, gapRanks.length - 1, 2 * (32 - Integer.numberOfLeadingZeros(size)) + 8);
            for (int i = 0; i <= PERCENTILES; i++) {
                if (codeOf[i] == c) {
                    p[i] = gaps[c][ranks[i]];
                }
            }
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
        long[] group = new long[2 * points.length + 1];
        long n = 0;
        for (double v : current) {
            if (Double.isNaN(v)) {
                continue;
            }
            n++;
            int i = Arrays.binarySearch(points, v);
            group[i >= 0 ? 2 * i + 1 : 2 * (-i - 1)]++;
        }
        if (n == 0) {
            throw new IllegalArgumentException("The KS statistic needs at least one current value, got none.");
        }
        return bandKs(percentiles, points, group, n);
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
