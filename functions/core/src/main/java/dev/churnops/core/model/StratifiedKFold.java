package dev.churnops.core.model;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A seeded, stratified assignment of rows to {@code k} cross-validation folds that is exactly
 * scikit-learn 1.2's {@code StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)} on the
 * same label vector (its {@code _make_test_folds}), drawn from a {@link MersenneTwister} as numpy's
 * legacy {@code RandomState(seed)} draws:
 * <ol>
 *   <li>classes are numbered in the order they first appear among the rows;</li>
 *   <li>the rows, sorted by class number, are dealt to the folds in turn, which fixes how many
 *       rows of each class every fold holds;</li>
 *   <li>for each class in turn, that list of fold numbers (fold 0's share first, then fold 1's...)
 *       is shuffled with the one generator, and the class's rows take them in row order.</li>
 * </ol>
 * So every row is in exactly one fold, fold sizes differ by at most one, and each fold holds
 * {@code floor} or {@code ceil} of each class's count divided by {@code k}: its churn rate is within
 * one row of the whole table's. The same labels, {@code k} and seed always give the same folds.
 */
public final class StratifiedKFold {

    private final int[] fold;
    private final int k;

    private StratifiedKFold(int[] fold, int k) {
        this.fold = fold;
        this.k = k;
    }

    /**
     * Folds for {@code labels}.
     *
     * @throws IllegalArgumentException if {@code k} is below 2, or above the number of rows of the
     *     smaller class (then some fold would hold no row of that class, and its ROC-AUC would be
     *     undefined), or if {@code seed} is outside 0 to 4294967295
     */
    public static StratifiedKFold of(boolean[] labels, int k, long seed) {
        int positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        int minority = Math.min(positives, labels.length - positives);
        if (k < 2) {
            throw new IllegalArgumentException("cross-validation folds k = " + k + ": expected at least 2 folds");
        }
        if (k > minority) {
            throw new IllegalArgumentException("cross-validation folds k = " + k + " but the smaller class has only "
                    + minority + " rows (" + positives + " churners, " + (labels.length - positives)
                    + " non-churners): every fold needs a row of each class, so expected k from 2 to " + minority);
        }
        int[] classes = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            classes[i] = labels[i] ? 1 : 0;
        }
        return of(classes, k, seed);
    }

    /**
     * Folds for any integer class vector, as scikit-learn deals them.
     *
     * @throws IllegalArgumentException if {@code k} is below 2, some class has fewer than {@code k}
     *     rows, or {@code seed} is outside 0 to 4294967295
     */
    public static StratifiedKFold of(int[] classes, int k, long seed) {
        MersenneTwister.checkSeed(seed);
        if (k < 2) {
            throw new IllegalArgumentException("cross-validation folds k = " + k + ": expected at least 2 folds");
        }
        // Class numbers by first appearance, so relabelling the classes does not change the folds.
        java.util.Map<Integer, Integer> number = new java.util.LinkedHashMap<>();
        int[] encoded = new int[classes.length];
        for (int i = 0; i < classes.length; i++) {
            encoded[i] = number.computeIfAbsent(classes[i], c -> number.size());
        }
        int n = classes.length;
        int[] counts = new int[number.size()];
        for (int c : encoded) {
            counts[c]++;
        }
        for (java.util.Map.Entry<Integer, Integer> e : number.entrySet()) {
            if (counts[e.getValue()] < k) {
                throw new IllegalArgumentException("cross-validation folds k = " + k + " but class " + e.getKey()
                        + " has only " + counts[e.getValue()] + " rows: expected at least k rows of every class");
            }
        }
        // allocation[f][c]: rows of class c in fold f, by dealing the class-sorted rows to the folds in turn.
        int[][] allocation = new int[k][counts.length];
        int position = 0;
        for (int c = 0; c < counts.length; c++) {
            for (int r = 0; r < counts[c]; r++) {
                allocation[position % k][c]++;
                position++;
            }
        }
        MersenneTwister random = new MersenneTwister(seed);
        int[] fold = new int[n];
        for (int c = 0; c < counts.length; c++) {
            int[] folds = new int[counts[c]];
            int at = 0;
            for (int f = 0; f < k; f++) {
                for (int r = 0; r < allocation[f][c]; r++) {
                    folds[at++] = f;
                }
            }
            random.shuffle(folds);
            at = 0;
            for (int i = 0; i < n; i++) {
                if (encoded[i] == c) {
                    fold[i] = folds[at++];
                }
            }
        }
        return new StratifiedKFold(fold, k);
    }

    /** Number of folds. */
    public int k() {
        return k;
    }

    /** The fold of every row, 0 to k − 1. */
    public int[] folds() {
        return fold.clone();
    }

    /** Rows of fold {@code f}, ascending: the rows it holds out. */
    public int[] testRows(int f) {
        check(f);
        return IntStream.range(0, fold.length).filter(i -> fold[i] == f).toArray();
    }

    /** Rows of every other fold, ascending: the rows trained on when fold {@code f} is held out. */
    public int[] trainRows(int f) {
        check(f);
        return IntStream.range(0, fold.length).filter(i -> fold[i] != f).toArray();
    }

    private void check(int f) {
        if (f < 0 || f >= k) {
            throw new IndexOutOfBoundsException("fold " + f + ": expected 0 to " + (k - 1));
        }
    }

    @Override
    public String toString() {
        return "StratifiedKFold[k=" + k + ", rows=" + fold.length + ", first folds=" + Arrays.toString(
                Arrays.copyOf(fold, Math.min(10, fold.length))) + "]";
    }
}
