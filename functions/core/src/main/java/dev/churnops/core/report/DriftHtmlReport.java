package dev.churnops.core.report;

import dev.churnops.core.monitoring.DriftBin;
import dev.churnops.core.monitoring.DriftReport;
import dev.churnops.core.monitoring.DriftRule;
import dev.churnops.core.monitoring.DriftSummary;
import dev.churnops.core.monitoring.FeatureDrift;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link DriftReport} as one self-contained HTML page, like {@link HtmlReport} does for
 * training: inline CSS and inline SVG, no scripts, nothing loaded from the network. The page has a
 * header naming where the comparison came from (model, version, baseline and current rows, the
 * window, the execution id), the dataset verdict with the drift share, one table row per feature
 * with every metric, the p-values before and after correction, completeness and the verdict with
 * its rules and reasons, and per feature a chart of the baseline's and the current bin shares side
 * by side. Every string is escaped and numbers use {@link Locale#ROOT}, so the same report gives
 * the same bytes.
 */
public final class DriftHtmlReport {

    private static final String BASELINE = "#1f77b4";
    private static final String CURRENT = "#ff7f0e";
    private static final int CHART_WIDTH = 560;
    private static final int CHART_HEIGHT = 260;

    // No '<' or '&' here: the page stays well-formed XML.
    private static final String CSS = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#222;background:#fafafa}",
            "header,main,footer{max-width:1280px;margin:0 auto;padding:0 24px}",
            "header{padding-top:24px}",
            "h1{font-size:1.6rem;margin:0 0 4px}",
            "h2{font-size:1.2rem;margin:0 0 12px}",
            "h3{font-size:1rem;margin:12px 0 4px}",
            ".subtitle{color:#555;margin:0 0 12px}",
            "section{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:16px 20px;margin:16px 0}",
            "table{border-collapse:collapse;margin:4px 0 8px;font-size:0.9rem}",
            "th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}",
            "td.num{text-align:right;font-variant-numeric:tabular-nums}",
            "th{background:#f3f3f3}",
            "tr.drifted td{background:#fdecea}",
            ".verdict{padding:8px 12px;border-radius:4px;margin-bottom:12px}",
            ".verdict.stable{background:#e6f4ea;border:1px solid #8cc79a}",
            ".verdict.drift{background:#fdecea;border:1px solid #e39b94}",
            ".charts{display:flex;flex-wrap:wrap;gap:16px}",
            ".chart{max-width:100%;height:auto}",
            ".muted{color:#666}",
            "footer{color:#777;font-size:0.85rem;padding-bottom:24px}");

    private DriftHtmlReport() {
    }

    /**
     * Where a drift report came from, shown in the page header.
     *
     * @param model        the model's name
     * @param modelVersion its registered version, or null when not registered
     * @param window       the period the current data covers, e.g. "2026-03-01 to 2026-03-07"
     * @param executionId  the monitoring run that produced the report
     */
    public record Context(String model, String modelVersion, String window, String executionId) {

        public Context {
            require("model", model);
            require("window", window);
            require("executionId", executionId);
        }

        private static void require(String field, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("Drift report context field '" + field + "' is "
                        + (value == null ? "null" : "blank") + ": expected a non-empty text.");
            }
        }
    }

    /** The full page; identical input gives identical output. */
    public static String render(DriftReport report, Context context) {
        if (report == null || context == null) {
            throw new IllegalArgumentException("A drift page needs the report and its context, got report "
                    + (report == null ? "null" : "given") + " and context " + (context == null ? "null" : "given") + ".");
        }
        DriftSummary summary = report.summary();
        String title = "Data drift \u00b7 " + context.model();
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n")
                .append("<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n");
        html.append("<header>\n<h1>").append(Html.escape(title)).append("</h1>\n<p class=\"subtitle\">model ")
                .append(Html.escape(context.model())).append(" \u00b7 version ")
                .append(context.modelVersion() == null ? "not registered" : Html.escape(context.modelVersion()))
                .append(" \u00b7 baseline ").append(Html.grouped(summary.baselineRows(), 0)).append(" rows")
                .append(" \u00b7 current ").append(Html.grouped(summary.currentRows(), 0)).append(" rows")
                .append(" \u00b7 window ").append(Html.escape(context.window()))
                .append(" \u00b7 execution ").append(Html.escape(context.executionId())).append("</p>\n</header>\n<main>\n");
        verdict(html, report);
        table(html, report);
        charts(html, report);
        html.append("</main>\n<footer><p>Generated by ChurnOps for execution ").append(Html.escape(context.executionId()))
                .append(". This page is self-contained: it loads nothing from the network.</p></footer>\n")
                .append("</body>\n</html>\n");
        return html.toString();
    }

    private static void verdict(StringBuilder html, DriftReport report) {
        DriftSummary s = report.summary();
        html.append("<section id=\"verdict\">\n<h2>Dataset verdict</h2>\n<div class=\"verdict ")
                .append(s.datasetDrift() ? "drift" : "stable").append("\"><strong>")
                .append(s.datasetDrift() ? "Dataset drift" : "No dataset drift").append("</strong>: ")
                .append(s.driftedFeatures().size()).append(" of ").append(s.featureCount())
                .append(" features drifted (drift share ").append(Html.percent(s.driftShare(), 1))
                .append(", threshold ").append(Html.percent(s.driftShareThreshold(), 1)).append(").");
        if (s.predictionDrift() != null) {
            html.append(" Score distribution: ").append(s.predictionDrift() ? "drifted" : "stable").append('.');
        }
        html.append("</div>\n<p>Drifted features: ").append(s.driftedFeatures().isEmpty() ? "none"
                : Html.escape(String.join(", ", s.driftedFeatures()))).append(". Violations: ")
                .append(s.violationCount()).append(".</p>\n");
        html.append("<p class=\"muted\">With fewer than ").append(report.config().smallSampleRows())
                .append(" current values a feature is judged by its ").append(Html.escape(report.config().correction().label()))
                .append("-adjusted test p-value alone (alpha ").append(Html.threshold(report.config().alpha()))
                .append("); with more, it drifts when PSI, KL or JS exceeds its threshold, or when the adjusted test is"
                        + " significant and the effect (KS statistic, Wasserstein in baseline standard deviations, or the"
                        + " largest change of one share) reaches its minimum.</p>\n</section>\n");
    }

    private static void table(StringBuilder html, DriftReport report) {
        html.append("<section id=\"features\">\n<h2>Features</h2>\n<table class=\"drift\">\n<tr><th>Feature</th>"
                + "<th>Status</th><th>Judged by</th><th>PSI</th><th>KL</th><th>JS</th><th>KS</th><th>Wasserstein (sd)</th>"
                + "<th>\u03c7\u00b2 (df)</th><th>Max share change</th><th>p</th><th>Adjusted p</th>"
                + "<th>Completeness baseline / current</th><th>Verdict</th><th>Reasons</th></tr>\n");
        List<FeatureDrift> rows = new ArrayList<>(report.features());
        if (report.prediction() != null) {
            rows.add(report.prediction());
        }
        for (FeatureDrift f : rows) {
            html.append("<tr").append(f.drifted() ? " class=\"drifted\"" : "").append("><td>")
                    .append(Html.escape(f.name())).append(f == report.prediction() ? " (score)" : "").append("</td><td>")
                    .append(Html.escape(f.status().name().toLowerCase(Locale.ROOT))).append("</td><td>")
                    .append(Html.escape(f.judgedBy() == null ? "" : f.judgedBy())).append("</td>");
            num(html, f.psi(), 4);
            num(html, f.kl(), 4);
            num(html, f.js(), 4);
            num(html, f.ksStatistic(), 4);
            html.append("<td class=\"num\">").append(f.wasserstein() == null ? "" : Html.threshold(f.wasserstein()))
                    .append(f.wassersteinInStd() == null ? "" : " (" + Html.num(f.wassersteinInStd(), 3) + ")").append("</td>");
            html.append("<td class=\"num\">").append(f.chiSquared() == null ? "" : Html.num(f.chiSquared(), 2) + " ("
                    + f.chiSquaredDf() + ")").append("</td>");
            num(html, f.maxShareChange(), 4);
            html.append("<td class=\"num\">").append(pValue(f.pValue())).append("</td><td class=\"num\">")
                    .append(pValue(f.adjustedPValue())).append("</td><td class=\"num\">")
                    .append(Html.percent(f.baselineCompleteness(), 1)).append(" / ")
                    .append(f.currentCompleteness() == null ? "n/a" : Html.percent(f.currentCompleteness(), 1))
                    .append("</td><td><strong>").append(f.drifted() ? "drifted" : "stable").append("</strong>");
            if (!f.rules().isEmpty()) {
                List<String> rules = new ArrayList<>();
                for (DriftRule rule : f.rules()) {
                    rules.add(rule.name().toLowerCase(Locale.ROOT));
                }
                html.append(" (").append(Html.escape(String.join(", ", rules))).append(')');
            }
            html.append("</td><td>").append(Html.escape(String.join("; ", f.reasons()))).append("</td></tr>\n");
        }
        html.append("</table>\n</section>\n");
    }

    private static void num(StringBuilder html, Double value, int decimals) {
        html.append("<td class=\"num\">").append(value == null ? "" : Html.num(value, decimals)).append("</td>");
    }

    private static String pValue(Double p) {
        if (p == null) {
            return "";
        }
        return p < 1e-4 ? String.format(Locale.ROOT, "%.2e", p) : Html.num(p, 4);
    }

    private static void charts(StringBuilder html, DriftReport report) {
        html.append("<section id=\"distributions\">\n<h2>Distributions: baseline and current share per bin</h2>\n")
                .append("<p class=\"muted\"><span style=\"color:").append(BASELINE).append("\">\u25a0</span> baseline \u00a0")
                .append("<span style=\"color:").append(CURRENT).append("\">\u25a0</span> current</p>\n<div class=\"charts\">\n");
        List<FeatureDrift> rows = new ArrayList<>(report.features());
        if (report.prediction() != null) {
            rows.add(report.prediction());
        }
        for (int i = 0; i < rows.size(); i++) {
            FeatureDrift f = rows.get(i);
            if (f.bins().isEmpty()) {
                html.append("<p>").append(Html.escape(f.name())).append(": no distribution to compare (")
                        .append(Html.escape(f.status().name().toLowerCase(Locale.ROOT))).append(").</p>\n");
                continue;
            }
            html.append(binChart("bins-" + i, f.name() + (f.drifted() ? " \u2014 drifted" : " \u2014 stable"), f.bins()))
                    .append('\n');
        }
        html.append("</div>\n</section>\n");
    }

    /** Columns per bin, baseline and current side by side, shares on a 0..max axis. */
    static String binChart(String id, String title, List<DriftBin> bins) {
        int left = 56;
        int right = 16;
        int top = 36;
        int bottom = 72;
        double plotWidth = CHART_WIDTH - left - right;
        double plotHeight = CHART_HEIGHT - top - bottom;
        double max = 0;
        for (DriftBin b : bins) {
            max = Math.max(max, Math.max(b.baselineShare(), b.currentShare()));
        }
        double[] ticks = SvgChart.niceTicks(0, max > 0 ? max : 1);
        double hi = Math.max(ticks[ticks.length - 1], max > 0 ? max : 1);
        int decimals = SvgChart.decimalsFor(ticks);
        double base = top + plotHeight;
        StringBuilder svg = new StringBuilder(4_096);
        String titleId = Html.escape(id + "-title");
        svg.append("<svg class=\"chart\" id=\"").append(Html.escape(id)).append("\" viewBox=\"0 0 ").append(CHART_WIDTH)
                .append(' ').append(CHART_HEIGHT).append("\" width=\"").append(CHART_WIDTH).append("\" height=\"")
                .append(CHART_HEIGHT).append("\" role=\"img\" aria-labelledby=\"").append(titleId)
                .append("\" font-family=\"system-ui, sans-serif\"><title id=\"").append(titleId).append("\">")
                .append(Html.escape(title)).append("</title>");
        text(svg, left, 22, "start", "font-size=\"14\" font-weight=\"600\"", title);
        svg.append("<g class=\"grid\" stroke=\"#e3e3e3\" stroke-width=\"1\">");
        for (double t : ticks) {
            double y = base - t / hi * plotHeight;
            svg.append("<line x1=\"").append(left).append("\" y1=\"").append(Html.coord(y)).append("\" x2=\"")
                    .append(Html.coord(left + plotWidth)).append("\" y2=\"").append(Html.coord(y)).append("\"/>");
        }
        svg.append("</g><g class=\"tick-labels\" font-size=\"11\" fill=\"#444444\">");
        for (double t : ticks) {
            text(svg, left - 6, base - t / hi * plotHeight + 4, "end", "", Html.percent(t, Math.max(0, decimals - 2)));
        }
        svg.append("</g><g class=\"bins\" font-size=\"11\">");
        double slot = plotWidth / bins.size();
        double width = Math.min(28, slot * 0.38);
        for (int i = 0; i < bins.size(); i++) {
            DriftBin b = bins.get(i);
            double center = left + slot * (i + 0.5);
            svg.append("<g class=\"bin\"><title>").append(Html.escape(b.label())).append(": baseline ")
                    .append(Html.percent(b.baselineShare(), 2)).append(", current ").append(Html.percent(b.currentShare(), 2))
                    .append("</title>");
            bar(svg, center - width, base, width, b.baselineShare() / hi * plotHeight, BASELINE);
            bar(svg, center, base, width, b.currentShare() / hi * plotHeight, CURRENT);
            String label = b.label().length() > 14 ? b.label().substring(0, 13) + "\u2026" : b.label();
            svg.append("<text transform=\"translate(").append(Html.coord(center)).append(' ').append(Html.coord(base + 12))
                    .append(") rotate(30)\" text-anchor=\"start\" fill=\"#444444\">").append(Html.escape(label))
                    .append("</text></g>");
        }
        svg.append("</g><line x1=\"").append(left).append("\" y1=\"").append(Html.coord(base)).append("\" x2=\"")
                .append(Html.coord(left + plotWidth)).append("\" y2=\"").append(Html.coord(base))
                .append("\" stroke=\"#444444\" stroke-width=\"1\"/></svg>");
        return svg.toString();
    }

    private static void bar(StringBuilder svg, double x, double base, double width, double height, String color) {
        svg.append("<rect x=\"").append(Html.coord(x)).append("\" y=\"").append(Html.coord(base - height))
                .append("\" width=\"").append(Html.coord(width)).append("\" height=\"").append(Html.coord(height))
                .append("\" fill=\"").append(color).append("\"/>");
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String attributes, String content) {
        svg.append("<text x=\"").append(Html.coord(x)).append("\" y=\"").append(Html.coord(y)).append("\" text-anchor=\"")
                .append(anchor).append('"').append(attributes.isEmpty() ? "" : " " + attributes).append('>')
                .append(Html.escape(content)).append("</text>");
    }
}
