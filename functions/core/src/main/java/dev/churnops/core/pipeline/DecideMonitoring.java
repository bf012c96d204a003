package dev.churnops.core.pipeline;

import dev.churnops.core.monitoring.AlertDecision;
import dev.churnops.core.monitoring.AlertPolicy;
import dev.churnops.core.monitoring.Finding;
import dev.churnops.core.monitoring.IncidentLog;
import dev.churnops.core.monitoring.RetrainingContext;
import dev.churnops.core.monitoring.RetrainingDecision;
import dev.churnops.core.monitoring.RetrainingLog;
import dev.churnops.core.monitoring.RetrainingPolicy;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.port.Notification;
import dev.churnops.core.port.Notification.Severity;
import dev.churnops.core.registry.ModelVersion;
import dev.churnops.core.report.MonitoringReport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The decision step of a monitoring run. The findings of the four checks (and a finding for each
 * check that failed, so a broken check is an incident rather than silence) go through the model's
 * {@link IncidentLog}: one alert per incident that opened, escalated or outlived its cooldown. The
 * {@link RetrainingPolicy} weighs them against its cooldown, the labels that arrived and when the
 * champion was trained. Writes the run's report and stages the new incident and retraining state
 * under the run's folder: {@link CommitMonitoring} moves them into place only after the alerts
 * were published and training started, so a failed publish is retried with the old state instead
 * of being lost, and a retraining that did not start is not recorded as started.
 */
public final class DecideMonitoring {

    public static final String INCIDENTS = "incidents.json";
    public static final String RETRAINING = "retraining.json";
    public static final String SUMMARY = "monitoring-summary.json";

