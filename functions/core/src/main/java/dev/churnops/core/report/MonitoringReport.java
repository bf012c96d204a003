package dev.churnops.core.report;

import dev.churnops.core.json.Json;
import dev.churnops.core.monitoring.Finding;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The page of one monitoring run ({@code reports/<execution>/index.html}): what was monitored, the
 * alerts sent and the findings behind them with observed values against thresholds and the
 * suggested playbook, the retraining decision with every reason, and each check's figures (drift
 * share and drifted features, performance over time as a table of its windows, business KPIs,
 * anomalies), with a link
 * to the per-feature drift report. Self-contained; every value from data is escaped.
 */
public final class MonitoringReport {

    private MonitoringReport() {
    }

    /** Renders the run's summary, as the decision step builds it. */
    public static byte[] render(Map<String, Object> summary) {
        StringBuilder h = new StringBuilder(16_384);
        String model = text(summary.get("model")) + " v" + text(summary.get("version"));
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ChurnOps monitoring: ")
                .append(Html.escape(model)).append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em;"
                        + "max-width:72em}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;"
                        + "padding:.25em .6em;text-align:left;vertical-align:top}th{background:#f3f3f3}.CRITICAL{color:#b00}"
                        + ".WARNING{color:#a60}.INFO{color:#06c}code{font-size:.9em}</style></head><body>\n");
        h.append("<h1>Monitoring of ").append(Html.escape(model)).append("</h1>\n<p>Day ")
                .append(Html.escape(text(summary.get("date")))).append(", execution <code>")
                .append(Html.escape(text(summary.get("execution")))).append("</code>.</p>\n");

        h.append("<h2>Alerts</h2>\n");
        List<?> alerts = list(summary.get("alerts"));
        if (alerts.isEmpty()) {
            h.append("<p>No alert was sent by this run.</p>\n");
        } else {
            h.append("<table><tr><th>Severity</th><th>Subject</th><th>Event</th><th>Incident</th></tr>\n");
            for (Object a : alerts) {
                Map<?, ?> m = (Map<?, ?>) a;
                h.append("<tr><td class=\"").append(Html.escape(text(m.get("severity")))).append("\">")
                        .append(Html.escape(text(m.get("severity")))).append("</td><td>").append(Html.escape(text(m.get("subject"))))
                        .append("</td><td>").append(Html.escape(text(m.get("event")))).append("</td><td><code>")
                        .append(Html.escape(text(m.get("incident_id")))).append("</code></td></tr>\n");
            }
            h.append("</table>\n");
        }

        h.append("<h2>Findings</h2>\n");
        List<?> findings = list(summary.get("findings"));
        if (findings.isEmpty()) {
            h.append("<p>Every check was within its bounds.</p>\n");
        } else {
            h.append("<table><tr><th>Kind</th><th>Severity</th><th>What</th><th>Observed</th><th>Threshold</th>"
                    + "<th>Affected</th><th>Playbook</th></tr>\n");
            for (Object o : findings) {
                Finding f = o instanceof Finding finding ? finding : Json.mapper().convertValue(o, Finding.class);
                h.append("<tr><td>").append(Html.escape(f.kind().label() + " / " + f.subKind())).append("</td><td class=\"")
                        .append(f.severity().name()).append("\">").append(f.severity().name()).append("</td><td>")
                        .append(Html.escape(f.title())).append(f.detail().isEmpty() ? "" : "<br><small>"
                                + Html.escape(f.detail()) + "</small>").append("</td><td>").append(Html.num(f.observed(), 4))
                        .append("</td><td>").append(Html.escape(f.comparison().name().toLowerCase(java.util.Locale.ROOT)))
                        .append(' ').append(Html.num(f.threshold(), 4)).append("</td><td>")
                        .append(Html.escape(String.join(", ", f.affected()))).append("</td><td>")
                        .append(Html.escape(f.playbook())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        h.append("<h2>Retraining</h2>\n");
        Map<?, ?> retraining = map(summary.get("retraining"));
        h.append("<p>").append(Boolean.TRUE.equals(retraining.get("start")) ? "Training was started." : "No training was started.")
                .append("</p>\n<ul>\n");
        for (Object reason : list(retraining.get("reasons"))) {
            h.append("<li>").append(Html.escape(text(reason))).append("</li>\n");
        }
        h.append("</ul>\n");

        Object driftHtml = summary.get("drift_html_key");
        Map<?, ?> checks = map(summary.get("checks"));
        for (Map.Entry<?, ?> check : checks.entrySet()) {
            h.append("<h2>Check: ").append(Html.escape(text(check.getKey()))).append("</h2>\n");
            if (check.getKey().equals("drift") && driftHtml != null) {
                h.append("<p><a href=\"../../").append(Html.escape(text(driftHtml)))
                        .append("\">Per-feature drift report</a></p>\n");
            }
            if (check.getKey().equals("performance") && !list(map(check.getValue()).get("windows")).isEmpty()) {
                performanceOverTime(h, list(map(check.getValue()).get("windows")));
            }
            h.append("<table>\n");
            for (Map.Entry<?, ?> e : map(check.getValue()).entrySet()) {
                h.append("<tr><th>").append(Html.escape(text(e.getKey()))).append("</th><td><code>")
                        .append(Html.escape(json(e.getValue()))).append("</code></td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<h2>Window</h2>\n<table>\n");
        for (Map.Entry<?, ?> e : map(summary.get("window")).entrySet()) {
            h.append("<tr><th>").append(Html.escape(text(e.getKey()))).append("</th><td>").append(Html.escape(json(e.getValue())))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n</body></html>\n");
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One row per time window: how the model did as its labels arrived. */
    private static void performanceOverTime(StringBuilder h, List<?> windows) {
        h.append("<h3>Performance over time</h3>\n<table><tr><th>Window</th><th>Predictions</th><th>Pending</th>"
                + "<th>Labelled</th><th>ROC-AUC</th><th>F1</th><th>Precision</th><th>Recall</th></tr>\n");
        for (Object o : windows) {
            Map<?, ?> w = map(o);
            h.append("<tr><td>").append(Html.escape(text(w.get("start")) + " to " + text(w.get("end")))).append("</td>");
            for (String field : List.of("predictions", "pending", "labelled", "roc_auc", "f1", "precision", "recall")) {
                Object v = w.get(field);
                h.append("<td>").append(v instanceof Double d ? Html.num(d, 3) : v == null ? "–" : Html.escape(text(v)))
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String json(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return text(value);
        }
        try {
            return Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return value.toString();
        }
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }
}
