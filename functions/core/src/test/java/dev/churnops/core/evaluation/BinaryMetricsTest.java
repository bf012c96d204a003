package dev.churnops.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    private static final double EPS = 1e-12;
    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void rocAucMatchesScikitLearnDocumentationExample() {
        // sklearn docs: roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
        assertEquals(0.75, BinaryMetrics.rocAuc(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {F, F, T, T}), EPS);
    }

    @Test
    void averagePrecisionMatchesScikitLearnDocumentationExample() {
        // sklearn docs: average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.8333...
        assertEquals(5.0 / 6.0,
                BinaryMetrics.prAuc(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {F, F, T, T}), EPS);
    }

    @Test
    void tiedScoresCountHalfInRocAucAndEnterTogetherInAveragePrecision() {
        double[] scores = {0.8, 0.8, 0.3, 0.1};
        boolean[] labels = {T, F, T, F};
        // Pairs (pos, neg): (0.8,0.8)=0.5, (0.8,0.1)=1, (0.3,0.8)=0, (0.3,0.1)=1 -> 2.5 / 4.
        assertEquals(0.625, BinaryMetrics.rocAuc(scores, labels), EPS);
        // Threshold 0.8: P=1/2 at R=1/2; threshold 0.3: P=2/3 at R=1 -> 0.5*0.5 + 0.5*2/3.
        // Ordering the tied positive first would wrongly give 0.8333.
        assertEquals(0.25 + 1.0 / 3.0, BinaryMetrics.prAuc(scores, labels), EPS);
    }

    @Test
    void allScoresTiedGiveChanceRocAucAndPrevalenceAsAveragePrecision() {
        double[] scores = {0.5, 0.5, 0.5, 0.5};
        boolean[] labels = {T, F, F, F};
        assertEquals(0.5, BinaryMetrics.rocAuc(scores, labels), EPS);
        assertEquals(0.25, BinaryMetrics.prAuc(scores, labels), EPS);
    }

    @Test
    void perfectClassifierScoresOne() {
        double[] scores = {0.9, 0.8, 0.2, 0.1};
        boolean[] labels = {T, T, F, F};
        assertEquals(1.0, BinaryMetrics.rocAuc(scores, labels), EPS);
        assertEquals(1.0, BinaryMetrics.prAuc(scores, labels), EPS);
    }

    @Test
    void invertedClassifierScoresZeroRocAucAndLowAveragePrecision() {
        double[] scores = {0.9, 0.8, 0.2, 0.1};
        boolean[] labels = {F, F, T, T};
        assertEquals(0.0, BinaryMetrics.rocAuc(scores, labels), EPS);
        // Positives enter at P=1/3 (R=1/2) and P=1/2 (R=1): 1/6 + 1/4.
        assertEquals(5.0 / 12.0, BinaryMetrics.prAuc(scores, labels), EPS);
    }

    @Test
    void aucsAgreeWithBruteForceDefinitionsOnRandomTiedScores() {
        Random random = new Random(42);
        for (int trial = 0; trial < 20; trial++) {
            int n = 50 + random.nextInt(300);
            double[] scores = new double[n];
            boolean[] labels = new boolean[n];
            for (int i = 0; i < n; i++) {
                // One decimal place forces many ties.
                scores[i] = Math.round(random.nextDouble() * 10) / 10.0;
                labels[i] = random.nextDouble() < 0.2 + 0.6 * scores[i];
            }
            labels[0] = true;
            labels[1] = false;
            assertEquals(pairwiseAuc(scores, labels), BinaryMetrics.rocAuc(scores, labels), 1e-12, "trial " + trial);
            assertEquals(bruteForceAveragePrecision(scores, labels), BinaryMetrics.prAuc(scores, labels), 1e-12,
                    "trial " + trial);
        }
    }

    @Test
    void negativeZeroAndZeroAreTheSameScore() {
        double[] scores = {-0.0, 0.0, 1.0};
        boolean[] labels = {T, F, T};
        // The tied pair counts half: positives beat the negative by 1 + 0.5 out of 2.
        assertEquals(0.75, BinaryMetrics.rocAuc(scores, labels), EPS);
    }

    @Test
    void confusionFlagsScoresAtOrAboveTheThreshold() {
        double[] scores = {0.9, 0.8, 0.7, 0.6, 0.5, 0.3, 0.2, 0.1};
        boolean[] labels = {T, F, T, F, F, T, F, F};
        ConfusionMatrix atHalf = BinaryMetrics.confusion(scores, labels, 0.5);
        // 0.5 itself is flagged: four flagged at 0.9..0.6 plus the negative at 0.5.
        assertEquals(new ConfusionMatrix(2, 3, 2, 1), atHalf);
        assertEquals(new ConfusionMatrix(2, 2, 3, 1), BinaryMetrics.confusion(scores, labels, 0.55));
    }

    @Test
    void confusionMetricsMatchHandComputedValues() {
        ConfusionMatrix m = BinaryMetrics.confusion(
                new double[] {0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1},
                new boolean[] {T, F, T, F, F, T, F, F}, 0.5);
        assertEquals(new ConfusionMatrix(2, 2, 3, 1), m);
        assertEquals(0.5, m.precision(), EPS);
        assertEquals(2.0 / 3.0, m.recall(), EPS);
        assertEquals(4.0 / 7.0, m.f1(), EPS);
        assertEquals(5.0 / 8.0, m.accuracy(), EPS);
        assertEquals(3.0 / 5.0, m.specificity(), EPS);
        // Churn F1 4/7 with support 3; stay F1 = 2*3/(2*3+1+2) = 2/3 with support 5.
        assertEquals((4.0 / 7.0 * 3 + 2.0 / 3.0 * 5) / 8, m.weightedF1(), EPS);
        assertEquals(53.0 / 84.0, m.weightedF1(), EPS);
    }

    @Test
    void ratiosWithZeroDenominatorAreZeroNotNaN() {
        ConfusionMatrix nothingFlagged = new ConfusionMatrix(0, 0, 5, 3);
        assertEquals(0.0, nothingFlagged.precision());
        assertEquals(0.0, nothingFlagged.f1());
        assertEquals(0.0, new ConfusionMatrix(0, 0, 0, 0).weightedF1());
    }

    @Test
    void rocCurveRunsFromOriginToOneOneWithFiniteThresholds() {
        double[] scores = {0.1, 0.4, 0.35, 0.8};
        boolean[] labels = {F, F, T, T};
        List<RocPoint> curve = BinaryMetrics.rocCurve(scores, labels);
        assertEquals(5, curve.size());
        assertEquals(new RocPoint(0.0, 0.0, Math.nextUp(0.8)), curve.get(0));
        assertEquals(new RocPoint(0.0, 0.5, 0.8), curve.get(1));
        assertEquals(new RocPoint(0.5, 0.5, 0.4), curve.get(2));
        assertEquals(new RocPoint(0.5, 1.0, 0.35), curve.get(3));
        assertEquals(new RocPoint(1.0, 1.0, 0.1), curve.get(4));
    }

    @Test
    void prCurveStartsAtRecallZeroPrecisionOneAndEndsAtFullRecall() {
        double[] scores = {0.1, 0.4, 0.35, 0.8};
        boolean[] labels = {F, F, T, T};
        List<PrPoint> curve = BinaryMetrics.prCurve(scores, labels);
        assertEquals(new PrPoint(0.0, 1.0, Math.nextUp(0.8)), curve.get(0));
        assertEquals(new PrPoint(0.5, 1.0, 0.8), curve.get(1));
        assertEquals(new PrPoint(1.0, 2.0 / 3.0, 0.35), curve.get(3));
        assertEquals(new PrPoint(1.0, 0.5, 0.1), curve.get(4));
    }

    @Test
    void curvesAreThinnedToTwoHundredPointsKeepingBothEnds() {
        int n = 5_000;
        double[] scores = new double[n];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            scores[i] = i / (double) n;
            labels[i] = i % 3 == 0;
        }
        List<RocPoint> roc = BinaryMetrics.rocCurve(scores, labels);
        List<PrPoint> pr = BinaryMetrics.prCurve(scores, labels);
        assertEquals(BinaryMetrics.MAX_CURVE_POINTS, roc.size());
        assertEquals(BinaryMetrics.MAX_CURVE_POINTS, pr.size());
        assertEquals(new RocPoint(0.0, 0.0, Math.nextUp((n - 1) / (double) n)), roc.get(0));
        assertEquals(new RocPoint(1.0, 1.0, 0.0), roc.get(roc.size() - 1));
        assertEquals(0.0, pr.get(0).recall());
        assertEquals(1.0, pr.get(pr.size() - 1).recall());
        for (int i = 1; i < roc.size(); i++) {
            assertTrue(roc.get(i).threshold() < roc.get(i - 1).threshold(), "thresholds strictly descend");
        }
    }

    @Test
    void downsampleKeepsShortListsWhole() {
        assertEquals(List.of(1, 2, 3), BinaryMetrics.downsample(List.of(1, 2, 3), 200));
        assertEquals(List.of(0, 2, 4), BinaryMetrics.downsample(List.of(0, 1, 2, 3, 4), 3));
    }

    @Test
    void thresholdSweepSpansTheScoreRangeWithFiftyPoints() {
        double[] scores = {0.1, 0.4, 0.35, 0.8};
        boolean[] labels = {F, F, T, T};
        List<SweepPoint> sweep = BinaryMetrics.thresholdSweep(scores, labels);
        assertEquals(BinaryMetrics.SWEEP_POINTS, sweep.size());
        assertEquals(new SweepPoint(0.1, 0.5, 1.0, 2.0 / 3.0), sweep.get(0));
        assertEquals(new SweepPoint(0.8, 1.0, 0.5, 2.0 / 3.0), sweep.get(sweep.size() - 1));
    }

    @Test
    void rejectsArraysOfDifferentLengthNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.rocAuc(new double[] {0.1, 0.2}, new boolean[] {T}));
        assertEquals("scores has 2 elements but labels has 1; expected one label per score.", e.getMessage());
    }

    @Test
    void rejectsEmptyScores() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.confusion(new double[0], new boolean[0], 0.5));
        assertTrue(e.getMessage().startsWith("scores is empty"), e.getMessage());
    }

    @Test
    void rejectsSingleClassForAucs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.prAuc(new double[] {0.1, 0.2}, new boolean[] {F, F}));
        assertTrue(e.getMessage().contains("labels contains only non-churners"), e.getMessage());
        assertTrue(e.getMessage().contains("expected both classes"), e.getMessage());
    }

    @Test
    void rejectsNonFiniteScoreNamingItsIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.rocAuc(new double[] {0.1, 0.2, Double.NaN}, new boolean[] {F, T, T}));
        assertEquals("scores[2] is NaN but every score must be a finite number.", e.getMessage());
    }

    @Test
    void rejectsNaNThreshold() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.confusion(new double[] {0.1}, new boolean[] {T}, Double.NaN));
        assertTrue(e.getMessage().startsWith("threshold is NaN"), e.getMessage());
    }

    @Test
    void rejectsNegativeConfusionCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrix(1, -2, 0, 0));
        assertEquals("ConfusionMatrix.fp is -2 but must be a count >= 0.", e.getMessage());
    }

    /** Mann-Whitney: share of (positive, negative) pairs ranked correctly, ties counting half. */
    private static double pairwiseAuc(double[] scores, boolean[] labels) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            for (int j = 0; j < scores.length; j++) {
                if (labels[i] && !labels[j]) {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1.0 : scores[i] == scores[j] ? 0.5 : 0.0;
                }
            }
        }
        return wins / pairs;
    }

    /** Sum over distinct thresholds of (recall gain) x precision, each count taken directly. */
    private static double bruteForceAveragePrecision(double[] scores, boolean[] labels) {
        double[] distinct = Arrays.stream(scores).distinct().sorted().toArray();
        long positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        double ap = 0;
        double previousRecall = 0;
        for (int k = distinct.length - 1; k >= 0; k--) {
            long tp = 0;
            long flagged = 0;
            for (int i = 0; i < scores.length; i++) {
                if (scores[i] >= distinct[k]) {
                    flagged++;
                    tp += labels[i] ? 1 : 0;
                }
            }
            double recall = (double) tp / positives;
            ap += (recall - previousRecall) * tp / flagged;
            previousRecall = recall;
        }
        return ap;
    }
}
