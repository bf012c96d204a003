package dev.churnops.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.monitoring.DriftConfig;
import dev.churnops.core.monitoring.DriftDetector;
import dev.churnops.core.monitoring.DriftReport;
import dev.churnops.core.monitoring.FeatureColumns;
import dev.churnops.core.monitoring.FeatureDrift;
import dev.churnops.core.monitoring.MonitoringBaseline;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class DriftHtmlReportTest {

    private static final String EVIL = "<script>alert('x')</script>";
    private static final DriftHtmlReport.Context CONTEXT = new DriftHtmlReport.Context("churn & co", "v7",
            "2026-03-01 to 2026-03-07", "exec-42");

    /** Three features: a stable number, a shifted number and a category whose name is markup. */
    private static FeatureColumns columns(int rows, long seed, double shift) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] stable = new double[rows];
        double[] moved = new double[rows];
        String[] plan = new String[rows];
        for (int i = 0; i < rows; i++) {
            stable[i] = 10 + random.nextGaussian();
            moved[i] = 65 + 20 * (random.nextGaussian() + shift);
            plan[i] = random.nextDouble() < 0.6 ? "basic" : random.nextBoolean() ? "pro" : "<b>max</b>";
        }
        return FeatureColumns.builder(rows).numeric("tenure", stable).numeric("charges", moved)
                .categorical(EVIL, plan).build();
    }

    private static DriftReport report() {
        MonitoringBaseline baseline = MonitoringBaseline.of(columns(5_000, 1, 0), null);
        return new DriftDetector(DriftConfig.defaults()).detect(baseline, columns(4_000, 2, 0.5), null);
    }

    @Test
    void showsEveryFeatureWithItsVerdictAndAChart() {
        DriftReport report = report();
        String html = DriftHtmlReport.render(report, CONTEXT);
        assertTrue(report.feature("charges").orElseThrow().drifted());
        assertFalse(report.feature("tenure").orElseThrow().drifted());
        for (FeatureDrift f : report.features()) {
            String row = html.substring(html.indexOf("<tr" + (f.drifted() ? " class=\"drifted\"" : "") + "><td>"
                    + Html.escape(f.name()) + "</td>"));
            row = row.substring(0, row.indexOf("</tr>"));
            assertTrue(row.contains("<strong>" + (f.drifted() ? "drifted" : "stable") + "</strong>"), row);
            assertTrue(html.contains("<title id=\"bins-" + report.features().indexOf(f) + "-title\">"
                    + Html.escape(f.name())), f.name());
        }
        assertTrue(html.contains("1 of 3 features drifted (drift share 33.3%"), html);
        assertTrue(html.contains("baseline 5,000 rows"));
        assertTrue(html.contains("current 4,000 rows"));
        assertTrue(html.contains("window 2026-03-01 to 2026-03-07"));
        assertTrue(html.contains("execution exec-42"));
        assertTrue(html.contains("model churn &amp; co"));
        assertTrue(html.contains("(test_and_effect") || html.contains("(psi"), "the rule that fired is shown");
    }

    @Test
    void escapesFeatureNamesAndCategories() throws Exception {
        String html = DriftHtmlReport.render(report(), CONTEXT);
        assertFalse(html.contains("<script"), "no script element, not even from a feature name");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assertFalse(html.contains("<b>max"));
        assertTrue(html.contains("&lt;b&gt;max&lt;/b&gt;"));
        // Well-formed XML: nothing from the data broke the markup.
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.substring(html.indexOf("<html")).getBytes(StandardCharsets.UTF_8)));
        assertNotNull(document.getDocumentElement());
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing loaded from the network");
    }

    @Test
    void isByteIdenticalForTheSameReport() {
        assertEquals(DriftHtmlReport.render(report(), CONTEXT), DriftHtmlReport.render(report(), CONTEXT));
    }

    @Test
    void drawsBaselineAndCurrentSharesSideBySide() {
        String svg = DriftHtmlReport.binChart("c", "plan", java.util.List.of(
                new dev.churnops.core.monitoring.DriftBin("a", 0.6, 0.5), new dev.churnops.core.monitoring.DriftBin("b", 0.4, 0.5)));
        assertEquals(4, svg.split("<rect ", -1).length - 1, svg);
        assertTrue(svg.contains("<title>a: baseline 60.00%, current 50.00%</title>"), svg);
    }

    @Test
    void refusesAMissingContextField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DriftHtmlReport.Context("m", null, " ", "exec"));
        assertTrue(e.getMessage().contains("'window' is blank"), e.getMessage());
    }
}
