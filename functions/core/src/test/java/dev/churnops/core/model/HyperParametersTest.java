package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperParametersTest {

    private static IllegalArgumentException rejected(Map<String, String> given) {
        return assertThrows(IllegalArgumentException.class, () -> HyperParameters.parse(given));
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void fillsEveryKeyWithItsStatedDefault() {
        HyperParameters p = HyperParameters.parse(Map.of());

        assertEquals(HyperParameters.DEFAULTS, p.asMap());
        assertEquals(42L, p.seed());
        assertEquals(List.of(HyperParameters.LOGISTIC_REGRESSION, HyperParameters.GRADIENT_BOOSTING), p.algorithms());
        assertEquals(100, p.integer("random_forest.trees", 1, 5000));
        assertEquals(8, p.integer("random_forest.max_depth", 1, 64));
        assertEquals(50, p.integer("logistic_regression.epochs", 1, 1000));
        assertEquals(0.1, p.real("logistic_regression.learning_rate", 1e-6, 100));
        assertEquals(0, p.cvFolds());
        assertEquals(0, p.searchCandidates());
        assertEquals(5, p.searchFolds());
        assertEquals(SearchSpace.builtIn(), p.searchSpace());
    }

    @Test
    void recordsEveryValueSortedByKeyWithGivenValuesTrimmed() {
        HyperParameters p = HyperParameters.parse(Map.of("random_forest.trees", " 12 ", "seed", "7"));

        assertEquals("12", p.asMap().get("random_forest.trees"));
        assertEquals(12, p.integer("random_forest.trees", 1, 5000));
        assertEquals(7L, p.seed());
        assertEquals(HyperParameters.DEFAULTS.keySet().stream().sorted().toList(), List.copyOf(p.asMap().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> p.asMap().put("seed", "1"));
    }

    @Test
    void rejectsUnknownHyperparameterNamingItAndTheKnownKeys() {
        IllegalArgumentException e = rejected(Map.of("random_forest.tree", "10"));
        assertMentions(e, "'random_forest.tree'", "unknown", "random_forest.trees", "seed");
    }

    @Test
    void rejectsAKeyWithoutAValue() {
        Map<String, String> given = new HashMap<>();
        given.put("seed", null);
        assertMentions(rejected(given), "'seed'", "no value");
    }

    @Test
    void rejectsANonNumericIntegerNamingKeyValueAndRange() {
        assertMentions(rejected(Map.of("random_forest.trees", "many")),
                "'random_forest.trees'", "'many'", "whole number from 1 to 5000");
        assertMentions(rejected(Map.of("random_forest.max_depth", "2.5")),
                "'random_forest.max_depth'", "'2.5'", "whole number from 1 to 64");
    }

    @Test
    void rejectsAnIntegerOutOfRangeNamingKeyValueAndRange() {
        assertMentions(rejected(Map.of("random_forest.trees", "-1")), "'random_forest.trees'", "-1", "from 1 to 5000");
        assertMentions(rejected(Map.of("random_forest.trees", "5001")), "'random_forest.trees'", "5001", "from 1 to 5000");
        assertMentions(rejected(Map.of("logistic_regression.epochs", "0")), "'logistic_regression.epochs'", "from 1 to 1000");
    }

    @Test
    void acceptsTheEndsOfEachRange() {
        HyperParameters p = HyperParameters.parse(Map.of("random_forest.trees", "5000", "random_forest.max_depth", "1",
                "random_forest.feature_fraction", "1", "random_forest.min_child_weight", "0"));
        assertEquals(5000, p.integer("random_forest.trees", 1, 5000));
        assertEquals(1.0, p.real("random_forest.feature_fraction", 1e-6, 1.0));
    }

    @Test
    void rejectsARealOutOfRangeOrNotANumberNamingKeyValueAndRange() {
        assertMentions(rejected(Map.of("random_forest.feature_fraction", "1.5")),
                "'random_forest.feature_fraction'", "'1.5'", "expected a number from", "to 1.0");
        assertMentions(rejected(Map.of("random_forest.feature_fraction", "0")),
                "'random_forest.feature_fraction'", "'0'");
        assertMentions(rejected(Map.of("logistic_regression.learning_rate", "fast")),
                "'logistic_regression.learning_rate'", "'fast'", "to 100");
        assertMentions(rejected(Map.of("logistic_regression.learning_rate", "NaN")), "'logistic_regression.learning_rate'", "'NaN'");
        assertMentions(rejected(Map.of("random_forest.min_child_weight", "-0.5")), "'random_forest.min_child_weight'", "'-0.5'");
    }

    @Test
    void rejectsASeedThatIsNotAWholeNumber() {
        assertMentions(rejected(Map.of("seed", "4.2")), "'seed'", "'4.2'", "whole number");
    }

    @Test
    void acceptsSeedsInNumpysRangeOnlyNamingTheRange() {
        assertMentions(rejected(Map.of("seed", "-1")), "'seed'", "'-1'", "from 0 to 4294967295");
        assertMentions(rejected(Map.of("seed", "4294967296")), "'seed'", "'4294967296'", "from 0 to 4294967295");
        assertEquals(4_294_967_295L, HyperParameters.parse(Map.of("seed", "4294967295")).seed());
        assertEquals(0L, HyperParameters.parse(Map.of("seed", "0")).seed());
    }

    @Test
    void outOfFoldFoldsDefaultToFiveAndStayInRange() {
        assertEquals(5, HyperParameters.parse(Map.of()).oofFolds());
        assertEquals(10, HyperParameters.parse(Map.of(HyperParameters.OOF_FOLDS, "10")).oofFolds());
        assertMentions(rejected(Map.of(HyperParameters.OOF_FOLDS, "1")), "'oof_folds'", "whole number from 2 to 20");
    }

    @Test
    void rejectsAnUnknownAlgorithmNamingIt() {
        assertMentions(rejected(Map.of("algorithms", "logistic_regression,xgboost")),
                "'algorithms'", "'xgboost'", "logistic_regression", "random_forest");
    }

    @Test
    void rejectsAnAlgorithmListedTwice() {
        assertMentions(rejected(Map.of("algorithms", "random_forest, random_forest")), "'algorithms'", "'random_forest'", "twice");
    }

    @Test
    void keepsTheAlgorithmOrderGiven() {
        HyperParameters p = HyperParameters.parse(Map.of("algorithms", "random_forest, logistic_regression"));
        assertEquals(List.of(HyperParameters.RANDOM_FOREST, HyperParameters.LOGISTIC_REGRESSION), p.algorithms());
        assertEquals(List.of(HyperParameters.RANDOM_FOREST),
                HyperParameters.parse(Map.of("algorithms", "random_forest")).algorithms());
    }

    @Test
    void statesTheGradientBoostingDefaults() {
        HyperParameters p = HyperParameters.parse(Map.of());

        assertEquals(1000, p.integer("gradient_boosting.rounds", 1, 10_000));
        assertEquals(0.1, p.real("gradient_boosting.learning_rate", 1e-6, 1));
        assertEquals(1, p.integer("gradient_boosting.max_depth", 1, 16));
        assertEquals(5.0, p.real("gradient_boosting.min_child_weight", 0, 1e9));
        assertEquals(1.0, p.real("gradient_boosting.lambda", 0, 1e9));
        assertEquals(0.0, p.real("gradient_boosting.gamma", 0, 1e9));
        assertEquals(0.8, p.real("gradient_boosting.subsample", 1e-6, 1));
        assertEquals(0.5, p.real("gradient_boosting.colsample", 1e-6, 1));
        assertEquals(50, p.integer("gradient_boosting.early_stopping_rounds", 0, 10_000));
        assertEquals(0.1, p.real("gradient_boosting.validation_fraction", 0, 0.5));
        assertEquals(255, p.integer("gradient_boosting.bins", 2, 255));
        // The random forest is available but not trained unless asked for.
        assertEquals(List.of(HyperParameters.LOGISTIC_REGRESSION, HyperParameters.GRADIENT_BOOSTING), p.algorithms());
    }

    @Test
    void acceptsGradientBoostingAsAnAlgorithm() {
        HyperParameters p = HyperParameters.parse(Map.of("algorithms", "gradient_boosting,logistic_regression"));
        assertEquals(List.of(HyperParameters.GRADIENT_BOOSTING, HyperParameters.LOGISTIC_REGRESSION), p.algorithms());
        assertMentions(rejected(Map.of("algorithms", "xgboost")), "'xgboost'", "gradient_boosting");
    }

    @Test
    void rejectsAGradientBoostingValueOutOfRangeNamingKeyValueAndRange() {
        String[][] cases = {
                {"rounds", "0", "whole number from 1 to 10000"},
                {"rounds", "10001", "whole number from 1 to 10000"},
                {"learning_rate", "0", "number from 1.0E-6 to 1.0"},
                {"learning_rate", "1.5", "number from 1.0E-6 to 1.0"},
                {"max_depth", "17", "whole number from 1 to 16"},
                {"max_depth", "0", "whole number from 1 to 16"},
                {"min_child_weight", "-1", "number from 0.0 to"},
                {"lambda", "-0.1", "number from 0.0 to"},
                {"gamma", "NaN", "number from 0.0 to"},
                {"subsample", "0", "number from 1.0E-6 to 1.0"},
                {"colsample", "1.01", "number from 1.0E-6 to 1.0"},
                {"early_stopping_rounds", "-1", "whole number from 0 to 10000"},
                {"validation_fraction", "0.6", "number from 0.0 to 0.5"},
                {"bins", "1", "whole number from 2 to 255"},
                {"bins", "256", "whole number from 2 to 255"},
                {"bins", "many", "whole number from 2 to 255"}};
        for (String[] c : cases) {
            String key = "gradient_boosting." + c[0];
            assertMentions(rejected(Map.of(key, c[1])), "'" + key + "'", c[1], c[2]);
        }
    }

    @Test
    void rejectsEarlyStoppingWithoutValidationRowsNamingBothKeys() {
        assertMentions(rejected(Map.of("gradient_boosting.validation_fraction", "0")),
                "'gradient_boosting.early_stopping_rounds' is 50", "'gradient_boosting.validation_fraction' is 0");
        HyperParameters p = HyperParameters.parse(Map.of("gradient_boosting.validation_fraction", "0",
                "gradient_boosting.early_stopping_rounds", "0"));
        assertEquals(0.0, p.real("gradient_boosting.validation_fraction", 0, 0.5));
    }
}
