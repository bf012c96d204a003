package dev.churnops.core.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churnops.core.json.Json;
import dev.churnops.core.monitoring.Anomaly;
import dev.churnops.core.monitoring.AnomalyChecks;
import dev.churnops.core.monitoring.AnomalyConfig;
import dev.churnops.core.monitoring.Finding;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.Notification.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The anomaly check of a monitoring run, kept apart from drift: the window's size against the
 * previous windows' (kept per model in {@code monitoring/state/<model>/volumes.json}), an empty
 * window, records rejected while the window was gathered, missing-rate spikes, schema changes,
 * scores out of range or crowding the tails, the API's error rate and latency when the run is
 * given them, and how old the newest score is at the end of the run's day (or now, if earlier). Writes {@code anomalies.json}; each kind of anomaly
 * is one finding naming every feature it touches.
 */
public final class CheckAnomalies {

    public static final String REPORT = "anomalies.json";
    public static final String VOLUMES = "volumes.json";
    /** Window sizes kept per model. */
    static final int KEPT_WINDOWS = 60;
    /** Rejected records above this share of the window's are a warning. */
    static final double REJECTED_SHARE = 0.01;

    /** One window's size; a rerun of an execution replaces its own entry. */
    public record WindowSize(@JsonProperty("execution") String execution, @JsonProperty("date") String date,
                             @JsonProperty("rows") long rows) {
    }

    record Volumes(@JsonProperty("windows") List<WindowSize> windows) {
    }

    private final BlobStore blobs;

    public CheckAnomalies(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** {@code api} may be null (no figures given); {@code rejected} counts the window's rejected records. */
    public CheckResult run(MonitoringRun run, long rejected, AnomalyChecks.ApiFigures api, AnomalyConfig config,
                                 Instant now) {
        String volumesKey = BlobLayout.monitoringState(run.modelName(), VOLUMES);
        List<WindowSize> history = new ArrayList<>(blobs.find(volumesKey)
                .map(b -> Json.read(b, Volumes.class, volumesKey).windows()).orElse(List.of()));
        history.removeIf(w -> w.execution().equals(run.executionId()));
        List<Long> previous = history.stream().map(WindowSize::rows).toList();
        long rows = run.window().size();

        AnomalyChecks checks = new AnomalyChecks(config);
        List<Anomaly> anomalies = new ArrayList<>(checks.volume(rows, previous));
        if (rows > 0) {
            anomalies.addAll(checks.missingRates(run.baseline(), run.window().features()));
            anomalies.addAll(checks.schema(run.baseline(), run.window().features()));
            double[] scores = run.window().scores();
            if (scores.length > 0) {
                anomalies.addAll(checks.scores(run.baseline(), scores));
            }
            // A run about a past day judges staleness at that day's end, not at the wall clock.
            Instant dayEnd = run.date().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            anomalies.addAll(checks.staleness(run.window().newestScoredAt(), now.isBefore(dayEnd) ? now : dayEnd));
        }
        if (api != null) {
            anomalies.addAll(checks.api(api));
        }

        history.add(new WindowSize(run.executionId(), run.date().toString(), rows));
        if (history.size() > KEPT_WINDOWS) {
            history = new ArrayList<>(history.subList(history.size() - KEPT_WINDOWS, history.size()));
        }
        blobs.put(volumesKey, Json.write(new Volumes(history)));
        blobs.put(run.key(REPORT), Json.write(Map.of("anomalies", anomalies, "rows", rows, "rejected", rejected)));

        List<Finding> findings = new ArrayList<>();
        if (rows == 0) {
            findings.add(Finding.of(Finding.Kind.ANOMALY, "empty_window", Severity.CRITICAL,
                    "The monitoring window holds no customers", 0, 1, Finding.Comparison.BELOW, List.of())
                    .withDetail("Nothing was captured or given for the window's days, so drift, performance and business"
                            + " figures could not be computed.")
                    .withPlaybook("Check that the scoring API captures scores (capture rate above 0) and that traffic"
                            + " reached it; or give the window's data explicitly."));
        }
        long total = rows + rejected;
        if (rejected > 0 && (double) rejected / total > REJECTED_SHARE) {
            findings.add(Finding.of(Finding.Kind.ANOMALY, "rejected_records", Severity.WARNING,
                    rejected + " of " + total + " records could not be used", (double) rejected / total, REJECTED_SHARE,
                    Finding.Comparison.ABOVE, List.of())
                    .withDetail("Each rejected record is kept with its reason in the run's rejected.csv."));
        }
        Map<Anomaly.Kind, List<Anomaly>> byKind = new LinkedHashMap<>();
        for (Anomaly a : anomalies) {
            byKind.computeIfAbsent(a.kind(), k -> new ArrayList<>()).add(a);
        }
        byKind.forEach((kind, list) -> findings.add(finding(kind, list)));

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("anomalies", anomalies.size());
        summary.put("kinds", byKind.keySet().stream().map(k -> k.name().toLowerCase(Locale.ROOT)).toList());
        summary.put("rows", rows);
        summary.put("previous_windows", previous.size());
        summary.put("rejected", rejected);
        summary.put("report_key", run.key(REPORT));
        return new CheckResult("anomalies", findings, summary);
    }

    /** One finding per kind: the worst anomaly speaks, every feature it touched is named. */
    private static Finding finding(Anomaly.Kind kind, List<Anomaly> list) {
        Anomaly worst = list.get(0);
        for (Anomaly a : list) {
            if (a.severity() == Anomaly.Severity.CRITICAL && worst.severity() != Anomaly.Severity.CRITICAL) {
                worst = a;
            }
        }
        List<String> affected = list.stream().map(Anomaly::feature).filter(f -> f != null).distinct().sorted().toList();
        double observed = worst.observed() == null ? list.size() : worst.observed();
        double threshold = worst.threshold() != null ? worst.threshold() : worst.expected() != null ? worst.expected() : 0;
        String name = kind.name().toLowerCase(Locale.ROOT);
        String title = switch (kind) {
            case VOLUME_DROP -> "Scored customers dropped against previous windows";
            case VOLUME_SPIKE -> "Scored customers spiked against previous windows";
            case MISSING_RATE_SPIKE -> "Missing values rose in " + affected.size() + " feature(s)";
            case MISSING_COLUMN -> affected.size() + " baseline feature(s) missing from the data";
            case EXTRA_COLUMN -> affected.size() + " column(s) not in the baseline";
            case TYPE_CHANGE -> affected.size() + " feature(s) changed type";
            case SCORE_OUT_OF_RANGE -> "Scores outside 0 to 1";
            case SCORE_TAIL_SHIFT -> "Scores crowd the distribution's tails";
            case API_ERROR_RATE -> "Scoring API error rate above its bound";
            case API_LATENCY -> "Scoring API p99 latency above its bound";
            case STALE_FEATURES -> "Newest scores are stale";
        };
        boolean below = kind == Anomaly.Kind.VOLUME_DROP;
        StringBuilder detail = new StringBuilder();
        for (Anomaly a : list.subList(0, Math.min(5, list.size()))) {
            detail.append(detail.length() == 0 ? "" : " ").append(a.detail());
        }
        if (list.size() > 5) {
            detail.append(" And ").append(list.size() - 5).append(" more in anomalies.json.");
        }
        return Finding.of(Finding.Kind.ANOMALY, name, worst.severity() == Anomaly.Severity.CRITICAL ? Severity.CRITICAL
                : Severity.WARNING, title, observed, threshold, below ? Finding.Comparison.BELOW : Finding.Comparison.ABOVE,
                affected).withDetail(detail.toString());
    }
}
