package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QuantileBinsTest {

    private static int[] all(int rows) {
        return IntStream.range(0, rows).toArray();
    }

    private static double[] uniform(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return random.doubles(rows, -3, 3).toArray();
    }

    @Test
    void aZeroOneIndicatorGetsTwoBinsCutAtOneHalf() {
        QuantileBins bins = QuantileBins.fit(new double[][] {{0, 1, 1, 0, 0}}, all(5), 255);

        assertEquals(2, bins.bins(0));
        assertEquals(0.5, bins.threshold(0, 0));
        assertEquals(0, bins.code(0, 0));
        assertEquals(1, bins.code(1, 0));
    }

    @Test
    void aConstantFeatureGetsOneBinAndCannotSplit() {
        QuantileBins bins = QuantileBins.fit(new double[][] {{2, 2, 2}}, all(3), 255);
        assertEquals(1, bins.bins(0));
    }

    @Test
    void manyDistinctValuesGetAtMostTheMaximumOfNearlyEqualCounts() {
        int rows = 20_000;
        double[] values = uniform(rows, 1);
        QuantileBins bins = QuantileBins.fit(new double[][] {values}, all(rows), 255);

        assertEquals(255, bins.bins(0));
        int[] counts = new int[255];
        for (int r = 0; r < rows; r++) {
            counts[bins.code(r, 0)]++;
        }
        double expected = rows / 255.0;
        for (int b = 0; b < counts.length; b++) {
            assertTrue(counts[b] > expected * 0.7 && counts[b] < expected * 1.3, "bin " + b + " holds " + counts[b]);
        }
    }

    @Test
    void fewDistinctValuesGetOneBinEachEvenWhenUnevenlyCommon() {
        double[] values = new double[1000];
        Arrays.fill(values, 0, 900, 0.0);
        Arrays.fill(values, 900, 990, 1.0);
        Arrays.fill(values, 990, 1000, 7.5);
        QuantileBins bins = QuantileBins.fit(new double[][] {values}, all(1000), 4);

        assertEquals(3, bins.bins(0));
        assertEquals(0.5, bins.threshold(0, 0));
        assertEquals(4.25, bins.threshold(0, 1));
    }

    @Test
    void neverCutsBetweenEqualValuesEvenWhenOneValueHoldsMostRows() {
        int rows = 5000;
        double[] values = uniform(rows, 2);
        Arrays.fill(values, 0, 4000, 0.25);
        QuantileBins bins = QuantileBins.fit(new double[][] {values}, all(rows), 32);

        assertTrue(bins.bins(0) <= 32 && bins.bins(0) > 10, bins.bins(0) + " bins");
        int code = bins.code(0, 0);
        for (int r = 0; r < 4000; r++) {
            assertEquals(code, bins.code(r, 0), "every row holding 0.25 shares a bin");
        }
    }

    @Test
    void aCodeAtMostBHoldsExactlyWhenTheValueIsAtMostThresholdB() {
        // The serving form compares raw values with thresholds; training compares codes. They must agree,
        // also for values training never saw and for values equal to a threshold.
        double[] fitted = uniform(3000, 3);
        QuantileBins bins = QuantileBins.fit(new double[][] {fitted}, all(3000), 64);
        double[] thresholds = new double[bins.bins(0) - 1];
        for (int b = 0; b < thresholds.length; b++) {
            thresholds[b] = bins.threshold(0, b);
            assertTrue(b == 0 || thresholds[b] > thresholds[b - 1], "thresholds increase");
        }
        double[] probes = new double[thresholds.length * 3 + 1000];
        int p = 0;
        for (double t : thresholds) {
            probes[p++] = t;
            probes[p++] = Math.nextDown(t);
            probes[p++] = Math.nextUp(t);
        }
        System.arraycopy(uniform(1000, 4), 0, probes, p, 1000);
        for (double x : probes) {
            int code = QuantileBins.code(thresholds, x);
            for (int b = 0; b < thresholds.length; b++) {
                assertEquals(x <= thresholds[b], code <= b, "value " + x + " against threshold " + b);
            }
        }
    }

    @Test
    void placesAThresholdBetweenAdjacentDoublesAtTheLowerOne() {
        double a = 1.0;
        double b = Math.nextUp(1.0);
        double[] cuts = QuantileBins.cuts(new double[] {a, b}, 255);
        assertArrayEquals(new double[] {a}, cuts);
    }

    @Test
    void negativeAndPositiveZeroShareABin() {
        QuantileBins bins = QuantileBins.fit(new double[][] {{-0.0, 0.0, 1.0}}, all(3), 255);
        assertEquals(2, bins.bins(0));
        assertEquals(bins.code(0, 0), bins.code(1, 0));
    }

    @Test
    void cutsOnlyOnTheFittingRowsButCodesEveryRow() {
        double[] values = {0, 1, 2, 100};
        QuantileBins bins = QuantileBins.fit(new double[][] {values}, new int[] {0, 1}, 255);

        assertEquals(2, bins.bins(0));
        assertEquals(1, bins.code(2, 0));
        assertEquals(1, bins.code(3, 0));
    }

    @Test
    void rejectsABinCountAnUnsignedByteCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> QuantileBins.fit(new double[][] {{1, 2}}, all(2), 257));
        assertThrows(IllegalArgumentException.class, () -> QuantileBins.fit(new double[][] {{1, 2}}, all(2), 1));
    }
}
