package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StratifiedKFoldTest {

    private static boolean[] labels(int n, double rate, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextDouble() < rate;
        }
        return labels;
    }

    private static int positives(boolean[] labels, int[] rows) {
        return (int) Arrays.stream(rows).filter(r -> labels[r]).count();
    }

    @Test
    void foldsAreDisjointAndHoldEveryRowOnce() {
        boolean[] labels = labels(503, 0.27, 99);
        StratifiedKFold folds = StratifiedKFold.of(labels, 5, 42);

        int[] seen = new int[labels.length];
        for (int f = 0; f < folds.k(); f++) {
            for (int row : folds.testRows(f)) {
                seen[row]++;
            }
            int[] train = folds.trainRows(f);
            int[] held = folds.testRows(f);
            assertEquals(labels.length, train.length + held.length);
            assertTrue(Arrays.stream(train).noneMatch(r -> Arrays.binarySearch(held, r) >= 0), "fold " + f + " trains on a held-out row");
        }
        assertTrue(Arrays.stream(seen).allMatch(c -> c == 1), "every row is held out exactly once");
    }

    @Test
    void eachFoldsChurnRateIsWithinOneRowOfTheWholeTables() {
        // Many sizes, churn rates (minority and majority positive) and k, so every remainder case occurs.
        for (int n = 10; n <= 120; n += 7) {
            for (double rate : new double[] {0.1, 0.27, 0.5, 0.8}) {
                boolean[] labels = labels(n, rate, n * 31L);
                int p = positives(labels, IntStream.range(0, n).toArray());
                int minority = Math.min(p, n - p);
                for (int k = 2; k <= Math.min(10, minority); k++) {
                    StratifiedKFold folds = StratifiedKFold.of(labels, k, 7);
                    for (int f = 0; f < k; f++) {
                        int[] held = folds.testRows(f);
                        double expected = held.length * (double) p / n;
                        String where = "n=" + n + " positives=" + p + " k=" + k + " fold=" + f;
                        assertTrue(Math.abs(positives(labels, held) - expected) <= 1.0, where + ": "
                                + positives(labels, held) + " churners, expected about " + expected);
                        assertTrue(Math.abs(held.length - (double) n / k) < 1.0, where + ": size " + held.length);
                    }
                }
            }
        }
    }

    @Test
    void theSameLabelsAndSeedGiveTheSameFoldsAndAnotherSeedOthers() {
        boolean[] labels = labels(300, 0.3, 5);

        assertArrayEquals(StratifiedKFold.of(labels, 5, 42).folds(), StratifiedKFold.of(labels, 5, 42).folds());
        assertFalse(Arrays.equals(StratifiedKFold.of(labels, 5, 42).folds(), StratifiedKFold.of(labels, 5, 43).folds()));
    }

    @Test
    void rejectsFewerThanTwoFoldsNamingK() {
        boolean[] labels = labels(100, 0.3, 1);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StratifiedKFold.of(labels, 1, 42));

        assertTrue(e.getMessage().contains("k = 1") && e.getMessage().contains("at least 2"), e.getMessage());
    }

    @Test
    void rejectsMoreFoldsThanTheSmallerClassHasRowsNamingKAndTheCount() {
        boolean[] labels = new boolean[20];
        labels[3] = true;
        labels[8] = true;
        labels[15] = true;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StratifiedKFold.of(labels, 4, 42));

        assertTrue(e.getMessage().contains("k = 4") && e.getMessage().contains("only 3 rows")
                && e.getMessage().contains("from 2 to 3"), e.getMessage());
        assertEquals(3, StratifiedKFold.of(labels, 3, 42).k(), "k equal to the smaller class's count is allowed");
    }

    @Test
    void dealsTheFoldsScikitLearnsStratifiedKFoldDeals() {
        int cases = 0;
        for (com.fasterxml.jackson.databind.JsonNode c : NumpyFixtures.ROOT.path("kfold")) {
            int[] labels = NumpyFixtures.labels(c.path("labels").asText());
            StratifiedKFold folds = StratifiedKFold.of(labels, c.path("k").asInt(), c.path("seed").asLong());
            assertArrayEquals(NumpyFixtures.ints(c.path("folds")), folds.folds(), c.path("labels").asText() + " k "
                    + c.path("k") + " seed " + c.path("seed"));
            cases++;
        }
        assertEquals(5, cases);
    }

    @Test
    void rejectsASeedOutsideNumpysRange() {
        boolean[] labels = labels(100, 0.3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StratifiedKFold.of(labels, 5, -3));
        assertTrue(e.getMessage().startsWith("seed is -3"), e.getMessage());
    }
}
