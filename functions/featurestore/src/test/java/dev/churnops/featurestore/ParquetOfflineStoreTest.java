package dev.churnops.featurestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.features.FeatureBatch;
import dev.churnops.core.features.FeatureSchema;
import dev.churnops.core.features.FeatureSchema.Column;
import dev.churnops.core.features.FeatureSchema.ValueType;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.InMemoryBlobStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParquetOfflineStoreTest {

    static final FeatureSchema SCHEMA = new FeatureSchema("customer_activity", List.of(
            new Column("orders_30d", ValueType.DOUBLE),
            new Column("plan", ValueType.STRING),
            new Column("spend_90d", ValueType.DOUBLE)));

    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final ParquetOfflineStore store = new ParquetOfflineStore(blobs);

    static long t(String instant) {
        return Instant.parse(instant).getEpochSecond();
    }

    /** One row: customer, event time, write time, orders, plan, spend. */
    static void row(FeatureBatch.Builder b, String id, String event, String write, double orders, String plan, double spend) {
        b.row(id, t(event), t(write)).number(0, orders).text(1, plan).number(2, spend);
    }

    @Test
    void writesAndReadsBackEveryValueIncludingMissingOnes() {
        FeatureBatch.Builder b = FeatureBatch.builder(SCHEMA);
        row(b, "c-1", "2026-03-01T10:00:00Z", "2026-03-02T00:00:00Z", 3, "gold", 120.5);
        row(b, "c-2", "2026-03-01T11:30:00Z", "2026-03-02T00:00:00Z", Double.NaN, null, -0.0);
        row(b, "c-3", "2026-03-01T23:59:59Z", "2026-03-02T00:00:00Z", 0, "b\u00e9ta \uD83D\uDE80", Double.MAX_VALUE);
        String key = store.append(b.build(), LocalDate.parse("2026-03-01"));

        assertEquals("features/offline/customer_activity/dt=2026-03-01/part-00000.parquet", key);
        FeatureBatch read = store.readAsOf(SCHEMA, t("2026-03-01T23:59:59Z"), 0, null);
        assertEquals(3, read.size());
        assertEquals("c-1", read.entityId(0));
        assertEquals(t("2026-03-01T10:00:00Z"), read.eventTime(0));
        assertEquals(t("2026-03-02T00:00:00Z"), read.writeTime(0));
        assertEquals(3.0, read.number(0, 0));
        assertEquals("gold", read.text(0, 1));
        assertEquals(120.5, read.number(0, 2));
        assertTrue(Double.isNaN(read.number(1, 0)));
        assertNull(read.text(1, 1));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(read.number(1, 2)));
        assertEquals("b\u00e9ta \uD83D\uDE80", read.text(2, 1));
        assertEquals(Double.MAX_VALUE, read.number(2, 2));
    }

    @Test
    void theSameBatchGivesTheSameBytes() {
        FeatureBatch.Builder b = FeatureBatch.builder(SCHEMA);
        for (int i = 0; i < 500; i++) {
            row(b, "c-" + i, "2026-03-01T10:00:00Z", "2026-03-02T00:00:00Z", i % 7, i % 3 == 0 ? "gold" : "basic", i * 1.5);
        }
        FeatureBatch batch = b.build();

        byte[] first = ParquetOfflineStore.write(batch);
        byte[] second = ParquetOfflineStore.write(batch);

        assertArrayEquals(first, second);
        assertEquals("PAR1", new String(Arrays.copyOf(first, 4), java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void readsEachCustomersLatestRowAsOfAnInstantWithLateWritesAndTies() {
        LocalDate d1 = LocalDate.parse("2026-03-01");
        LocalDate d2 = LocalDate.parse("2026-03-02");
        LocalDate d3 = LocalDate.parse("2026-03-03");
        FeatureBatch.Builder day1 = FeatureBatch.builder(SCHEMA);
        row(day1, "a", "2026-03-01T08:00:00Z", "2026-03-01T09:00:00Z", 1, "basic", 10);
        row(day1, "b", "2026-03-01T08:00:00Z", "2026-03-01T09:00:00Z", 1, "basic", 10);
        row(day1, "old", "2026-03-01T01:00:00Z", "2026-03-01T09:00:00Z", 1, "basic", 10);
        store.append(day1.build(), d1);
        FeatureBatch.Builder day2 = FeatureBatch.builder(SCHEMA);
        row(day2, "a", "2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z", 2, "gold", 20);
        row(day2, "b", "2026-03-02T20:00:00Z", "2026-03-02T21:00:00Z", 2, "gold", 20);
        store.append(day2.build(), d2);
        // Written late (on day 4) for an event of day 2: as of day 3 it counts by its event time.
        FeatureBatch.Builder late = FeatureBatch.builder(SCHEMA);
        row(late, "c", "2026-03-02T09:00:00Z", "2026-03-04T00:00:00Z", 5, "basic", 50);
        // The same event time as a's day-2 row but written later: the later write wins the tie.
        row(late, "a", "2026-03-02T08:00:00Z", "2026-03-04T00:00:00Z", 3, "gold", 30);
        store.append(late.build(), d2);
        FeatureBatch.Builder day3 = FeatureBatch.builder(SCHEMA);
        row(day3, "a", "2026-03-03T12:00:00Z", "2026-03-03T13:00:00Z", 4, "gold", 40);
        store.append(day3.build(), d3);

        FeatureBatch asOf = store.readAsOf(SCHEMA, t("2026-03-02T12:00:00Z"), 1, null);

        assertEquals(List.of("a", "b", "c", "old"), ids(asOf));
        assertEquals(3.0, asOf.number(0, 0), "a: the late write of the same event time");
        assertEquals(t("2026-03-04T00:00:00Z"), asOf.writeTime(0));
        assertEquals(1.0, asOf.number(1, 0), "b: its day-2 row is after the as-of instant");
        assertEquals(5.0, asOf.number(2, 0));
        assertEquals(1.0, asOf.number(3, 0));

        // With no days back only the as-of day's partition counts: old's and b's rows of day 1 do not.
        FeatureBatch sameDay = store.readAsOf(SCHEMA, t("2026-03-02T12:00:00Z"), 0, Set.of("old", "a", "b", "nobody"));
        assertEquals(List.of("a"), ids(sameDay));
        assertEquals(3.0, sameDay.number(0, 0));

        FeatureBatch later = store.readAsOf(SCHEMA, t("2026-03-03T12:00:00Z"), 2, List.of("a", "b"));
        assertEquals(List.of("a", "b"), ids(later));
        assertEquals(4.0, later.number(0, 0));
        assertEquals(2.0, later.number(1, 0));
    }

    private static List<String> ids(FeatureBatch batch) {
        return java.util.stream.IntStream.range(0, batch.size()).mapToObj(batch::entityId).toList();
    }

    @Test
    void appendsNeverOverwriteAFileAnotherWriterClaimedFirst() {
        LocalDate day = LocalDate.parse("2026-03-01");
        FeatureBatch.Builder b = FeatureBatch.builder(SCHEMA);
        row(b, "a", "2026-03-01T08:00:00Z", "2026-03-01T09:00:00Z", 1, "basic", 10);
        FeatureBatch batch = b.build();
        byte[] theirs = "another writer's file".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // A store where another writer claims part-00001 between this writer's listing and its write.
        BlobStore racing = new RacingBlobStore(blobs, ParquetOfflineStore.partKey("customer_activity", day, 1), theirs);
        ParquetOfflineStore racer = new ParquetOfflineStore(racing);

        String first = racer.append(batch, day);
        String second = racer.append(batch, day);

        assertEquals(ParquetOfflineStore.partKey("customer_activity", day, 0), first);
        assertEquals(ParquetOfflineStore.partKey("customer_activity", day, 2), second);
        assertArrayEquals(theirs, blobs.get(ParquetOfflineStore.partKey("customer_activity", day, 1)));
        assertEquals(3, blobs.list("features/offline/customer_activity/").size());
    }

    /** Lets another writer put {@code key} just before this one's first conditional write of it. */
    private static final class RacingBlobStore implements BlobStore {
        private final InMemoryBlobStore inner;
        private final String key;
        private final byte[] theirs;

        RacingBlobStore(InMemoryBlobStore inner, String key, byte[] theirs) {
            this.inner = inner;
            this.key = key;
            this.theirs = theirs;
        }

        @Override
        public boolean putIfAbsent(String k, byte[] content) {
            if (k.equals(key)) {
                inner.putIfAbsent(key, theirs);
            }
            return inner.putIfAbsent(k, content);
        }

        @Override
        public void put(String k, byte[] content) {
            inner.put(k, content);
        }

        @Override
        public Optional<byte[]> find(String k) {
            return inner.find(k);
        }

        @Override
        public boolean exists(String k) {
            return inner.exists(k);
        }

        @Override
        public void delete(String key) {
            inner.delete(key);
        }

        @Override
        public List<String> list(String prefix) {
            return inner.list(prefix);
        }
    }

    @Test
    void refusesRowsOutsideThePartitionDate() {
        FeatureBatch.Builder b = FeatureBatch.builder(SCHEMA);
        row(b, "a", "2026-03-02T00:00:00Z", "2026-03-02T09:00:00Z", 1, "basic", 10);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.append(b.build(), LocalDate.parse("2026-03-01")));

        assertTrue(e.getMessage().contains("customer 'a'") && e.getMessage().contains("2026-03-02T00:00:00Z")
                && e.getMessage().contains("dt=2026-03-01"), e::getMessage);
        assertTrue(blobs.list("features/").isEmpty());
    }

    @Test
    void aFileWithOtherColumnsFailsNamingTheFileAndTheColumn() {
        FeatureBatch.Builder b = FeatureBatch.builder(SCHEMA);
        row(b, "a", "2026-03-01T08:00:00Z", "2026-03-01T09:00:00Z", 1, "basic", 10);
        String key = store.append(b.build(), LocalDate.parse("2026-03-01"));
        FeatureSchema retyped = new FeatureSchema("customer_activity", List.of(
                new Column("orders_30d", ValueType.DOUBLE), new Column("plan", ValueType.DOUBLE),
                new Column("spend_90d", ValueType.DOUBLE)));
        FeatureSchema renamed = new FeatureSchema("customer_activity", List.of(
                new Column("orders_30d", ValueType.DOUBLE), new Column("plan", ValueType.STRING),
                new Column("spend_60d", ValueType.DOUBLE)));

        OfflineFeatureFileException typed = assertThrows(OfflineFeatureFileException.class,
                () -> store.readAsOf(retyped, t("2026-03-01T12:00:00Z"), 0, null));
        OfflineFeatureFileException named = assertThrows(OfflineFeatureFileException.class,
                () -> store.readAsOf(renamed, t("2026-03-01T12:00:00Z"), 0, null));

        assertTrue(typed.getMessage().contains("'" + key + "'") && typed.getMessage().contains("column 'plan'"),
                typed::getMessage);
        assertTrue(named.getMessage().contains("'" + key + "'") && named.getMessage().contains("'spend_60d'"),
                named::getMessage);
    }

    @Test
    void aCorruptFileFailsNamingItsKey() {
        FeatureBatch.Builder b = FeatureBatch.builder(SCHEMA);
        row(b, "a", "2026-03-01T08:00:00Z", "2026-03-01T09:00:00Z", 1, "basic", 10);
        byte[] good = ParquetOfflineStore.write(b.build());
        String cut = ParquetOfflineStore.partKey("customer_activity", LocalDate.parse("2026-03-01"), 0);
        blobs.put(cut, Arrays.copyOf(good, good.length / 2));
        String garbled = ParquetOfflineStore.partKey("customer_activity", LocalDate.parse("2026-03-02"), 0);
        byte[] flipped = good.clone();
        for (int i = 4; i < flipped.length - 8; i++) {
            flipped[i] ^= 0x5a;
        }
        blobs.put(garbled, flipped);

        OfflineFeatureFileException a = assertThrows(OfflineFeatureFileException.class,
                () -> store.readAsOf(SCHEMA, t("2026-03-01T12:00:00Z"), 0, null));
        OfflineFeatureFileException c = assertThrows(OfflineFeatureFileException.class,
                () -> store.readAsOf(SCHEMA, t("2026-03-02T12:00:00Z"), 0, null));

        assertTrue(a.getMessage().contains("'" + cut + "'"), a::getMessage);
        assertTrue(c.getMessage().contains("'" + garbled + "'"), c::getMessage);
    }

    @Test
    void runsWithNoHadoopClassOnTheClassPath() {
        // Everything above ran with this class path; this pins that Hadoop is not on it.
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.hadoop.conf.Configuration"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.hadoop.fs.Path"));
        FeatureBatch.Builder b = FeatureBatch.builder(SCHEMA);
        row(b, "a", "2026-03-01T08:00:00Z", "2026-03-01T09:00:00Z", 1, "basic", 10);
        byte[] file = ParquetOfflineStore.write(b.build());
        int[] rows = {0};
        ParquetOfflineStore.read("k", file, SCHEMA, (id, event, write, values) -> rows[0]++);
        assertEquals(1, rows[0]);
    }
}
