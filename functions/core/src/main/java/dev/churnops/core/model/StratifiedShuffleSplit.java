package dev.churnops.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * A stratified train / test split that selects exactly the rows, in the same order, that
 * scikit-learn 1.2's {@code train_test_split(..., test_size=share, stratify=y, random_state=seed)}
 * selects with an integer seed (its {@code StratifiedShuffleSplit}), drawing from a
 * {@link MersenneTwister} as numpy's legacy {@code RandomState} does:
 * <ol>
 *   <li>sizes: {@code n_test = ceil(share × n)}, {@code n_train = n − n_test};</li>
 *   <li>classes in ascending order (numpy's {@code unique}), each with its rows in ascending order;</li>
 *   <li>rows per class for training by the approximate mode of the multivariate hypergeometric
 *       ({@link #approximateMode}): the floor of each class's proportional share, the rows left
 *       over handed out by descending fractional remainder, ties among equal remainders broken by
 *       a random choice; then the same for the test rows from what each class has left;</li>
 *   <li>per class, a permutation of its rows: the first ones train, the next ones test;</li>
 *   <li>a final permutation of the training rows, and one of the test rows.</li>
 * </ol>
 * Every draw comes from one generator seeded once, in that order; taking one draw more or less
 * anywhere would change every row after it, so the order is part of the contract.
 *
 * @param train row indexes to train on, in scikit-learn's order
 * @param test row indexes to test on, in scikit-learn's order
 */
public record StratifiedShuffleSplit(int[] train, int[] test) {

    public StratifiedShuffleSplit {
        train = train.clone();
        test = test.clone();
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] test() {
        return test.clone();
    }

    /**
     * {@code train_test_split} of a churn label vector: churners are class 1 and the others class
     * 0, as scikit-learn orders a 0/1 (or "No"/"Yes") label.
     *
     * @param testShare the test share, above 0 and below 1 ({@code test_size})
     * @param seed {@code random_state}, 0 to 4294967295
     * @throws IllegalArgumentException naming the share, the seed or the class that makes the split impossible
     */
    public static StratifiedShuffleSplit of(boolean[] labels, double testShare, long seed) {
        int[] classes = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            classes[i] = labels[i] ? 1 : 0;
        }
        return of(classes, testShare, seed);
    }

    /** {@code train_test_split} of any integer class vector. */
    public static StratifiedShuffleSplit of(int[] classes, double testShare, long seed) {
        int n = classes.length;
        if (!(testShare > 0 && testShare < 1)) {
            throw new IllegalArgumentException("test share " + testShare + ": expected a share above 0 and below 1");
        }
        int nTest = (int) Math.ceil(testShare * n);
        int nTrain = n - nTest;
        if (nTrain <= 0) {
            throw new IllegalArgumentException("test share " + testShare + " of " + n + " rows leaves no row to train on");
        }
        return of(classes, nTrain, nTest, seed);
    }

    /** {@code StratifiedShuffleSplit(train_size=nTrain, test_size=nTest, random_state=seed)}'s first split. */
    public static StratifiedShuffleSplit of(int[] classes, int nTrain, int nTest, long seed) {
        MersenneTwister.checkSeed(seed);
        int n = classes.length;
        if (nTrain < 1 || nTest < 1 || (long) nTrain + nTest > n) {
            throw new IllegalArgumentException(nTrain + " training and " + nTest + " test rows of " + n
                    + ": expected at least one of each and no more than " + n + " together");
        }
        int[] values = new TreeSet<>(Arrays.stream(classes).boxed().toList()).stream().mapToInt(Integer::intValue).toArray();
        int[][] members = new int[values.length][];
        int[] counts = new int[values.length];
        for (int c = 0; c < values.length; c++) {
            int value = values[c];
            members[c] = java.util.stream.IntStream.range(0, n).filter(i -> classes[i] == value).toArray();
            counts[c] = members[c].length;
            if (counts[c] < 2) {
                throw new IllegalArgumentException("class " + value + " has only " + counts[c]
                        + " row: a stratified split needs at least 2 rows of every class");
            }
        }
        if (nTrain < values.length || nTest < values.length) {
            throw new IllegalArgumentException(nTrain + " training and " + nTest + " test rows for " + values.length
                    + " classes: expected at least one row per class on each side");
        }
        MersenneTwister random = new MersenneTwister(seed);
        int[] trainPerClass = approximateMode(counts, nTrain, random);
        int[] left = new int[counts.length];
        for (int c = 0; c < counts.length; c++) {
            left[c] = counts[c] - trainPerClass[c];
        }
        int[] testPerClass = approximateMode(left, nTest, random);
        List<Integer> train = new ArrayList<>(nTrain);
        List<Integer> test = new ArrayList<>(nTest);
        for (int c = 0; c < values.length; c++) {
            int[] order = random.permutation(counts[c]);
            for (int k = 0; k < trainPerClass[c] + testPerClass[c]; k++) {
                (k < trainPerClass[c] ? train : test).add(members[c][order[k]]);
            }
        }
        return new StratifiedShuffleSplit(random.permutation(ints(train)), random.permutation(ints(test)));
    }

    /**
     * scikit-learn's {@code _approximate_mode(class_counts, n_draws, rng)}: how many of
     * {@code draws} rows each class gives. Each class's share is {@code count / total × draws} in
     * double precision (that order of operations, as scikit-learn 1.0 and later compute it); its
     * floor is taken, and the draws still missing go one each to the classes with the largest
     * fractional remainder, distinct remainders in descending order; among classes with equal
     * remainders, {@link MersenneTwister#choiceWithoutReplacement} picks which — a draw made even
     * when every one of them gets a row, as scikit-learn makes it.
     */
    static int[] approximateMode(int[] counts, int draws, MersenneTwister random) {
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        double[] continuous = new double[counts.length];
        double[] floored = new double[counts.length];
        double flooredSum = 0;
        for (int c = 0; c < counts.length; c++) {
            continuous[c] = (double) counts[c] / (double) total * draws;
            floored[c] = Math.floor(continuous[c]);
            flooredSum += floored[c];
        }
        int needed = (int) (draws - flooredSum);
        if (needed > 0) {
            double[] remainder = new double[counts.length];
            for (int c = 0; c < counts.length; c++) {
                remainder[c] = continuous[c] - floored[c];
            }
            double[] distinct = Arrays.stream(remainder).distinct().sorted().toArray();
            for (int v = distinct.length - 1; v >= 0 && needed > 0; v--) {
                double value = distinct[v];
                int[] tied = java.util.stream.IntStream.range(0, counts.length).filter(c -> remainder[c] == value).toArray();
                int now = Math.min(tied.length, needed);
                for (int c : random.choiceWithoutReplacement(tied, now)) {
                    floored[c] += 1;
                }
                needed -= now;
            }
        }
        int[] result = new int[counts.length];
        for (int c = 0; c < counts.length; c++) {
            result[c] = (int) floored[c];
        }
        return result;
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
