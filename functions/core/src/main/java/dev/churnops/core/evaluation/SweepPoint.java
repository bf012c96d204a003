package dev.churnops.core.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Precision, recall and F1 at one threshold of an evenly spaced sweep, for the
 * "precision / recall / F1 versus threshold" chart.
 *
 * @param threshold the score cut-off (flag iff score >= threshold)
 * @param precision TP / flagged, 0 when nothing is flagged
 * @param recall TP / positives
 * @param f1 harmonic mean of precision and recall
 */
public record SweepPoint(
        @JsonProperty("threshold") double threshold,
        @JsonProperty("precision") double precision,
        @JsonProperty("recall") double recall,
        @JsonProperty("f1") double f1) {
}
