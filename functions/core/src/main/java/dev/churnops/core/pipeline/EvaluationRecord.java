package dev.churnops.core.pipeline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churnops.core.evaluation.EvaluationReport;
import dev.churnops.core.report.RiskiestCustomers;

/**
 * {@code evaluations/<execution>/evaluation.json}: the candidate's evaluation on the held-out test
 * set at the threshold chosen on validation data, and the champion's ROC-AUC on the same test set.
 * {@code riskiest_customers}, the riskiest test customers with their reason codes, is absent from
 * files written before it existed.
 */
public record EvaluationRecord(@JsonProperty("execution") String execution,
                               @JsonProperty("model_name") String modelName,
                               @JsonProperty("model_artifact_key") String modelArtifactKey,
                               @JsonProperty("training_set_prefix") String trainingSetPrefix,
                               @JsonProperty("algorithm") String algorithm,
                               @JsonProperty("report") EvaluationReport report,
                               @JsonProperty("champion") Champion champion,
                               @JsonProperty("riskiest_customers") @JsonInclude(JsonInclude.Include.NON_NULL)
                               RiskiestCustomers riskiestCustomers) {

    @JsonCreator
    public EvaluationRecord {
    }

    /** A record without the riskiest customers. */
    public EvaluationRecord(String execution, String modelName, String modelArtifactKey, String trainingSetPrefix,
                            String algorithm, EvaluationReport report, Champion champion) {
        this(execution, modelName, modelArtifactKey, trainingSetPrefix, algorithm, report, champion, null);
    }

    /** The serving champion at evaluation time, scored on the candidate's test set. */
    public record Champion(@JsonProperty("version") int version, @JsonProperty("roc_auc") double rocAuc) {
    }
}
