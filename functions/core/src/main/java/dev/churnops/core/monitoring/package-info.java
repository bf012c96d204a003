/**
 * Data and prediction drift against the training baseline. {@link dev.churnops.core.monitoring.MonitoringBaseline}
 * turns the training table (and the training scores) into {@code statistics.json} and
 * {@code constraints.json} in SageMaker Model Monitor's layout; {@link dev.churnops.core.monitoring.DriftDetector}
 * compares current data with them under a {@link dev.churnops.core.monitoring.DriftConfig} and returns a
 * {@link dev.churnops.core.monitoring.DriftReport}: {@code violations.json} in Model Monitor's
 * {@code constraint_violations.json} layout, a summary with the drift share, and metrics to publish.
 * The distances and tests themselves are in {@link dev.churnops.core.monitoring.DriftStatistics}.
 */
package dev.churnops.core.monitoring;
