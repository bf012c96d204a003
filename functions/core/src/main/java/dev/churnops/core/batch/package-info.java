/**
 * Batch scoring: the champion model, pinned when a run starts, scores a validated customer file
 * cut into row ranges. {@link dev.churnops.core.batch.ListScoringPartitions} describes the
 * ranges, {@link dev.churnops.core.batch.ScorePartition} scores one range (rows that do not fit
 * the model's input signature are written out with their reasons, never dropped), and
 * {@link dev.churnops.core.batch.SummarizeScores} checks that every row is accounted for and
 * assembles the high-risk list. Scores land under {@code scores/<date>/<execution>/}.
 */
package dev.churnops.core.batch;
