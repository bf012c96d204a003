package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.ensemble.EnsembleModel;

/**
 * The serving form is what every scoring path uses, so it must give exactly the probability the
 * Tribuo model it was compiled from gives, on rows neither saw in training.
 */
class CompiledModelMatchesTribuoTest {

    private static final double TOLERANCE = 1e-12;

    private static FeatureEncoder encoder;
    private static EncodedData train;
    private static double[][] heldOut;
    private static String[] names;

    @BeforeAll
    static void data() {
        LabeledTable trainTable = SyntheticCustomers.table(400, 11);
        LabeledTable heldOutTable = SyntheticCustomers.table(SyntheticCustomers.csv(200, 12, 5000));
        encoder = FeatureEncoder.fit(trainTable);
        train = SyntheticCustomers.encoded(encoder, trainTable);
        heldOut = encoder.encode(heldOutTable);
        names = encoder.featureNames().toArray(String[]::new);
    }

    private static double tribuoChurn(Model<Label> model, double[] row) {
        return model.predict(TribuoData.example(names, row, TribuoData.STAY)).getOutputScores().get("churn").getScore();
    }

    @Test
    void compiledLogisticRegressionGivesTribuosProbabilityOnHeldOutRows() {
        HyperParameters parameters = HyperParameters.parse(Map.of("logistic_regression.epochs", "5"));
        LinearSGDModel model = LogisticRegressionEngine.fitTribuo(train, parameters);
        LinearPredictor compiled = LogisticRegressionEngine.compile(model, train);

        assertEquals(encoder.width(), compiled.width());
        for (int r = 0; r < heldOut.length; r++) {
            assertEquals(tribuoChurn(model, heldOut[r]), compiled.probability(heldOut[r]), TOLERANCE, "held-out row " + r);
        }
    }

    @Test
    void compiledRandomForestGivesTribuosProbabilityOnHeldOutRows() {
        HyperParameters parameters = HyperParameters.parse(Map.of("random_forest.trees", "30"));
        EnsembleModel<Label> model = RandomForestEngine.fitTribuo(train, parameters);
        ForestPredictor compiled = RandomForestEngine.compile(model, train);

        assertEquals(30, compiled.roots().length);
        int distinct = 0;
        double previous = Double.NaN;
        for (int r = 0; r < heldOut.length; r++) {
            double p = compiled.probability(heldOut[r]);
            assertEquals(tribuoChurn(model, heldOut[r]), p, TOLERANCE, "held-out row " + r);
            distinct += p != previous ? 1 : 0;
            previous = p;
        }
        // A forest that predicts one constant would agree trivially.
        assertTrue(distinct > 50, "the forest's probabilities vary over held-out rows: " + distinct + " changes");
    }

    @Test
    void compiledForestSendsAValueEqualToTheThresholdWhereTribuoDoes() {
        HyperParameters parameters = HyperParameters.parse(Map.of("random_forest.trees", "10"));
        EnsembleModel<Label> model = RandomForestEngine.fitTribuo(train, parameters);
        ForestPredictor compiled = RandomForestEngine.compile(model, train);

        // Rows whose value sits exactly on a root's split threshold: Tribuo sends them to the <= side.
        List<double[]> boundary = new ArrayList<>();
        for (int root : compiled.roots()) {
            if (compiled.feature()[root] >= 0) {
                double[] row = heldOut[boundary.size()].clone();
                row[compiled.feature()[root]] = compiled.threshold()[root];
                boundary.add(row);
            }
        }
        assertTrue(boundary.size() >= 5, "enough split roots to test: " + boundary.size());
        int strictWouldDiffer = 0;
        for (double[] row : boundary) {
            double tribuo = tribuoChurn(model, row);
            assertEquals(tribuo, compiled.probability(row), TOLERANCE);
            strictWouldDiffer += Math.abs(strictProbability(compiled, row) - tribuo) > TOLERANCE ? 1 : 0;
        }
        // The rows do sit on the boundary: comparing with < instead of <= would change some answers.
        assertTrue(strictWouldDiffer > 0, "boundary rows tell <= from <");
    }

    /** The forest walked with a strict comparison, the mistake the boundary rows must catch. */
    private static double strictProbability(ForestPredictor f, double[] x) {
        double sum = 0;
        for (int root : f.roots()) {
            int n = root;
            while (f.feature()[n] >= 0) {
                n = x[f.feature()[n]] < f.threshold()[n] ? f.low()[n] : f.high()[n];
            }
            sum += f.value()[n];
        }
        return sum / f.roots().length;
    }

