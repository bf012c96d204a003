package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

    private static IllegalArgumentException rejected(String json) {
        return assertThrows(IllegalArgumentException.class, () -> SearchSpace.parse(json, "file 'space.json'"));
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void theBuiltInSpaceDeclaresEveryAlgorithm() {
        SearchSpace space = SearchSpace.builtIn();

        assertEquals(java.util.Set.copyOf(HyperParameters.ALGORITHMS), space.algorithms());
        assertTrue(space.dimensions(HyperParameters.GRADIENT_BOOSTING).stream()
                .anyMatch(d -> d.key().equals("gradient_boosting.learning_rate") && d.type().equals(SearchSpace.LOG_REAL)));
    }

    @Test
    void readsEachTypeAndKeepsTheFileOrder() {
        SearchSpace space = SearchSpace.parse("""
                {"gradient_boosting": {"max_depth": {"type": "int", "low": 1, "high": 4},
                                       "learning_rate": {"type": "log_real", "low": 0.01, "high": 0.3},
                                       "subsample": {"type": "real", "low": 0.5, "high": 1},
                                       "bins": {"type": "choice", "values": [32, 64]}}}""", "test");

        List<SearchSpace.Dimension> d = space.dimensions(HyperParameters.GRADIENT_BOOSTING);
        assertEquals(List.of("max_depth", "learning_rate", "subsample", "bins"), d.stream().map(SearchSpace.Dimension::name).toList());
        assertEquals(List.of("32", "64"), d.get(3).values());
        assertEquals(List.of(), space.dimensions(HyperParameters.RANDOM_FOREST));
        assertEquals(space.toJson(), SearchSpace.parse(space.toJson(), "again").toJson());
        assertTrue(!space.toJson().contains("\n"), "one line: " + space.toJson());
    }

    @Test
    void rejectsAnEmptySpace() {
        assertMentions(rejected("{}"), "file 'space.json'", "empty", "at least one algorithm");
    }

    @Test
    void rejectsAnAlgorithmWithoutParameters() {
        assertMentions(rejected("{\"random_forest\": {}}"), "'random_forest'", "no parameters", "max_depth");
    }

    @Test
    void rejectsAnUnknownAlgorithmListingTheKnownOnes() {
        assertMentions(rejected("{\"xgboost\": {\"eta\": {\"type\": \"real\", \"low\": 0.1, \"high\": 0.2}}}"),
                "'xgboost'", "logistic_regression, random_forest, gradient_boosting");
    }

    @Test
    void rejectsAnUnknownParameterNamingTheAlgorithmAndTheKnownOnes() {
        IllegalArgumentException e = rejected("{\"gradient_boosting\": {\"eta\": {\"type\": \"real\", \"low\": 0.1, \"high\": 0.2}}}");
        assertMentions(e, "algorithm 'gradient_boosting'", "parameter 'eta'", "unknown parameter", "learning_rate", "max_depth");
    }

    @Test
    void rejectsALowAboveHigh() {
        assertMentions(rejected("{\"gradient_boosting\": {\"max_depth\": {\"type\": \"int\", \"low\": 6, \"high\": 2}}}"),
                "'gradient_boosting'", "'max_depth'", "low 6 is above high 2", "expected low <= high");
    }

    @Test
    void rejectsANegativeLearningRateNamingTheAcceptedRange() {
        assertMentions(rejected("{\"gradient_boosting\": {\"learning_rate\": {\"type\": \"real\", \"low\": -0.1, \"high\": 0.3}}}"),
                "'gradient_boosting'", "'learning_rate'", "low -0.1 is out of range", "a number from 1.0E-6 to 1.0");
    }

    @Test
    void rejectsANonNumericBound() {
        assertMentions(rejected("{\"random_forest\": {\"max_depth\": {\"type\": \"int\", \"low\": \"three\", \"high\": 9}}}"),
                "'random_forest'", "'max_depth'", "low is \"three\", not a number", "a whole number from 1 to 64");
        assertMentions(rejected("{\"random_forest\": {\"max_depth\": {\"type\": \"int\", \"low\": 3}}}"),
                "'max_depth'", "\"high\" is missing");
    }

    @Test
    void rejectsALogRangeStartingAtZero() {
        assertMentions(rejected("{\"gradient_boosting\": {\"lambda\": {\"type\": \"log_real\", \"low\": 0, \"high\": 10}}}"),
                "'lambda'", "log_real needs low above 0");
    }

    @Test
    void rejectsFractionsForAWholeNumberParameter() {
        assertMentions(rejected("{\"gradient_boosting\": {\"max_depth\": {\"type\": \"real\", \"low\": 1, \"high\": 4}}}"),
                "'max_depth'", "type real gives fractions", "expected type int or choice");
        assertMentions(rejected("{\"gradient_boosting\": {\"max_depth\": {\"type\": \"int\", \"low\": 1.5, \"high\": 4}}}"),
                "'max_depth'", "whole number from 1 to 16");
    }

    @Test
    void rejectsAnUnknownTypeAFieldOfAnotherTypeAndBadChoices() {
        assertMentions(rejected("{\"gradient_boosting\": {\"gamma\": {\"type\": \"normal\", \"low\": 0, \"high\": 1}}}"),
                "'gamma'", "type is \"normal\"", "int, real, log_real, choice");
        assertMentions(rejected("{\"gradient_boosting\": {\"gamma\": {\"type\": \"real\", \"low\": 0, \"high\": 1, \"step\": 0.1}}}"),
                "'gamma'", "field 'step'");
        assertMentions(rejected("{\"gradient_boosting\": {\"bins\": {\"type\": \"choice\", \"values\": []}}}"),
                "'bins'", "non-empty array");
        assertMentions(rejected("{\"gradient_boosting\": {\"subsample\": {\"type\": \"choice\", \"values\": [0.5, 2]}}}"),
                "'subsample'", "choice 2 is not allowed", "a number from 1.0E-6 to 1.0");
    }

    @Test
    void rejectsTextThatIsNotAJsonObject() {
        assertMentions(rejected("[1, 2]"), "file 'space.json'", "expected a JSON object");
        assertMentions(rejected("{\"gradient_boosting\": "), "file 'space.json'", "not valid JSON");
    }

    @Test
    void hyperparametersCheckTheSpaceTheyCarryAndThatItCoversAnAlgorithmToTrain() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> HyperParameters.parse(Map.of(
                HyperParameters.SEARCH_SPACE, "{\"gradient_boosting\": {\"eta\": {\"type\": \"real\", \"low\": 0.1, \"high\": 0.2}}}")));
        assertMentions(bad, "hyperparameter 'search_space'", "'gradient_boosting'", "'eta'");

        IllegalArgumentException uncovered = assertThrows(IllegalArgumentException.class, () -> HyperParameters.parse(Map.of(
                "algorithms", "logistic_regression", HyperParameters.SEARCH_CANDIDATES, "4",
                HyperParameters.SEARCH_SPACE, "{\"gradient_boosting\": {\"max_depth\": {\"type\": \"int\", \"low\": 1, \"high\": 3}}}")));
        assertMentions(uncovered, "'search_candidates'", "none of the algorithms to train (logistic_regression)");
    }

    @Test
    void rejectsOneFoldOrANegativeBudget() {
        assertMentions(assertThrows(IllegalArgumentException.class, () -> HyperParameters.parse(Map.of("cv_folds", "1"))),
                "'cv_folds'", "'1'", "0 (no cross-validation) or a whole number of folds from 2 to 50");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> HyperParameters.parse(Map.of("search_candidates", "-3"))),
                "'search_candidates'", "from 0 to 1000");
    }
}
