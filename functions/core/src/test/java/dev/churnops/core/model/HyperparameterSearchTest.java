package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The search: its budget, its first candidate, its winner, its determinism and what it records. */
class HyperparameterSearchTest {

    private static final LabeledTable TRAIN = SyntheticCustomers.table(300, 21);
    private static final LabeledTable VALIDATION = SyntheticCustomers.table(SyntheticCustomers.csv(120, 22, 9000));

    private static final String SPACE = """
            {"logistic_regression": {"epochs": {"type": "int", "low": 2, "high": 6},
                                     "learning_rate": {"type": "log_real", "low": 0.05, "high": 1}},
             "gradient_boosting": {"max_depth": {"type": "int", "low": 1, "high": 3},
                                   "learning_rate": {"type": "log_real", "low": 0.05, "high": 0.3},
                                   "colsample": {"type": "choice", "values": [0.5, 1.0]}}}""";

    private static HyperParameters parameters(int candidates, String... more) {
        Map<String, String> given = new LinkedHashMap<>(Map.of("seed", "11",
                "algorithms", "logistic_regression,gradient_boosting", "logistic_regression.epochs", "3",
                "gradient_boosting.rounds", "30", "gradient_boosting.early_stopping_rounds", "0",
                HyperParameters.SEARCH_CANDIDATES, Integer.toString(candidates), HyperParameters.SEARCH_FOLDS, "3",
                HyperParameters.SEARCH_SPACE, SPACE));
        for (int i = 0; i < more.length; i += 2) {
            given.put(more[i], more[i + 1]);
        }
        return HyperParameters.parse(given);
    }

