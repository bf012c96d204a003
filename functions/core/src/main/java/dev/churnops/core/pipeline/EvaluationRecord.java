package dev.churnops.core.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churnops.core.evaluation.EvaluationReport;

/**
 * {@code evaluations/<execution>/evaluation.json}: the candidate's evaluation on the held-out test
 * set at the threshold chosen on validation data, and the champion's ROC-AUC on the same test set.
 */
public record EvaluationRecord(@JsonProperty("execution") String execution,
                               @JsonProperty("model_name") String modelName,
                               @JsonProperty("model_artifact_key") String modelArtifactKey,
                               @JsonProperty("training_set_prefix") String trainingSetPrefix,
                               @JsonProperty("algorithm") String algorithm,
                               @JsonProperty("report") EvaluationReport report,
                               @JsonProperty("champion") Champion champion) {

    /** The serving champion at evaluation time, scored on the candidate's test set. */
    public record Champion(@JsonProperty("version") int version, @JsonProperty("roc_auc") double rocAuc) {
    }
}
