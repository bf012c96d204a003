package dev.churnops.core.model;

import java.util.Arrays;

/**
 * Each feature cut once into at most {@code maxBins} quantile bins, and every row's bin code. A
 * feature with few distinct values (a 0/1 indicator has two) gets one bin per value; others get cuts
 * near equal-count quantiles of the fitting rows, never between equal values.
 *
 * <p>Cuts are split thresholds in the serving semantic: the code of {@code x} is the first {@code b}
 * with {@code x <= threshold[b]}, so for every row, fitted or not, {@code code(x) <= b} holds exactly
 * when {@code x <= threshold[b]}. A tree grown on codes therefore sends each row where the raw
 * comparison in {@link TreeArrays#leaf} sends it, with no rounding between the two.
 */
final class QuantileBins {

    private final double[][] thresholds;
    /**
     * Row-major: the code of row r, feature f is {@code codes[r * features + f]}. Histograms are built
     * row by row across features, so one row's codes sit together and consecutive additions go to
     * different features' bins instead of queueing on the same one (most features have two bins).
     */
    private final byte[] codes;
    private final int features;

    private QuantileBins(double[][] thresholds, byte[] codes) {
        this.thresholds = thresholds;
        this.codes = codes;
        this.features = thresholds.length;
    }

    /**
     * Cuts every column on the values of {@code fitRows} and codes every row of it.
     *
     * @param columns feature-major values, {@code columns[f][row]}, all finite
     * @param maxBins at most 256, so a code fits an unsigned byte
     */
    static QuantileBins fit(double[][] columns, int[] fitRows, int maxBins) {
        if (maxBins < 2 || maxBins > 256) {
            throw new IllegalArgumentException("bins is " + maxBins + ": expected 2 to 256");
        }
        int features = columns.length;
        int rows = features == 0 ? 0 : columns[0].length;
        if ((long) rows * features > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rows + " rows of " + features + " features are too many to bin in one array");
        }
        double[][] thresholds = new double[features][];
        byte[] codes = new byte[rows * features];
        double[] sorted = new double[fitRows.length];
        for (int f = 0; f < features; f++) {
            double[] column = columns[f];
            for (int k = 0; k < fitRows.length; k++) {
                sorted[k] = column[fitRows[k]];
            }
            Arrays.sort(sorted);
            thresholds[f] = cuts(sorted, maxBins);
            for (int r = 0; r < rows; r++) {
                codes[r * features + f] = (byte) code(thresholds[f], column[r]);
            }
        }
        return new QuantileBins(thresholds, codes);
    }

    /**
     * Strictly increasing thresholds, at most {@code maxBins - 1}, each between two distinct values.
     * With more distinct values than bins, a bin is closed once it holds its share of the rows still
     * to place, {@code rows left / bins left}; recomputing the share after each bin lets a value that
     * fills many quantiles on its own take one bin and leaves the others to the remaining rows.
     */
    static double[] cuts(double[] sorted, int maxBins) {
        int n = sorted.length;
        int distinct = 0;
        for (int i = 0; i < n; i = runEnd(sorted, i)) {
            distinct++;
        }
        double[] cuts = new double[Math.max(0, Math.min(distinct, maxBins) - 1)];
        int made = 0;
        int binStart = 0;
        double share = (double) n / maxBins;
        for (int i = 0; i < n; ) {
            int end = runEnd(sorted, i);
            if (end < n && made < cuts.length && (distinct <= maxBins || end - binStart >= share)) {
                cuts[made++] = between(sorted[i], sorted[end]);
                binStart = end;
                share = (double) (n - end) / (maxBins - made);
            }
            i = end;
        }
        return made == cuts.length ? cuts : Arrays.copyOf(cuts, made);
    }

    private static int runEnd(double[] sorted, int i) {
        int j = i + 1;
        // == rather than Double.compare: -0.0 and 0.0 go the same way at every threshold, so share a bin.
        while (j < sorted.length && sorted[j] == sorted[i]) {
            j++;
        }
        return j;
    }

    /** A threshold t with a <= t < b: the midpoint, or a itself where the midpoint rounds up to b. */
    private static double between(double a, double b) {
        double mid = a / 2 + b / 2;
        return mid >= a && mid < b ? mid : a;
    }

    /** First bin whose threshold is at least {@code x}; the comparison is the serving form's {@code <=}. */
    static int code(double[] thresholds, double x) {
        int lo = 0;
        int hi = thresholds.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x <= thresholds[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    int features() {
        return features;
    }

    /** Number of bins of feature {@code f}; 1 means it is constant on the fitting rows and cannot split. */
    int bins(int f) {
        return thresholds[f].length + 1;
    }

    /** The raw threshold of the split "bin of f <= b". */
    double threshold(int f, int b) {
        return thresholds[f][b];
    }

    /** Bin of row {@code r}, feature {@code f}. */
    int code(int r, int f) {
        return codes[r * features + f] & 0xFF;
    }

    /** All codes, row-major ({@code codes[r * features() + f]}, unsigned bytes), for the histogram loop. */
    byte[] codes() {
        return codes;
    }
}
