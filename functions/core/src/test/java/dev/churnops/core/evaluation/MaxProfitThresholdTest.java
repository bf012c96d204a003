package dev.churnops.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The {@code max-profit} objective: the threshold with the highest expected net value of the
 * offers, TP × offer success × retained value − (TP + FP) × offer cost, on the validation rows.
 */
class MaxProfitThresholdTest {

    private static final boolean T = true;
    private static final boolean F = false;

    // Flagging from the top: 0.9 T, 0.8 F, 0.7 T, 0.6 T, 0.5 F, 0.4 F, 0.3 T, 0.2 F, 0.1 F.
    private static final double[] SCORES = {0.5, 0.9, 0.1, 0.7, 0.3, 0.8, 0.2, 0.6, 0.4};
    private static final boolean[] LABELS = {F, T, F, T, T, F, F, T, F};

    private static BusinessAssumptions offers(double success, double value, double cost) {
        return BusinessAssumptions.builder().offerSuccessRate(success).retainedCustomerValue(value)
                .offerCostPerCustomer(cost).build();
    }

    /** Tries every distinct score as the threshold, counting flagged rows directly; ties go to the higher threshold. */
    private static double bruteForce(double[] scores, boolean[] labels, BusinessAssumptions a) {
        double bestThreshold = Double.NaN;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (double candidate : scores) {
            long tp = 0;
            long flagged = 0;
            for (int i = 0; i < scores.length; i++) {
                if (scores[i] >= candidate) {
                    flagged++;
                    tp += labels[i] ? 1 : 0;
                }
            }
            double value = tp * a.offerSuccessRate() * a.retainedCustomerValue() - flagged * a.offerCostPerCustomer();
            if (value > bestValue || value == bestValue && candidate > bestThreshold) {
                bestValue = value;
                bestThreshold = candidate;
            }
        }
        return bestThreshold;
    }

    @Test
    void picksTheThresholdABruteForceSearchPicksOnAHandMadeExample() {
        // A saved churner is worth 0.5 × 100 = 50, every offer costs 20: net 30, 10, 40, 70, 50, 30, 60, 40, 20.
        BusinessAssumptions a = offers(0.5, 100, 20);

        ThresholdChoice choice = ThresholdSelector.choose(SCORES, LABELS, ThresholdObjective.maxProfit(), a);

        assertEquals(0.6, choice.threshold());
        assertEquals(bruteForce(SCORES, LABELS, a), choice.threshold());
        assertTrue(choice.targetMet());
        assertEquals(0.75, choice.precision(), 1e-12);
        assertTrue(choice.reason().contains("= 3 \u00d7 0.5 \u00d7 100.00 \u2212 4 \u00d7 20.00 = 70.00"), choice.reason());
    }

    @Test
    void cheaperOffersMoveTheThresholdDown() {
        // At cost 5 reaching the fourth churner (at 0.3) pays for three more offers: 4×50 − 7×5 = 165 beats 3×50 − 4×5 = 130.
        BusinessAssumptions cheap = offers(0.5, 100, 5);

        ThresholdChoice choice = ThresholdSelector.choose(SCORES, LABELS, ThresholdObjective.maxProfit(), cheap);

        assertEquals(0.3, choice.threshold());
        assertEquals(bruteForce(SCORES, LABELS, cheap), choice.threshold());
    }

    @Test
    void agreesWithBruteForceOnRandomScoresWithTies() {
        Random random = new Random(17);
        for (int round = 0; round < 50; round++) {
            int n = 20 + random.nextInt(200);
            double[] scores = new double[n];
            boolean[] labels = new boolean[n];
            for (int i = 0; i < n; i++) {
                // Two decimals, so many rows share a score and tie groups matter.
                scores[i] = Math.round(random.nextDouble() * 100) / 100.0;
                labels[i] = random.nextDouble() < 0.2 + 0.6 * scores[i];
            }
            labels[0] = true;
            labels[1] = false;
            BusinessAssumptions a = offers(random.nextDouble(), 50 + random.nextInt(500), 1 + random.nextInt(100));

            ThresholdChoice choice = ThresholdSelector.choose(scores, labels, ThresholdObjective.maxProfit(), a);

            assertEquals(bruteForce(scores, labels, a), choice.threshold(), "round " + round);
        }
    }

    @Test
    void saysSoWhenNoThresholdMakesMoney() {
        // Each offer costs 100 and a saved churner is worth 50: every threshold loses; the top one loses least.
        ThresholdChoice choice = ThresholdSelector.choose(SCORES, LABELS, ThresholdObjective.maxProfit(), offers(0.5, 100, 100));

        assertEquals(0.9, choice.threshold());
        assertFalse(choice.targetMet());
        assertTrue(choice.reason().startsWith("No threshold has a positive expected net value"), choice.reason());
    }

    @Test
    void theEvaluatorChoosesOnValidationWithItsBusinessAssumptions() {
        BusinessAssumptions cheap = offers(0.5, 100, 5);

        EvaluationReport report = Evaluator.evaluate(SCORES, LABELS, new double[] {0.2, 0.7, 0.4}, new boolean[] {F, T, T},
                ThresholdObjective.maxProfit(), cheap);

        assertEquals(0.3, report.thresholdChoice().threshold());
        assertEquals("max-profit", report.thresholdChoice().objective().spec());
    }
}
