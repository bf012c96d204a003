package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.LabeledTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The production model chosen out of fold is, by default, the average of the fold models: each
 * engine's average must be the mean of the fold models' outputs (log-odds for logistic regression
 * and boosting, churn probability for a forest) on every row, carry covers over all training rows
 * so reason codes stay additive, and be what {@link ModelTraining} serves.
 */
class FoldAverageTest {

    private static final double CLOSE = 1e-12;
    private static final LabeledTable TABLE = SyntheticCustomers.table(500, 21);
    private static final EncodedData DATA = encode(TABLE);
    private static final double[][] OTHER = FeatureEncoder.fit(TABLE).encode(SyntheticCustomers.table(SyntheticCustomers.csv(150, 22, 9000)));

    private static EncodedData encode(LabeledTable table) {
        FeatureEncoder encoder = FeatureEncoder.fit(table);
        return new EncodedData(encoder.encode(table), table.labels(), encoder.featureNames());
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private static List<Predictor> foldModels(String algorithm, Map<String, String> given) {
        OutOfFold.Prediction p = OutOfFold.prepare(DATA, 5, 4).predict(algorithm, HyperParameters.parse(given));
        assertEquals(5, p.foldModels().size());
        return p.foldModels();
    }

    /** The reason codes' contributions plus their base value come to {@code output} for {@code x}. */
    private static void assertAdditive(TreeShap shap, double[] x, double output) {
        double sum = shap.baseValue();
        for (double phi : shap.contributions(x)) {
            sum += phi;
        }
        assertEquals(output, sum, 1e-9, "contributions and the base value add up to the output");
    }

    private static double[][] allRows() {
        List<double[]> rows = new ArrayList<>(List.of(DATA.rows()));
        rows.addAll(List.of(OTHER));
        return rows.toArray(new double[0][]);
    }

    @Test
    void theBoostedAverageIsTheMeanFoldMarginAndItsCoversCountEveryTrainingRow() {
        List<Predictor> folds = foldModels(HyperParameters.GRADIENT_BOOSTING, Map.of("gradient_boosting.max_depth", "3",
                "gradient_boosting.rounds", "60"));
        BoostedPredictor average = assertInstanceOf(BoostedPredictor.class, FoldAverage.of(folds, DATA.rows()));
        average.check();
        int trees = folds.stream().mapToInt(p -> ((BoostedPredictor) p).roots().length).sum();
        assertEquals(trees, average.roots().length);
        for (double[] x : allRows()) {
            double mean = 0;
            for (Predictor p : folds) {
                mean += ((BoostedPredictor) p).margin(x) / folds.size();
            }
            assertEquals(mean, average.margin(x), CLOSE);
        }
        for (int root : average.roots()) {
            assertEquals(DATA.rows().length, average.cover()[root], "root " + root);
        }
        TreeShap shap = TreeShap.of(average);
        double meanMargin = 0;
        for (double[] x : DATA.rows()) {
            meanMargin += average.margin(x) / DATA.rows().length;
        }
        assertEquals(meanMargin, shap.baseValue(), 1e-9, "the base value is the average's mean margin over the training rows");
        for (double[] x : OTHER) {
            assertAdditive(shap, x, average.margin(x));
        }
    }

    @Test
    void averagedStumpsWithTheSameSplitBecomeOneStumpAndTheMarginIsTheFoldsMean() {
        List<Predictor> folds = foldModels(HyperParameters.GRADIENT_BOOSTING, Map.of());
        BoostedPredictor average = assertInstanceOf(BoostedPredictor.class, FoldAverage.of(folds, DATA.rows()));
        average.check();
        java.util.Set<String> splits = new java.util.HashSet<>();
        int trees = 0;
        for (Predictor p : folds) {
            BoostedPredictor b = (BoostedPredictor) p;
            trees += b.roots().length;
            for (int root : b.roots()) {
                splits.add(b.feature()[root] + "@" + b.threshold()[root]);
            }
        }
        assertEquals(splits.size(), average.roots().length, "one stump per distinct split");
        assertTrue(average.roots().length < trees / 2, average.roots().length + " stumps of " + trees);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int root : average.roots()) {
            assertTrue(seen.add(average.feature()[root] + "@" + average.threshold()[root]), "a split appears once");
            assertEquals(DATA.rows().length, average.cover()[root]);
        }
        BoostedPredictor.Stumps stumps = average.stumps();
        assertTrue(stumps != null, "stumps averaged are stumps");
        TreeShap shap = TreeShap.of(average);
        for (double[] x : allRows()) {
            double mean = 0;
            for (Predictor p : folds) {
                mean += ((BoostedPredictor) p).margin(x) / folds.size();
            }
            assertEquals(mean, average.margin(x), CLOSE);
            assertEquals(average.probability(x), stumps.probability(x), 0.0);
            assertAdditive(shap, x, average.margin(x));
        }
    }

