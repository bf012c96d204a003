package dev.churnops.core.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churnops.core.data.ColumnType;
import java.util.List;
import java.util.Map;

/**
 * What a model version is and where it came from: algorithm, hyperparameters and seed, the SHA-256
 * of the input data and of the model file, the code version, test and validation metrics, the
 * decision threshold and the objective that chose it, the input signature, the candidates it beat,
 * and the promotion decision. Stored as {@code model-card.json} in the version's model.tar.gz.
 */
public record ModelCard(
        @JsonProperty("model_name") String modelName,
        @JsonProperty("version") int version,
        @JsonProperty("algorithm") String algorithm,
        @JsonProperty("hyperparameters") Map<String, String> hyperparameters,
        @JsonProperty("seed") long seed,
        @JsonProperty("data_fingerprint") String dataFingerprint,
        @JsonProperty("model_sha256") String modelSha256,
        @JsonProperty("code_version") String codeVersion,
        @JsonProperty("training_execution") String trainingExecution,
        @JsonProperty("label") Label label,
        @JsonProperty("rows") Map<String, Integer> rows,
        @JsonProperty("metrics") Map<String, Double> testMetrics,
        @JsonProperty("threshold") Threshold threshold,
        @JsonProperty("risk_segments") RiskSegments riskSegments,
        @JsonProperty("input_signature") List<InputColumn> inputSignature,
        @JsonProperty("candidates") List<CandidateSummary> candidates,
        @JsonProperty("promotion") Promotion promotion,
        @JsonProperty("engine_provenance") String engineProvenance) {

    public static final String FILE_NAME = "model-card.json";

    /** The label column and the value that means churn. */
    public record Label(@JsonProperty("column") String column, @JsonProperty("positive") String positive) {
    }

    /** The decision threshold, the objective that chose it on validation data, and why. */
    public record Threshold(@JsonProperty("value") double value, @JsonProperty("objective") String objective,
                            @JsonProperty("reason") String reason) {
    }

    /**
     * Probability cut-offs of the risk segments scores are reported in: {@code high} at or above
     * {@code high} (the decision threshold: these customers get the offer), {@code medium} at or
     * above {@code medium}, {@code low} below it.
     */
    public record RiskSegments(@JsonProperty("high") double high, @JsonProperty("medium") double medium,
                               @JsonProperty("rule") String rule) {

        public String segment(double probability) {
            return probability >= high ? "high" : probability >= medium ? "medium" : "low";
        }
    }

    /** One input column a scoring request must (or may) carry. */
    public record InputColumn(@JsonProperty("name") String name, @JsonProperty("type") ColumnType type,
                              @JsonProperty("categories") List<String> categories,
                              @JsonProperty("missing_allowed") boolean missingAllowed) {
    }

    /** An algorithm trained: its validation ROC-AUC, or, chosen without validation rows, its out-of-fold ROC-AUC. */
    public record CandidateSummary(@JsonProperty("algorithm") String algorithm,
                                   @JsonProperty("validation_roc_auc") @JsonInclude(JsonInclude.Include.NON_NULL) Double validationRocAuc,
                                   @JsonProperty("out_of_fold_roc_auc") @JsonInclude(JsonInclude.Include.NON_NULL) Double outOfFoldRocAuc) {

        public CandidateSummary(String algorithm, double validationRocAuc) {
            this(algorithm, validationRocAuc, null);
        }
    }

    /** The gate's decision and both numbers it compared on the same test set. */
    public record Promotion(@JsonProperty("approved") boolean approved,
                            @JsonProperty("candidate_roc_auc") double candidateRocAuc,
                            @JsonProperty("champion_version") Integer championVersion,
                            @JsonProperty("champion_roc_auc") Double championRocAuc,
                            @JsonProperty("rule") String rule) {
    }
}
