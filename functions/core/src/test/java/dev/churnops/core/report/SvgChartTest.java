package dev.churnops.core.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SvgChartTest {

    @Test
    void ticksAreRoundNumbersCoveringTheDomain() {
        assertArrayEquals(new double[] {0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0}, SvgChart.niceTicks(0, 1));
        assertArrayEquals(new double[] {0.1, 0.15000000000000002, 0.2, 0.25, 0.30000000000000004},
                SvgChart.niceTicks(0.08, 0.31));
        assertEquals(2, SvgChart.decimalsFor(SvgChart.niceTicks(0.08, 0.31)));
        assertEquals(1, SvgChart.decimalsFor(SvgChart.niceTicks(0, 1)));
    }

    @Test
    void singleValueDomainIsWidened() {
        assertArrayEquals(new double[] {0.45, 0.55}, SvgChart.widen(0.5, 0.5), 1e-12);
        assertArrayEquals(new double[] {-0.5, 0.5}, SvgChart.widen(0, 0), 1e-12);
    }

    @Test
    void lineChartDrawsEachSeriesAndLabelsTheAxes() {
        String svg = SvgChart.line("c", "Title <x>", "False-positive rate", "True-positive rate")
                .series("model", new double[] {0, 0.5, 1}, new double[] {0, 0.8, 1}, "#1f77b4", false)
                .render();
        // (0,0) is the plot's bottom-left corner, (1,1) its top-right.
        assertTrue(svg.contains("points=\"64.00,296.00 300.00,91.20 536.00,40.00\""), svg);
        assertTrue(svg.contains(">False-positive rate</text>"));
        assertTrue(svg.contains(">0.4</text>"));
        assertTrue(svg.contains("Title &lt;x&gt;"));
    }

    @Test
    void negativeBarsExtendLeftOfZero() {
        String svg = SvgChart.horizontalBars("b", "Importance", List.of("up", "down"), new double[] {1.0, -1.0}, "x");
        assertTrue(svg.contains("fill=\"#1f77b4\""));
        assertTrue(svg.contains("fill=\"#ff7f0e\""));
        assertTrue(svg.contains(">-1.0000</text>"));
    }

    @Test
    void longLabelsAreShortenedButKeptWholeInTheTooltip() {
        String name = "support_tickets_last_90_days_including_escalations";
        String svg = SvgChart.horizontalBars("b", "Importance", List.of(name), new double[] {0.5}, "x");
        assertTrue(svg.contains("<title>" + name + ": 0.5000</title>"));
        assertTrue(svg.contains(">support_tickets_last_90_day\u2026</text>"), svg);
    }
}
