/**
 * Watching a deployed model: what changed, how much it matters, and what to do about it.
 * <ul>
 *   <li><b>Data and prediction drift</b> against the training baseline.
 *       {@link dev.churnops.core.monitoring.MonitoringBaseline} turns the training table (and the training
 *       scores) into {@code statistics.json} and {@code constraints.json} in SageMaker Model Monitor's
 *       layout; {@link dev.churnops.core.monitoring.DriftDetector} compares current
 *       {@link dev.churnops.core.monitoring.FeatureColumns} with them under a
 *       {@link dev.churnops.core.monitoring.DriftConfig} and returns a
 *       {@link dev.churnops.core.monitoring.DriftReport}: {@code violations.json} in Model Monitor's
 *       {@code constraint_violations.json} layout, a summary with the drift share, and metrics. The
 *       distances and tests are in {@link dev.churnops.core.monitoring.DriftStatistics}.</li>
 *   <li><b>The window</b> a monitoring run looks at: {@link dev.churnops.core.monitoring.MonitoringWindow},
 *       built from {@link dev.churnops.core.monitoring.CapturedScores} (the scoring API's JSON lines) or a
 *       customer table, and {@link dev.churnops.core.monitoring.Labels} that arrived later.</li>
 *   <li><b>Performance, business and anomalies</b>: {@link dev.churnops.core.monitoring.PerformanceMonitor}
 *       (metrics per time window on delayed labels), {@link dev.churnops.core.monitoring.BusinessKpis}
 *       (segments, churn rate, revenue at risk, campaign return) and
 *       {@link dev.churnops.core.monitoring.AnomalyChecks} (volume, missing rates, schema, scores, API,
 *       staleness).</li>
 *   <li><b>Acting</b>: checks report {@link dev.churnops.core.monitoring.Finding}s;
 *       {@link dev.churnops.core.monitoring.IncidentLog} turns them into one alert per incident under an
 *       {@link dev.churnops.core.monitoring.AlertPolicy}, and {@link dev.churnops.core.monitoring.RetrainingPolicy}
 *       decides whether to retrain.</li>
 * </ul>
 * The workflow that runs these in order is {@code statemachines/monitoring.asl.json}, through the
 * use cases in {@code dev.churnops.core.pipeline} ({@code PrepareMonitoringWindow}, {@code CheckDrift},
 * {@code CheckPerformance}, {@code CheckBusiness}, {@code CheckAnomalies}, {@code DecideMonitoring},
 * {@code CommitMonitoring}).
 */
package dev.churnops.core.monitoring;
