package dev.churnops.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Isotonic regression: the non-decreasing step function of the predictor's probability that fits
 * the labels best in squared error, found by pool-adjacent-violators. It can fix any monotone
 * miscalibration, but needs more data than {@link PlattCalibrator} and can overfit a small split.
 *
 * <p>Stored as breakpoints: one per pooled block, at the block's mean predictor probability
 * ({@code uncalibrated}, strictly increasing) with the block's observed churn rate
 * ({@code calibrated}, strictly increasing as fitted). Between breakpoints the calibrated
 * probability is <b>interpolated linearly</b>; below the first and above the last it is
 * <b>clamped</b> to the end values. Interpolating between block centres rather than holding each
 * block flat keeps the map strictly increasing inside the fitted range, so distinct scores stay
 * distinct: ROC-AUC, which the promotion gate compares, and the choice of threshold keep the
 * predictor's resolution.
 */
public record IsotonicCalibrator(@JsonProperty(value = "uncalibrated", required = true) double[] uncalibrated,
                                 @JsonProperty(value = "calibrated", required = true) double[] calibrated)
        implements Calibrator {

    @Override
    public double apply(double probability) {
        int last = uncalibrated.length - 1;
        if (probability <= uncalibrated[0]) {
            return calibrated[0];
        }
        if (probability >= uncalibrated[last]) {
            return calibrated[last];
        }
        // The last breakpoint at or below the probability; both neighbours exist here.
        int lo = 0;
        int hi = last;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (uncalibrated[mid] <= probability) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double share = (probability - uncalibrated[lo]) / (uncalibrated[hi] - uncalibrated[lo]);
        return calibrated[lo] + share * (calibrated[hi] - calibrated[lo]);
    }

    @Override
    public String method() {
        return CalibrationSelector.ISOTONIC;
    }

    @Override
    public void check() {
        if (uncalibrated == null || calibrated == null || uncalibrated.length == 0
                || uncalibrated.length != calibrated.length) {
            throw new IllegalArgumentException("calibration (isotonic): 'uncalibrated' and 'calibrated' must be"
                    + " non-empty and of equal length, got " + length(uncalibrated) + " and " + length(calibrated));
        }
        for (int i = 0; i < uncalibrated.length; i++) {
            if (!(uncalibrated[i] >= 0.0 && uncalibrated[i] <= 1.0)) {
                throw new IllegalArgumentException("calibration (isotonic): uncalibrated[" + i + "] is " + uncalibrated[i]
                        + ", expected a probability in [0, 1]");
            }
            if (!(calibrated[i] >= 0.0 && calibrated[i] <= 1.0)) {
                throw new IllegalArgumentException("calibration (isotonic): calibrated[" + i + "] is " + calibrated[i]
                        + ", expected a probability in [0, 1]");
            }
            if (i > 0 && !(uncalibrated[i] > uncalibrated[i - 1])) {
                throw new IllegalArgumentException("calibration (isotonic): breakpoints 'uncalibrated' must be strictly"
                        + " increasing, but uncalibrated[" + i + "] = " + uncalibrated[i] + " follows " + uncalibrated[i - 1]);
            }
            if (i > 0 && calibrated[i] < calibrated[i - 1]) {
                throw new IllegalArgumentException("calibration (isotonic): 'calibrated' must not decrease, but calibrated["
                        + i + "] = " + calibrated[i] + " follows " + calibrated[i - 1]);
            }
        }
    }

    private static String length(double[] values) {
        return values == null ? "none" : values.length + " values";
    }

    /**
     * Fits the calibrator by pool-adjacent-violators over the rows sorted by probability. Rows with
     * equal probability start in one block, so they always get one calibrated value; a block is
     * pooled with its left neighbour while the neighbour's churn rate is not below its own, which
     * leaves strictly increasing rates. Deterministic: a stable sort and a single left-to-right pass.
     *
     * @throws IllegalArgumentException if the arrays are empty, differ in length, or hold a value
     *     that is not a probability
     */
    public static IsotonicCalibrator fit(double[] probabilities, boolean[] labels) {
        int n = probabilities.length;
        if (n == 0 || n != labels.length) {
            throw new IllegalArgumentException("isotonic calibration needs one label per probability and at least one row;"
                    + " got " + n + " probabilities and " + labels.length + " labels");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (!(probabilities[i] >= 0.0 && probabilities[i] <= 1.0)) {
                throw new IllegalArgumentException("isotonic calibration: probabilities[" + i + "] is " + probabilities[i]
                        + ", expected a probability in [0, 1]");
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> probabilities[i]));

        // The pooled blocks, as a stack: label sum, row count, probability sum, smallest and largest probability.
        double[] churned = new double[n];
        double[] rows = new double[n];
        double[] sumX = new double[n];
        double[] minX = new double[n];
        double[] maxX = new double[n];
        int blocks = 0;
        int r = 0;
        while (r < n) {
            double x = probabilities[order[r]];
            double ys = 0;
            int count = 0;
            while (r < n && probabilities[order[r]] == x) {
                ys += labels[order[r]] ? 1 : 0;
                count++;
                r++;
            }
            churned[blocks] = ys;
            rows[blocks] = count;
            sumX[blocks] = x * count;
            minX[blocks] = x;
            maxX[blocks] = x;
            blocks++;
            // Compare rates as cross products: a/b >= c/d without dividing.
            while (blocks > 1 && churned[blocks - 2] * rows[blocks - 1] >= churned[blocks - 1] * rows[blocks - 2]) {
                int left = blocks - 2;
                int right = blocks - 1;
                churned[left] += churned[right];
                rows[left] += rows[right];
                sumX[left] += sumX[right];
                maxX[left] = maxX[right];
                blocks--;
            }
        }
        double[] xs = new double[blocks];
        double[] ys = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            // Clamping the mean to the block's own range keeps rounding from reordering adjacent blocks.
            xs[b] = Math.min(Math.max(sumX[b] / rows[b], minX[b]), maxX[b]);
            ys[b] = churned[b] / rows[b];
        }
        return new IsotonicCalibrator(xs, ys);
    }
}
