package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.LabeledTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TreeSHAP on the compiled forms: contributions add up to the explained output, equal the Shapley
 * values found by enumerating every subset of features, are exactly 0 for a feature no split uses,
 * and are the same on every call.
 */
class TreeShapTest {

    private static final double ADDITIVE = 1e-9;
    private static final double EXACT = 1e-12;

    private static EncodedData train;
    private static double[][] heldOut;
    private static BoostedPredictor boosted;
    private static ForestPredictor forest;

    @BeforeAll
    static void trainBothEngines() {
        LabeledTable trainTable = SyntheticCustomers.table(400, 11);
        FeatureEncoder encoder = FeatureEncoder.fit(trainTable);
        train = SyntheticCustomers.encoded(encoder, trainTable);
        heldOut = encoder.encode(SyntheticCustomers.table(SyntheticCustomers.csv(200, 12, 5000)));
        boosted = (BoostedPredictor) new GradientBoostingEngine().train(train, HyperParameters.parse(Map.of(
                "gradient_boosting.rounds", "80", "gradient_boosting.early_stopping_rounds", "0"))).predictor();
        forest = (ForestPredictor) new RandomForestEngine().train(train, HyperParameters.parse(Map.of(
                "random_forest.trees", "30"))).predictor();
    }

    @Test
    void boostedContributionsAndTheBaseValueAddUpToTheMarginOnEveryHeldOutRow() {
        assertTrue(TreeShap.of(boosted).tabled(), "80 trees of depth 4 fit the leaf-table budget");
        TreeShap walked = shap(boosted, false);
        TreeShap tabled = shap(boosted, true);
        for (int r = 0; r < heldOut.length; r++) {
            double[] phi = walked.contributions(heldOut[r]);
            assertEquals(boosted.margin(heldOut[r]), walked.baseValue() + sum(phi), ADDITIVE, "row " + r);
            assertArrayEquals(phi, tabled.contributions(heldOut[r]), EXACT, "leaf tables agree, row " + r);
        }
    }

    @Test
    void forestContributionsAndTheBaseValueAddUpToTheForestOutputOnEveryHeldOutRow() {
        TreeShap walked = shap(forest, false);
        TreeShap tabled = shap(forest, true);
        for (int r = 0; r < heldOut.length; r++) {
            double[] phi = walked.contributions(heldOut[r]);
            assertEquals(forest.probability(heldOut[r]), walked.baseValue() + sum(phi), ADDITIVE, "row " + r);
            assertArrayEquals(phi, tabled.contributions(heldOut[r]), EXACT, "leaf tables agree, row " + r);
        }
    }

    @Test
    void theBaseValueIsTheMeanOutputOverTheTrainingRows() {
        double margin = 0;
        double vote = 0;
        for (double[] x : train.rows()) {
            margin += boosted.margin(x);
            vote += forest.probability(x);
        }
        assertEquals(margin / train.rows().length, TreeShap.of(boosted).baseValue(), ADDITIVE);
        assertEquals(vote / train.rows().length, TreeShap.of(forest).baseValue(), ADDITIVE);
    }

    @Test
    void eachTreesRootCoversEveryTrainingRowAndEachSplitItsChildren() {
        for (int[][] model : new int[][][] {{boosted.roots(), boosted.feature(), boosted.low(), boosted.high(), boosted.cover()},
                {forest.roots(), forest.feature(), forest.low(), forest.high(), forest.cover()}}) {
            int[] feature = model[1];
            int[] cover = model[4];
            for (int root : model[0]) {
                assertEquals(train.rows().length, cover[root], "root " + root);
            }
            for (int n = 0; n < feature.length; n++) {
                if (feature[n] >= 0) {
                    assertEquals(cover[n], cover[model[2][n]] + cover[model[3][n]], "node " + n);
                    assertTrue(cover[model[2][n]] > 0 && cover[model[3][n]] > 0, "every branch was grown on some row");
                }
            }
        }
    }

