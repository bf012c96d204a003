package dev.churnops.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code training.json} of a model artifact: the chosen algorithm, every hyperparameter, each
 * candidate's validation ROC-AUC and engine provenance, the importance of each input column, and
 * how the calibration was chosen (absent in files written before calibration existed). Holds
 * nothing measured in wall-clock time, so it is reproducible.
 */
public record TrainingSummary(@JsonProperty("algorithm") String algorithm,
                              @JsonProperty("hyperparameters") Map<String, String> hyperparameters,
                              @JsonProperty("candidates") List<CandidateEntry> candidates,
                              @JsonProperty("column_importance") Map<String, Double> columnImportance,
                              @JsonProperty("rows") Map<String, Integer> rows,
                              @JsonProperty("calibration") CalibrationSummary calibration) {

    public static final String FILE_NAME = "training.json";

    public record CandidateEntry(@JsonProperty("algorithm") String algorithm,
                                 @JsonProperty("validation_roc_auc") double validationRocAuc,
                                 @JsonProperty("provenance") String provenance) {
    }

    public static TrainingSummary of(ModelTraining.Outcome outcome, HyperParameters parameters, int trainRows, int validationRows) {
        List<CandidateEntry> candidates = new ArrayList<>();
        for (ModelTraining.Candidate c : outcome.candidates()) {
            candidates.add(new CandidateEntry(c.algorithm(), c.validationRocAuc(), c.provenance()));
        }
        return new TrainingSummary(outcome.model().algorithm(), parameters.asMap(), candidates,
                columnImportance(outcome.model()), Map.of("train", trainRows, "validation", validationRows),
                outcome.calibration());
    }

    /** Feature importance summed over the features each input column encodes into. */
    public static Map<String, Double> columnImportance(ChurnModel model) {
        double[] importance = model.predictor().importance();
        String[] source = model.encoder().sourceColumns();
        Map<String, Double> byColumn = new TreeMap<>();
        for (int i = 0; i < importance.length; i++) {
            byColumn.merge(source[i], importance[i], Double::sum);
        }
        return byColumn;
    }
}
