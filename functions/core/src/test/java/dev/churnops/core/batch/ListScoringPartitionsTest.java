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

    @Test
    void commandTakesAFeatureViewOrAValidatedFileNotBoth() {
        LocalDate day = LocalDate.parse("2026-12-01");
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> new ListScoringPartitions.Command(
                "batch-1", null, "validated/customers/dt=2026-12-01/a.csv", "customer_behaviour", 90, "churn", 100, day));
        IllegalArgumentException badName = assertThrows(IllegalArgumentException.class, () -> new ListScoringPartitions.Command(
                "batch-1", null, null, "../features", 90, "churn", 100, day));
        IllegalArgumentException badDays = assertThrows(IllegalArgumentException.class, () -> new ListScoringPartitions.Command(
                "batch-1", null, null, "customer_behaviour", 0, "churn", 100, day));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> new ListScoringPartitions.Command(
                "batch-1", null, null, null, 90, "churn", 100, day));

        assertTrue(both.getMessage().contains("give one of them"), both::getMessage);
        assertTrue(badName.getMessage().contains("featureView is '../features': expected the name of a feature view"),
                badName::getMessage);
        assertTrue(badDays.getMessage().contains("activityDays is 0"), badDays::getMessage);
        assertTrue(none.getMessage().contains("one of 'validatedKey', 'source' or 'featureView' is required"), none::getMessage);
    }

    @Test
    void aFeatureViewWithoutAnOfflineStoreOrItsFeaturesOrBeforeItsFirstDayFailsSayingWhich() {
        fixture.ingest("2026-12-01", SyntheticCustomers.csv(300, 41));
        fixture.trainChampion("train-1");
        var store = new dev.churnops.core.features.InMemoryOfflineFeatureStore();
        var features = dev.churnops.core.features.FeatureRegistry.builtIn();
        ListScoringPartitions.Command command = new ListScoringPartitions.Command("batch-1", null, null, "customer_behaviour",
                90, "churn", 100, LocalDate.parse("2026-01-15"));

        IllegalStateException noStore = assertThrows(IllegalStateException.class,
                () -> new ListScoringPartitions(fixture.blobs, fixture.registry).run(command));
        IllegalArgumentException noFeatures = assertThrows(IllegalArgumentException.class,
                () -> new ListScoringPartitions(fixture.blobs, fixture.registry, store, features).run(command));
        fixture.blobs.put(BlobLayout.offlineFeatures("customer_behaviour") + "dt=2026-02-01/part-00000.parquet", new byte[] {1});
        IllegalArgumentException early = assertThrows(IllegalArgumentException.class,
                () -> new ListScoringPartitions(fixture.blobs, fixture.registry, store, features).run(command));

        assertTrue(noStore.getMessage().contains("no offline feature store is configured"), noStore::getMessage);
        assertTrue(noFeatures.getMessage().contains("no features of view 'customer_behaviour' under features/offline/"),
                noFeatures::getMessage);
        assertTrue(early.getMessage().contains("date 2026-01-15 is before the first materialized day of view"
                + " 'customer_behaviour' (2026-02-01)"), early::getMessage);
    }
}
