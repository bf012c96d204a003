package dev.churnops.core.report;

import java.util.Objects;

/**
 * One algorithm tried during model selection and how it did on the data it was chosen on.
 *
 * @param algorithm the algorithm's name
 * @param rocAuc ROC AUC on the validation set, or of its out-of-fold predictions
 * @param trainSeconds wall-clock training time in seconds, >= 0
 * @param outOfFold true when {@code rocAuc} is of out-of-fold predictions of the training rows
 */
public record CandidateResult(String algorithm, double rocAuc, double trainSeconds, boolean outOfFold) {

    /** A candidate scored on the validation set. */
    public CandidateResult(String algorithm, double validationRocAuc, double trainSeconds) {
        this(algorithm, validationRocAuc, trainSeconds, false);
    }

    public CandidateResult {
        Objects.requireNonNull(algorithm, "CandidateResult.algorithm must not be null");
        if (!(trainSeconds >= 0.0)) {
            throw new IllegalArgumentException("CandidateResult.trainSeconds of '" + algorithm + "' is "
                    + trainSeconds + " but must be a duration >= 0 seconds.");
        }
    }
}
