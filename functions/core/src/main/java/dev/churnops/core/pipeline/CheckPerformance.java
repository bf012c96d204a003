package dev.churnops.core.pipeline;

import dev.churnops.core.monitoring.CapturedScore;
import dev.churnops.core.monitoring.Finding;
import dev.churnops.core.monitoring.Labels;
import dev.churnops.core.monitoring.PerformanceConfig;
import dev.churnops.core.monitoring.PerformanceMonitor;
import dev.churnops.core.monitoring.PerformanceReport;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.Notification.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The performance check of a monitoring run: the window's predictions joined with the labels that
 * arrived ({@link PerformanceMonitor}), judged against the F1 of the model card. Writes
 * {@code performance.json}. With no labels it judges nothing and says so. Labels of a customer
 * table that came with the window hold outcomes already observed, so those predictions are judged
 * at once instead of waiting out the label horizon; captured scores wait for it.
 */
public final class CheckPerformance {

    public static final String REPORT = "performance.json";

    private final BlobStore blobs;

    public CheckPerformance(BlobStore blobs) {
        this.blobs = blobs;
    }

    /**
     * @param labelsKey     the labels file, or null when none arrived
     * @param labelsObserved whether the labels came with the current table (outcomes already known)
     * @param now           the run's time
     */
    public CheckResult run(MonitoringRun run, String labelsKey, boolean labelsObserved, PerformanceConfig config,
                                 Instant now) {
        Map<String, Object> summary = new LinkedHashMap<>();
        if (labelsKey == null) {
            summary.put("status", PerformanceReport.Status.NOT_JUDGED.name());
            summary.put("reason", "No labels arrived for this window: performance is judged when a labels file is given.");
            return new CheckResult("performance", List.of(), summary);
        }
        Labels labels = Labels.parse(blobs.get(labelsKey), labelsKey);
        List<CapturedScore> predictions = run.window().capturedScores(run.modelName());
        Instant judgedAt = now;
        if (labelsObserved) {
            Instant newest = run.window().newestScoredAt();
            Instant matured = (newest == null ? now : newest).plus(Duration.ofDays(config.labelHorizonDays()));
            judgedAt = matured.isAfter(now) ? matured : now;
        }
        PerformanceReport report = new PerformanceMonitor(config).evaluate(run.card(), predictions, labels, judgedAt);
        blobs.put(run.key(REPORT), report.toJson());

        summary.put("status", report.status().name());
        summary.put("reason", report.reason());
        summary.put("training_f1", report.trainingF1());
        summary.put("overall", report.overall());
        List<Map<String, Object>> windows = new ArrayList<>();
        for (PerformanceReport.Window w : report.windows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("start", w.start());
            row.put("end", w.end());
            row.put("predictions", w.predictions());
            row.put("pending", w.pending());
            row.put("labelled", w.figures().labelled());
            row.put("roc_auc", w.figures().rocAuc());
            row.put("f1", w.figures().f1());
            row.put("precision", w.figures().precision());
            row.put("recall", w.figures().recall());
            windows.add(row);
        }
        summary.put("windows", windows);
        summary.put("pending", report.pending());
        summary.put("labels_for_unscored", report.labelsForUnscored());
        summary.put("labels_rejected", report.labelsRejected());
        summary.put("report_key", run.key(REPORT));
        List<Finding> findings = new ArrayList<>();
        if (report.degraded()) {
            PerformanceReport.Figures judged = judged(report);
            double f1 = judged != null && judged.f1() != null ? judged.f1() : 0;
            double bound = report.trainingF1() == null ? config.minF1()
                    : Math.max(config.minF1(), config.f1Ratio() * report.trainingF1());
            findings.add(Finding.of(Finding.Kind.PERFORMANCE, "f1", f1 < bound / 2 ? Severity.CRITICAL : Severity.WARNING,
                    String.format(java.util.Locale.ROOT, "F1 fell to %.3f on labelled predictions", f1), f1, bound,
                    Finding.Comparison.BELOW, List.of()).withDetail(report.reason()));
        }
        if (report.labelsForUnscored() > 0 || report.labelsRejected() > 0) {
            findings.add(Finding.of(Finding.Kind.ANOMALY, "labels", Severity.INFO,
                    report.labelsForUnscored() + " labels for unscored customers, " + report.labelsRejected() + " rejected",
                    report.labelsForUnscored() + report.labelsRejected(), 0, Finding.Comparison.ABOVE, List.of())
                    .withDetail("Labels of customers this window never scored are reported and left out of the figures;"
                            + " rejected label rows are listed with their reasons in " + run.key(REPORT) + "."));
        }
        return new CheckResult("performance", findings, summary);
    }

    private static PerformanceReport.Figures judged(PerformanceReport report) {
        for (PerformanceReport.Window w : report.windows()) {
            if (w.start().equals(report.judgedWindow())) {
                return w.figures();
            }
        }
        return report.overall();
    }
}
