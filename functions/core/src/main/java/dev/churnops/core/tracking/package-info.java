/**
 * Experiment tracking: the record every training run leaves under {@code runs/<model>/<execution>.json}
 * (what went in, what came out, where it all is), reading those records back, and comparing two of them.
 * The record is written whatever the outcome, so a failed or rejected run is as findable as a good one.
 */
package dev.churnops.core.tracking;
