package dev.churnops.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.json.Json;
import java.util.Map;

/**
 * A trained churn model in serving form: the feature encoder, the predictor and, optionally, the
 * calibration applied to the predictor's probability, plus the name of the algorithm that
 * produced it. This is what {@code model.json} in a model artifact holds; its bytes are a pure
 * function of the training data, configuration and seed. A model without calibration has no
 * {@code calibration} field at all, so files written before calibration existed read unchanged and
 * score as they did; a reader that does not know the field refuses a calibrated file rather than
 * serving uncalibrated probabilities against a threshold chosen on calibrated ones.
 */
public record ChurnModel(@JsonProperty("format") int format,
                         @JsonProperty("algorithm") String algorithm,
                         @JsonProperty("encoder") FeatureEncoder encoder,
                         @JsonProperty("predictor") Predictor predictor,
                         @JsonProperty("calibration") @JsonInclude(JsonInclude.Include.NON_NULL) Calibrator calibration) {

    public static final int FORMAT = 1;
    public static final String FILE_NAME = "model.json";

    @JsonCreator
    public ChurnModel {
    }

    /** A model without calibration. */
    public ChurnModel(int format, String algorithm, FeatureEncoder encoder, Predictor predictor) {
        this(format, algorithm, encoder, predictor, null);
    }

    /** This model with {@code calibrator} (null for none) applied after the predictor. */
    public ChurnModel withCalibration(Calibrator calibrator) {
        return new ChurnModel(format, algorithm, encoder, predictor, calibrator);
    }

    /** This model as the predictor alone scores, for comparing before and after calibration. */
    public ChurnModel withoutCalibration() {
        return withCalibration(null);
    }

    /** none, platt or isotonic. */
    public String calibrationMethod() {
        return calibration == null ? CalibrationSelector.NONE : calibration.method();
    }

    /** Churn probabilities for every row of {@code table}, calibrated. */
    public double[] score(LabeledTable table) {
        double[][] rows = encoder.encode(table);
        double[] scores = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            scores[i] = probability(rows[i]);
        }
        return scores;
    }

    /** Churn probability for one customer given as column to value, calibrated. */
    public double score(Map<String, ?> customer) {
        return probability(encoder.encode(customer));
    }

    /**
     * The churn probability of one encoded row: the predictor's probability, then the calibration.
     * Every scoring path goes through here, so none can skip the calibration.
     */
    public double probability(double[] encoded) {
        return calibrated(predictor.probability(encoded));
    }

    private double calibrated(double p) {
        return calibration == null ? p : calibration.apply(p);
    }

    /**
     * This model prepared for scoring many rows: the same probabilities as {@link #probability}, to
     * the last bit, with boosted stumps laid out flat (see {@link BoostedPredictor#stumps()}), which
     * a record cannot keep beside its fields.
     */
    public Scorer scorer() {
        return new Scorer(this, predictor instanceof BoostedPredictor b ? b.stumps() : null);
    }

    /** See {@link #scorer()}. Immutable and thread-safe. */
    public static final class Scorer {

        private final ChurnModel model;
        private final BoostedPredictor.Stumps stumps;

        private Scorer(ChurnModel model, BoostedPredictor.Stumps stumps) {
            this.model = model;
            this.stumps = stumps;
        }

        /** The calibrated churn probability of one encoded row, as {@link ChurnModel#probability} gives it. */
        public double probability(double[] encoded) {
            return model.calibrated(stumps != null ? stumps.probability(encoded) : model.predictor.probability(encoded));
        }
    }

    public byte[] toBytes() {
        return Json.write(this);
    }

    /** Reads and checks a serving-form model; a corrupt or foreign file fails with a clear message. */
    public static ChurnModel fromBytes(byte[] bytes, String source) {
        ChurnModel model = Json.read(bytes, ChurnModel.class, "model file '" + source + "'");
        if (model.format() != FORMAT) {
            throw new IllegalArgumentException("model file '" + source + "' has format " + model.format()
                    + ", this version reads format " + FORMAT);
        }
        if (model.encoder() == null || model.predictor() == null) {
            throw new IllegalArgumentException("model file '" + source + "' lacks its encoder or predictor");
        }
        model.predictor().check();
        if (model.predictor().width() != model.encoder().width()) {
            throw new IllegalArgumentException("model file '" + source + "': predictor reads " + model.predictor().width()
                    + " features but the encoder writes " + model.encoder().width());
        }
        if (model.calibration() != null) {
            try {
                model.calibration().check();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model file '" + source + "': " + e.getMessage(), e);
            }
        }
        return model;
    }
}