    @Test
    void sharesTheBudgetOverTheAlgorithmsAndStartsEachWithItsConfiguredValues() {
        HyperparameterSearch.Result result = HyperparameterSearch.run(TRAIN, parameters(9));

        List<HyperparameterSearch.Candidate> candidates = result.candidates();
        assertEquals(9, candidates.size());
        assertEquals(5, candidates.stream().filter(c -> c.algorithm().equals("logistic_regression")).count());
        assertEquals(4, candidates.stream().filter(c -> c.algorithm().equals("gradient_boosting")).count());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), candidates.stream().map(HyperparameterSearch.Candidate::id).toList());
        HyperparameterSearch.Candidate first = candidates.get(0);
        assertEquals("configured", first.origin());
        assertEquals(Map.of("logistic_regression.epochs", "3", "logistic_regression.learning_rate", "0.1"), first.values());
        assertEquals("configured", candidates.get(5).origin());
        assertEquals(List.of("random", "random", "tpe", "tpe"), candidates.subList(1, 5).stream()
                .map(HyperparameterSearch.Candidate::origin).toList());
        assertEquals(3, result.folds());
        assertEquals(TRAIN.size(), result.rows());
    }

    @Test
    void proposesOnlyValuesInsideTheSpaceAndNeverTheSamePointTwice() {
        HyperparameterSearch.Result result = HyperparameterSearch.run(TRAIN, parameters(16));

        HashSet<Map<String, String>> seen = new HashSet<>();
        for (HyperparameterSearch.Candidate c : result.candidates()) {
            assertTrue(seen.add(c.values()), "scored twice: " + c.values());
            if (c.origin().equals("configured")) {
                continue;
            }
            if (c.algorithm().equals("gradient_boosting")) {
                int depth = Integer.parseInt(c.values().get("gradient_boosting.max_depth"));
                double rate = Double.parseDouble(c.values().get("gradient_boosting.learning_rate"));
                assertTrue(depth >= 1 && depth <= 3 && rate >= 0.05 && rate <= 0.3, c.values().toString());
                assertTrue(List.of("0.5", "1.0").contains(c.values().get("gradient_boosting.colsample")), c.values().toString());
            } else {
                int epochs = Integer.parseInt(c.values().get("logistic_regression.epochs"));
                assertTrue(epochs >= 2 && epochs <= 6, c.values().toString());
            }
        }
    }

    @Test
    void eachAlgorithmsWinnerHasItsHighestMeanScoreAndTheModelIsTrainedWithIt() {
        HyperParameters parameters = parameters(8);
        ModelTraining.Outcome outcome = ModelTraining.train(TRAIN, VALIDATION, parameters);

        HyperparameterSearch.Result search = outcome.search();
        for (String algorithm : List.of("logistic_regression", "gradient_boosting")) {
            double best = search.candidates().stream().filter(c -> c.algorithm().equals(algorithm))
                    .mapToDouble(c -> c.score().mean()).max().orElseThrow();
            assertEquals(best, search.winners().get(algorithm).score().mean());
            search.winners().get(algorithm).values().forEach((key, value) ->
                    assertEquals(value, outcome.parameters().asMap().get(key), key));
        }
        TrainingSummary summary = TrainingSummary.of(outcome, parameters, TRAIN.size(), VALIDATION.size());
        assertEquals(outcome.parameters().asMap(), summary.hyperparameters());
        assertEquals(8, summary.search().candidates().size());
        assertEquals(2, summary.search().candidates().stream().filter(SearchSummary.Entry::winner).count());
        String json = new String(Json.write(summary), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"cv_roc_auc_mean\"") && json.contains("\"fold_roc_auc\""), json);
        assertTrue(!json.contains("seconds"), "no wall-clock time in training.json");
    }

    @Test
    void theSameSeedGivesTheSameCandidatesScoresAndModelBytes() {
        HyperParameters parameters = parameters(8);

        ModelTraining.Outcome first = ModelTraining.train(TRAIN, VALIDATION, parameters);
        ModelTraining.Outcome second = ModelTraining.train(TRAIN, VALIDATION, parameters);

        assertEquals(first.search().candidates().stream().map(c -> c.values() + " " + c.score()).toList(),
                second.search().candidates().stream().map(c -> c.values() + " " + c.score()).toList());
        assertArrayEquals(first.model().toBytes(), second.model().toBytes());
        assertArrayEquals(Json.write(TrainingSummary.of(first, parameters, TRAIN.size(), VALIDATION.size())),
                Json.write(TrainingSummary.of(second, parameters, TRAIN.size(), VALIDATION.size())));
    }

    @Test
    void anotherSeedProposesOtherCandidates() {
        List<Map<String, String>> eleven = HyperparameterSearch.run(TRAIN, parameters(8)).candidates().stream()
                .map(HyperparameterSearch.Candidate::values).toList();
        List<Map<String, String>> twelve = HyperparameterSearch.run(TRAIN, parameters(8, "seed", "12")).candidates()
                .stream().map(HyperparameterSearch.Candidate::values).toList();

        assertEquals(eleven.get(0), twelve.get(0), "both start from the configured values");
        assertTrue(!eleven.equals(twelve), "seeds 11 and 12 proposed the same candidates");
    }

    @Test
    void crossValidatesTheChosenConfigurationOverTrainingAndValidationRowsWhenAsked() {
        HyperParameters parameters = HyperParameters.parse(Map.of("algorithms", "logistic_regression",
                "logistic_regression.epochs", "3", HyperParameters.CV_FOLDS, "4"));

        ModelTraining.Outcome outcome = ModelTraining.train(TRAIN, VALIDATION, parameters);

        CrossValidationSummary cv = outcome.cv();
        assertNotNull(cv);
        assertNull(outcome.search());
        assertEquals(4, cv.folds());
        assertEquals(TRAIN.size() + VALIDATION.size(), cv.rows());
        assertEquals(4, cv.foldRocAuc().size());
        double mean = cv.foldRocAuc().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertEquals(mean, cv.rocAucMean(), 1e-12);
        double squares = cv.foldRocAuc().stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        assertEquals(Math.sqrt(squares / 3), cv.rocAucStd(), 1e-12, "sample standard deviation");
        assertTrue(cv.rocAucMean() > 0.7, "ROC-AUC " + cv.rocAucMean());
        TrainingSummary summary = TrainingSummary.of(outcome, parameters, TRAIN.size(), VALIDATION.size());
        assertEquals(cv, summary.cv());
    }

    @Test
    void moreFoldsThanTheSmallerClassHasRowsFailsNamingTheHyperparameterAndK() {
        LabeledTable tiny = SyntheticCustomers.table(30, 5);
        int churners = (int) java.util.stream.IntStream.range(0, tiny.size()).filter(i -> tiny.labels()[i]).count();
        int minority = Math.min(churners, tiny.size() - churners);
        HyperParameters parameters = HyperParameters.parse(Map.of("algorithms", "logistic_regression",
                "logistic_regression.epochs", "2", HyperParameters.CV_FOLDS, Integer.toString(2 * minority + 1)));

        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ModelTraining.train(tiny, tiny, parameters));

        assertTrue(e.getMessage().contains("'cv_folds'") && e.getMessage().contains("k = " + (2 * minority + 1))
                && e.getMessage().contains("expected k from 2 to " + 2 * minority), e.getMessage());
    }

    @Test
    void withNeitherSearchNorCrossValidationTrainingJsonIsAsBefore() {
        HyperParameters parameters = HyperParameters.parse(Map.of("algorithms", "logistic_regression",
                "logistic_regression.epochs", "2"));

        ModelTraining.Outcome outcome = ModelTraining.train(TRAIN, VALIDATION, parameters);

        String json = new String(Json.write(TrainingSummary.of(outcome, parameters, TRAIN.size(), VALIDATION.size())),
                StandardCharsets.UTF_8);
        assertTrue(!json.contains("\"search\"") && !json.contains("\"cv\""), json);
    }

    @Test
    void foldScoresDoNotDependOnTheThreadCount() {
        HyperParameters parameters = parameters(0);
        CrossValidation.Score one = CrossValidation.prepare(TRAIN, 3, 5, 1).score("gradient_boosting", parameters);
        CrossValidation.Score three = CrossValidation.prepare(TRAIN, 3, 5, 3).score("gradient_boosting", parameters);

        assertEquals(one, three);
    }
}