    @Test
    void matchesBruteForceShapleyValuesOnRandomTreesWithRepeatedSplits() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int ensemble = 0; ensemble < 40; ensemble++) {
            int width = 2 + random.nextInt(7);
            Trees trees = Trees.random(random, width, 1 + random.nextInt(4), 1 + random.nextInt(6));
            boolean asForest = ensemble % 2 == 0;
            for (int row = 0; row < 15; row++) {
                double[] x = new double[width];
                for (int i = 0; i < width; i++) {
                    x[i] = random.nextDouble(-1, 1);
                }
                assertMatchesBruteForce(asForest ? trees.forest() : trees.boosted(0.3), x, "ensemble " + ensemble);
            }
        }
    }

    @Test
    void matchesBruteForceShapleyValuesOnTrainedEnsemblesOfSixFeatures() {
        EncodedData small = sixFeatures(300, 5);
        Predictor smallBoosted = smallBoosted(small);
        Predictor smallForest = smallForest(small);
        EncodedData rows = sixFeatures(20, 6);
        for (double[] x : rows.rows()) {
            assertMatchesBruteForce(smallBoosted, x, "trained boosted");
            assertMatchesBruteForce(smallForest, x, "trained forest");
        }
    }

    private static Predictor smallBoosted(EncodedData data) {
        return new GradientBoostingEngine().train(data, HyperParameters.parse(Map.of(
                "gradient_boosting.rounds", "25", "gradient_boosting.max_depth", "3",
                "gradient_boosting.early_stopping_rounds", "0"))).predictor();
    }

    private static Predictor smallForest(EncodedData data) {
        return new RandomForestEngine().train(data, HyperParameters.parse(Map.of(
                "random_forest.trees", "8", "random_forest.max_depth", "5", "random_forest.feature_fraction", "0.7",
                "random_forest.min_child_weight", "2"))).predictor();
    }

    @Test
    void aFeatureNoSplitUsesGetsExactlyZero() {
        SplittableRandom random = new SplittableRandom(7);
        // Random trees over features 0..3 of 5: feature 4 is never split on.
        Trees trees = Trees.random(random, 4, 3, 4);
        for (Predictor p : List.of(trees.forestOfWidth(5), trees.boostedOfWidth(5, -0.2))) {
            for (boolean tables : new boolean[] {false, true}) {
                TreeShap shap = shap(p, tables);
                for (int row = 0; row < 20; row++) {
                    double[] x = {random.nextDouble(-1, 1), random.nextDouble(-1, 1), random.nextDouble(-1, 1),
                            random.nextDouble(-1, 1), random.nextDouble(-1, 1)};
                    assertEquals(0.0, shap.contributions(x)[4], 0.0);
                }
            }
        }
        // Trained models: feature 5 of the six is constant, so no tree can split on it.
        EncodedData small = sixFeatures(300, 5);
        for (Predictor p : List.of(smallBoosted(small), smallForest(small))) {
            TreeShap shap = shap(p, false);
            for (double[] x : sixFeatures(30, 8).rows()) {
                double[] phi = shap.contributions(x);
                assertEquals(0.0, phi[5], 0.0);
                assertTrue(phi[0] != 0.0, "the strongest feature does contribute");
            }
        }
    }

    @Test
    void givesTheSameContributionsOnEveryCallAndAfterAModelFileRoundTrip() {
        TreeShap first = TreeShap.of(forest);
        TreeShap again = TreeShap.of(forest);
        ChurnModel boostedModel = new ChurnModel(ChurnModel.FORMAT, "gradient_boosting",
                FeatureEncoder.fit(SyntheticCustomers.table(400, 11)), boosted);
        BoostedPredictor read = (BoostedPredictor) ChurnModel.fromBytes(boostedModel.toBytes(), "model.json").predictor();
        TreeShap trained = TreeShap.of(boosted);
        TreeShap fromFile = TreeShap.of(read);
        double[] reused = new double[forest.width()];
        for (double[] x : heldOut) {
            double[] expected = first.contributions(x);
            assertArrayEquals(expected, again.contributions(x), 0.0);
            first.contributions(x, reused);
            assertArrayEquals(expected, reused, 0.0, "written into a reused array");
            assertArrayEquals(trained.contributions(x), fromFile.contributions(x), 0.0);
        }
        assertEquals(trained.baseValue(), fromFile.baseValue(), 0.0);
    }

    private static TreeShap shap(Predictor p) {
        return p instanceof BoostedPredictor b ? TreeShap.of(b) : TreeShap.of((ForestPredictor) p);
    }

    /** Walking paths ({@code tables} false) or looking leaf tables up. */
    private static TreeShap shap(Predictor p, boolean tables) {
        long budget = tables ? Long.MAX_VALUE : 0;
        TreeShap shap = p instanceof BoostedPredictor b ? TreeShap.of(b, budget) : TreeShap.of((ForestPredictor) p, budget);
        assertEquals(tables, shap.tabled());
        return shap;
    }

    private static void assertMatchesBruteForce(Predictor p, double[] x, String what) {
        BruteForce brute = new BruteForce(p);
        double[] expected = brute.shapley(x);
        for (boolean tables : new boolean[] {false, true}) {
            TreeShap shap = shap(p, tables);
            String how = what + (tables ? ", leaf tables" : ", paths walked");
            double[] actual = shap.contributions(x);
            assertArrayEquals(expected, actual, EXACT, how);
            assertEquals(brute.value(0, x), shap.baseValue(), EXACT, how + ": base value is the game's value with nothing known");
            assertEquals(brute.value((1 << x.length) - 1, x), shap.baseValue() + sum(actual), ADDITIVE,
                    how + ": everything known gives the output");
        }
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /**
     * Five standard-normal features, a sixth that is always 0, and a label drawn from a logistic
     * model of four of them and an interaction.
     */
    private static EncodedData sixFeatures(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[rows][6];
        boolean[] labels = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < 5; f++) {
                x[r][f] = Math.round(random.nextGaussian() * 100) / 100.0;
            }
            double logit = 1.2 * x[r][0] - 0.8 * x[r][1] + 0.6 * x[r][2] * x[r][3] + 0.3 * x[r][4];
            labels[r] = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            // Tribuo needs both classes among the rows.
            labels[r] = r < 2 ? r == 0 : labels[r];
        }
        return new EncodedData(x, labels, List.of("f0", "f1", "f2", "f3", "f4", "f5"));
    }

    /**
     * The game TreeSHAP solves, evaluated directly: the value of a set S of known features is the
     * ensemble's output with every split on a feature in S following the row and every other split
     * averaging its branches by cover; Shapley values by enumerating all subsets.
     */
    private static final class BruteForce {
        private final int width;
        private final int[] roots;
        private final int[] feature;
        private final double[] threshold;
        private final int[] low;
        private final int[] high;
        private final double[] value;
        private final int[] cover;
        private final double offset;
        private final double scale;

        BruteForce(Predictor p) {
            if (p instanceof BoostedPredictor b) {
                width = b.width();
                roots = b.roots();
                feature = b.feature();
                threshold = b.threshold();
                low = b.low();
                high = b.high();
                value = b.value();
                cover = b.cover();
                offset = b.base();
                scale = 1.0;
            } else {
                ForestPredictor f = (ForestPredictor) p;
                width = f.width();
                roots = f.roots();
                feature = f.feature();
                threshold = f.threshold();
                low = f.low();
                high = f.high();
                value = f.value();
                cover = f.cover();
                offset = 0.0;
                scale = 1.0 / f.roots().length;
            }
        }

        double value(int known, double[] x) {
            double total = 0;
            for (int root : roots) {
                total += expected(root, known, x);
            }
            return offset + scale * total;
        }

        private double expected(int n, int known, double[] x) {
            if (feature[n] < 0) {
                return value[n];
            }
            if ((known & (1 << feature[n])) != 0) {
                return expected(x[feature[n]] <= threshold[n] ? low[n] : high[n], known, x);
            }
            if (cover[n] == 0) {
                return 0.0;
            }
            return (cover[low[n]] * expected(low[n], known, x) + cover[high[n]] * expected(high[n], known, x)) / cover[n];
        }

        double[] shapley(double[] x) {
            int m = width;
            double[] factorial = new double[m + 1];
            factorial[0] = 1;
            for (int i = 1; i <= m; i++) {
                factorial[i] = factorial[i - 1] * i;
            }
            double[] v = new double[1 << m];
            for (int s = 0; s < v.length; s++) {
                v[s] = value(s, x);
            }
            double[] phi = new double[m];
            for (int i = 0; i < m; i++) {
                for (int s = 0; s < v.length; s++) {
                    if ((s & (1 << i)) == 0) {
                        int size = Integer.bitCount(s);
                        double weight = factorial[size] * factorial[m - size - 1] / factorial[m];
                        phi[i] += weight * (v[s | (1 << i)] - v[s]);
                    }
                }
            }
            return phi;
        }
    }

    /**
     * Random trees in the flattened layout, built depth-first so children follow parents: splits
     * on random features (so a path often splits on one feature twice), random thresholds and leaf
     * values, leaf covers from 0 to 20 and split covers their children's sums.
     */
    private static final class Trees {
        final List<Integer> roots = new ArrayList<>();
        final List<Integer> feature = new ArrayList<>();
        final List<Double> threshold = new ArrayList<>();
        final List<Integer> low = new ArrayList<>();
        final List<Integer> high = new ArrayList<>();
        final List<Double> value = new ArrayList<>();
        final List<Integer> cover = new ArrayList<>();
        int width;

        static Trees random(SplittableRandom random, int width, int count, int maxDepth) {
            Trees t = new Trees();
            t.width = width;
            for (int i = 0; i < count; i++) {
                t.roots.add(t.grow(random, maxDepth));
            }
            return t;
        }

        private int grow(SplittableRandom random, int depthLeft) {
            int id = feature.size();
            feature.add(-1);
            threshold.add(0.0);
            low.add(-1);
            high.add(-1);
            value.add(0.0);
            cover.add(0);
            if (depthLeft == 0 || random.nextInt(5) == 0) {
                value.set(id, random.nextDouble());
                // Mostly covered; now and then a leaf no training row reached.
                cover.set(id, random.nextInt(12) == 0 ? 0 : 1 + random.nextInt(20));
                return id;
            }
            feature.set(id, random.nextInt(width));
            threshold.set(id, random.nextDouble(-0.8, 0.8));
            int l = grow(random, depthLeft - 1);
            int h = grow(random, depthLeft - 1);
            low.set(id, l);
            high.set(id, h);
            cover.set(id, cover.get(l) + cover.get(h));
            return id;
        }

        ForestPredictor forest() {
            return forestOfWidth(width);
        }

        BoostedPredictor boosted(double base) {
            return boostedOfWidth(width, base);
        }

        ForestPredictor forestOfWidth(int w) {
            ForestPredictor p = new ForestPredictor(w, ints(roots), ints(feature), doubles(threshold), ints(low),
                    ints(high), doubles(value), ints(cover));
            p.check();
            return p;
        }

        BoostedPredictor boostedOfWidth(int w, double base) {
            // Leaf values centred on 0, as margin contributions are.
            double[] margins = doubles(value);
            for (int i = 0; i < margins.length; i++) {
                margins[i] = feature.get(i) < 0 ? 2 * margins[i] - 1 : 0.0;
            }
            BoostedPredictor p = new BoostedPredictor(w, base, ints(roots), ints(feature), doubles(threshold), ints(low),
                    ints(high), margins, new double[w], ints(cover));
            p.check();
            return p;
        }

        private static int[] ints(List<Integer> list) {
            return list.stream().mapToInt(Integer::intValue).toArray();
        }

        private static double[] doubles(List<Double> list) {
            return list.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
