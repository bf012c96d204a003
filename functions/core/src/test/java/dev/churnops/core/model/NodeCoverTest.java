package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Node covers in {@code model.json}: written for both tree engines, optional when reading (an older
 * file scores as before, without reason codes), and checked like every other field.
 */
class NodeCoverTest {

    private static LabeledTable table;
    private static ChurnModel forest;
    private static ChurnModel boosted;

    @BeforeAll
    static void trainBothTreeEngines() {
        table = SyntheticCustomers.table(300, 21);
        FeatureEncoder encoder = FeatureEncoder.fit(table);
        EncodedData data = SyntheticCustomers.encoded(encoder, table);
        HyperParameters parameters = HyperParameters.parse(Map.of("random_forest.trees", "5", "gradient_boosting.rounds", "20"));
        forest = new ChurnModel(ChurnModel.FORMAT, "random_forest", encoder,
                new RandomForestEngine().train(data, parameters).predictor());
        boosted = new ChurnModel(ChurnModel.FORMAT, "gradient_boosting", encoder,
                new GradientBoostingEngine().train(data, parameters).predictor());
    }

    /** The model's file with its predictor's JSON changed by {@code edit}. */
    private static byte[] edited(ChurnModel model, java.util.function.Consumer<ObjectNode> edit) {
        ObjectNode tree = (ObjectNode) Json.tree(model.toBytes(), "model");
        edit.accept((ObjectNode) tree.get("predictor"));
        return Json.write(tree);
    }

    private static IllegalArgumentException rejected(byte[] bytes) {
        return assertThrows(IllegalArgumentException.class, () -> ChurnModel.fromBytes(bytes, "v4/model.json"));
    }

    @Test
    void bothTreeEnginesWriteCoversAsWholeNumbers() {
        for (ChurnModel model : List.of(forest, boosted)) {
            ArrayNode cover = (ArrayNode) Json.tree(model.toBytes(), "model").get("predictor").get("cover");
            assertTrue(cover != null && cover.size() > 0, model.algorithm());
            cover.forEach(c -> assertTrue(c.isInt(), model.algorithm() + " cover " + c));
            assertTrue(new ReasonCodes(model).available(), model.algorithm());
        }
    }

    @Test
    void aFileWithoutCoversStillLoadsAndScoresButHasNoReasonCodes() {
        for (ChurnModel model : List.of(forest, boosted)) {
            ChurnModel old = ChurnModel.fromBytes(edited(model, p -> p.remove("cover")), "old/model.json");

            assertArrayEquals(model.score(table), old.score(table), 0.0, model.algorithm());
            ReasonCodes codes = new ReasonCodes(old);
            assertFalse(codes.available(), model.algorithm());
            double[] x = old.encoder().encode(table)[0];
            assertNull(codes.byColumn(x));
            assertTrue(Double.isNaN(codes.baseValue()));
            assertEquals(new ReasonCodes(model).explained(x), codes.explained(x), 0.0, "the explained output needs no covers");
            assertFalse(new String(old.toBytes()).contains("\"cover\""), "and is written back without them");
        }
    }

    @Test
    void rejectsANegativeCoverNamingTheNode() {
        IllegalArgumentException e = rejected(edited(forest, p -> ((ArrayNode) p.get("cover")).set(2, -1)));
        assertTrue(e.getMessage().contains("forest model: node 2 has cover -1"), e.getMessage());
    }

    @Test
    void rejectsASplitWhoseCoverIsNotItsChildrensSum() {
        BoostedPredictor b = (BoostedPredictor) boosted.predictor();
        int root = b.roots()[0];
        int covered = b.cover()[root];
        assertTrue(b.feature()[root] >= 0, "the first tree splits");
        IllegalArgumentException e = rejected(edited(boosted, p -> ((ArrayNode) p.get("cover")).set(root, covered + 1)));
        assertTrue(e.getMessage().contains("boosted model: node " + root + " has cover " + (covered + 1)), e.getMessage());
        assertTrue(e.getMessage().contains("sum of its children"), e.getMessage());
    }

    @Test
    void rejectsCoversThatAreNotOnePerNode() {
        IllegalArgumentException e = rejected(edited(forest, p -> ((ArrayNode) p.get("cover")).remove(0)));
        assertTrue(e.getMessage().contains("'cover' has"), e.getMessage());
        assertTrue(e.getMessage().contains("expected one per node"), e.getMessage());
    }

    @Test
    void treeShapRefusesAModelWithoutCoversSayingWhy() {
        BoostedPredictor b = (BoostedPredictor) boosted.predictor();
        BoostedPredictor without = new BoostedPredictor(b.width(), b.base(), b.roots(), b.feature(), b.threshold(),
                b.low(), b.high(), b.value(), b.gain());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TreeShap.of(without));
        assertTrue(e.getMessage().contains("no node covers"), e.getMessage());
    }
}
