package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The calibration part of model.json: applied in every scoring path, optional, and checked on load. */
class ChurnModelCalibrationTest {

    /** A model.json exactly as ChurnOps wrote it before calibration existed. */
    private static final String LEGACY_MODEL_JSON = """
            {
              "algorithm" : "logistic_regression",
              "encoder" : {
                "columns" : [ {
                  "categories" : null,
                  "column" : "a",
                  "mean" : 0.0,
                  "median" : 0.0,
                  "missing_indicator" : false,
                  "scale" : 1.0,
                  "type" : "NUMERIC"
                }, {
                  "categories" : null,
                  "column" : "b",
                  "mean" : 0.0,
                  "median" : 0.0,
                  "missing_indicator" : false,
                  "scale" : 1.0,
                  "type" : "NUMERIC"
                } ]
              },
              "format" : 1,
              "predictor" : {
                "kind" : "linear",
                "bias" : 0.25,
                "weights" : [ 0.5, -1.25 ]
              }
            }
            """;

    private static final FeatureEncoder TWO_FEATURES = new FeatureEncoder(List.of(
            new FeatureEncoder.ColumnEncoding("a", ColumnType.NUMERIC, 0.0, 0.0, 1.0, null, false),
            new FeatureEncoder.ColumnEncoding("b", ColumnType.NUMERIC, 0.0, 0.0, 1.0, null, false)));
    private static final LinearPredictor LINEAR = new LinearPredictor(new double[] {0.5, -1.25}, 0.25);

    private static ChurnModel model(Calibrator calibrator) {
        return new ChurnModel(ChurnModel.FORMAT, "logistic_regression", TWO_FEATURES, LINEAR, calibrator);
    }

    @Test
    void aModelJsonWithoutCalibrationStillLoadsScoresAsBeforeAndKeepsItsBytes() {
        byte[] legacy = LEGACY_MODEL_JSON.getBytes(StandardCharsets.UTF_8);

        ChurnModel read = ChurnModel.fromBytes(legacy, "v1/model.json");

        assertNull(read.calibration());
        assertEquals("none", read.calibrationMethod());
        for (double a : new double[] {-2, 0, 1.5}) {
            for (double b : new double[] {-1, 0, 3}) {
                double expected = 1 / (1 + Math.exp(-(0.25 + 0.5 * a - 1.25 * b)));
                assertEquals(expected, read.score(Map.of("a", a, "b", b)), 1e-15);
            }
        }
        // Same bytes out as in: an uncalibrated model's SHA-256 does not change with this version.
        assertArrayEquals(legacy, read.toBytes());
        assertEquals(LEGACY_MODEL_JSON, new String(model(null).toBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void appliesTheCalibrationAfterThePredictorInEveryScoringPath() {
        PlattCalibrator platt = new PlattCalibrator(0.5, -0.4);
        ChurnModel calibrated = ChurnModel.fromBytes(model(platt).toBytes(), "model.json");
        LabeledTable table = SyntheticCustomers.table(60, 5);
        FeatureEncoder encoder = FeatureEncoder.fit(table);
        ChurnModel trained = new ChurnModel(ChurnModel.FORMAT, "logistic_regression", encoder,
                new LogisticRegressionEngine().train(SyntheticCustomers.encoded(encoder, table),
                        HyperParameters.parse(Map.of("logistic_regression.epochs", "2"))).predictor());

        Map<String, Double> customer = Map.of("a", 1.0, "b", -0.5);
        double raw = LINEAR.probability(new double[] {1.0, -0.5});
        assertEquals(platt.apply(raw), calibrated.score(customer), 0.0);
        assertEquals(platt.apply(raw), calibrated.probability(new double[] {1.0, -0.5}), 0.0);
        assertEquals(raw, calibrated.withoutCalibration().score(customer), 0.0);

        double[] plain = trained.score(table);
        double[] withPlatt = trained.withCalibration(platt).score(table);
        for (int i = 0; i < plain.length; i++) {
            assertEquals(platt.apply(plain[i]), withPlatt[i], 0.0, "row " + i);
        }
    }

    @Test
    void writesAndReadsBackEachCalibrationMethod() {
        for (Calibrator c : List.of(new PlattCalibrator(0.8, -0.3),
                new IsotonicCalibrator(new double[] {0.1, 0.5, 0.9}, new double[] {0.02, 0.4, 0.95}))) {
            byte[] bytes = model(c).toBytes();
            ChurnModel read = ChurnModel.fromBytes(bytes, "model.json");

            assertArrayEquals(bytes, read.toBytes(), c.method());
            assertEquals(c.method(), read.calibrationMethod());
            assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("\"method\" : \"" + c.method() + "\""));
        }
    }

    @Test
    void rejectsIsotonicBreakpointsThatDoNotIncreaseNamingTheField() {
        byte[] bytes = edited(new IsotonicCalibrator(new double[] {0.1, 0.5, 0.9}, new double[] {0.02, 0.4, 0.95}),
                c -> c.putArray("uncalibrated").add(0.1).add(0.5).add(0.45));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChurnModel.fromBytes(bytes, "v3/model.json"));

        assertEquals("model file 'v3/model.json': calibration (isotonic): breakpoints 'uncalibrated' must be strictly"
                + " increasing, but uncalibrated[2] = 0.45 follows 0.5", e.getMessage());
    }

    @Test
    void rejectsOtherCorruptCalibrationsNamingTheField() {
        IsotonicCalibrator isotonic = new IsotonicCalibrator(new double[] {0.1, 0.5}, new double[] {0.02, 0.4});
        PlattCalibrator platt = new PlattCalibrator(0.8, -0.3);
        assertRejected(edited(isotonic, c -> c.putArray("calibrated").add(0.4).add(0.02)), "'calibrated' must not decrease");
        assertRejected(edited(isotonic, c -> c.putArray("calibrated").add(0.4)), "'uncalibrated' and 'calibrated'",
                "equal length");
        assertRejected(edited(isotonic, c -> c.putArray("calibrated").add(0.4).add(1.5)), "calibrated[1] is 1.5");
        assertRejected(edited(platt, c -> c.put("slope", "NaN")), "calibration (platt): 'slope' is NaN");
        assertRejected(edited(platt, c -> c.put("slope", -0.8)), "'slope' is -0.8", "keep the model's ranking");
        assertRejected(edited(platt, c -> c.put("intercept", "Infinity")), "'intercept' is Infinity");
        assertRejected(edited(platt, c -> c.remove("slope")), "slope");
        assertRejected(edited(platt, c -> c.put("method", "beta")), "calibration", "beta");
    }

    private static void assertRejected(byte[] bytes, String... parts) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> ChurnModel.fromBytes(bytes, "v3/model.json"));
        assertTrue(e instanceof IllegalArgumentException, e.toString());
        assertTrue(e.getMessage().contains("v3/model.json"), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void writesNoCalibrationFieldWhenThereIsNone() {
        assertFalse(new String(model(null).toBytes(), StandardCharsets.UTF_8).contains("calibration"));
    }

    /** A valid calibrated model whose calibration object is then edited as a hand or a bug might. */
    private static byte[] edited(Calibrator calibrator, Consumer<ObjectNode> edit) {
        ObjectNode tree = (ObjectNode) Json.tree(model(calibrator).toBytes(), "model");
        ObjectNode calibration = tree.get("calibration").deepCopy();
        edit.accept(calibration);
        tree.set("calibration", calibration);
        return Json.write(tree);
    }
}
