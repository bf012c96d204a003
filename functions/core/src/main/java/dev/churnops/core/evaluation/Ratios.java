package dev.churnops.core.evaluation;

/**
 * Ratio helpers with scikit-learn's {@code zero_division=0} convention: a ratio whose
 * denominator is zero is reported as 0 rather than NaN, so reports and JSON never carry NaN.
 */
final class Ratios {

    private Ratios() {
    }

    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    /** F1 as 2TP / (2TP + FP + FN), which equals 2PR / (P + R) without dividing twice. */
    static double f1(long tp, long fp, long fn) {
        return ratio(2 * tp, 2 * tp + fp + fn);
    }
}
