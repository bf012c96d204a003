package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.ColumnType;
import dev.churnops.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingSummaryTest {

    @Test
    void sumsFeatureImportanceOverTheFeaturesOfEachColumn() {
        FeatureEncoder encoder = new FeatureEncoder(List.of(
                new FeatureEncoder.ColumnEncoding("tenure", ColumnType.NUMERIC, 1.0, 1.0, 1.0, null, true),
                new FeatureEncoder.ColumnEncoding("Contract", ColumnType.CATEGORICAL, null, null, null, List.of("a", "b"), false)));
        // Features: tenure, tenure__missing, Contract=a, Contract=b.
        ChurnModel model = new ChurnModel(ChurnModel.FORMAT, "logistic_regression", encoder,
                new LinearPredictor(new double[] {1, -1, 2, -4}, 0.3));

        Map<String, Double> importance = TrainingSummary.columnImportance(model);

        assertEquals(Map.of("tenure", 0.25, "Contract", 0.75), importance);
    }

    @Test
    void recordsCandidatesHyperparametersAndRowsButNoTimings() {
        HyperParameters parameters = HyperParameters.parse(Map.of("random_forest.trees", "5", "logistic_regression.epochs", "2"));
        ModelTraining.Outcome outcome = ModelTraining.train(SyntheticCustomers.table(150, 71),
                SyntheticCustomers.table(SyntheticCustomers.csv(60, 72, 900)), parameters);

        TrainingSummary summary = TrainingSummary.of(outcome, parameters, 150, 60);

        assertEquals(outcome.model().algorithm(), summary.algorithm());
        assertEquals(parameters.asMap(), summary.hyperparameters());
        assertEquals(List.of("logistic_regression", "gradient_boosting"),
                summary.candidates().stream().map(TrainingSummary.CandidateEntry::algorithm).toList());
        assertTrue(summary.candidates().stream().allMatch(c -> c.provenance().contains("seed")), "engine provenance names the seed");
        assertEquals(Map.of("train", 150, "validation", 60), summary.rows());
        assertEquals(1.0, summary.columnImportance().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertFalse(new String(Json.write(summary), StandardCharsets.UTF_8).contains("seconds"));
    }
}
