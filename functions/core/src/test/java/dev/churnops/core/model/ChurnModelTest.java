package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChurnModelTest {

    /** Two numeric inputs, no missing indicators: width 2. */
    private static final FeatureEncoder TWO_FEATURES = new FeatureEncoder(List.of(
            new FeatureEncoder.ColumnEncoding("a", ColumnType.NUMERIC, 0.0, 0.0, 1.0, null, false),
            new FeatureEncoder.ColumnEncoding("b", ColumnType.NUMERIC, 0.0, 0.0, 1.0, null, false)));

    /** One tree: node 0 splits on feature 1 at 0.5; leaves 1 and 2. */
    private static ForestPredictor forest(int[] feature, int[] low, int[] high, double[] value) {
        return new ForestPredictor(2, new int[] {0}, feature, new double[] {0.5, 0, 0}, low, high, value);
    }

    private static final ForestPredictor GOOD_FOREST = forest(new int[] {1, -1, -1}, new int[] {1, -1, -1},
            new int[] {2, -1, -1}, new double[] {0, 0.2, 0.9});

    private static byte[] bytes(Predictor predictor) {
        return new ChurnModel(ChurnModel.FORMAT, "random_forest", TWO_FEATURES, predictor).toBytes();
    }

    private static IllegalArgumentException rejected(byte[] bytes) {
        return assertThrows(IllegalArgumentException.class, () -> ChurnModel.fromBytes(bytes, "v3/model.json"));
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void readsBackTheModelItWroteForEveryPredictorKind() {
        LabeledTable table = SyntheticCustomers.table(200, 31);
        HyperParameters parameters = HyperParameters.parse(Map.of("random_forest.trees", "5", "logistic_regression.epochs", "2",
                "gradient_boosting.rounds", "20"));
        FeatureEncoder encoder = FeatureEncoder.fit(table);
        for (ModelEngine engine : List.of(new LogisticRegressionEngine(), new RandomForestEngine(), new GradientBoostingEngine())) {
            ChurnModel model = new ChurnModel(ChurnModel.FORMAT, engine.algorithm(), encoder,
                    engine.train(SyntheticCustomers.encoded(encoder, table), parameters).predictor());
            byte[] bytes = model.toBytes();
            ChurnModel read = ChurnModel.fromBytes(bytes, "model.json");

            assertArrayEquals(bytes, read.toBytes(), engine.algorithm());
            assertEquals(engine.algorithm(), read.algorithm());
            assertArrayEquals(model.score(table), read.score(table), 0.0);
        }
    }

    @Test
    void scoresOneCustomerLikeTheTableRow() {
        ChurnModel model = new ChurnModel(ChurnModel.FORMAT, "random_forest", TWO_FEATURES, GOOD_FOREST);
        assertEquals(0.2, model.score(Map.of("a", 3.0, "b", 0.5)));
        assertEquals(0.9, model.score(Map.of("a", 3.0, "b", 0.51)));
    }

    @Test
    void rejectsAFileThatIsNotJsonNamingTheFile() {
        Json.InvalidDocumentException e = assertThrows(Json.InvalidDocumentException.class,
                () -> ChurnModel.fromBytes("{\"format\": 1, \"algorithm\": ".getBytes(StandardCharsets.UTF_8), "v3/model.json"));
        assertMentions(e, "model file 'v3/model.json'");
    }

    @Test
    void rejectsAnUnknownFieldOrPredictorKind() {
        ObjectNode tree = (ObjectNode) Json.tree(bytes(GOOD_FOREST), "model");
        tree.put("extra", 1);
        assertThrows(Json.InvalidDocumentException.class,
                () -> ChurnModel.fromBytes(Json.write(tree), "model.json"));

        ObjectNode kind = (ObjectNode) Json.tree(bytes(GOOD_FOREST), "model");
        ((ObjectNode) kind.get("predictor")).put("kind", "neural");
        Json.InvalidDocumentException e = assertThrows(Json.InvalidDocumentException.class,
                () -> ChurnModel.fromBytes(Json.write(kind), "model.json"));
        assertMentions(e, "neural");
    }

    @Test
    void rejectsAnotherFormatNumberNamingBoth() {
        ObjectNode tree = (ObjectNode) Json.tree(bytes(GOOD_FOREST), "model");
        tree.put("format", 2);
        assertMentions(rejected(Json.write(tree)), "'v3/model.json'", "format 2", "reads format 1");
    }

    @Test
    void rejectsAModelWithoutItsEncoderOrPredictor() {
        ObjectNode tree = (ObjectNode) Json.tree(bytes(GOOD_FOREST), "model");
        tree.remove("encoder");
        assertMentions(rejected(Json.write(tree)), "lacks its encoder or predictor");
    }

    @Test
    void rejectsAForestChildIndexOutOfRange() {
        byte[] bytes = bytes(forest(new int[] {1, -1, -1}, new int[] {1, -1, -1}, new int[] {7, -1, -1}, new double[] {0, 0.2, 0.9}));
        assertMentions(rejected(bytes), "child index 7", "outside 0..2");
    }

    @Test
    void rejectsAForestChildBeforeItsParentWhichWouldAllowACycle() {
        // Node 1 splits and sends rows back to node 0: scoring would loop forever.
        byte[] bytes = bytes(forest(new int[] {1, 0, -1}, new int[] {1, 0, -1}, new int[] {2, 2, -1}, new double[] {0, 0, 0.9}));
        assertMentions(rejected(bytes), "node 1", "does not follow it");
        byte[] self = bytes(forest(new int[] {1, -1, -1}, new int[] {0, -1, -1}, new int[] {2, -1, -1}, new double[] {0, 0.2, 0.9}));
        assertMentions(rejected(self), "node 0", "does not follow it");
    }

    @Test
    void rejectsALeafValueOutsideZeroToOne() {
        assertMentions(rejected(bytes(forest(new int[] {1, -1, -1}, new int[] {1, -1, -1}, new int[] {2, -1, -1},
                new double[] {0, 1.5, 0.9}))), "leaf 1", "1.5", "[0, 1]");
        assertMentions(rejected(bytes(forest(new int[] {1, -1, -1}, new int[] {1, -1, -1}, new int[] {2, -1, -1},
                new double[] {0, 0.2, -0.1}))), "leaf 2", "-0.1");
    }

    @Test
    void rejectsASplitOnAFeatureTheModelDoesNotHave() {
        assertMentions(rejected(bytes(forest(new int[] {2, -1, -1}, new int[] {1, -1, -1}, new int[] {2, -1, -1},
                new double[] {0, 0.2, 0.9}))), "node 0", "feature 2", "below 2");
    }

    @Test
    void rejectsForestArraysOfDifferentLengthsOrNoTrees() {
        ForestPredictor ragged = new ForestPredictor(2, new int[] {0}, new int[] {1, -1, -1}, new double[] {0.5, 0},
                new int[] {1, -1, -1}, new int[] {2, -1, -1}, new double[] {0, 0.2, 0.9});
        assertMentions(rejected(bytes(ragged)), "same length");
        ForestPredictor empty = new ForestPredictor(2, new int[0], new int[] {-1}, new double[] {0}, new int[] {-1},
                new int[] {-1}, new double[] {0.5});
        assertMentions(rejected(bytes(empty)), "'roots' is empty");
        ForestPredictor badRoot = new ForestPredictor(2, new int[] {3}, new int[] {-1}, new double[] {0}, new int[] {-1},
                new int[] {-1}, new double[] {0.5});
        assertMentions(rejected(bytes(badRoot)), "root index 3");
    }

    @Test
    void rejectsAPredictorWhoseWidthDiffersFromTheEncoder() {
        ForestPredictor wide = new ForestPredictor(3, new int[] {0}, new int[] {2, -1, -1}, new double[] {0.5, 0, 0},
                new int[] {1, -1, -1}, new int[] {2, -1, -1}, new double[] {0, 0.2, 0.9});
        assertMentions(rejected(bytes(wide)), "'v3/model.json'", "predictor reads 3 features", "encoder writes 2");
        assertMentions(rejected(bytes(new LinearPredictor(new double[] {1, 2, 3}, 0))), "predictor reads 3", "encoder writes 2");
    }

    /** A valid one-column model whose encoder column is then edited as a hand or a bug might. */
    private static byte[] editedEncoder(FeatureEncoder.ColumnEncoding column, java.util.function.Consumer<ObjectNode> edit) {
        FeatureEncoder encoder = new FeatureEncoder(List.of(column));
        ObjectNode tree = (ObjectNode) Json.tree(new ChurnModel(ChurnModel.FORMAT, "logistic_regression", encoder,
                new LinearPredictor(new double[encoder.width()], 0)).toBytes(), "model");
        edit.accept((ObjectNode) tree.get("encoder").get("columns").get(0));
        return Json.write(tree);
    }

    private static final FeatureEncoder.ColumnEncoding CONTRACT = new FeatureEncoder.ColumnEncoding("Contract",
            ColumnType.CATEGORICAL, null, null, null, List.of("Month-to-month", "One year", "Two year"), false);
    private static final FeatureEncoder.ColumnEncoding TENURE = new FeatureEncoder.ColumnEncoding("tenure",
            ColumnType.NUMERIC, 2.0, 2.5, 1.5, null, false);

    /** Rejected as an IllegalArgumentException or an unreadable document, naming the file. */
    private static RuntimeException unreadable(byte[] bytes) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> ChurnModel.fromBytes(bytes, "v3/model.json"));
        assertTrue(e instanceof IllegalArgumentException || e instanceof Json.InvalidDocumentException, e.toString());
        assertMentions(e, "v3/model.json");
        return e;
    }

    @Test
    void rejectsAnEncoderWhoseCategoriesAreNotSorted() {
        // Encoding looks categories up by binary search: unsorted, a known category would encode as unseen.
        byte[] bytes = editedEncoder(CONTRACT, c -> c.putArray("categories").add("Two year").add("Month-to-month").add("One year"));
        assertMentions(unreadable(bytes), "'Contract'", "sorted");
    }

    @Test
    void rejectsAnEncoderWithARepeatedCategory() {
        byte[] bytes = editedEncoder(CONTRACT, c -> c.putArray("categories").add("One year").add("One year").add("Two year"));
        assertMentions(unreadable(bytes), "'Contract'", "distinct");
    }

    @Test
    void rejectsACategoricalColumnWithoutItsCategories() {
        assertMentions(unreadable(editedEncoder(CONTRACT, c -> c.remove("categories"))), "'Contract'", "categories");
    }

    @Test
    void rejectsANumericColumnWithoutItsStatistics() {
        assertMentions(unreadable(editedEncoder(TENURE, c -> c.remove("mean"))), "'tenure'", "mean");
        assertMentions(unreadable(editedEncoder(TENURE, c -> c.putNull("median"))), "'tenure'", "median");
    }

    @Test
    void rejectsANumericColumnWithAScaleThatIsNotPositive() {
        for (double scale : new double[] {0.0, -1.0}) {
            assertMentions(unreadable(editedEncoder(TENURE, c -> c.put("scale", scale))), "'tenure'", "scale");
        }
    }

    @Test
    void refusesToBuildAnEncoderColumnWithUnsortedCategories() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FeatureEncoder.ColumnEncoding(
                "Contract", ColumnType.CATEGORICAL, null, null, null, List.of("b", "a"), false));
        assertMentions(e, "'Contract'");
    }

    @Test
    void rejectsALinearModelWithANonFiniteWeight() {
        ObjectNode tree = (ObjectNode) Json.tree(bytes(new LinearPredictor(new double[] {1, 2}, 0)), "model");
        ((com.fasterxml.jackson.databind.node.ArrayNode) tree.get("predictor").get("weights")).set(1,
                com.fasterxml.jackson.databind.node.TextNode.valueOf("NaN"));
        assertMentions(rejected(Json.write(tree)), "weight 1", "NaN");
    }

    /** Two trees over two features: a stump on feature 1 at 0.5 (nodes 0-2) and a single leaf (node 3). */
    private static BoostedPredictor boosted(int width, double base, int[] feature, double[] threshold, int[] low,
                                            int[] high, double[] value, double[] gain) {
        return new BoostedPredictor(width, base, new int[] {0, 3}, feature, threshold, low, high, value, gain);
    }

    private static final BoostedPredictor GOOD_BOOSTED = boosted(2, -1.0, new int[] {1, -1, -1, -1},
            new double[] {0.5, 0, 0, 0}, new int[] {1, -1, -1, -1}, new int[] {2, -1, -1, -1},
            new double[] {0, -0.75, 2.5, 0.25}, new double[] {0, 4.0});

    /** The good boosted model's file with one predictor value replaced, as a hand or a bug might. */
    private static byte[] editedBoosted(String array, int index, String value) {
        ObjectNode tree = (ObjectNode) Json.tree(bytes(GOOD_BOOSTED), "model");
        com.fasterxml.jackson.databind.JsonNode node;
        if (value.matches("-?\\d+")) {
            node = com.fasterxml.jackson.databind.node.IntNode.valueOf(Integer.parseInt(value));
        } else if (value.matches("-?[\\d.]+")) {
            node = com.fasterxml.jackson.databind.node.DoubleNode.valueOf(Double.parseDouble(value));
        } else {
            // NaN and Infinity are not JSON numbers; Jackson reads them from strings, as a corrupt file may hold them.
            node = com.fasterxml.jackson.databind.node.TextNode.valueOf(value);
        }
        ((com.fasterxml.jackson.databind.node.ArrayNode) tree.get("predictor").get(array)).set(index, node);
        return Json.write(tree);
    }

    @Test
    void readsABoostedModelAndAddsItsLeavesToTheBaseMargin() {
        ChurnModel read = ChurnModel.fromBytes(bytes(GOOD_BOOSTED), "v3/model.json");

        assertEquals(-1.0 - 0.75 + 0.25, GOOD_BOOSTED.margin(new double[] {9, 0.5}));
        assertEquals(1 / (1 + Math.exp(-(-1.0 + 2.5 + 0.25))), read.score(Map.of("a", 0.0, "b", 0.51)), 1e-15);
        assertArrayEquals(new double[] {0.0, 1.0}, read.predictor().importance());
        assertTrue(new String(bytes(GOOD_BOOSTED), StandardCharsets.UTF_8).contains("\"kind\" : \"boosted\""));
    }

    @Test
    void rejectsABoostedChildIndexOutOfRange() {
        assertMentions(rejected(editedBoosted("high", 0, "7")), "boosted model", "child index 7", "outside 0..3");
    }

    @Test
    void rejectsABoostedChildBeforeItsParent() {
        assertMentions(rejected(editedBoosted("low", 0, "0")), "boosted model", "node 0", "does not follow it");
    }

    @Test
    void rejectsABoostedLeafThatIsNotAFiniteNumber() {
        assertMentions(rejected(editedBoosted("value", 2, "NaN")), "boosted model", "leaf 2", "NaN", "finite");
        assertMentions(rejected(editedBoosted("value", 3, "Infinity")), "leaf 3", "Infinity");
    }

    @Test
    void acceptsBoostedLeafValuesOutsideZeroToOneWhichAreMarginsNotProbabilities() {
        BoostedPredictor read = (BoostedPredictor) ChurnModel.fromBytes(editedBoosted("value", 2, "17.5"), "m").predictor();
        assertEquals(17.5, read.value()[2]);
    }

    @Test
    void rejectsABoostedBaseOrThresholdThatIsNotFinite() {
        ObjectNode tree = (ObjectNode) Json.tree(bytes(GOOD_BOOSTED), "model");
        ((ObjectNode) tree.get("predictor")).put("base", "NaN");
        assertMentions(rejected(Json.write(tree)), "boosted model", "base margin is NaN");
        assertMentions(rejected(editedBoosted("threshold", 0, "NaN")), "node 0", "threshold NaN");
    }

    @Test
    void rejectsABoostedModelWhoseWidthDisagreesWithItsGainOrTheEncoder() {
        BoostedPredictor shortGain = boosted(2, 0, new int[] {1, -1, -1, -1}, new double[] {0.5, 0, 0, 0},
                new int[] {1, -1, -1, -1}, new int[] {2, -1, -1, -1}, new double[] {0, -0.75, 2.5, 0.25}, new double[] {4.0});
        assertMentions(rejected(bytes(shortGain)), "'gain' has 1 entries", "one per feature (2)");
        BoostedPredictor wide = boosted(3, 0, new int[] {2, -1, -1, -1}, new double[] {0.5, 0, 0, 0},
                new int[] {1, -1, -1, -1}, new int[] {2, -1, -1, -1}, new double[] {0, -0.75, 2.5, 0.25}, new double[] {0, 0, 4.0});
        assertMentions(rejected(bytes(wide)), "predictor reads 3 features", "encoder writes 2");
        assertMentions(rejected(editedBoosted("feature", 0, "2")), "node 0 splits on feature 2", "below 2");
    }

    @Test
    void rejectsABoostedModelWithANegativeGainOrRaggedArrays() {
        assertMentions(rejected(editedBoosted("gain", 1, "-1.0")), "gain of feature 1 is -1.0");
        ObjectNode tree = (ObjectNode) Json.tree(bytes(GOOD_BOOSTED), "model");
        ((com.fasterxml.jackson.databind.node.ArrayNode) tree.get("predictor").get("value")).remove(3);
        assertMentions(rejected(Json.write(tree)), "boosted model", "same length");
    }
}
