package dev.churnops.handlers.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.data.TypeInference;
import dev.churnops.core.model.ChurnModel;
import dev.churnops.core.model.EncodedData;
import dev.churnops.core.model.FeatureEncoder;
import dev.churnops.core.model.HyperParameters;
import dev.churnops.core.model.ModelTraining;
import dev.churnops.core.model.PlattCalibrator;
import dev.churnops.core.pipeline.ModelArtifact;
import dev.churnops.core.scoring.CustomerScore;
import dev.churnops.core.scoring.Reason;
import dev.churnops.core.scoring.ServingModel;
import dev.churnops.handlers.RegisteredModelFixture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reason codes of the fixture's linear model and of a boosted and a forest model trained on the
 * fixture's table: additive, and the largest positive contributions.
 */
class ReasonCodesTest {

    private final ServingModel model = ApiFixtures.model(2);

    /** Boosted, then forest: the trained models and the fixture's v2 artifact serving each. */
    private static ChurnModel[] trained;
    private static ServingModel[] served;

    /** The fixture's v2 artifact with its linear model replaced by a tree model trained on the fixture's table. */
    private static ServingModel treeModel(String algorithm) {
        int index = trainTreeModels(algorithm);
        return served[index];
    }

    /** Trains the tree models once; returns the index of {@code algorithm}'s. */
    private static synchronized int trainTreeModels(String algorithm) {
        if (trained == null) {
            ModelArtifact v2 = ModelArtifact.read(RegisteredModelFixture.shared().artifact(2), "v2");
            DatasetSpec spec = DatasetSpec.fromJson(("{\"name\": \"customers\", \"id_column\": \"customer_id\","
                    + " \"label_column\": \"churned\", \"positive_label\": \"yes\"}").getBytes(StandardCharsets.UTF_8));
            CsvTable csv = CsvReader.read(RegisteredModelFixture.shopCustomers(400, 7), "customers.csv");
            LabeledTable table = LabeledTable.of(csv, TypeInference.infer(csv, spec), spec, csv.records());
            FeatureEncoder encoder = FeatureEncoder.fit(table);
            EncodedData data = new EncodedData(encoder.encode(table), table.labels(), encoder.featureNames());
            HyperParameters parameters = HyperParameters.parse(Map.of("random_forest.trees", "20",
                    "gradient_boosting.rounds", "60", "gradient_boosting.early_stopping_rounds", "0"));
            String[] algorithms = {HyperParameters.GRADIENT_BOOSTING, HyperParameters.RANDOM_FOREST};
            ChurnModel[] models = new ChurnModel[2];
            ServingModel[] serving = new ServingModel[2];
            for (int i = 0; i < 2; i++) {
                models[i] = new ChurnModel(ChurnModel.FORMAT, algorithms[i], encoder,
                        ModelTraining.engine(algorithms[i]).train(data, parameters).predictor());
                serving[i] = ServingModel.load(ModelArtifact.write(models[i], v2.baseline(), v2.training(),
                        v2.card().orElseThrow()), "v2 as " + algorithms[i]);
            }
            trained = models;
            served = serving;
        }
        return algorithm.equals(HyperParameters.GRADIENT_BOOSTING) ? 0 : 1;
    }

    /** The linear fixture model, then the boosted and the forest model. */
    private List<ServingModel> everyKind() {
        return List.of(model, treeModel(HyperParameters.GRADIENT_BOOSTING), treeModel(HyperParameters.RANDOM_FOREST));
    }

    @Test
    void columnContributionsAndTheBaseValueAddUpToTheMargin() {
        for (ServingModel model : everyKind()) {
            for (Map<String, Object> f : customers()) {
                double margin = model.margin(f);
                double sum = model.baseValue();
                Map<String, Double> contributions = model.contributions(f);
                assertEquals(model.validator().jsonSchema().get("properties") instanceof Map<?, ?> m ? m.size() : -1,
                        contributions.size(), "one contribution per input column");
                for (double c : contributions.values()) {
                    sum += c;
                }
                assertEquals(margin, sum, 1e-9, "base value + contributions = the predictor's margin");
            }
        }
    }

