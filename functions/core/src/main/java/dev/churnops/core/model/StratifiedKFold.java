package dev.churnops.core.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A seeded, stratified assignment of rows to {@code k} cross-validation folds. Each class is
 * shuffled on its own; churners are then dealt to the folds in turn, and non-churners go on
 * dealing from the fold after the last churner. So every row is in exactly one fold, fold sizes
 * differ by at most one, each fold's churner count differs from {@code churners / k} by less than
 * one, and so its churn rate is within one row of the whole table's. The same labels, {@code k}
 * and seed always give the same folds.
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
     *     undefined)
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
        int[] fold = new int[labels.length];
        int next = 0;
        for (boolean cls : new boolean[] {true, false}) {
            int[] members = IntStream.range(0, labels.length).filter(i -> labels[i] == cls).toArray();
            // One generator per class, as in StratifiedSplit, so one class's rows do not reshuffle the other's.
            shuffle(members, new SplittableRandom(seed * 31 + (cls ? 1 : 0)));
            for (int member : members) {
                fold[member] = next;
                next = (next + 1) % k;
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

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    @Override
    public String toString() {
        return "StratifiedKFold[k=" + k + ", rows=" + fold.length + ", first folds=" + Arrays.toString(
                Arrays.copyOf(fold, Math.min(10, fold.length))) + "]";
    }
}
