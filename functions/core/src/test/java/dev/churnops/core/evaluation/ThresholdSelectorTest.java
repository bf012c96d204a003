package dev.churnops.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThresholdSelectorTest {

    private static final double EPS = 1e-12;
    private static final boolean T = true;
    private static final boolean F = false;

    /*
     * threshold  tp fp  precision recall  F1
     *   0.95      1  0    1.000    0.2   0.333
     *   0.90      2  0    1.000    0.4   0.571
     *   0.80      2  1    0.667    0.4   0.500
     *   0.70      3  1    0.750    0.6   0.667
     *   0.60      4  1    0.800    0.8   0.800   <- max F1
     *   0.50      4  2    0.667    0.8   0.727
     *   0.40      4  3    0.571    0.8   0.667
     *   0.30      5  3    0.625    1.0   0.769
     *   0.20      5  4    0.556    1.0   0.714
     *   0.10      5  5    0.500    1.0   0.667
     */
    private static final double[] SCORES = {0.5, 0.95, 0.3, 0.8, 0.1, 0.9, 0.6, 0.2, 0.7, 0.4};
    private static final boolean[] LABELS = {F, T, T, F, F, T, T, F, T, F};

    @Test
    void maxF1PicksTheThresholdWithHighestF1() {
        ThresholdChoice choice = ThresholdSelector.choose(SCORES, LABELS, ThresholdObjective.maxF1());
        assertEquals(0.6, choice.threshold());
        assertEquals(0.8, choice.precision(), EPS);
        assertEquals(0.8, choice.recall(), EPS);
        assertEquals(0.8, choice.f1(), EPS);
        assertTrue(choice.targetMet());
        assertEquals("Threshold 0.6 gives the highest F1 of 10 candidate thresholds on the validation set"
                + " (precision 0.800, recall 0.800, F1 0.800).", choice.reason());
    }

    @Test
    void minPrecisionPicksHighestRecallAmongThresholdsMeetingPrecision() {
        ThresholdChoice choice = ThresholdSelector.choose(SCORES, LABELS, ThresholdObjective.parse("precision>=0.6"));
        assertEquals(0.3, choice.threshold());
        assertEquals(0.625, choice.precision(), EPS);
        assertEquals(1.0, choice.recall(), EPS);
        assertTrue(choice.targetMet());
        assertTrue(choice.reason().contains("has the highest recall among thresholds with precision >= 0.6"),
                choice.reason());
    }

    @Test
    void minPrecisionBreaksRecallTiesTowardsHigherPrecisionAndThreshold() {
        // 0.6 and 0.5 both give recall 0.8; 0.6 has precision 0.8 versus 0.667.
        ThresholdChoice choice = ThresholdSelector.choose(SCORES, LABELS, ThresholdObjective.minPrecision(0.65));
        assertEquals(0.6, choice.threshold());
    }

    @Test
    void minRecallPicksHighestPrecisionAmongThresholdsMeetingRecall() {
        ThresholdChoice choice = ThresholdSelector.choose(SCORES, LABELS, ThresholdObjective.parse("recall>=0.3"));
        // 0.95 and 0.9 both have precision 1; 0.9 wins on recall (0.4 versus 0.2).
        assertEquals(0.9, choice.threshold());
        assertEquals(1.0, choice.precision(), EPS);
        assertEquals(0.4, choice.recall(), EPS);
        assertTrue(choice.targetMet());
    }

    @Test
    void minRecallOfOneTakesTheMostPreciseThresholdCatchingEveryChurner() {
        ThresholdChoice choice = ThresholdSelector.choose(SCORES, LABELS, ThresholdObjective.minRecall(1.0));
        assertEquals(0.3, choice.threshold());
    }

    @Test
    void maxF1BreaksTiesTowardsTheHigherThreshold() {
        // F1 is 2/3 both at 0.9 (tp 1, fn 1) and at 0.6 (tp 2, fp 2): fewer offers wins.
        ThresholdChoice choice = ThresholdSelector.choose(
                new double[] {0.9, 0.8, 0.7, 0.6}, new boolean[] {T, F, F, T}, ThresholdObjective.maxF1());
        assertEquals(0.9, choice.threshold());
    }

    @Test
    void unreachablePrecisionTargetFallsBackToMaxF1AndSaysSo() {
        double[] scores = {0.9, 0.8, 0.7, 0.6, 0.5};
        boolean[] labels = {F, T, F, T, F};
        ThresholdChoice choice = ThresholdSelector.choose(scores, labels, ThresholdObjective.minPrecision(0.9));
        assertEquals(0.6, choice.threshold());
        assertFalse(choice.targetMet());
        assertEquals(ThresholdObjective.minPrecision(0.9), choice.objective());
        assertEquals("No threshold reaches precision >= 0.9 on the validation set (the best is 0.500 at threshold 0.8),"
                + " so the threshold that maximises F1 was used instead: 0.6"
                + " (precision 0.500, recall 1.000, F1 0.667).", choice.reason());
    }

    @Test
    void rejectsSingleClassValidationData() {
        assertThrows(IllegalArgumentException.class, () -> ThresholdSelector.choose(
                new double[] {0.2, 0.4}, new boolean[] {T, T}, ThresholdObjective.maxF1()));
    }
}
