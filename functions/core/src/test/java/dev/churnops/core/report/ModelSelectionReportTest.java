package dev.churnops.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** The report's model-selection section: the cross-validation and the search leaderboard. */
class ModelSelectionReportTest {

    private static ReportContent withSelection(ModelSelection selection) {
        ReportContent c = ReportFixtures.content();
        return new ReportContent(c.title(), c.executionId(), c.modelVersion(), c.algorithm(), c.dataFingerprint(),
                c.codeVersion(), c.rows(), c.evaluation(), c.topFeatures(), c.candidates(), c.gate(), c.notes(), null,
                selection);
    }

    private static ModelSelection selection() {
        return new ModelSelection(
                new ModelSelection.CrossValidationResult("gradient_boosting", 5, 5_634, 0.8512, 0.0101,
                        List.of(0.84, 0.85, 0.86, 0.845, 0.861), "Stratified 5-fold cross-validation over <all> rows."),
                List.of(new ModelSelection.LeaderboardEntry(1, "gradient_boosting", "configured",
                                Map.of("gradient_boosting.max_depth", "4"), 0.8401, 0.012, 0.8, false, false),
                        new ModelSelection.LeaderboardEntry(2, "gradient_boosting", "tpe",
                                Map.of("gradient_boosting.max_depth", "2", "gradient_boosting.learning_rate", "0.03"),
                                0.8473, 0.011, 1.25, true, true),
                        new ModelSelection.LeaderboardEntry(3, "logistic_regression", "configured",
                                Map.of("logistic_regression.epochs", "10"), 0.8402, 0.013, null, true, false)),
                5, 4_225, "The best mean wins.");
    }

    private static String section(String html) {
        int start = html.indexOf("<section id=\"selection\">");
        assertTrue(start >= 0, "no model-selection section");
        return html.substring(start, html.indexOf("</section>", start));
    }

    @Test
    void ranksTheLeaderboardByCrossValidatedRocAucAndMarksTheProductionCandidate() {
        String section = section(HtmlReport.render(withSelection(selection())));

        int second = section.indexOf("<td class=\"num\">#2</td>");
        int third = section.indexOf("<td class=\"num\">#3</td>");
        int first = section.indexOf("<td class=\"num\">#1</td>");
        assertTrue(second > 0 && second < third && third < first, "ranked 0.8473, 0.8402, 0.8401: " + section);
        assertTrue(section.contains("<tr class=\"selected\"><td class=\"num\">1</td><td class=\"num\">#2</td>"
                + "<td>gradient_boosting (production)</td><td>tpe</td>"
                + "<td><code>learning_rate=0.03 max_depth=2</code></td><td class=\"num\">0.8473</td>"), section);
        assertTrue(section.contains("logistic_regression (best of its algorithm)"), section);
        assertTrue(section.contains("<td class=\"num\">1.25</td>") && section.contains("\u2014"), "seconds, or a dash: " + section);
        assertTrue(section.contains("stratified 5-fold cross-validation on the 4,225 training rows. The best mean wins."), section);
    }

    @Test
    void showsTheCrossValidationOfTheProductionModel() {
        String section = section(HtmlReport.render(withSelection(selection())));

        assertTrue(section.contains("<td>gradient_boosting</td><td class=\"num\">5</td><td class=\"num\">5,634</td>"
                + "<td class=\"num\">0.8512</td><td class=\"num\">0.0101</td>"
                + "<td>0.8400, 0.8500, 0.8600, 0.8450, 0.8610</td>"), section);
        assertTrue(section.contains("over &lt;all&gt; rows"), "escaped: " + section);
    }

    @Test
    void staysWellFormedAndLinksTheSectionOnlyWhenThereIsOne() throws Exception {
        String html = HtmlReport.render(withSelection(selection()));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));

        assertTrue(html.contains("<a href=\"#selection\">Model selection</a>"));
        assertTrue(html.indexOf("id=\"candidates\"") < html.indexOf("id=\"selection\"")
                && html.indexOf("id=\"selection\"") < html.indexOf("id=\"business\""), "after the candidates");
        String without = HtmlReport.render(ReportFixtures.content());
        assertFalse(without.contains("id=\"selection\"") || without.contains("#selection"));
        ModelSelection cvOnly = new ModelSelection(selection().cv(), List.of(), 0, 0, null);
        String cvSection = section(HtmlReport.render(withSelection(cvOnly)));
        assertFalse(cvSection.contains("leaderboard"), cvSection);
        assertEquals(1, cvSection.split("<table", -1).length - 1, cvSection);
    }
}
