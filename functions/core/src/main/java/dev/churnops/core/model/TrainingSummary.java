package dev.churnops.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code training.json} of a model artifact: the chosen algorithm, every hyperparameter, each
 * candidate's ROC-AUC and engine provenance, the importance of each input column, and how the
 * calibration was chosen (absent in files written before calibration existed); with a
 * hyperparameter search, every search candidate ({@code search}), and with {@code cv_folds}, the
 * cross-validation of the chosen configuration ({@code cv}); both are absent when off, so such
 * files are as before. {@code selection} says what the choices were made on: {@code validation}
 * (each candidate's {@code validation_roc_auc}; files written before the field existed are such)
 * or {@code out_of_fold} (each candidate's {@code out_of_fold_roc_auc}, and {@code out_of_fold}
 * says how). Holds nothing measured in wall-clock time, so it is reproducible.
 */
public record TrainingSummary(@JsonProperty("algorithm") String algorithm,
                              @JsonProperty("hyperparameters") Map<String, String> hyperparameters,
                              @JsonProperty("candidates") List<CandidateEntry> candidates,
                              @JsonProperty("column_importance") Map<String, Double> columnImportance,
                              @JsonProperty("rows") Map<String, Integer> rows,
                              @JsonProperty("calibration") CalibrationSummary calibration,
                              @JsonProperty("search") @JsonInclude(JsonInclude.Include.NON_NULL) SearchSummary search,
                              @JsonProperty("cv") @JsonInclude(JsonInclude.Include.NON_NULL) CrossValidationSummary cv,
                              @JsonProperty("selection") @JsonInclude(JsonInclude.Include.NON_NULL) String selection,
                              @JsonProperty("out_of_fold") @JsonInclude(JsonInclude.Include.NON_NULL) OutOfFoldSummary outOfFold) {

    public static final String FILE_NAME = "training.json";

    /** A summary chosen on validation rows, as files written before {@code selection} existed read. */
    public TrainingSummary(String algorithm, Map<String, String> hyperparameters, List<CandidateEntry> candidates,
                           Map<String, Double> columnImportance, Map<String, Integer> rows, CalibrationSummary calibration,
                           SearchSummary search, CrossValidationSummary cv) {
        this(algorithm, hyperparameters, candidates, columnImportance, rows, calibration, search, cv, null, null);
    }

    /** What the choices were made on: {@code validation} (also for files written before it was recorded) or {@code out_of_fold}. */
    public String selectedOn() {
        return selection == null ? ModelTraining.Selection.VALIDATION.label() : selection;
    }

    /**
     * One algorithm trained: the ROC-AUC it was chosen by (on the validation split, or of its
     * out-of-fold predictions; the other is absent) and its engine provenance (absent for an
     * algorithm chosen against on out-of-fold predictions, which is never fitted on all rows).
     */
    public record CandidateEntry(@JsonProperty("algorithm") String algorithm,
                                 @JsonProperty("validation_roc_auc") @JsonInclude(JsonInclude.Include.NON_NULL) Double validationRocAuc,
                                 @JsonProperty("out_of_fold_roc_auc") @JsonInclude(JsonInclude.Include.NON_NULL) Double outOfFoldRocAuc,
                                 @JsonProperty("provenance") @JsonInclude(JsonInclude.Include.NON_NULL) String provenance) {

        /** A candidate chosen among on validation rows. */
        public CandidateEntry(String algorithm, double validationRocAuc, String provenance) {
            this(algorithm, validationRocAuc, null, provenance);
        }

        /** The ROC-AUC the candidate was compared by, whichever it is. */
        public double rocAuc() {
            if (validationRocAuc != null) {
                return validationRocAuc;
            }
            if (outOfFoldRocAuc != null) {
                return outOfFoldRocAuc;
            }
            throw new IllegalArgumentException("training.json candidate '" + algorithm
                    + "' has neither validation_roc_auc nor out_of_fold_roc_auc");
        }
    }

    /**
     * The summary of {@code outcome}. The hyperparameters recorded are those the outcome was
     * trained with: {@code parameters} as given, with a search's choices applied.
     */
    public static TrainingSummary of(ModelTraining.Outcome outcome, HyperParameters parameters, int trainRows, int validationRows) {
        boolean outOfFold = outcome.selection() == ModelTraining.Selection.OUT_OF_FOLD;
        List<CandidateEntry> candidates = new ArrayList<>();
        for (ModelTraining.Candidate c : outcome.candidates()) {
            candidates.add(outOfFold ? new CandidateEntry(c.algorithm(), null, c.rocAuc(), c.provenance())
                    : new CandidateEntry(c.algorithm(), c.rocAuc(), null, c.provenance()));
        }
        HyperParameters trained = outcome.search() == null ? parameters : parameters.with(outcome.search().chosenValues());
        return new TrainingSummary(outcome.model().algorithm(), trained.asMap(), candidates,
                columnImportance(outcome.model()), Map.of("train", trainRows, "validation", validationRows),
                outcome.calibration(),
                outcome.search() == null ? null : SearchSummary.of(outcome.search(), parameters.searchCandidates(), outOfFold),
                outcome.cv(), outcome.selection().label(), outcome.outOfFoldSummary());
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
