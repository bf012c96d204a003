package dev.churnops.core.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.model.SyntheticCustomers;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.pipeline.DatasetManifest;
import dev.churnops.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListScoringPartitionsTest {

    private final BatchFixture fixture = new BatchFixture();

    @Test
    void cutsTheNewestValidatedFileIntoRowRangesOfAtMostPartitionRows() {
        fixture.ingest("2026-11-30", SyntheticCustomers.csv(300, 41));
        fixture.trainChampion("train-1");
        String newest = fixture.ingest("2026-12-01", SyntheticCustomers.csv(300, 42, 1001));

        ListScoringPartitions.Result listing = fixture.list("batch-1", null, 128);

        assertEquals(newest, listing.validatedKey());
        assertEquals(300, listing.rows());
        assertEquals(List.of(new ListScoringPartitions.Partition(0, 0, 128), new ListScoringPartitions.Partition(1, 128, 256),
                new ListScoringPartitions.Partition(2, 256, 300)), listing.partitions());
        assertEquals("scores/2026-12-01/batch-1/", listing.scoresPrefix());
        assertEquals("2026-12-01", listing.date());
        DatasetManifest manifest = Json.read(fixture.blobs.get(BlobLayout.manifestOf(newest)), DatasetManifest.class, "m");
        assertEquals(manifest.rawSha256(), listing.dataFingerprint());
    }

    @Test
    void aFileThatDividesEvenlyHasNoEmptyLastPartition() {
        String key = fixture.ingest("2026-12-01", SyntheticCustomers.csv(300, 41));
        fixture.trainChampion("train-1");

        assertEquals(List.of(new ListScoringPartitions.Partition(0, 0, 150), new ListScoringPartitions.Partition(1, 150, 300)),
                fixture.list("batch-1", key, 150).partitions());
        assertEquals(1, fixture.list("batch-2", key, 50_000).partitions().size());
    }

    @Test
    void pinsTheChampionVersionAtListingTime() {
        fixture.ingest("2026-12-01", SyntheticCustomers.csv(300, 41));
        fixture.trainChampion("train-1");
        ListScoringPartitions.Result first = fixture.list("batch-1", null, 100);
        fixture.trainChampion("train-2");

        assertEquals(1, first.modelVersion());
        assertEquals("churn", first.modelName());
        assertEquals(2, fixture.list("batch-2", null, 100).modelVersion());
    }

    @Test
    void failsNamingTheModelWhenThereIsNoChampion() {
        fixture.ingest("2026-12-01", SyntheticCustomers.csv(300, 41));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fixture.list("batch-1", null, 100));

        assertTrue(e.getMessage().contains("no model 'churn'"), e::getMessage);
    }

    @Test
    void failsNamingTheSourceWhenNothingWasValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fixture.list("batch-1", null, 100));

        assertTrue(e.getMessage().contains("no validated data for source 'customers'"), e::getMessage);
    }

    @Test
    void failsBeforeAnyPartitionRunsWhenTheFileLacksAColumnTheModelReads() {
        fixture.ingest("2026-12-01", SyntheticCustomers.csv(300, 41));
        fixture.trainChampion("train-1");
        String key = fixture.ingestShopWithoutPartner();

        MissingColumnException e = assertThrows(MissingColumnException.class, () -> fixture.list("batch-1", key, 100));

        assertTrue(e.getMessage().contains("'Partner'"), e::getMessage);
        assertTrue(e.getMessage().contains(key), e::getMessage);
    }

    @Test
    void refusesMorePartitionsThanOneRunMayHaveAndSaysWhatSizeWouldDo() {
        String key = fixture.ingest("2026-12-01", SyntheticCustomers.csv(450, 41));
        fixture.trainChampion("train-1");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fixture.list("batch-1", key, 1));

        assertTrue(e.getMessage().contains("450 partitions") && e.getMessage().contains("at least 2 rows"), e::getMessage);
    }

    @Test
    void commandRefusesAPartitionSizeBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new ListScoringPartitions.Command("batch-1", "customers", null, "churn", 0, LocalDate.parse("2026-12-01")));

        assertTrue(e.getMessage().contains("partitionRows is 0"), e::getMessage);
    }

    @Test
    void failsWhenTheFileNoLongerMatchesItsManifest() {
        String key = fixture.ingest("2026-12-01", SyntheticCustomers.csv(300, 41));
        fixture.trainChampion("train-1");
        String text = fixture.blobs.text(key);
        fixture.blobs.put(key, text.substring(0, text.indexOf('\n') + 1).getBytes(StandardCharsets.UTF_8));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> fixture.list("batch-1", key, 100));

        assertTrue(e.getMessage().contains("holds 0 rows but its manifest says 300"), e::getMessage);
    }
}
