package dev.churnops.core.report;

import java.util.Objects;

/**
 * Whether the new model may replace the champion, shown at the top of the report.
 *
 * @param approved true when the candidate passed the gate
 * @param candidateRocAuc the candidate's ROC AUC on the shared holdout
 * @param championRocAuc the champion's ROC AUC on the same holdout, or null when there is no
 *     champion yet
 * @param reason why, in a sentence
 */
public record GateDecision(boolean approved, double candidateRocAuc, Double championRocAuc, String reason) {

    public GateDecision {
        Objects.requireNonNull(reason, "GateDecision.reason must not be null");
    }
}
