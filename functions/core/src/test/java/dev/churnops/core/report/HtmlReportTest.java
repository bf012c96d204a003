package dev.churnops.core.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class HtmlReportTest {

    @Test
    void loadsNothingFromTheNetwork() {
        String html = HtmlReport.render(ReportFixtures.content());
        assertFalse(html.contains("http://"), "no http:// anywhere, not even an SVG namespace");
        assertFalse(html.contains("https://"));
        assertFalse(html.contains("src=\"http"));
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("@import"));
        assertFalse(html.contains("<img"));
    }

    @Test
    void escapesColumnNamesAndOtherTextFromData() {
        String html = HtmlReport.render(ReportFixtures.content());
        assertTrue(html.contains("&lt;b&gt;tenure&lt;/b&gt;"));
        assertFalse(html.contains("<b>tenure"));
        assertTrue(html.contains("Tom &amp; Jerry&#39;s shop"));
        assertTrue(html.contains("Threshold chosen for &quot;max-f1&quot;."));
    }

    @Test
    void marksTheChosenThresholdOnTheCharts() {
        String html = HtmlReport.render(ReportFixtures.content());
        String thresholdChart = html.substring(html.indexOf("<svg class=\"chart\" id=\"threshold-chart\""));
        thresholdChart = thresholdChart.substring(0, thresholdChart.indexOf("</svg>"));
        assertTrue(thresholdChart.contains("<g class=\"threshold-marker\" data-threshold=\"0.6\">"), thresholdChart);
        assertTrue(thresholdChart.contains(">chosen threshold 0.6</text>"), thresholdChart);
        assertEquals(3, count(html, "class=\"threshold-marker\""), "threshold chart, ROC and PR operating points");
    }

    @Test
    void isByteIdenticalForTheSameInputWhateverTheDefaultLocale() {
        byte[] first = HtmlReport.render(ReportFixtures.content()).getBytes(StandardCharsets.UTF_8);
        Locale original = Locale.getDefault();
        byte[] second;
        try {
            // German formatting would write 0,6 and 1.000: the page must not follow the machine.
            Locale.setDefault(Locale.GERMANY);
            second = HtmlReport.render(ReportFixtures.content()).getBytes(StandardCharsets.UTF_8);
        } finally {
            Locale.setDefault(original);
        }
        assertArrayEquals(first, second);
    }

    @Test
    void isWellFormedMarkup() throws Exception {
        String html = HtmlReport.render(ReportFixtures.content());
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        Document document = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertEquals("html", document.getDocumentElement().getTagName());
        assertEquals(5, document.getElementsByTagName("svg").getLength(), "ROC, PR, threshold sweep, reliability, features");
    }

    @Test
    void hasEverySectionInOrder() {
        String html = HtmlReport.render(ReportFixtures.content());
        int previous = -1;
        for (String id : new String[] {"summary", "roc", "pr", "threshold-sweep", "calibration", "confusion", "features",
                "candidates", "business", "provenance", "notes"}) {
            int at = html.indexOf("id=\"" + id + "\"");
            assertTrue(at > previous, "section " + id + " present and after the previous one");
            previous = at;
        }
    }

    @Test
    void showsHeadlineMetricsConfusionCountsAndProvenance() {
        ReportContent content = ReportFixtures.content();
        String html = HtmlReport.render(content);
        String roc = String.format(Locale.ROOT, "%.4f", content.evaluation().testMetrics().rocAuc());
        assertTrue(html.contains("<tr><td>ROC AUC</td><td class=\"num\">" + roc + "</td></tr>"));
        long tp = content.evaluation().confusionMatrix().tp();
        assertTrue(html.contains("<td class=\"num\" title=\"true positives\">" + tp + " "));
        assertTrue(html.contains("<tr><th>Data fingerprint</th><td><code>sha256:9f2c</code></td></tr>"));
        assertTrue(html.contains("<tr><th>Quarantined rows</th><td>10</td></tr>"));
        assertTrue(html.contains("<tr class=\"selected\"><td>logistic-regression (chosen)</td>"));
    }

    @Test
    void showsBusinessImpactFormulaWithNumbers() {
        ReportContent content = ReportFixtures.content();
        String html = HtmlReport.render(content);
        for (String line : content.evaluation().businessImpact().formulaLines()) {
            assertTrue(html.contains("<li>" + line + "</li>"), line);
        }
        assertTrue(html.contains("Saved share of base = base churn rate \u00d7 recall \u00d7 offer success rate"));
    }

    @Test
    void saysWhenTheModelIsUnregisteredAndThereIsNoChampion() {
        String html = HtmlReport.render(ReportFixtures.content(null,
                new GateDecision(true, 0.83, null, "First model: no champion to beat.")));
        assertTrue(html.contains("model not registered"));
        assertTrue(html.contains("champion none yet"));
        assertTrue(html.contains("First model: no champion to beat."));
    }

    @Test
    void showsAReliabilityChartWithTheDiagonalAndCurvesBeforeAndAfterCalibration() {
        ReportContent content = ReportFixtures.calibratedContent();
        String html = HtmlReport.render(content);
        String chart = svg(html, "reliability-chart");
        assertTrue(chart.contains("<title>perfectly calibrated</title>"), chart);
        assertTrue(chart.contains("<title>before calibration</title>"), chart);
        assertTrue(chart.contains("<title>after calibration (platt)</title>"), chart);
        int bins = content.evaluation().calibration().reliabilityBefore().size()
                + content.evaluation().calibration().reliabilityAfter().size();
        assertEquals(bins, count(chart, "<circle class=\"dot\""), "a dot per non-empty bin of each curve");

        var calibration = content.evaluation().calibration();
        String before = String.format(Locale.ROOT, "%.4f", calibration.brierBefore());
        String after = String.format(Locale.ROOT, "%.4f", calibration.brierAfter());
        assertTrue(html.contains("<tr><td>Brier score</td><td class=\"num\">" + before + "</td><td class=\"num\">"
                + after + "</td></tr>"), html);
        assertTrue(html.contains("<tr><td>Brier score (lower is better)</td><td class=\"num\">" + after + "</td></tr>"));
        assertTrue(html.contains("auto: platt won with none 0.2, platt 0.1, isotonic 0.15."));
        assertTrue(html.contains("<a href=\"#calibration\">Calibration</a>"));
    }

    @Test
    void showsOneReliabilityCurveWhenTheModelIsNotCalibrated() {
        String html = HtmlReport.render(ReportFixtures.content());
        String chart = svg(html, "reliability-chart");
        assertTrue(chart.contains("<title>perfectly calibrated</title>"), chart);
        assertTrue(chart.contains("<title>model</title>"), chart);
        assertFalse(chart.contains("before calibration"), chart);
        assertTrue(html.contains("<code>none</code>: The model applies no calibration."), html);
    }

    @Test
    void leavesOutTheGateWhenNoneRan() {
        String html = HtmlReport.render(ReportFixtures.content("v7", null));
        assertFalse(html.contains("class=\"gate "));
        assertNotNull(html);
    }

    @Test
    void listsTheRiskiestCustomersWithTheirReasonsOrTheirRowWhenTheDataHasNoIds() {
        ReportContent c = ReportFixtures.content();
        List<RiskiestCustomers.Customer> customers = new ArrayList<>();
        for (int k = 0; k < RiskiestCustomers.COUNT; k++) {
            customers.add(new RiskiestCustomers.Customer(40 - k, k == 0 ? "<C-1>" : null, 0.9 - k * 0.01,
                    List.of(new RiskiestCustomers.Reason("Contract", 0.61), new RiskiestCustomers.Reason("tenure", 0.2))));
        }
        ReportContent content = new ReportContent(c.title(), c.executionId(), c.modelVersion(), c.algorithm(),
                c.dataFingerprint(), c.codeVersion(), c.rows(), c.evaluation(), c.topFeatures(), c.candidates(), c.gate(),
                c.notes(), new RiskiestCustomers("the margin (log-odds of churn), before calibration", -1.25, customers));

        String html = HtmlReport.render(content);

        int start = html.indexOf("<section id=\"reasons\">");
        String section = html.substring(start, html.indexOf("</section>", start));
        assertEquals(RiskiestCustomers.COUNT + 1, count(section, "<tr>"), section);
        assertTrue(section.contains("<td>&lt;C-1&gt;</td><td class=\"num\">0.900</td>"
                + "<td><code>Contract</code> +0.610; <code>tenure</code> +0.200</td>"), section);
        assertTrue(section.contains("<td>test row 39</td>"), section);
        assertTrue(section.contains("base value -1.2500"), section);
        assertFalse(HtmlReport.render(c).contains("id=\"reasons\""), "no section when none were recorded");
    }

    @Test
    void rejectsNullContent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HtmlReport.render(null));
        assertTrue(e.getMessage().startsWith("content is null"));
    }

    private static String svg(String html, String id) {
        int start = html.indexOf("<svg class=\"chart\" id=\"" + id + "\"");
        assertTrue(start >= 0, "no chart " + id);
        return html.substring(start, html.indexOf("</svg>", start));
    }

    private static int count(String haystack, String needle) {
        int count = 0;
        for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
