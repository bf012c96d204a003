package dev.churnops.core.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Counts of a binary churn classifier at one threshold (positive = churn, predicted positive
 * iff score >= threshold), with the ratios derived from them. Ratios whose denominator is zero
 * are 0, as with scikit-learn's {@code zero_division=0}, so they are always finite.
 *
 * @param tp churners flagged
 * @param fp non-churners flagged
 * @param tn non-churners not flagged
 * @param fn churners missed
 */
public record ConfusionMatrix(
        @JsonProperty("tp") long tp,
        @JsonProperty("fp") long fp,
        @JsonProperty("tn") long tn,
        @JsonProperty("fn") long fn) {

    public ConfusionMatrix {
        requireCount("tp", tp);
        requireCount("fp", fp);
        requireCount("tn", tn);
        requireCount("fn", fn);
    }

    private static void requireCount(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("ConfusionMatrix." + field + " is " + value
                    + " but must be a count >= 0.");
        }
    }

    /** All rows. */
    public long total() {
        return tp + fp + tn + fn;
    }

    /** Rows flagged as churn (TP + FP). */
    public long flagged() {
        return tp + fp;
    }

    /** Actual churners (TP + FN), the support of the positive class. */
    public long positives() {
        return tp + fn;
    }

    /** Actual non-churners (TN + FP), the support of the negative class. */
    public long negatives() {
        return tn + fp;
    }

    /** TP / (TP + FP): share of flagged customers who really churn. */
    public double precision() {
        return Ratios.ratio(tp, tp + fp);
    }

    /** TP / (TP + FN): share of churners that get flagged. */
    public double recall() {
        return Ratios.ratio(tp, tp + fn);
    }

    /** Harmonic mean of precision and recall for the churn class. */
    public double f1() {
        return Ratios.f1(tp, fp, fn);
    }

    /** (TP + TN) / N. */
    public double accuracy() {
        return Ratios.ratio(tp + tn, total());
    }

    /** TN / (TN + FP): share of non-churners left alone. */
    public double specificity() {
        return Ratios.ratio(tn, tn + fp);
    }

    /**
     * F1 of each class weighted by its support, as scikit-learn's
     * {@code f1_score(average='weighted')}; the non-churn class's F1 swaps the roles of
     * TP/TN and FP/FN.
     */
    public double weightedF1() {
        long n = total();
        if (n == 0) {
            return 0.0;
        }
        double churnF1 = Ratios.f1(tp, fp, fn);
        double stayF1 = Ratios.f1(tn, fn, fp);
        return (churnF1 * positives() + stayF1 * negatives()) / n;
    }
}
