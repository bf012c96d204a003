package dev.churnops.core.monitoring;

import java.time.Instant;

/**
 * What {@link RetrainingPolicy#decide} needs to know besides the findings, gathered by the caller
 * from the model registry, the {@link RetrainingLog} and the label store.
 *
 * @param now                the time of the decision
 * @param championTrainedAt  when the current champion was trained, or null when there is none
 * @param lastStartedAt      when retraining was last started ({@link RetrainingLog#lastStartedAt()}), or null
 * @param newLabelledRows    labelled rows that arrived since the champion's training (all of them without one)
 * @param trainingInProgress whether a training run is running now
 */
public record RetrainingContext(Instant now, Instant championTrainedAt, Instant lastStartedAt, long newLabelledRows,
                                boolean trainingInProgress) {

    public RetrainingContext {
        if (now == null) {
            throw new IllegalArgumentException("Retraining context field 'now' is null: expected the time of the decision.");
        }
        if (championTrainedAt != null && championTrainedAt.isAfter(now)) {
            throw new IllegalArgumentException("Retraining context field 'champion_trained_at' is " + championTrainedAt
                    + ": expected a time at or before now " + now + ".");
        }
        if (lastStartedAt != null && lastStartedAt.isAfter(now)) {
            throw new IllegalArgumentException("Retraining context field 'last_started_at' is " + lastStartedAt
                    + ": expected a time at or before now " + now + ".");
        }
        if (newLabelledRows < 0) {
            throw new IllegalArgumentException("Retraining context field 'new_labelled_rows' is " + newLabelledRows
                    + ": expected a row count of 0 or more.");
        }
    }
}
