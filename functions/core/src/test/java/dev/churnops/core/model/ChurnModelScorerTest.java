package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scorer batch scoring uses gives {@link ChurnModel#probability(double[])} to the last bit. */
class ChurnModelScorerTest {

    private static ChurnModel boosted(String maxDepth, LabeledTableRows data) {
        HyperParameters parameters = HyperParameters.parse(Map.of("gradient_boosting.max_depth", maxDepth,
                "gradient_boosting.rounds", "80"));
        Predictor predictor = new GradientBoostingEngine().train(data.encoded, parameters).predictor();
        return new ChurnModel(ChurnModel.FORMAT, "gradient_boosting", data.encoder, predictor);
    }

    private record LabeledTableRows(FeatureEncoder encoder, EncodedData encoded) {
    }

    private static LabeledTableRows data() {
        var table = SyntheticCustomers.table(600, 11);
        FeatureEncoder encoder = FeatureEncoder.fit(table);
        return new LabeledTableRows(encoder, SyntheticCustomers.encoded(encoder, table));
    }

    private static void assertSameProbabilities(ChurnModel model, double[][] rows) {
        ChurnModel.Scorer scorer = model.scorer();
        for (int r = 0; r < rows.length; r++) {
            assertEquals(Double.doubleToRawLongBits(model.probability(rows[r])),
                    Double.doubleToRawLongBits(scorer.probability(rows[r])), "row " + r);
        }
    }

    @Test
    void scoresBoostedStumpsFlatWithTheSameBitsAsTheTreeWalk() {
        LabeledTableRows data = data();
        ChurnModel model = boosted("1", data);

        assertNotNull(((BoostedPredictor) model.predictor()).stumps(), "depth-1 trees are stumps");
        assertSameProbabilities(model, data.encoded().rows());
        assertSameProbabilities(model.withCalibration(new PlattCalibrator(1.3, -0.2)), data.encoded().rows());
    }

    @Test
    void scoresDeeperTreesByTheTreeWalk() {
        LabeledTableRows data = data();
        ChurnModel model = boosted("3", data);

        assertNull(((BoostedPredictor) model.predictor()).stumps(), "depth-3 trees are not stumps");
        assertSameProbabilities(model, data.encoded().rows());
    }
}
