package dev.churnops.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.json.Json;
import java.util.Map;

/**
 * A trained churn model in serving form: the feature encoder and the predictor, plus the name of
 * the algorithm that produced it. This is what {@code model.json} in a model artifact holds; its
 * bytes are a pure function of the training data, configuration and seed.
 */
public record ChurnModel(@JsonProperty("format") int format,
                         @JsonProperty("algorithm") String algorithm,
                         @JsonProperty("encoder") FeatureEncoder encoder,
                         @JsonProperty("predictor") Predictor predictor) {

    public static final int FORMAT = 1;
    public static final String FILE_NAME = "model.json";

    /** Churn probabilities for every row of {@code table}. */
    public double[] score(LabeledTable table) {
        double[][] rows = encoder.encode(table);
        double[] scores = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            scores[i] = predictor.probability(rows[i]);
        }
        return scores;
    }

    /** Churn probability for one customer given as column to value. */
    public double score(Map<String, ?> customer) {
        return predictor.probability(encoder.encode(customer));
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
        return model;
    }
}
