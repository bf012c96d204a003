package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {

    /** 503 labels, about 27% positive, in no particular order. */
    private static final boolean[] LABELS = labels(503, 0.27, 99);

    private static boolean[] labels(int n, double rate, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextDouble() < rate;
        }
        return labels;
    }

    private static int positives(int[] rows) {
        return (int) Arrays.stream(rows).filter(r -> LABELS[r]).count();
    }

    @Test
    void splitsIntoDisjointSortedPartsThatCoverEveryRow() {
        StratifiedSplit split = StratifiedSplit.of(LABELS, 0.2, 0.15, 1);

        int[] seen = new int[LABELS.length];
        for (int[] part : new int[][] {split.train(), split.validation(), split.test()}) {
            for (int k = 0; k < part.length; k++) {
                seen[part[k]]++;
                if (k > 0) {
                    assertTrue(part[k - 1] < part[k], "sorted and without repeats");
                }
            }
        }
        for (int r = 0; r < seen.length; r++) {
            assertEquals(1, seen[r], "row " + r + " is in exactly one split");
        }
    }

    @Test
    void givesEachSplitRoughlyTheSharesAsked() {
        StratifiedSplit split = StratifiedSplit.of(LABELS, 0.2, 0.15, 1);
        assertEquals(0.15 * LABELS.length, split.test().length, 1.0);
        assertEquals(0.2 * LABELS.length, split.validation().length, 1.0);
    }

    @Test
    void keepsTheChurnRateOfTheWholeTableWithinOneRowPerSplit() {
        double rate = (double) positives(java.util.stream.IntStream.range(0, LABELS.length).toArray()) / LABELS.length;
        for (long seed = 0; seed < 20; seed++) {
            StratifiedSplit split = StratifiedSplit.of(LABELS, 0.2, 0.15, seed);
            for (int[] part : new int[][] {split.train(), split.validation(), split.test()}) {
                assertEquals(rate * part.length, positives(part), 1.0, "seed " + seed + ", split of " + part.length);
            }
        }
    }

    @Test
    void givesTheSameSplitForTheSameSeed() {
        StratifiedSplit a = StratifiedSplit.of(LABELS, 0.2, 0.2, 42);
        StratifiedSplit b = StratifiedSplit.of(LABELS.clone(), 0.2, 0.2, 42);
        assertArrayEquals(a.train(), b.train());
        assertArrayEquals(a.validation(), b.validation());
        assertArrayEquals(a.test(), b.test());
    }

    @Test
    void givesADifferentSplitForAnotherSeed() {
        StratifiedSplit a = StratifiedSplit.of(LABELS, 0.2, 0.2, 42);
        StratifiedSplit b = StratifiedSplit.of(LABELS, 0.2, 0.2, 43);
        assertFalse(Arrays.equals(a.test(), b.test()), "seeds 42 and 43 chose the same test rows");
        assertEquals(a.test().length, b.test().length);
    }

    @Test
    void rejectsSharesThatAreNotPositiveOrLeaveNoTrainingRows() {
        double[][] invalid = {{0, 0.2}, {0.2, 0}, {-0.1, 0.2}, {0.5, 0.5}, {0.6, 0.5}, {Double.NaN, 0.2}, {0.2, Double.NaN}};
        for (double[] shares : invalid) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StratifiedSplit.of(LABELS, shares[0], shares[1], 1), Arrays.toString(shares));
            assertTrue(e.getMessage().contains("validation " + shares[0]) && e.getMessage().contains("test " + shares[1]),
                    e.getMessage());
        }
    }

    @Test
    void keepsAFewPositivesInEverySplitOfASmallTable() {
        boolean[] labels = new boolean[40];
        for (int i = 0; i < 10; i++) {
            labels[i * 4] = true;
        }
        StratifiedSplit split = StratifiedSplit.of(labels, 0.2, 0.2, 5);
        for (int[] part : new int[][] {split.train(), split.validation(), split.test()}) {
            long p = Arrays.stream(part).filter(r -> labels[r]).count();
            assertTrue(p >= 2, "positives in a split of " + part.length + ": " + p);
        }
    }
}
