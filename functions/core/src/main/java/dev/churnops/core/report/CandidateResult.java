package dev.churnops.core.report;

import java.util.Objects;

/**
 * One algorithm tried during model selection and how it did on validation data.
 *
 * @param algorithm the algorithm's name
 * @param validationRocAuc ROC AUC on the validation set
 * @param trainSeconds wall-clock training time in seconds, >= 0
 */
public record CandidateResult(String algorithm, double validationRocAuc, double trainSeconds) {

    public CandidateResult {
        Objects.requireNonNull(algorithm, "CandidateResult.algorithm must not be null");
        if (!(trainSeconds >= 0.0)) {
            throw new IllegalArgumentException("CandidateResult.trainSeconds of '" + algorithm + "' is "
                    + trainSeconds + " but must be a duration >= 0 seconds.");
        }
    }
}
