package dev.churnops.core.evaluation;

import java.util.Locale;
import java.util.Objects;

/**
 * Chooses the decision threshold for a {@link ThresholdObjective} on validation data. The
 * candidates are the distinct scores (flag iff score >= candidate), so every achievable
 * operating point is considered and none that is not.
 *
 * <p>Ties are broken deterministically, always towards the higher threshold, i.e. fewer
 * customers flagged and fewer offers paid for when the metric being optimised does not care:
 * max-F1 takes the highest threshold among equal F1; precision-target takes the highest
 * recall, then the highest precision, then the highest threshold; recall-target takes the
 * highest precision, then the highest recall, then the highest threshold; max-profit takes the
 * highest threshold among equal expected net value. When no candidate meets a precision or recall
 * target, the max-F1 threshold is returned with {@link ThresholdChoice#targetMet()} false and the
 * reason saying so.
 *
 * <p>Max-profit values each flagged customer at what an offer is expected to return: label ×
 * offer success rate × retained customer value − offer cost, so a threshold's expected net value on
 * the validation rows is TP × success × value − (TP + FP) × cost. This is {@link BusinessImpact}'s
 * value-minus-cost per customer, taken on the validation rows as they are (their own churn rate)
 * rather than scaled to the customer base at the assumed base churn rate. When no threshold has a
 * positive net value the best one is still returned, with {@code targetMet} false and a reason
 * saying that offers lose money at these assumptions.
 */
public final class ThresholdSelector {

    private ThresholdSelector() {
    }

    /**
     * Picks the threshold for {@code objective} on the given (validation) scores and labels;
     * {@code max-profit} prices the offers with {@link BusinessAssumptions#defaults()}.
     *
     * @throws IllegalArgumentException if the arrays differ in length, are empty, contain a
     *     non-finite score or a single class
     */
    public static ThresholdChoice choose(double[] scores, boolean[] labels, ThresholdObjective objective) {
        return choose(scores, labels, objective, BusinessAssumptions.defaults());
    }

    /**
     * Picks the threshold for {@code objective}; {@code assumptions} price the offers for
     * {@code max-profit} and are unused by the other objectives.
     *
     * @throws IllegalArgumentException as for {@link #choose(double[], boolean[], ThresholdObjective)}
     */
    public static ThresholdChoice choose(double[] scores, boolean[] labels, ThresholdObjective objective,
            BusinessAssumptions assumptions) {
        Inputs.check(scores, labels, "scores", "labels", true);
        Objects.requireNonNull(objective, "objective must not be null; use ThresholdObjective.maxF1() for the default");
        Objects.requireNonNull(assumptions, "assumptions must not be null; use BusinessAssumptions.defaults()");
        return choose(RankedScores.of(scores, labels), objective, assumptions, ThresholdChoice.VALIDATION);
    }

    /** On {@code rows} (the reasons name them): the validation set, or out-of-fold predictions. */
    static ThresholdChoice choose(RankedScores ranked, ThresholdObjective objective, BusinessAssumptions assumptions,
                                  String rows) {
        return switch (objective.kind()) {
            case MAX_F1 -> maxF1(ranked, objective, "", rows);
            case MAX_PROFIT -> maxProfit(ranked, objective, assumptions, rows);
            case MIN_PRECISION -> withFloor(ranked, objective, true, rows);
            case MIN_RECALL -> withFloor(ranked, objective, false, rows);
        };
    }

    private static ThresholdChoice maxF1(RankedScores ranked, ThresholdObjective objective, String fallbackPrefix,
            String rows) {
        // Index 0 is the highest threshold; scanning downwards and replacing only on a strictly
        // better F1 keeps the highest threshold among ties.
        int best = 0;
        for (int k = 1; k < ranked.size(); k++) {
            if (ranked.f1At(k) > ranked.f1At(best)) {
                best = k;
            }
        }
        boolean fellBack = !fallbackPrefix.isEmpty();
        String reason = fellBack
                ? fallbackPrefix + " so the threshold that maximises F1 was used instead: "
                        + fmt(ranked.thresholds[best]) + " (" + achieved(ranked, best) + ")."
                : "Threshold " + fmt(ranked.thresholds[best]) + " gives the highest F1 of "
                        + ranked.size() + " candidate thresholds on " + rows + " ("
                        + achieved(ranked, best) + ").";
        return choice(ranked, best, objective, !fellBack, reason, rows);
    }

