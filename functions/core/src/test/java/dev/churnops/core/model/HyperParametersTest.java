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
        assertEquals(List.of(HyperParameters.LOGISTIC_REGRESSION, HyperParameters.RANDOM_FOREST), p.algorithms());
        assertEquals(100, p.integer("random_forest.trees", 1, 5000));
        assertEquals(8, p.integer("random_forest.max_depth", 1, 64));
        assertEquals(0.5, p.real("logistic_regression.learning_rate", 1e-6, 100));
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
}