    @Test
    void singleLeafStumpsGoIntoTheBaseAndNegativeZeroSplitsLikeZero() {
        // Two hand-made fold models over 2 features: a split at 0.0 and one at -0.0 on feature 0 are the
        // same split; a single-leaf tree adds its value to every row.
        BoostedPredictor a = new BoostedPredictor(2, 0.5, new int[] {0, 3}, new int[] {0, -1, -1, -1},
                new double[] {0.0, 0, 0, 0}, new int[] {1, -1, -1, -1}, new int[] {2, -1, -1, -1},
                new double[] {0, -0.2, 0.4, 0.1}, new double[] {1, 0});
        BoostedPredictor b = new BoostedPredictor(2, -0.5, new int[] {0, 3}, new int[] {0, -1, -1, 1, -1, -1},
                new double[] {-0.0, 0, 0, 2.5, 0, 0}, new int[] {1, -1, -1, 4, -1, -1}, new int[] {2, -1, -1, 5, -1, -1},
                new double[] {0, -0.6, 0.2, 0, 0.3, -0.3}, new double[] {2, 1});
        double[][] rows = {{-1, 0}, {1, 3}, {0, 2.5}, {-0.0, 9}};
        BoostedPredictor average = (BoostedPredictor) FoldAverage.of(List.of(a, b), rows);
        average.check();
        assertEquals(2, average.roots().length, "feature 0 at 0 (twice) and feature 1 at 2.5");
        assertEquals(0.05, average.base(), CLOSE, "(0.5 - 0.5) / 2 plus the single leaf 0.1 / 2");
        assertArrayEquals(new double[] {1.5, 0.5}, average.gain(), CLOSE);
        for (double[] x : rows) {
            assertEquals((a.margin(x) + b.margin(x)) / 2, average.margin(x), CLOSE);
        }
    }

    @Test
    void theLinearAverageHasTheMeanWeightsSoItsLogOddsAreTheFoldsMean() {
        List<Predictor> folds = foldModels(HyperParameters.LOGISTIC_REGRESSION, Map.of("logistic_regression.epochs", "5"));
        LinearPredictor average = assertInstanceOf(LinearPredictor.class, FoldAverage.of(folds, DATA.rows()));
        for (double[] x : allRows()) {
            double mean = 0;
            for (Predictor p : folds) {
                mean += logit(p.probability(x)) / folds.size();
            }
            assertEquals(mean, logit(average.probability(x)), 1e-9);
        }
    }

    @Test
    void theForestAverageIsTheMeanOfTheFoldForestsVoteShares() {
        List<Predictor> folds = foldModels(HyperParameters.RANDOM_FOREST, Map.of("random_forest.trees", "12"));
        ForestPredictor average = assertInstanceOf(ForestPredictor.class, FoldAverage.of(folds, DATA.rows()));
        average.check();
        assertEquals(60, average.roots().length);
        for (double[] x : allRows()) {
            double mean = 0;
            for (Predictor p : folds) {
                mean += p.probability(x) / folds.size();
            }
            assertEquals(mean, average.probability(x), CLOSE);
        }
        TreeShap shap = TreeShap.of(average);
        for (double[] x : OTHER) {
            assertAdditive(shap, x, average.probability(x));
        }
    }