    /** What one check reported: its findings and summary, or that it failed and why. */
    public record CheckOutcome(String check, boolean failed, String error, String cause, List<Finding> findings,
                               Map<String, Object> summary) {
        public CheckOutcome {
            Objects.requireNonNull(check, "check");
            findings = findings == null ? List.of() : List.copyOf(findings);
            summary = summary == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(summary));
        }
    }

    public record Command(String executionId, LocalDate date, String modelName, int version, Instant now,
                          Map<String, Object> window, List<CheckOutcome> checks, AlertPolicy alerts,
                          RetrainingPolicy retraining, boolean allowRetraining, Map<String, Object> training) {
        public Command {
            Objects.requireNonNull(executionId, "executionId");
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(modelName, "modelName");
            Objects.requireNonNull(now, "now");
            window = window == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(window));
            checks = List.copyOf(checks);
            alerts = alerts == null ? AlertPolicy.defaults() : alerts;
            retraining = retraining == null ? RetrainingPolicy.defaults() : retraining;
            training = training == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(training));
        }
    }

    /** One SNS message: subject, the JSON message body and its routing attributes in SNS's shape. */
    public record Alert(String subject, Map<String, Object> message, Map<String, Map<String, String>> attributes) {
    }

    /**
     * Whether to start training and with what. {@code executionName} is derived from the run, so a
     * retried start of the same run cannot train twice; {@code input} is the training workflow's
     * input.
     */
    public record Retrain(boolean start, List<String> triggers, List<String> reasons, String executionName,
                          Map<String, Object> input) {
    }

    /** The alerts to publish, the retraining decision, and the run's summary (monitoring-summary.json without retraining_started). */
    public record Result(List<Alert> alerts, Retrain retrain, Map<String, Object> summary) {
    }

    private final BlobStore blobs;
    private final ModelRegistry registry;

    public DecideMonitoring(BlobStore blobs, ModelRegistry registry) {
        this.blobs = blobs;
        this.registry = registry;
    }

    public Result run(Command c) {
        List<Finding> findings = new ArrayList<>();
        List<String> failedChecks = new ArrayList<>();
        for (CheckOutcome check : c.checks()) {
            if (check.failed()) {
                failedChecks.add(check.check());
                findings.add(Finding.of(Finding.Kind.ANOMALY, "check-failed-" + check.check(), Severity.CRITICAL,
                        "The " + check.check() + " check failed", 1, 0, Finding.Comparison.ABOVE, List.of())
                        .withDetail(check.error() + ": " + abbreviate(check.cause()))
                        .withPlaybook("Read the monitoring execution's history for the error; the other checks' results"
                                + " are in the run's summary. Fix the cause and run monitoring again."));
            } else {
                findings.addAll(check.findings());
            }
        }
        String reportKey = BlobLayout.report(c.executionId());
        IncidentLog log = IncidentLog.fromJson(blobs.find(BlobLayout.monitoringState(c.modelName(), INCIDENTS)).orElse(null));
        AlertDecision alerting = log.decide(c.modelName(), findings, c.now(), c.alerts(), c.executionId(), reportKey);
        blobs.put(stage(c, INCIDENTS), alerting.state());

        RetrainingLog retrainingLog = RetrainingLog.fromJson(
                blobs.find(BlobLayout.monitoringState(c.modelName(), RETRAINING)).orElse(null));
        Instant championTrainedAt = registry.version(c.modelName(), c.version()).map(ModelVersion::createdAt)
                .map(Instant::parse).orElse(null);
        long newLabels = number(c.window().get("labelledRows"));
        RetrainingDecision retraining = c.retraining().decide(findings, new RetrainingContext(c.now(), championTrainedAt,
                retrainingLog.lastStartedAt(), newLabels, false));
        boolean start = retraining.start() && c.allowRetraining();
        List<String> reasons = new ArrayList<>();
        retraining.triggers().forEach(t -> reasons.add(t.reason()));
        retraining.blockers().forEach(b -> reasons.add(b.reason()));
        if (retraining.start() && !c.allowRetraining()) {
            reasons.add("This run was started with allowRetraining false, so it reports the decision and starts nothing.");
        }
        String executionName = start ? trainingExecutionName(c.executionId()) : null;
        Map<String, Object> input = null;
        if (start) {
            // How the monitored version was trained (see TrainingRecipe); the run's own overrides win.
            input = new LinkedHashMap<>(TrainingRecipe.of(registry, blobs, c.modelName(), c.version()));
            input.putAll(c.training());
            input.put("trigger", "monitoring");
            input.put("modelName", c.modelName());
            blobs.put(stage(c, RETRAINING), retrainingLog.started(retraining, c.now(), executionName).toJson());
        }
        List<String> triggers = retraining.firedTriggers().stream().map(t -> t.name().toLowerCase(java.util.Locale.ROOT)).toList();

        List<Alert> alerts = new ArrayList<>();
        List<Map<String, Object>> alertSummaries = new ArrayList<>();
        for (Notification n : alerting.notifications()) {
            Map<String, Object> message = new LinkedHashMap<>(n.body());
            message.put("severity", n.severity().name());
            Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
            n.attributes().forEach((k, v) -> attributes.put(k, Map.of("DataType", "String", "StringValue", v)));
            alerts.add(new Alert(n.subject(), message, attributes));
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("subject", n.subject());
            a.put("severity", n.severity().name());
            a.put("incident_id", n.attributes().get("incident_id"));
            a.put("kind", n.attributes().get("kind"));
            a.put("sub_kind", n.attributes().get("sub_kind"));
            a.put("event", n.attributes().get("event"));
            alertSummaries.add(a);
        }

        Map<String, Object> summary = new LinkedHashMap<>();
        Map<String, Object> drift = c.checks().stream().filter(k -> k.check().equals("drift")).findFirst()
                .map(CheckOutcome::summary).orElse(Map.of());
        summary.put("model", c.modelName());
        summary.put("version", c.version());
        summary.put("execution", c.executionId());
        summary.put("date", c.date().toString());
        summary.put("drifted_features", drift.getOrDefault("drifted_features", List.of()));
        summary.put("drift_share", drift.getOrDefault("drift_share", 0.0));
        summary.put("alerts", alertSummaries);
        summary.put("suppressed", alerting.suppressed().stream().map(s -> Map.of("title", s.finding().title(),
                "reason", s.reason())).toList());
        summary.put("resolved", alerting.resolved().stream().map(i -> i.id()).toList());
        summary.put("findings", findings);
        summary.put("retraining", Map.of("start", start, "triggers", triggers, "reasons", reasons));
        summary.put("failed_checks", failedChecks);
        summary.put("window", c.window());
        Map<String, Object> checks = new LinkedHashMap<>();
        c.checks().forEach(k -> checks.put(k.check(), k.failed() ? Map.of("failed", true, "error", k.error())
                : k.summary()));
        summary.put("checks", checks);
        summary.put("violations_key", drift.get("violations_key"));
        summary.put("drift_html_key", drift.get("html_key"));
        summary.put("report_key", reportKey);
        summary.put("summary_key", BlobLayout.monitoring(c.date(), c.executionId(), SUMMARY));
        blobs.put(reportKey, MonitoringReport.render(summary));
        return new Result(alerts, new Retrain(start, triggers, reasons, executionName, input), summary);
    }

    /** Step Functions execution names are at most 80 characters. */
    static String trainingExecutionName(String monitoringExecution) {
        String name = "retrain-" + monitoringExecution;
        return name.length() <= 80 ? name : name.substring(0, 80);
    }

    static String stage(Command c, String file) {
        return BlobLayout.monitoring(c.date(), c.executionId(), "state-" + file);
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "no cause given";
        }
        return text.length() <= 500 ? text : text.substring(0, 497) + "...";
    }
}
