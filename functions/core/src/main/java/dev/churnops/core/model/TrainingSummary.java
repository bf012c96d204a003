package dev.churnops.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code training.json} of a model artifact: the chosen algorithm, every hyperparameter, each
 * candidate's validation ROC-AUC and engine provenance, the importance of each input column, and
 * how the calibration was chosen (absent in files written before calibration existed); with a
 * hyperparameter search, every search candidate ({@code search}), and with {@code cv_folds}, the
 * cross-validation of the chosen configuration ({@code cv}); both are absent when off, so such
 * files are as before. Holds nothing measured in wall-clock time, so it is reproducible.
 */
public record TrainingSummary(@JsonProperty("algorithm") String algorithm,
                              @JsonProperty("hyperparameters") Map<String, String> hyperparameters,
                              @JsonProperty("candidates") List<CandidateEntry> candidates,
                              @JsonProperty("column_importance") Map<String, Double> columnImportance,
                              @JsonProperty("rows") Map<String, Integer> rows,
                              @JsonProperty("calibration") CalibrationSummary calibration,
                              @JsonProperty("search") @JsonInclude(JsonInclude.Include.NON_NULL) SearchSummary search,
                              @JsonProperty("cv") @JsonInclude(JsonInclude.Include.NON_NULL) CrossValidationSummary cv) {

    public static final String FILE_NAME = "training.json";

    public record CandidateEntry(@JsonProperty("algorithm") String algorithm,
                                 @JsonProperty("validation_roc_auc") double validationRocAuc,
                                 @JsonProperty("provenance") String provenance) {
    }

    /**
     * The summary of {@code outcome}. The hyperparameters recorded are those the outcome was
     * trained with: {@code parameters} as given, with a search's choices applied.
     */
    public static TrainingSummary of(ModelTraining.Outcome outcome, HyperParameters parameters, int trainRows, int validationRows) {
        List<CandidateEntry> candidates = new ArrayList<>();
        for (ModelTraining.Candidate c : outcome.candidates()) {
            candidates.add(new CandidateEntry(c.algorithm(), c.validationRocAuc(), c.provenance()));
        }
        HyperParameters trained = outcome.search() == null ? parameters : parameters.with(outcome.search().chosenValues());
        return new TrainingSummary(outcome.model().algorithm(), trained.asMap(), candidates,
                columnImportance(outcome.model()), Map.of("train", trainRows, "validation", validationRows),
                outcome.calibration(),
                outcome.search() == null ? null : SearchSummary.of(outcome.search(), parameters.searchCandidates()),
                outcome.cv());
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