    @Test
    void compiledGradientBoostingGivesTribuosProbabilityOnHeldOutRows() {
        HyperParameters parameters = HyperParameters.parse(Map.of("gradient_boosting.rounds", "80",
                "gradient_boosting.early_stopping_rounds", "0"));
        GradientBoostingModel model = GradientBoostingEngine.fitTribuo(train, parameters);
        BoostedPredictor compiled = GradientBoostingEngine.compile(model, train);

        assertEquals(encoder.width(), compiled.width());
        assertEquals(80, compiled.roots().length);
        int distinct = 0;
        double previous = Double.NaN;
        for (int r = 0; r < heldOut.length; r++) {
            double p = compiled.probability(heldOut[r]);
            assertEquals(tribuoChurn(model, heldOut[r]), p, TOLERANCE, "held-out row " + r);
            assertEquals(1.0 / (1.0 + Math.exp(-compiled.margin(heldOut[r]))), p, 0.0);
            distinct += p != previous ? 1 : 0;
            previous = p;
        }
        assertTrue(distinct > 100, "the boosted probabilities vary over held-out rows: " + distinct + " changes");
    }

    @Test
    void compiledGradientBoostingSendsAValueEqualToTheThresholdWhereTribuoDoes() {
        HyperParameters parameters = HyperParameters.parse(Map.of("gradient_boosting.rounds", "20",
                "gradient_boosting.early_stopping_rounds", "0", "gradient_boosting.learning_rate", "0.3"));
        GradientBoostingModel model = GradientBoostingEngine.fitTribuo(train, parameters);
        BoostedPredictor compiled = GradientBoostingEngine.compile(model, train);

        List<double[]> boundary = new ArrayList<>();
        for (int root : compiled.roots()) {
            if (compiled.feature()[root] >= 0) {
                double[] row = heldOut[boundary.size()].clone();
                row[compiled.feature()[root]] = compiled.threshold()[root];
                boundary.add(row);
            }
        }
        assertTrue(boundary.size() >= 5, "enough split roots to test: " + boundary.size());
        for (double[] row : boundary) {
            assertEquals(tribuoChurn(model, row), compiled.probability(row), TOLERANCE);
        }
    }

    @Test
    void compiledModelsKeepTheirProbabilitiesThroughTheModelFile() {
        HyperParameters parameters = HyperParameters.parse(Map.of("random_forest.trees", "10"));
        for (ModelEngine engine : List.of(new LogisticRegressionEngine(), new RandomForestEngine(), new GradientBoostingEngine())) {
            ChurnModel model = new ChurnModel(ChurnModel.FORMAT, engine.algorithm(), encoder,
                    engine.train(train, parameters).predictor());
            ChurnModel read = ChurnModel.fromBytes(model.toBytes(), "model.json");
            for (double[] row : heldOut) {
                assertEquals(model.predictor().probability(row), read.predictor().probability(row), 0.0, engine.algorithm());
            }
        }
    }

    @Test
    void engineTrainReturnsTheCompiledFormOfItsTribuoModel() {
        HyperParameters parameters = HyperParameters.parse(Map.of("random_forest.trees", "10"));
        Predictor viaTrain = new RandomForestEngine().train(train, parameters).predictor();
        Predictor viaFit = RandomForestEngine.compile(RandomForestEngine.fitTribuo(train, parameters), train);
        Predictor linearViaTrain = new LogisticRegressionEngine().train(train, parameters).predictor();
        Predictor linearViaFit = LogisticRegressionEngine.compile(LogisticRegressionEngine.fitTribuo(train, parameters), train);

        assertEquals(new String(Json.write(viaFit)), new String(Json.write(viaTrain)));
        assertEquals(new String(Json.write(linearViaFit)),
                new String(Json.write(linearViaTrain)));
        Predictor boostedViaTrain = new GradientBoostingEngine().train(train, parameters).predictor();
        Predictor boostedViaFit = GradientBoostingEngine.compile(GradientBoostingEngine.fitTribuo(train, parameters), train);
        assertEquals(new String(Json.write(boostedViaFit)), new String(Json.write(boostedViaTrain)));
    }
}