    @Test
    void modelsOfDifferentKindsOrWidthsAreNotAveraged() {
        LinearPredictor narrow = new LinearPredictor(new double[] {1, 2}, 0);
        LinearPredictor wide = new LinearPredictor(new double[] {1, 2, 3}, 0);
        BoostedPredictor boosted = new BoostedPredictor(2, 0, new int[] {0}, new int[] {-1}, new double[] {0},
                new int[] {-1}, new int[] {-1}, new double[] {0.5}, new double[2]);
        IllegalArgumentException kinds = assertThrows(IllegalArgumentException.class,
                () -> FoldAverage.of(List.of(narrow, boosted), DATA.rows()));
        assertTrue(kinds.getMessage().contains("LinearPredictor of width 2 and BoostedPredictor of width 2"), kinds.getMessage());
        IllegalArgumentException widths = assertThrows(IllegalArgumentException.class,
                () -> FoldAverage.of(List.of(narrow, wide), DATA.rows()));
        assertTrue(widths.getMessage().contains("width 3"), widths.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FoldAverage.of(List.of(), DATA.rows()));
    }

    @Test
    void trainingOutOfFoldServesTheAverageOfTheChosenAlgorithmsFoldModelsUnlessAskedToRefit() {
        LabeledTable none = TABLE.select(new int[0]);
        HyperParameters p = HyperParameters.parse(Map.of("algorithms", HyperParameters.GRADIENT_BOOSTING));
        ModelTraining.Outcome outcome = ModelTraining.train(TABLE, none, p);

        OutOfFold.Prediction chosen = OutOfFold.prepare(DATA, p.oofFolds(), p.seed()).predict(HyperParameters.GRADIENT_BOOSTING, p);
        BoostedPredictor expected = (BoostedPredictor) FoldAverage.of(chosen.foldModels(), DATA.rows());
        BoostedPredictor served = (BoostedPredictor) outcome.model().predictor();
        assertArrayEquals(expected.value(), served.value(), 0.0);
        assertArrayEquals(expected.cover(), served.cover());
        assertEquals(HyperParameters.FOLD_AVERAGE, outcome.outOfFoldSummary().finalModel());
        assertTrue(outcome.chosen().provenance().startsWith("the average of 5 fold models"), outcome.chosen().provenance());
        assertTrue(outcome.outOfFoldSummary().rule().contains("average of the kept algorithm's 5 fold models"));

        ModelTraining.Outcome refit = ModelTraining.train(TABLE, none,
                p.with(Map.of(HyperParameters.FINAL_MODEL, HyperParameters.REFIT)));
        BoostedPredictor one = (BoostedPredictor) refit.model().predictor();
        assertEquals(Integer.parseInt(refit.outOfFoldSummary().fitted().get("gradient_boosting.rounds")), one.roots().length);

        assertEquals(HyperParameters.REFIT, refit.outOfFoldSummary().finalModel());
        assertTrue(refit.outOfFoldSummary().rule().contains("fitted on all training rows"));
        assertArrayEquals(outcome.outOfFold().probability(), refit.outOfFold().probability(), 0.0,
                "the choice of final model changes no out-of-fold prediction");
    }

    @Test
    void anUnknownFinalModelIsRefusedNamingTheKeyAndTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HyperParameters.parse(Map.of(HyperParameters.FINAL_MODEL, "bagging")));
        assertEquals("hyperparameter 'final_model' is 'bagging': expected fold_average (the average of the out-of-fold"
                + " fold models) or refit (one more fit on all training rows)", e.getMessage());
    }
}
