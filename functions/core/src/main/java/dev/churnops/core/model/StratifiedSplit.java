package dev.churnops.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded, stratified three-way split: each class is shuffled on its own and cut in the same
 * proportions, so train, validation and test keep the churn rate of the whole table. The same
 * labels and seed always give the same split; the returned row indexes are sorted.
 */
public record StratifiedSplit(int[] train, int[] validation, int[] test) {

    public static StratifiedSplit of(boolean[] labels, double validationShare, double testShare, long seed) {
        if (!(validationShare > 0 && testShare > 0 && validationShare + testShare < 1)) {
            throw new IllegalArgumentException("split shares: validation " + validationShare + " and test " + testShare
                    + " must be positive and leave room for training");
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (boolean cls : new boolean[] {true, false}) {
            int[] members = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == cls).toArray();
            // One generator per class, derived from the seed, so adding rows of one class does not reshuffle the other.
            shuffle(members, new SplittableRandom(seed * 31 + (cls ? 1 : 0)));
            int nTest = (int) Math.round(members.length * testShare);
            int nValidation = (int) Math.round(members.length * validationShare);
            for (int k = 0; k < members.length; k++) {
                (k < nTest ? test : k < nTest + nValidation ? validation : train).add(members[k]);
            }
        }
        return new StratifiedSplit(sorted(train), sorted(validation), sorted(test));
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static int[] sorted(List<Integer> list) {
        int[] a = list.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(a);
        return a;
    }
}