    private static ThresholdChoice maxProfit(RankedScores ranked, ThresholdObjective objective, BusinessAssumptions a,
            String rows) {
        // Descending thresholds, replaced only on a strictly higher value: ties keep the higher threshold.
        int best = 0;
        for (int k = 1; k < ranked.size(); k++) {
            if (netValue(ranked, k, a) > netValue(ranked, best, a)) {
                best = k;
            }
        }
        double net = netValue(ranked, best, a);
        String computation = "TP \u00d7 offer success \u00d7 value \u2212 flagged \u00d7 offer cost = "
                + ranked.tp[best] + " \u00d7 " + fmt(a.offerSuccessRate()) + " \u00d7 " + Formats.money(a.retainedCustomerValue())
                + " \u2212 " + (ranked.tp[best] + ranked.fp[best]) + " \u00d7 " + Formats.money(a.offerCostPerCustomer())
                + " = " + Formats.money(net);
        boolean profitable = net > 0;
        String reason = profitable
                ? "Threshold " + fmt(ranked.thresholds[best]) + " gives the highest expected net value of "
                        + ranked.size() + " candidate thresholds on " + rows + " (" + computation + "; "
                        + achieved(ranked, best) + ")."
                : "No threshold has a positive expected net value on " + rows + "; the least costly, "
                        + fmt(ranked.thresholds[best]) + ", was used (" + computation + "; " + achieved(ranked, best)
                        + "): at these business assumptions offers cost more than they save.";
        return choice(ranked, best, objective, profitable, reason, rows);
    }

    /** Expected net value of offering to every validation row at or above threshold {@code k}. */
    private static double netValue(RankedScores ranked, int k, BusinessAssumptions a) {
        return ranked.tp[k] * a.offerSuccessRate() * a.retainedCustomerValue()
                - (ranked.tp[k] + ranked.fp[k]) * a.offerCostPerCustomer();
    }

    private static ThresholdChoice withFloor(RankedScores ranked, ThresholdObjective objective, boolean precisionFloor,
            String rows) {
        double target = objective.target();
        int best = -1;
        // Remembered only to tell the reader how far off the target was when it is missed.
        int closest = 0;
        double reached = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < ranked.size(); k++) {
            double constrained = precisionFloor ? ranked.precisionAt(k) : ranked.recallAt(k);
            if (constrained > reached) {
                reached = constrained;
                closest = k;
            }
            if (constrained >= target && (best < 0 || better(ranked, k, best, precisionFloor))) {
                best = k;
            }
        }
        String metric = precisionFloor ? "precision" : "recall";
        if (best < 0) {
            String prefix = "No threshold reaches " + metric + " >= " + fmt(target)
                    + " on " + rows + " (the best is " + fmt3(reached) + " at threshold "
                    + fmt(ranked.thresholds[closest]) + "),";
            return maxF1(ranked, objective, prefix, rows);
        }
        String optimised = precisionFloor ? "recall" : "precision";
        String reason = "Threshold " + fmt(ranked.thresholds[best]) + " has the highest " + optimised
                + " among thresholds with " + metric + " >= " + fmt(target) + " on " + rows + " ("
                + achieved(ranked, best) + ").";
        return choice(ranked, best, objective, true, reason, rows);
    }

    /**
     * True when candidate {@code k} beats {@code best}. Candidates arrive in descending
     * threshold order, so refusing to replace on a full tie keeps the higher threshold.
     */
    private static boolean better(RankedScores ranked, int k, int best, boolean precisionFloor) {
        double primaryK = precisionFloor ? ranked.recallAt(k) : ranked.precisionAt(k);
        double primaryBest = precisionFloor ? ranked.recallAt(best) : ranked.precisionAt(best);
        if (primaryK != primaryBest) {
            return primaryK > primaryBest;
        }
        double secondaryK = precisionFloor ? ranked.precisionAt(k) : ranked.recallAt(k);
        double secondaryBest = precisionFloor ? ranked.precisionAt(best) : ranked.recallAt(best);
        return secondaryK > secondaryBest;
    }

    private static ThresholdChoice choice(RankedScores ranked, int k, ThresholdObjective objective,
            boolean targetMet, String reason, String rows) {
        return new ThresholdChoice(ranked.thresholds[k], objective, ranked.precisionAt(k),
                ranked.recallAt(k), ranked.f1At(k), targetMet, reason, rows);
    }

    private static String achieved(RankedScores ranked, int k) {
        return "precision " + fmt3(ranked.precisionAt(k)) + ", recall " + fmt3(ranked.recallAt(k))
                + ", F1 " + fmt3(ranked.f1At(k));
    }

    /** Four significant digits: readable for probabilities and for tiny raw scores alike. */
    private static String fmt(double value) {
        return Formats.significant(value, 4);
    }

    private static String fmt3(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