    @Test
    void treeReasonsExplainTheBoostedMarginAndTheForestVoteShareBeforeCalibration() {
        PlattCalibrator platt = new PlattCalibrator(0.5, -1.0);
        for (String algorithm : List.of(HyperParameters.GRADIENT_BOOSTING, HyperParameters.RANDOM_FOREST)) {
            ServingModel plain = treeModel(algorithm);
            ModelArtifact v2 = ModelArtifact.read(RegisteredModelFixture.shared().artifact(2), "v2");
            int index = trainTreeModels(algorithm);
            ServingModel calibrated = ServingModel.load(ModelArtifact.write(trained[index].withCalibration(platt),
                    v2.baseline(), v2.training(), v2.card().orElseThrow()), algorithm + " with calibration");
            for (Map<String, Object> f : customers()) {
                double explained = plain.margin(f);
                double uncalibrated = algorithm.equals(HyperParameters.GRADIENT_BOOSTING)
                        ? 1 / (1 + Math.exp(-explained)) : explained;
                assertEquals(uncalibrated, plain.score(null, f).probability(), 1e-12,
                        algorithm + ": the margin is the log-odds, the forest's output its probability");
                assertEquals(explained, calibrated.margin(f), 0.0, "calibration leaves the explained output alone");
                assertEquals(platt.apply(uncalibrated), calibrated.score(null, f).probability(), 1e-12);
                assertEquals(plain.contributions(f), calibrated.contributions(f));
                assertEquals(plain.score(null, f).reasons(), calibrated.score(null, f).reasons());
            }
        }
    }

    @Test
    void treeModelsGiveRiskyCustomersReasonsNamingInputColumns() {
        for (String algorithm : List.of(HyperParameters.GRADIENT_BOOSTING, HyperParameters.RANDOM_FOREST)) {
            ServingModel tree = treeModel(algorithm);
            Map<String, Object> risky = ApiFixtures.features("basic", 1, 5);
            CustomerScore score = tree.score(null, risky);
            assertFalse(score.reasons().isEmpty(), algorithm);
            for (Reason r : score.reasons()) {
                assertTrue(tree.contributions(risky).containsKey(r.feature()), r.feature());
                assertTrue(r.contribution() > 0, algorithm + " " + r);
            }
        }
    }

    @Test
    void reasonsExplainTheUncalibratedMarginWhileTheProbabilityIsCalibrated() {
        ModelArtifact v2 = ModelArtifact.read(RegisteredModelFixture.shared().artifact(2), "v2");
        PlattCalibrator platt = new PlattCalibrator(0.5, -1.0);
        ServingModel calibrated = ServingModel.load(ModelArtifact.write(v2.model().withCalibration(platt), v2.baseline(),
                v2.training(), v2.card().orElseThrow()), "v2 with calibration");
        ServingModel plain = ServingModel.load(ModelArtifact.write(v2.model().withoutCalibration(), v2.baseline(),
                v2.training(), v2.card().orElseThrow()), "v2 without calibration");

        for (Map<String, Object> f : customers()) {
            double margin = plain.margin(f);
            double sum = calibrated.baseValue();
            for (double c : calibrated.contributions(f).values()) {
                sum += c;
            }
            CustomerScore score = calibrated.score(null, f);
            assertEquals(margin, calibrated.margin(f), 0.0, "calibration leaves the margin alone");
            assertEquals(margin, sum, 1e-9, "reasons still add up to the uncalibrated margin");
            assertEquals(platt.apply(1 / (1 + Math.exp(-margin))), score.probability(), 1e-12, "the probability is calibrated");
            assertEquals(score.probability(), calibrated.probability(f), 0.0, "batch scoring reports the same probability");
            assertEquals(plain.score(null, f).reasons(), score.reasons());
        }
    }

    @Test
    void reasonsAreTheThreeLargestPositiveContributionsInOrder() {
        for (ServingModel model : everyKind()) {
            for (Map<String, Object> f : customers()) {
                CustomerScore score = model.score(null, f);
                List<Reason> expected = new ArrayList<>();
                model.contributions(f).forEach((column, c) -> {
                    if (c > 0) {
                        expected.add(new Reason(column, c));
                    }
                });
                expected.sort(Comparator.comparingDouble(Reason::contribution).reversed().thenComparing(Reason::feature));
                assertEquals(expected.subList(0, Math.min(ServingModel.TOP_REASONS, expected.size())), score.reasons());
            }
        }
    }

    @Test
    void aRiskyCustomerHasReasonsAndTheyNameInputColumns() {
        CustomerScore risky = model.score(null, ApiFixtures.features("basic", 1, 5));
        assertFalse(risky.reasons().isEmpty());
        for (Reason r : risky.reasons()) {
            assertTrue(model.contributions(ApiFixtures.features("basic", 1, 5)).containsKey(r.feature()), r.feature());
        }
    }

    private static List<Map<String, Object>> customers() {
        List<Map<String, Object>> customers = new ArrayList<>();
        for (String plan : List.of("basic", "standard", "premium")) {
            for (int tenure : new int[] {0, 3, 24, 72}) {
                for (int tickets : new int[] {0, 2, 6}) {
                    customers.add(ApiFixtures.features(plan, tenure, tickets));
                }
            }
        }
        Map<String, Object> sparse = ApiFixtures.features("basic", 12, 1);
        sparse.put("monthly_spend", null);
        sparse.remove("payment_method");
        customers.add(sparse);
        return customers;
    }
}
