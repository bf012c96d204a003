package dev.churnops.core.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvRecord;
import dev.churnops.core.json.Json;
import dev.churnops.core.model.SyntheticCustomers;
import dev.churnops.core.port.InMemoryBlobStore;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummarizeScoresTest {

    private static final LocalDate DATE = LocalDate.parse("2026-12-01");

    private final InMemoryBlobStore blobs = new InMemoryBlobStore();

    /** Writes a part file of (id, probability, segment) rows and returns the result its partition would report. */
    private ScorePartition.Result part(int index, int start, int rejected, String... rows) {
        StringBuilder csv = new StringBuilder("customer_id,probability,segment,model_version\n");
        int high = 0;
        for (String row : rows) {
            csv.append(row).append(",3\n");
            high += row.endsWith(",high") ? 1 : 0;
        }
        String key = ScoreKeys.part(DATE, "batch-1", index);
        blobs.put(key, csv.toString().getBytes(StandardCharsets.UTF_8));
        String rejectedKey = null;
        if (rejected > 0) {
            rejectedKey = ScoreKeys.rejected(DATE, "batch-1", index);
            blobs.put(rejectedKey, "header\n".getBytes(StandardCharsets.UTF_8));
        }
        int in = rows.length + rejected;
        return new ScorePartition.Result(index, start, start + in, in, rows.length, rejected, high, key, rejectedKey,
                rejectedKey == null ? null : ScoreKeys.reasons(DATE, "batch-1", index));
    }

    private SummarizeScores.Result summarize(int rows, List<ScorePartition.Result> parts) {
        return new SummarizeScores(blobs).run(new SummarizeScores.Command("batch-1", DATE, "churn", 3,
                "validated/customers/dt=2026-12-01/customers.csv", "abc123", "git-1", rows, parts));
    }

    @Test
    void writesHighRiskSortedByProbabilityDescendingThenIdAndCountsSegments() {
        List<ScorePartition.Result> parts = List.of(
                part(0, 0, 0, "c9,0.9,high", "c1,0.2,low", "c5,0.7,high"),
                part(1, 3, 1, "c4,0.9,high", "c2,0.4,medium", "c3,0.95,high"));

        SummarizeScores.Result result = summarize(7, parts);

        List<String> ids = CsvReader.read(blobs.get(result.highRiskKey()), "high-risk").records().stream()
                .map(r -> r.fields().get(0)).toList();
        assertEquals(List.of("c3", "c4", "c9", "c5"), ids);
        assertEquals(Map.of("high", 4, "medium", 1, "low", 1), result.segments());
        assertEquals(7, result.rowsIn());
        assertEquals(6, result.scored());
        assertEquals(1, result.rejected());
        assertEquals(4, result.highRisk());
        assertEquals(new SummarizeScores.TopCustomer("c3", 0.95, "high"), result.top().get(0));
        assertEquals("scores/2026-12-01/batch-1/high-risk.csv", result.highRiskKey());
        JsonNode summary = Json.tree(blobs.get(result.summaryKey()), "summary");
        assertEquals("scores/2026-12-01/batch-1/_SUMMARY.json", result.summaryKey());
        assertEquals(7, summary.at("/rows/in").asInt());
        assertEquals(6, summary.at("/rows/scored").asInt());
        assertEquals(1, summary.at("/rows/rejected").asInt());
        assertEquals("abc123", summary.at("/data/fingerprint").asText());
        assertEquals(3, summary.at("/model/version").asInt());
        assertEquals(2, summary.path("partitions").size());
    }

    @Test
    void listsAtMostFiftyHighRiskCustomersInline() {
        String[] rows = new String[120];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = String.format(Locale.ROOT, "c%03d,0.%03d,high", i, 500 + i);
        }

        SummarizeScores.Result result = summarize(120, List.of(part(0, 0, 0, rows)));

        assertEquals(SummarizeScores.TOP, result.top().size());
        assertEquals("c119", result.top().get(0).customerId());
        assertEquals(120, result.highRisk());
    }

    @Test
    void keepsTheInlineListSmallWhenIdsAreAbsurdlyLong() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add("x".repeat(5000) + i + ",0.9,high");
        }

        SummarizeScores.Result result = summarize(50, List.of(part(0, 0, 0, rows.toArray(String[]::new))));

        assertTrue(result.top().size() < 50 && !result.top().isEmpty(), () -> "inline: " + result.top().size());
        assertTrue(Json.write(result.top()).length < 100_000);
    }

    @Test
    void refusesPartitionsThatDoNotCoverEveryRow() {
        List<ScorePartition.Result> parts = List.of(part(0, 0, 0, "c1,0.2,low"), part(2, 2, 0, "c3,0.2,low"));

        RowsNotConservedException e = assertThrows(RowsNotConservedException.class, () -> summarize(3, parts));

        assertTrue(e.getMessage().contains("partition 1 is missing"), e::getMessage);
    }

    @Test
    void refusesWhenThePartitionsCoverFewerRowsThanTheFileHas() {
        RowsNotConservedException e = assertThrows(RowsNotConservedException.class,
                () -> summarize(5, List.of(part(0, 0, 0, "c1,0.2,low"))));

        assertTrue(e.getMessage().contains("a file of 5 rows"), e::getMessage);
    }

    @Test
    void refusesAPartFileHoldingOtherThanTheReportedScores() {
        ScorePartition.Result honest = part(0, 0, 0, "c1,0.2,low", "c2,0.3,low");
        ScorePartition.Result inflated = new ScorePartition.Result(0, 0, 3, 3, 3, 0, 0, honest.scoresKey(), null, null);

        RowsNotConservedException e = assertThrows(RowsNotConservedException.class, () -> summarize(3, List.of(inflated)));

        assertTrue(e.getMessage().contains("holds 2 scores"), e::getMessage);
    }

    @Test
    void summarizesRealPartitionsOfAScoredFile() {
        BatchFixture fixture = new BatchFixture();
        fixture.ingest("2026-11-30", SyntheticCustomers.csv(300, 41));
        fixture.trainChampion("train-1");
        String key = fixture.ingest("2026-12-01", SyntheticCustomers.csv(230, 42, 1001));
        ListScoringPartitions.Result listing = fixture.list("batch-9", key, 100);
        List<ScorePartition.Result> parts = new ArrayList<>();
        listing.partitions().forEach(p -> parts.add(fixture.score("batch-9", listing, p)));

        SummarizeScores.Result result = new SummarizeScores(fixture.blobs).run(new SummarizeScores.Command("batch-9",
                BatchFixture.DATE, listing.modelName(), listing.modelVersion(), key, listing.dataFingerprint(), "git-1",
                listing.rows(), parts));

        assertEquals(230, result.scored() + result.rejected());
        assertEquals(result.scored(), result.segments().values().stream().mapToInt(Integer::intValue).sum());
        double cut = fixture.model(1).card().riskSegments().high();
        List<CsvRecord> high = CsvReader.read(fixture.blobs.get(result.highRiskKey()), "h").records();
        assertEquals(result.highRisk(), high.size());
        assertTrue(high.stream().allMatch(r -> Double.parseDouble(r.fields().get(1)) >= cut));
    }
}
