package dev.churnops.core.pipeline;

import dev.churnops.core.monitoring.CheckType;
import dev.churnops.core.monitoring.ConstraintViolations;
import dev.churnops.core.monitoring.DriftConfig;
import dev.churnops.core.monitoring.DriftDetector;
import dev.churnops.core.monitoring.DriftReport;
import dev.churnops.core.monitoring.DriftSummary;
import dev.churnops.core.monitoring.FeatureDrift;
import dev.churnops.core.monitoring.Finding;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.report.DriftHtmlReport;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.port.Notification.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The data-drift check of a monitoring run: the window's features, and its scores when the
 * baseline has a score distribution, against the model version's training baseline. Writes
 * {@code violations.json} (Model Monitor's layout, plus a data-type violation per numeric feature
 * holding values that are not numbers), {@code drift-report.json} and {@code drift.html}, and
 * reports one data-drift finding naming every drifted feature, and one prediction-drift finding.
 * An empty window is compared with nothing and reported as such: the anomaly check raises it.
 */
public final class CheckDrift {

    public static final String VIOLATIONS = "violations.json";
    public static final String REPORT = "drift-report.json";
    public static final String HTML = "drift.html";

    private final BlobStore blobs;
    private final ModelRegistry registry;

    public CheckDrift(BlobStore blobs, ModelRegistry registry) {
        this.blobs = blobs;
        this.registry = registry;
    }

    public CheckResult run(MonitoringRun run, DriftConfig config) {
        Map<String, Object> summary = new java.util.LinkedHashMap<>();
        summary.put("rows", run.window().size());
        List<ConstraintViolations.Violation> extra = new ArrayList<>();
        run.window().wrongTyped().forEach((feature, count) -> extra.add(new ConstraintViolations.Violation(feature,
                CheckType.DATA_TYPE_CHECK, count + " value(s) of feature '" + feature + "' are not numbers though the"
                + " column is numeric; they were read as missing.")));
        if (run.window().size() == 0) {
            blobs.put(run.key(VIOLATIONS), new ConstraintViolations(extra).toJson());
            summary.put("drifted_features", List.of());
            summary.put("drift_share", 0.0);
            summary.put("empty_window", true);
            summary.put("violations_key", run.key(VIOLATIONS));
            return new CheckResult("drift", List.of(), summary);
        }
        double[] scores = run.window().scores();
        boolean withScores = run.baseline().hasScores() && scores.length > 0;
        DriftReport report = new DriftDetector(config).detect(run.baseline(), run.window().features(),
                withScores ? scores : null);
        List<ConstraintViolations.Violation> violations = new ArrayList<>(report.violations().violations());
        violations.addAll(extra);
        blobs.put(run.key(VIOLATIONS), new ConstraintViolations(violations).toJson());
        blobs.put(run.key(REPORT), report.toJson());
        blobs.put(run.key(HTML), DriftHtmlReport.render(report, new DriftHtmlReport.Context(run.modelName(),
                Integer.toString(run.version()), window(run), run.executionId())).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        DriftSummary s = report.summary();
        summary.put("drifted_features", s.driftedFeatures());
        summary.put("drift_share", s.driftShare());
        summary.put("dataset_drift", s.datasetDrift());
        summary.put("prediction_drift", s.predictionDrift());
        summary.put("violations", violations.size());
        summary.put("violations_key", run.key(VIOLATIONS));
        summary.put("report_key", run.key(REPORT));
        summary.put("html_key", run.key(HTML));

        List<Finding> findings = new ArrayList<>();
        if (!s.driftedFeatures().isEmpty()) {
            findings.add(Finding.of(Finding.Kind.DATA_DRIFT, "features", s.datasetDrift() ? Severity.CRITICAL : Severity.WARNING,
                    s.driftedFeatures().size() + " of " + s.featureCount() + " features drifted",
                    s.driftShare(), s.datasetDrift() ? s.driftShareThreshold() : 0, Finding.Comparison.ABOVE,
                    s.driftedFeatures())
                    .withDetail(detail(report, s.driftedFeatures())));
        }
        if (Boolean.TRUE.equals(s.predictionDrift())) {
            FeatureDrift score = report.prediction();
            findings.add(Finding.of(Finding.Kind.PREDICTION_DRIFT, "score_distribution", Severity.WARNING,
                    "Churn score distribution drifted", score.psi() == null ? 0 : score.psi(),
                    config.thresholdsFor(score.name()).psi(), Finding.Comparison.ABOVE, List.of(score.name()))
                    .withDetail(String.join(" ", score.reasons())));
        }
        return new CheckResult("drift", findings, summary);
    }

    /** The scoring times the window spans, or its day when it has none. */
    private static String window(MonitoringRun run) {
        String first = null;
        String last = null;
        for (String ts : run.window().scoredAt()) {
            if (ts != null) {
                first = first == null || ts.compareTo(first) < 0 ? ts : first;
                last = last == null || ts.compareTo(last) > 0 ? ts : last;
            }
        }
        return first == null ? run.date().toString() : first + " to " + last;
    }

    /** The first reason of each drifted feature, at most five, for the alert's context. */
    private static String detail(DriftReport report, List<String> drifted) {
        StringBuilder out = new StringBuilder();
        for (String name : drifted.subList(0, Math.min(5, drifted.size()))) {
            report.feature(name).ifPresent(f -> out.append(out.length() == 0 ? "" : " ")
                    .append(f.reasons().isEmpty() ? name + " drifted." : f.reasons().get(0)));
        }
        if (drifted.size() > 5) {
            out.append(" And ").append(drifted.size() - 5).append(" more in drift-report.json.");
        }
        return out.toString();
    }
}
