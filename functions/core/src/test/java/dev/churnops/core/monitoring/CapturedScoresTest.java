package dev.churnops.core.monitoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.LabeledTable;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapturedScoresTest {

    static final String GOOD = "{\"ts\":\"2026-03-01T10:15:30Z\",\"model\":\"churn\",\"version\":3,\"customerId\":\"C1\","
            + "\"probability\":0.42,\"segment\":\"medium\",\"features\":{\"tenure\":12,\"MonthlyCharges\":70.5,"
            + "\"Contract\":\"One year\",\"Partner\":\"Yes\"}}";

    static CapturedScores parse(String text) {
        return CapturedScores.parse(text.getBytes(StandardCharsets.UTF_8), "part-1.jsonl");
    }

    @Test
    void readsTheLinesTheCaptureWriterWrites() {
        CapturedScores scores = parse(GOOD + "\n" + GOOD.replace("\"C1\"", "null").replace("0.42", "1") + "\n");
        assertEquals(2, scores.lines());
        assertTrue(scores.rejected().isEmpty(), scores.rejected().toString());
        CapturedScore first = scores.scores().get(0);
        assertEquals("C1", first.customerId());
        assertEquals(Instant.parse("2026-03-01T10:15:30Z"), first.scoredAt());
        assertEquals("churn", first.model());
        assertEquals(3, first.version());
        assertEquals("medium", first.segment());
        assertEquals(Map.of("tenure", 12.0, "MonthlyCharges", 70.5, "Contract", "One year", "Partner", "Yes"),
                first.features());
        assertNull(scores.scores().get(1).customerId());
        assertArrayEquals(new double[]{0.42, 1.0}, scores.probabilities());
    }

    @Test
    void rejectsEachBadLineWithItsNumberAndTheFieldAndKeepsTheGoodOnes() {
        String text = String.join("\r\n",
                GOOD,
                "{not json",
                GOOD.replace("\"ts\":\"2026-03-01T10:15:30Z\",", ""),
                GOOD.replace("2026-03-01T10:15:30Z", "yesterday"),
                GOOD.replace("0.42", "1.5"),
                GOOD.replace("0.42", "\"high\""),
                GOOD.replace("\"version\":3", "\"version\":2.5"),
                GOOD.replace("\"model\":\"churn\"", "\"model\":\"\""),
                GOOD.replace("{\"tenure\":12", "{\"tenure\":[12]"),
                "",
                "[1,2]",
                GOOD.replace(",\"features\":{\"tenure\":12,\"MonthlyCharges\":70.5,\"Contract\":\"One year\",\"Partner\":\"Yes\"}", ""),
                GOOD);
        CapturedScores scores = parse(text);
        assertEquals(13, scores.lines());
        assertEquals(2, scores.scores().size());
        List<String> reasons = scores.rejected().stream().map(CapturedScores.RejectedLine::reason).toList();
        assertEquals(11, reasons.size());
        assertEquals(2, scores.rejected().get(0).line());
        assertTrue(reasons.get(0).startsWith("Line 2 of part-1.jsonl is not valid JSON"), reasons.get(0));
        assertTrue(reasons.get(1).contains("has no 'ts'"), reasons.get(1));
        assertTrue(reasons.get(2).contains("'ts' 'yesterday', which is not an instant"), reasons.get(2));
        assertTrue(reasons.get(3).contains("'probability' 1.5: expected a number from 0 to 1"), reasons.get(3));
        assertTrue(reasons.get(4).contains("'probability' as a JSON string"), reasons.get(4));
        assertTrue(reasons.get(5).contains("'version' 2.5"), reasons.get(5));
        assertTrue(reasons.get(6).contains("'model' as a blank string"), reasons.get(6));
        assertTrue(reasons.get(7).contains("feature 'tenure' as a JSON array"), reasons.get(7));
        assertTrue(reasons.get(8).contains("is blank"), reasons.get(8));
        assertTrue(reasons.get(9).contains("is a JSON array: expected a JSON object"), reasons.get(9));
        assertTrue(reasons.get(10).contains("has no 'features'"), reasons.get(10));
    }

    @Test
    void rejectsALineThatIsNotUtf8WithoutSpoilingTheNext() {
        byte[] good = (GOOD + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'{', (byte) 0xC3, (byte) 0x28, '}', '\n'};
        byte[] all = new byte[bad.length + good.length];
        System.arraycopy(bad, 0, all, 0, bad.length);
        System.arraycopy(good, 0, all, bad.length, good.length);
        CapturedScores scores = CapturedScores.parse(new ByteArrayInputStream(all), "mixed.jsonl");
        assertEquals(1, scores.scores().size());
        assertEquals(1, scores.rejected().size());
        assertTrue(scores.rejected().get(0).reason().contains("not valid UTF-8"));
    }

    @Test
    void emptyInputGivesNoScoresAndNoError() {
        CapturedScores scores = parse("");
        assertEquals(0, scores.lines());
        assertTrue(scores.isEmpty());
        assertEquals(0, scores.probabilities().length);
    }

    @Test
    void combinesFilesAndSelectsATimeWindow() {
        CapturedScores a = parse(GOOD);
        CapturedScores b = CapturedScores.parse(GOOD.replace("2026-03-01", "2026-03-09").getBytes(StandardCharsets.UTF_8),
                "part-2.jsonl");
        CapturedScores both = CapturedScores.combine(List.of(a, b));
        assertEquals("part-1.jsonl, part-2.jsonl", both.source());
        assertEquals(2, both.lines());
        assertEquals(1, both.between(Instant.parse("2026-03-08T00:00:00Z"), Instant.parse("2026-03-15T00:00:00Z")).size());
    }

    @Test
    void typesFeaturesByTheBaselineAndCountsWhatDoesNotFit() {
        MonitoringBaseline baseline = MonitoringBaseline.of(DriftData.baseline(400, 7));
        String text = String.join("\n",
                GOOD,
                GOOD.replace("\"tenure\":12", "\"tenure\":\"twelve\"").replace("\"Partner\":\"Yes\"", "\"Partner\":false"),
                GOOD.replace("\"tenure\":12", "\"tenure\":\"7\"").replace("\"One year\"", "\"Ten years\""),
                GOOD.replace("\"tenure\":12,", "\"tenure\":null,\"Loyalty\":\"gold\","),
                GOOD.replace("\"Contract\":\"One year\"", "\"Contract\":3"));
        CapturedFeatures features = parse(text).features(baseline);
        LabeledTable table = features.table();
        assertEquals(5, table.size());
        assertEquals(List.of("tenure", "MonthlyCharges", "Contract", "Partner", "Loyalty"), table.featureNames());
        double[] tenure = table.numeric("tenure");
        assertEquals(12.0, tenure[0]);
        assertTrue(Double.isNaN(tenure[1]));
        assertEquals(7.0, tenure[2]);
        assertTrue(Double.isNaN(tenure[3]));
        assertEquals(new CapturedFeatures.Column("tenure", ColumnType.NUMERIC, true, 3, 2, 1, 0), features.column("tenure"));
        assertArrayEquals(new String[]{"true", "false", "true", "true", "true"}, table.categorical("Partner"));
        assertEquals(new CapturedFeatures.Column("Contract", ColumnType.CATEGORICAL, true, 5, 0, 1, 2),
                features.column("Contract"));
        assertEquals(List.of("Loyalty"), features.extraColumns());
        assertFalse(features.column("Loyalty").inBaseline());
        assertEquals(List.of(), features.missingColumns());

        DriftReport report = new DriftDetector(DriftConfig.defaults()).detect(baseline, table);
        assertTrue(report.violations().violations().stream()
                .anyMatch(v -> v.featureName().equals("Loyalty")), "the extra column is reported by drift");
    }

    @Test
    void aBaselineFeatureNoRecordCarriesIsReportedMissing() {
        MonitoringBaseline baseline = MonitoringBaseline.of(DriftData.baseline(200, 3));
        CapturedFeatures features = parse(GOOD.replace("\"Contract\":\"One year\",", "")).features(baseline);
        assertEquals(List.of("Contract"), features.missingColumns());
        assertFalse(features.table().featureNames().contains("Contract"));
        DriftReport report = new DriftDetector(DriftConfig.defaults()).detect(baseline, features.table());
        assertEquals(FeatureDrift.Status.MISSING_COLUMN, report.feature("Contract").orElseThrow().status());
    }
}
