package dev.churnops.core.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvRecord;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.model.SyntheticCustomers;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.pipeline.ValidateData;
import dev.churnops.core.quality.KnownCustomers;
import dev.churnops.core.registry.ModelCard;
import dev.churnops.core.scoring.ServingModel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScorePartitionTest {

    private final BatchFixture fixture = new BatchFixture();

    @BeforeEach
    void champion() {
        fixture.ingest("2026-11-30", SyntheticCustomers.csv(300, 41));
        fixture.trainChampion("train-1");
    }

    private List<CsvRecord> records(String key) {
        return CsvReader.read(fixture.blobs.get(key), key).records();
    }

    private List<ScorePartition.Result> scoreAll(String execution, ListScoringPartitions.Result listing) {
        List<ScorePartition.Result> results = new ArrayList<>();
        for (ListScoringPartitions.Partition p : listing.partitions()) {
            results.add(fixture.score(execution, listing, p));
        }
        return results;
    }

    @Test
    void scoresEveryRowOfTheFileExactlyOnceAcrossPartitions() {
        String key = fixture.ingest("2026-12-01", SyntheticCustomers.csv(250, 42, 1001));
        ListScoringPartitions.Result listing = fixture.list("batch-1", key, 64);

        List<ScorePartition.Result> results = scoreAll("batch-1", listing);

        Set<String> ids = new HashSet<>();
        int scored = 0;
        for (ScorePartition.Result r : results) {
            assertEquals(r.end() - r.start(), r.rowsIn());
            assertEquals(r.rowsIn(), r.scored() + r.rejected());
            assertEquals("scores/2026-12-01/batch-1/part-0000" + r.index() + ".csv", r.scoresKey());
            for (CsvRecord rec : records(r.scoresKey())) {
                assertTrue(ids.add(rec.fields().get(0)), "scored twice: " + rec.fields().get(0));
                scored++;
            }
        }
        assertEquals(250, scored);
        Set<String> expected = new HashSet<>();
        records(key).forEach(rec -> expected.add(rec.fields().get(0)));
        assertEquals(expected, ids);
    }

    @Test
    void writesTheServingModelsProbabilityAndTheSegmentOfTheCardsCutOffs() {
        String key = fixture.ingest("2026-12-01", SyntheticCustomers.csv(100, 42, 1001));
        ListScoringPartitions.Result listing = fixture.list("batch-1", key, 1000);
        ScorePartition.Result result = fixture.score("batch-1", listing, listing.partitions().get(0));
        ServingModel model = fixture.model(1);
        ModelCard.RiskSegments cuts = model.card().riskSegments();

        Map<String, List<String>> validated = new HashMap<>();
        for (CsvRecord rec : records(key)) {
            validated.put(rec.fields().get(0), rec.fields());
        }
        int high = 0;
        for (CsvRecord rec : records(result.scoresKey())) {
            List<String> row = validated.get(rec.fields().get(0));
            // customerID,tenure,MonthlyCharges,Contract,Partner,PaymentMethod,Churn — built by hand here.
            Map<String, Object> features = new HashMap<>();
            features.put("tenure", row.get(1).isEmpty() ? null : Double.parseDouble(row.get(1)));
            features.put("MonthlyCharges", Double.parseDouble(row.get(2)));
            features.put("Contract", row.get(3).isEmpty() ? null : row.get(3));
            features.put("Partner", Boolean.parseBoolean(row.get(4)));
            features.put("PaymentMethod", row.get(5));
            double p = model.score(rec.fields().get(0), features).probability();

            assertEquals(p, Double.parseDouble(rec.fields().get(1)), 0.0, rec.raw());
            assertEquals(cuts.segment(p), rec.fields().get(2), rec.raw());
            assertEquals("1", rec.fields().get(3));
            high += rec.fields().get(2).equals("high") ? 1 : 0;
        }
        assertEquals(high, result.highRisk());
        assertNull(result.rejectedKey(), "nothing was rejected");
    }

    @Test
    void writesRowsTheModelCannotTakeToARejectedFileWithReasonsAndLineNumbers() {
        String csv = SyntheticCustomers.csv(200, 42, 1001).replace(",Two year,", ",Three year,");
        String key = fixture.ingest("2026-12-01", csv);
        int threeYear = (int) records(key).stream().filter(r -> r.fields().get(3).equals("Three year")).count();
        assertTrue(threeYear > 10, "the fixture needs rows with an unseen category");
        ListScoringPartitions.Result listing = fixture.list("batch-1", key, 80);

        List<ScorePartition.Result> results = scoreAll("batch-1", listing);

        int rejected = results.stream().mapToInt(ScorePartition.Result::rejected).sum();
        int scored = results.stream().mapToInt(ScorePartition.Result::scored).sum();
        assertEquals(threeYear, rejected);
        assertEquals(200, scored + rejected);
        List<CsvRecord> validated = records(key);
        for (ScorePartition.Result r : results) {
            if (r.rejected() == 0) {
                assertNull(r.rejectedKey());
                continue;
            }
            List<CsvRecord> lines = records(r.rejectedKey());
            List<CsvRecord> reasons = records(r.reasonsKey());
            assertEquals(r.rejected(), lines.size());
            assertEquals(r.rejected(), reasons.size());
            for (int i = 0; i < lines.size(); i++) {
                long line = Long.parseLong(reasons.get(i).fields().get(0));
                CsvRecord original = validated.stream().filter(v -> v.lineNumber() == line).findFirst().orElseThrow();
                assertEquals(original.raw(), lines.get(i).raw(), "the rejected line is the validated file's line " + line);
                String reason = reasons.get(i).fields().get(1);
                assertTrue(reason.contains("column 'Contract'") && reason.contains("Three year"), reason);
            }
        }
    }

    @Test
    void scoresWithThePinnedVersionEvenAfterTheChampionChanges() {
        String key = fixture.ingest("2026-12-01", SyntheticCustomers.csv(100, 42, 1001));
        ListScoringPartitions.Result listing = fixture.list("batch-1", key, 50);
        fixture.trainChampion("train-2");

        ScorePartition.Result result = fixture.score("batch-1", listing, listing.partitions().get(1));

        assertTrue(records(result.scoresKey()).stream().allMatch(r -> r.fields().get(3).equals("1")));
    }

    @Test
    void failsNamingTheColumnWhenTheFileLacksOneTheModelReads() {
        String key = fixture.ingestShopWithoutPartner();

        MissingColumnException e = assertThrows(MissingColumnException.class, () -> new ScorePartition(fixture.blobs,
                fixture.registry).run(new ScorePartition.Command("batch-1", key, "churn", 1, BatchFixture.DATE, 0, 0, 50)));

        assertTrue(e.getMessage().contains("'Partner'"), e::getMessage);
        assertEquals(List.of(), fixture.blobs.list("scores/"), "a failed partition writes nothing");
    }

    @Test
    void failsWhenItsRangeIsBeyondTheFile() {
        String key = fixture.ingest("2026-12-01", SyntheticCustomers.csv(100, 42, 1001));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ScorePartition(fixture.blobs,
                fixture.registry).run(new ScorePartition.Command("batch-1", key, "churn", 1, BatchFixture.DATE, 3, 90, 120)));

        assertTrue(e.getMessage().contains("only 100 rows"), e::getMessage);
    }

    @Test
    void withoutAnIdColumnNamesEachCustomerByItsLineInTheValidatedFile() {
        fixture.blobs.put(BlobLayout.datasetConfig("anonymous"), DatasetSpec.builder().name("anonymous")
                .labelColumn("Churn").positiveLabel("Yes").ignore("customerID").build().toJson());
        String raw = BlobLayout.raw("anonymous", BatchFixture.DATE, "customers.csv");
        fixture.blobs.put(raw, SyntheticCustomers.csv(90, 42, 1001).getBytes(StandardCharsets.UTF_8));
        String key = new ValidateData(fixture.blobs, KnownCustomers.NOBODY, Clock.systemUTC()).run(new ValidateData.Command(raw, "ingest-anonymous")).validatedKey();
        ListScoringPartitions.Result listing = fixture.list("batch-1", key, 40);

        List<String> ids = new ArrayList<>();
        for (ScorePartition.Result r : scoreAll("batch-1", listing)) {
            records(r.scoresKey()).forEach(rec -> ids.add(rec.fields().get(0)));
        }

        assertEquals(records(key).stream().map(rec -> "line-" + rec.lineNumber()).toList(), ids);
    }
}
