package dev.churnops.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.ColumnType;
import dev.churnops.core.monitoring.MonitoringWindow;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PrepareMonitoringWindowTest {

    private static MonitoringFixture fixture;

    @BeforeAll
    static void train() {
        fixture = new MonitoringFixture();
    }

    private static String line(String ts, int version, String id, double probability, String features) {
        return "{\"ts\":\"" + ts + "\",\"model\":\"churn\",\"version\":" + version + ",\"customerId\":\"" + id
                + "\",\"probability\":" + probability + ",\"segment\":\"low\",\"features\":" + features + "}\n";
    }

    private static final String FEATURES = "{\"tenure\":12,\"MonthlyCharges\":70.5,\"Contract\":\"One year\","
            + "\"Partner\":\"Yes\",\"PaymentMethod\":\"Mailed check\"}";

    @Test
    void scoresACustomerCsvWithTheMonitoredVersionAndKeepsItsLabels() {
        String key = fixture.putCustomers("incoming/current.csv", 150, 77);

        PrepareMonitoringWindow.Result r = fixture.prepare("mon-csv", key, 1);

        assertEquals(150, r.rows());
        assertEquals(150, r.scored());
        assertEquals(0, r.rejected());
        assertEquals(150, r.labelledRows());
        MonitoringWindow window = fixture.load(r, "mon-csv").window();
        assertEquals(java.util.List.of("tenure", "MonthlyCharges", "Contract", "Partner", "PaymentMethod"), window.featureNames());
        assertEquals(ColumnType.NUMERIC, window.featureType("tenure"));
        assertTrue(Arrays.stream(window.probabilities()).allMatch(p -> p >= 0 && p <= 1));
        assertTrue(window.ids()[0].startsWith("C"), window.ids()[0]);
        String labels = fixture.text(r.labelsKey());
        assertTrue(labels.startsWith("customer_id,churned\n"), labels);
        assertEquals(151, labels.split("\n").length);
    }

    @Test
    void keepsARowTheModelCannotScoreInTheWindowAndItsReasonInRejected() {
        String csv = fixture.text(fixture.putCustomers("incoming/bad.csv", 40, 5));
        String[] lines = csv.split("\n");
        String[] f = lines[3].split(",", -1);
        f[1] = "twelve";
        f[3] = "Weekly";
        lines[3] = String.join(",", f);
        fixture.put("incoming/bad.csv", String.join("\n", lines) + "\n");

        PrepareMonitoringWindow.Result r = fixture.prepare("mon-bad", "incoming/bad.csv", 1);

        assertEquals(40, r.rows());
        assertEquals(39, r.scored());
        assertEquals(1, r.rejected());
        String rejected = fixture.text(r.rejectedKey());
        assertTrue(rejected.contains("column 'tenure': expected a number, got the string 'twelve'"), rejected);
        assertTrue(rejected.contains("Weekly"), rejected);
        assertTrue(rejected.contains(",4,"), "names the line: " + rejected);
        MonitoringWindow window = fixture.load(r, "mon-bad").window();
        assertTrue(Double.isNaN(window.probabilities()[2]));
        assertEquals(1, window.wrongTyped().get("tenure"));
    }

    @Test
    void readsTheCapturedScoresOfTheWindowsDaysAndKeepsBadLinesWithTheirReasons() {
        fixture.put("capture/churn/dt=2026-02-09/part-a.jsonl", line("2026-02-09T10:00:00Z", fixture.version, "C1", 0.2, FEATURES)
                + "{not json\n"
                + line("2026-02-09T10:00:02Z", fixture.version, "C2", 1.5, FEATURES));
        fixture.put("capture/churn/dt=2026-02-10/part-b.jsonl", line("2026-02-10T08:00:00Z", fixture.version, "C3", 0.7, FEATURES)
                + line("2026-02-10T08:00:01Z", fixture.version + 1, "C4", 0.9, FEATURES)
                + "{\"ts\":\"yesterday\",\"version\":1,\"probability\":0.1,\"features\":{}}\n");
        fixture.put("capture/churn/dt=2026-02-08/part-c.jsonl", line("2026-02-08T08:00:00Z", fixture.version, "C0", 0.1, FEATURES));

        PrepareMonitoringWindow.Result r = fixture.prepare("mon-cap", null, 2);

        assertEquals(2, r.rows(), "C1 and C3: C0 is before the window, C4 another version");
        assertEquals(1, r.otherVersions());
        assertEquals(3, r.rejected());
        String rejected = fixture.text(r.rejectedKey());
        assertTrue(rejected.contains("part-a.jsonl,2,Line 2 of capture/churn/dt=2026-02-09/part-a.jsonl is not valid JSON"), rejected);
        assertTrue(rejected.contains("has 'probability' 1.5: expected a number from 0 to 1"), rejected);
        assertTrue(rejected.contains("has 'ts' 'yesterday'"), rejected);
        assertTrue(rejected.contains("{not json"), "keeps the line as it was: " + rejected);
        assertNull(r.labelsKey());
        MonitoringWindow window = fixture.load(r, "mon-cap").window();
        assertEquals(java.util.List.of("C1", "C3"), Arrays.asList(window.ids()));
        assertEquals(0.7, window.probabilities()[1]);
        assertEquals("2026-02-10T08:00:00Z", window.scoredAt()[1]);
    }

    @Test
    void anEmptyCaptureGivesAnEmptyWindowNotAFailure() {
        PrepareMonitoringWindow.Result r = new PrepareMonitoringWindow(fixture.blobs, fixture.registry).run(
                new PrepareMonitoringWindow.Command("mon-empty", MonitoringFixture.MODEL, "champion",
                        java.time.LocalDate.parse("2025-01-01"), 1, null, null, null));

        assertTrue(r.empty());
        assertEquals(0, r.rows());
        assertFalse(fixture.load(r, "mon-empty").window().size() > 0);
    }

    @Test
    void namesTheVersionsWhenTheAliasOrVersionIsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PrepareMonitoringWindow(
                fixture.blobs, fixture.registry).run(new PrepareMonitoringWindow.Command("mon-x", MonitoringFixture.MODEL,
                "7", MonitoringFixture.DATE, 1, null, null, null)));

        assertTrue(e.getMessage().contains("no version 7"), e.getMessage());
        assertTrue(e.getMessage().contains("[" + fixture.version + "]"), e.getMessage());
    }

    @Test
    void refusesAWindowOfNoDays() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PrepareMonitoringWindow.Command(
                "mon", MonitoringFixture.MODEL, "champion", MonitoringFixture.DATE, 0, null, null, null));

        assertTrue(e.getMessage().contains("windowDays is 0"), e.getMessage());
    }

    @Test
    void countsTheCustomersOfAGivenLabelsFileForTheRetrainingPolicy() {
        fixture.put("capture/churn/dt=2026-02-10/part-l.jsonl", line("2026-02-10T09:00:00Z", fixture.version, "C9", 0.4, FEATURES));
        fixture.put("incoming/labels.csv", "customer_id,churned\nC9,yes\nC10,no\nC10,yes\n");

        PrepareMonitoringWindow.Result r = new PrepareMonitoringWindow(fixture.blobs, fixture.registry).run(
                new PrepareMonitoringWindow.Command("mon-labels", MonitoringFixture.MODEL, "champion", MonitoringFixture.DATE, 1,
                        null, "incoming/labels.csv", null));

        assertEquals("incoming/labels.csv", r.labelsKey());
        assertEquals(2, r.labelledRows(), "two customers, one labelled twice");
        assertFalse(r.labelsObserved(), "captured scores wait out the label horizon");
    }
}
