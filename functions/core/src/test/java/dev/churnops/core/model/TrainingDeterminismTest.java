package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.json.Json;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Same data, hyperparameters and seed give the same model bytes; the seed is what varies a forest. */
class TrainingDeterminismTest {

    private static final LabeledTable TRAIN = SyntheticCustomers.table(300, 21);
    private static final LabeledTable VALIDATION = SyntheticCustomers.table(SyntheticCustomers.csv(120, 22, 9000));

    private static byte[] trainEngine(ModelEngine engine, Map<String, String> given) {
        // A fresh encoder and dataset each time, as two separate training runs would build them.
        FeatureEncoder encoder = FeatureEncoder.fit(TRAIN);
        HyperParameters parameters = HyperParameters.parse(given);
        Predictor predictor = engine.train(SyntheticCustomers.encoded(encoder, TRAIN), parameters).predictor();
        return new ChurnModel(ChurnModel.FORMAT, engine.algorithm(), encoder, predictor).toBytes();
    }

    @Test
    void logisticRegressionGivesIdenticalBytesForTheSameSeed() {
        Map<String, String> p = Map.of("seed", "7", "logistic_regression.epochs", "3");
        assertArrayEquals(trainEngine(new LogisticRegressionEngine(), p), trainEngine(new LogisticRegressionEngine(), p));
    }

    @Test
    void randomForestGivesIdenticalBytesForTheSameSeed() {
        Map<String, String> p = Map.of("seed", "7", "random_forest.trees", "15");
        assertArrayEquals(trainEngine(new RandomForestEngine(), p), trainEngine(new RandomForestEngine(), p));
    }

    @Test
    void randomForestGivesDifferentBytesForADifferentSeed() {
        byte[] seven = trainEngine(new RandomForestEngine(), Map.of("seed", "7", "random_forest.trees", "15"));
        byte[] eight = trainEngine(new RandomForestEngine(), Map.of("seed", "8", "random_forest.trees", "15"));
        assertFalse(Arrays.equals(seven, eight), "seed 7 and seed 8 grew the same forest");
    }

    @Test
    void gradientBoostingGivesIdenticalBytesForTheSameSeed() {
        Map<String, String> p = Map.of("seed", "7", "gradient_boosting.rounds", "60");
        byte[] first = trainEngine(new GradientBoostingEngine(), p);
        byte[] second = trainEngine(new GradientBoostingEngine(), p);
        assertArrayEquals(first, second);
        assertTrue(new String(first, java.nio.charset.StandardCharsets.UTF_8).contains("\"kind\" : \"boosted\""));
    }

    @Test
    void gradientBoostingGivesDifferentBytesForADifferentSeed() {
        byte[] seven = trainEngine(new GradientBoostingEngine(), Map.of("seed", "7", "gradient_boosting.rounds", "60"));
        byte[] eight = trainEngine(new GradientBoostingEngine(), Map.of("seed", "8", "gradient_boosting.rounds", "60"));
        assertFalse(Arrays.equals(seven, eight), "seed 7 and seed 8 boosted the same trees");
    }

    @Test
    void modelTrainingGivesIdenticalModelSummaryAndBaselineForTheSameInputs() {
        HyperParameters parameters = HyperParameters.parse(Map.of("seed", "3", "random_forest.trees", "15",
                "logistic_regression.epochs", "3"));
        ModelTraining.Outcome first = ModelTraining.train(TRAIN, VALIDATION, parameters);
        ModelTraining.Outcome second = ModelTraining.train(TRAIN, VALIDATION, parameters);

        assertArrayEquals(first.model().toBytes(), second.model().toBytes());
        assertEquals(new String(Json.write(TrainingSummary.of(first, parameters, TRAIN.size(), VALIDATION.size()))),
                new String(Json.write(TrainingSummary.of(second, parameters, TRAIN.size(), VALIDATION.size()))));
        assertArrayEquals(Json.write(first.baseline()), Json.write(second.baseline()));
    }

    @Test
    void modelTrainingKeepsTheCandidateWithTheBestValidationRocAuc() {
        HyperParameters parameters = HyperParameters.parse(Map.of("random_forest.trees", "15",
                "logistic_regression.epochs", "3"));
        ModelTraining.Outcome outcome = ModelTraining.train(TRAIN, VALIDATION, parameters);

        assertEquals(2, outcome.candidates().size());
        double best = outcome.candidates().stream().mapToDouble(ModelTraining.Candidate::rocAuc).max().orElseThrow();
        assertEquals(best, outcome.chosen().rocAuc());
        // The synthetic churn depends on the features, so a trained model ranks far better than chance.
        assertTrue(best > 0.7, "validation ROC-AUC " + best);
    }

    @Test
    void modelTrainingComparesGradientBoostingWhenItIsListed() {
        HyperParameters parameters = HyperParameters.parse(Map.of("algorithms",
                "logistic_regression,random_forest,gradient_boosting", "random_forest.trees", "15",
                "logistic_regression.epochs", "3", "gradient_boosting.rounds", "50"));
        ModelTraining.Outcome outcome = ModelTraining.train(TRAIN, VALIDATION, parameters);

        assertEquals(List.of("logistic_regression", "random_forest", "gradient_boosting"),
                outcome.candidates().stream().map(ModelTraining.Candidate::algorithm).toList());
        ModelTraining.Candidate boosted = outcome.candidates().get(2);
        assertTrue(boosted.rocAuc() > 0.7, "gradient boosting validation ROC-AUC " + boosted.rocAuc());
        assertTrue(boosted.provenance().contains("GradientBoostingTrainer"), boosted.provenance());
    }
}
