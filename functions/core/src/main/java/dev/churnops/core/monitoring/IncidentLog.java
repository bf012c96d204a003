package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.Notification;
import dev.churnops.core.port.Notification.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The open incidents of one model between monitoring runs, and the rule that turns a run's findings
 * into alerts so that one incident is one alert. Findings of the same kind and sub-kind are one
 * incident however their affected features move. A run's findings
 * <ul>
 *   <li>below the policy's minimum severity are ignored (listed as suppressed);</li>
 *   <li>of a kind and sub-kind with no open incident open one and alert;</li>
 *   <li>of an open incident alert again only when their severity is above the one last alerted
 *       (escalation) or the policy's cooldown has passed since the last alert; otherwise they are
 *       suppressed;</li>
 * </ul>
 * and an open incident no finding of the run belongs to is resolved (with an INFO message when the
 * policy says so), so its next occurrence is a new incident with a new id.
 *
 * <p>The log is plain data kept by the caller as JSON bytes: {@code {"model_name", "last_run_at",
 * "incidents": [Incident...]}}, incidents sorted by kind and sub-kind. No or empty bytes are a log with
 * no incidents; bytes that cannot be read are a {@link CorruptStateException}, never an empty log.
 * Deciding is a pure function of the log, the findings, the time and the policy.
 *
 * @param modelName the model the incidents belong to; null only for the empty log no run has written
 * @param lastRunAt the time of the latest run decided; null only for that empty log
 * @param incidents the open incidents, sorted by {@link Incident#key()}
 */
@JsonPropertyOrder({"model_name", "last_run_at", "incidents"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentLog(@JsonProperty("model_name") String modelName,
                          @JsonProperty("last_run_at") @JsonSerialize(using = IsoInstant.Writer.class)
                          @JsonDeserialize(using = IsoInstant.Reader.class) Instant lastRunAt,
                          @JsonProperty("incidents") List<Incident> incidents) {

    /** SageMaker's model package group names, plus '.' and '_' that local names use. */
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    /** Affected names listed in one message; the count says how many there are in all. */
    public static final int MAX_AFFECTED_LISTED = 50;

    public IncidentLog {
        if (modelName != null && !MODEL_NAME.matcher(modelName).matches()) {
            throw invalid("model_name", "'" + modelName + "'", "a model name of 1 to 63 letters, digits, '.', '_' or '-'");
        }
        if ((modelName == null) != (lastRunAt == null)) {
            throw invalid(modelName == null ? "model_name" : "last_run_at", null,
                    "both model_name and last_run_at, or neither for a log no run has written");
        }
        TreeMap<String, Incident> byKey = new TreeMap<>();
        if (incidents != null) {
            for (Incident incident : incidents) {
                if (incident == null) {
                    throw invalid("incidents", "a list holding null", "incident objects");
                }
                if (modelName == null) {
                    throw invalid("model_name", null, "the model the " + incidents.size() + " incidents belong to");
                }
                Incident earlier = byKey.put(incident.key(), incident);
                if (earlier != null) {
                    throw invalid("incidents", "holding two incidents for " + incident.key() + " (" + earlier.id()
                            + " and " + incident.id() + ")", "at most one open incident per kind and sub-kind");
                }
                String expectedId = Incident.idFor(modelName, incident.finding().kind(), incident.finding().subKind(),
                        incident.firstSeen());
                if (!incident.id().equals(expectedId)) {
                    throw invalid("incidents." + incident.key() + ".id", "'" + incident.id() + "'",
                            "'" + expectedId + "', derived from the model, kind, sub-kind and first_seen");
                }
                if (incident.lastSeen().isAfter(lastRunAt)) {
                    throw invalid("incidents." + incident.key() + ".last_seen", incident.lastSeen(),
                            "a time at or before the log's last_run_at " + lastRunAt);
                }
            }
        }
        incidents = List.copyOf(byKey.values());
    }

    /** The log no run has written yet. */
    public static IncidentLog empty() {
        return new IncidentLog(null, null, List.of());
    }

    /**
     * Reads the state written by {@link #toJson()}; null or zero bytes are the empty log.
     *
     * @throws CorruptStateException when the bytes are not a valid incident log, naming what is wrong
     */
    public static IncidentLog fromJson(byte[] state) {
        if (state == null || state.length == 0) {
            return empty();
        }
        try {
            return Json.read(state, IncidentLog.class, "incident log state");
        } catch (IllegalArgumentException e) {
            throw new CorruptStateException(e.getMessage()
                    + " The state is left as it is: repair or remove it deliberately, since an empty log would alert"
                    + " every open incident again.", e);
        }
    }

    public byte[] toJson() {
        return Json.write(this);
    }

    /**
     * Decides the alerts of one monitoring run of {@code modelName}.
     *
     * @param modelName   the model monitored; must be this log's model once it has one
     * @param findings    every finding of the run (an empty list resolves every open incident)
     * @param now         the run's time, not before this log's last run
     * @param policy      cooldown, minimum severity and resolution messages
     * @param executionId the monitoring execution, named in every message
     * @param reportKey   the blob key of the run's report to open, or null when there is none
     */
    public AlertDecision decide(String modelName, List<Finding> findings, Instant now, AlertPolicy policy,
                                String executionId, String reportKey) {
        check(modelName, findings, now, policy, executionId);
        Map<String, Incident> open = new TreeMap<>();
        incidents.forEach(i -> open.put(i.key(), i));

        List<AlertDecision.Suppressed> suppressed = new ArrayList<>();
        TreeMap<String, List<Finding>> byKey = new TreeMap<>();
        for (Finding finding : findings) {
            if (finding.severity().compareTo(policy.minimumSeverity()) < 0) {
                suppressed.add(new AlertDecision.Suppressed(finding, null, "Its severity " + finding.severity()
                        + " is below the alert policy's minimum severity " + policy.minimumSeverity()
                        + ", so it neither opens nor keeps open an incident."));
            } else {
                byKey.computeIfAbsent(finding.incidentKey(), k -> new ArrayList<>()).add(finding);
            }
        }

        List<Alert> alerts = new ArrayList<>();
        List<Incident> next = new ArrayList<>();
        for (Map.Entry<String, List<Finding>> group : byKey.entrySet()) {
            Finding merged = merge(group.getValue());
            Incident before = open.remove(group.getKey());
            if (before == null) {
                Incident opened = new Incident(Incident.idFor(modelName, merged.kind(), merged.subKind(), now), merged,
                        now, now, now, merged.severity(), 1);
                next.add(opened);
                alerts.add(new Alert(Event.OPENED, opened, null, group.getValue().size()));
                continue;
            }
            Instant cooldownEnds = before.lastAlertedAt().plus(policy.cooldown());
            if (merged.severity().compareTo(before.alertedSeverity()) > 0) {
                Incident escalated = new Incident(before.id(), merged, before.firstSeen(), now, now, merged.severity(),
                        before.alerts() + 1);
                next.add(escalated);
                alerts.add(new Alert(Event.ESCALATED, escalated, before, group.getValue().size()));
            } else if (!now.isBefore(cooldownEnds)) {
                Incident repeated = new Incident(before.id(), merged, before.firstSeen(), now, now, merged.severity(),
                        before.alerts() + 1);
                next.add(repeated);
                alerts.add(new Alert(Event.REPEATED, repeated, before, group.getValue().size()));
            } else {
                next.add(new Incident(before.id(), merged, before.firstSeen(), now, before.lastAlertedAt(),
                        before.alertedSeverity(), before.alerts()));
                String reason = "Incident " + before.id() + " is still open and was alerted at " + before.lastAlertedAt()
                        + " at " + before.alertedSeverity() + "; it is alerted again after the cooldown of "
                        + hours(policy.cooldown()) + ", at " + cooldownEnds + ", or at once if its severity rises above "
                        + before.alertedSeverity() + ".";
                group.getValue().forEach(f -> suppressed.add(new AlertDecision.Suppressed(f, before.id(), reason)));
            }
        }

        List<Notification> notifications = new ArrayList<>();
        alerts.sort(Comparator.comparing((Alert a) -> a.incident().finding().severity()).reversed()
                .thenComparing(a -> a.incident().key()));
        for (Alert alert : alerts) {
            notifications.add(message(modelName, alert, executionId, reportKey));
        }
        List<Incident> resolved = List.copyOf(open.values());
        if (policy.notifyOnResolve()) {
            for (Incident incident : resolved) {
                notifications.add(resolution(modelName, incident, now, executionId, reportKey));
            }
        }
        return new AlertDecision(notifications, suppressed, resolved, new IncidentLog(modelName, now, next));
    }

    private void check(String modelName, List<Finding> findings, Instant now, AlertPolicy policy, String executionId) {
        if (modelName == null || !MODEL_NAME.matcher(modelName).matches()) {
            throw new IllegalArgumentException("The model name is " + (modelName == null ? null : "'" + modelName + "'")
                    + ": expected a model name of 1 to 63 letters, digits, '.', '_' or '-'.");
        }
        if (this.modelName != null && !this.modelName.equals(modelName)) {
            throw new IllegalArgumentException("The model name is '" + modelName + "' but this incident log belongs to '"
                    + this.modelName + "': expected the log of the model monitored.");
        }
        if (findings == null || findings.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("The findings are " + findings
                    + ": expected a list of findings, empty when the run found nothing.");
        }
        if (now == null) {
            throw new IllegalArgumentException("The run time is null: expected the instant of the monitoring run.");
        }
        if (lastRunAt != null && now.isBefore(lastRunAt)) {
            throw new IllegalArgumentException("The run time is " + now + " but this incident log was last decided at "
                    + lastRunAt + ": expected runs in time order, so an older run cannot reopen or resolve incidents.");
        }
        if (policy == null) {
            throw new IllegalArgumentException("The alert policy is null: expected a policy (AlertPolicy.defaults()).");
        }
        if (executionId == null || executionId.isBlank()) {
            throw new IllegalArgumentException("The execution id is " + (executionId == null ? null : "'" + executionId + "'")
                    + ": expected the monitoring execution that produced the findings.");
        }
    }

    /** The most severe finding of a group (ties broken by content, not input order) with every affected name. */
    private static Finding merge(List<Finding> group) {
        Finding top = group.get(0);
        TreeSet<String> affected = new TreeSet<>();
        for (Finding f : group) {
            affected.addAll(f.affected());
            if (ORDER.compare(f, top) > 0) {
                top = f;
            }
        }
        return new Finding(top.kind(), top.subKind(), top.severity(), top.title(), top.observed(), top.threshold(),
                top.comparison(), List.copyOf(affected), top.detail(), top.playbook());
    }

    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::title, Comparator.reverseOrder())
            .thenComparing(Finding::observed)
            .thenComparing(Finding::threshold)
            .thenComparing(Finding::comparison)
            .thenComparing(f -> String.join("\n", f.affected()))
            .thenComparing(Finding::detail)
            .thenComparing(Finding::playbook);

    private static Notification message(String model, Alert alert, String executionId, String reportKey) {
        Incident incident = alert.incident();
        Finding f = incident.finding();
        String subject;
        String opening;
        Map<String, Object> body = new LinkedHashMap<>();
        switch (alert.event()) {
            case OPENED -> {
                subject = "[" + f.severity() + "] " + model + ": " + f.title();
                opening = "New incident on " + model + ": " + f.title() + ".";
            }
            case ESCALATED -> {
                subject = "[" + f.severity() + "] " + model + " escalated: " + f.title();
                opening = "Incident on " + model + " escalated from " + alert.before().alertedSeverity() + " to "
                        + f.severity() + ": " + f.title() + ".";
                body.put("previous_severity", alert.before().alertedSeverity().name());
            }
            case REPEATED -> {
                subject = "[" + f.severity() + "] " + model + " still firing: " + f.title();
                opening = "Incident on " + model + " is still firing since " + incident.firstSeen()
                        + " (last alerted at " + alert.before().lastAlertedAt() + "): " + f.title() + ".";
                body.put("previously_alerted_at", alert.before().lastAlertedAt().toString());
            }
            default -> throw new IllegalStateException("not an alert event: " + alert.event());
        }
        String sentence = opening + " The " + f.comparisonSentence() + " (" + f.severity() + ")"
                + (f.affected().isEmpty() ? "" : "; affected: " + listed(f.affected())) + ".";
        body.put("message", sentence);
        body.put("event", alert.event().label());
        body.put("incident_id", incident.id());
        body.put("model", model);
        body.put("kind", f.kind().label());
        body.put("sub_kind", f.subKind());
        body.put("severity", f.severity().name());
        body.put("trigger", f.title());
        body.put("observed", f.observed());
        body.put("threshold", f.threshold());
        body.put("comparison", f.comparison().label());
        body.put("affected", f.affected().subList(0, Math.min(MAX_AFFECTED_LISTED, f.affected().size())));
        body.put("affected_count", f.affected().size());
        body.put("detail", f.detail());
        body.put("findings", alert.findings());
        body.put("playbook", f.playbook());
        body.put("execution_id", executionId);
        body.put("report_key", reportKey);
        body.put("first_seen", incident.firstSeen().toString());
        body.put("last_seen", incident.lastSeen().toString());
        body.put("alert_number", incident.alerts());
        return new Notification(subject, f.severity(), body, attributes(model, incident, alert.event()));
    }

    private static Notification resolution(String model, Incident incident, Instant now, String executionId,
                                           String reportKey) {
        Finding f = incident.finding();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "Incident on " + model + " resolved, not found in this run: " + f.title() + ". It was open"
                + " from " + incident.firstSeen() + " to " + incident.lastSeen() + " and alerted " + incident.alerts()
                + (incident.alerts() == 1 ? " time." : " times."));
        body.put("event", Event.RESOLVED.label());
        body.put("incident_id", incident.id());
        body.put("model", model);
        body.put("kind", f.kind().label());
        body.put("sub_kind", f.subKind());
        body.put("severity", Severity.INFO.name());
        body.put("trigger", f.title());
        body.put("last_severity", f.severity().name());
        body.put("execution_id", executionId);
        body.put("report_key", reportKey);
        body.put("first_seen", incident.firstSeen().toString());
        body.put("last_seen", incident.lastSeen().toString());
        body.put("resolved_at", now.toString());
        body.put("alerts", incident.alerts());
        return new Notification("[INFO] " + model + " resolved: " + f.title(), Severity.INFO, body,
                attributes(model, incident, Event.RESOLVED));
    }

    /** Routing keys only: a subscription filter can pick a model, a kind or a severity. */
    private static Map<String, String> attributes(String model, Incident incident, Event event) {
        Finding f = incident.finding();
        Map<String, String> attributes = new TreeMap<>();
        attributes.put("model", model);
        attributes.put("kind", f.kind().label());
        attributes.put("sub_kind", f.subKind());
        attributes.put("severity", (event == Event.RESOLVED ? Severity.INFO : f.severity()).name());
        attributes.put("event", event.label());
        attributes.put("incident_id", incident.id());
        return attributes;
    }

    private static String listed(List<String> names) {
        if (names.size() <= MAX_AFFECTED_LISTED) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, MAX_AFFECTED_LISTED)) + " and " + (names.size() - MAX_AFFECTED_LISTED)
                + " more";
    }

    private static String hours(Duration d) {
        return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    }

    private static IllegalArgumentException invalid(String field, Object value, String expected) {
        return new IllegalArgumentException("Incident log field '" + field + "' is " + value + ": expected " + expected + ".");
    }

    /** Why a message is sent. */
    enum Event {
        OPENED, ESCALATED, REPEATED, RESOLVED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private record Alert(Event event, Incident incident, Incident before, int findings) {
    }
}
