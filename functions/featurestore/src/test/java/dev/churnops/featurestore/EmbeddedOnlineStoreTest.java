package dev.churnops.featurestore;

import static dev.churnops.featurestore.ParquetOfflineStoreTest.SCHEMA;
import static dev.churnops.featurestore.ParquetOfflineStoreTest.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.features.FeatureBatch;
import dev.churnops.core.features.FeatureSchema;
import dev.churnops.core.port.InMemoryBlobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmbeddedOnlineStoreTest {

    private final InMemoryBlobStore blobs = new InMemoryBlobStore();

    private static FeatureBatch batch(Object[]... rows) {
        FeatureBatch.Builder b = FeatureBatch.builder(SCHEMA);
        for (Object[] r : rows) {
            row(b, (String) r[0], (String) r[1], (String) r[2], (Double) r[3], (String) r[4], (Double) r[5]);
        }
        return b.build();
    }

    private static Object[] r(String id, String event, String write, double orders, String plan, double spend) {
        return new Object[] {id, event, write, orders, plan, spend};
    }

    @Test
    void getsTheLatestRowOfACustomerWithMissingValuesAsNull() {
        EmbeddedOnlineStore store = EmbeddedOnlineStore.open(blobs, SCHEMA);

        store.put(batch(r("c-1", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", 3, "gold", 12.5),
                r("c-2", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", Double.NaN, null, 1)));

        Map<String, Object> c1 = store.get("c-1").orElseThrow();
        assertEquals(List.of("orders_30d", "plan", "spend_90d"), List.copyOf(c1.keySet()));
        assertEquals(3.0, c1.get("orders_30d"));
        assertEquals("gold", c1.get("plan"));
        assertEquals(12.5, c1.get("spend_90d"));
        Map<String, Object> c2 = store.get("c-2").orElseThrow();
        assertNull(c2.get("orders_30d"));
        assertNull(c2.get("plan"));
        assertEquals(Optional.empty(), store.get("c-3"));
        assertEquals(Optional.of(c1), store.latest("c-1"));
    }

    @Test
    void aLateArrivingOlderRowDoesNotOverwriteANewerOne() {
        EmbeddedOnlineStore store = EmbeddedOnlineStore.open(blobs, SCHEMA);
        store.put(batch(r("c-1", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z", 5, "gold", 50)));

        store.put(batch(r("c-1", "2026-03-01T10:00:00Z", "2026-03-03T00:00:00Z", 1, "basic", 10)));
        assertEquals(5.0, store.get("c-1").orElseThrow().get("orders_30d"));

        store.put(batch(r("c-1", "2026-03-02T10:00:00Z", "2026-03-03T00:00:00Z", 6, "gold", 60)));
        assertEquals(6.0, store.get("c-1").orElseThrow().get("orders_30d"), "same event time, later write");

        store.put(batch(r("c-1", "2026-03-04T10:00:00Z", "2026-03-04T11:00:00Z", 7, null, 70)));
        assertEquals(7.0, store.get("c-1").orElseThrow().get("orders_30d"));
        assertNull(store.get("c-1").orElseThrow().get("plan"));
    }

    @Test
    void getAllLeavesOutUnknownCustomersAndKeepsTheAskedOrder() {
        EmbeddedOnlineStore store = EmbeddedOnlineStore.open(blobs, SCHEMA);
        store.put(batch(r("a", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", 1, "x", 1),
                r("b", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", 2, "y", 2)));

        Map<String, Map<String, Object>> all = store.getAll(List.of("b", "nobody", "a"));

        assertEquals(List.of("b", "a"), List.copyOf(all.keySet()));
        assertEquals(2.0, all.get("b").get("orders_30d"));
    }

    @Test
    void holdsManyCustomersThroughIndexGrowth() {
        EmbeddedOnlineStore store = EmbeddedOnlineStore.open(blobs, SCHEMA);
        FeatureBatch.Builder b = FeatureBatch.builder(SCHEMA);
        for (int i = 0; i < 20_000; i++) {
            row(b, "cust-" + i, "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", i, "p" + (i % 5), -i);
        }
        store.put(b.build());

        assertEquals(20_000, store.size());
        for (int i = 0; i < 20_000; i += 997) {
            Map<String, Object> v = store.get("cust-" + i).orElseThrow();
            assertEquals((double) i, v.get("orders_30d"));
            assertEquals("p" + (i % 5), v.get("plan"));
        }
        assertFalse(store.get("cust-20000").isPresent());
    }

    @Test
    void anotherProcessOpensTheSameRowsAndRefreshPicksUpLaterPuts() {
        EmbeddedOnlineStore writer = EmbeddedOnlineStore.open(blobs, SCHEMA);
        writer.put(batch(r("a", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", 1, "x", 1)));

        EmbeddedOnlineStore reader = EmbeddedOnlineStore.open(blobs, SCHEMA);
        assertEquals(1.0, reader.get("a").orElseThrow().get("orders_30d"));

        writer.put(batch(r("a", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z", 2, "x", 2),
                r("b", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z", 3, "y", 3)));
        assertEquals(1.0, reader.get("a").orElseThrow().get("orders_30d"), "not seen before a refresh");

        assertEquals(1, reader.refresh());
        assertEquals(2.0, reader.get("a").orElseThrow().get("orders_30d"));
        assertEquals(3.0, reader.get("b").orElseThrow().get("orders_30d"));
        assertEquals(0, reader.refresh());
    }

    @Test
    void compactWritesOneBaseDeletesTheSegmentsAndReopensTheSame() {
        EmbeddedOnlineStore store = EmbeddedOnlineStore.open(blobs, SCHEMA);
        store.put(batch(r("b", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", 1, "x", 1)));
        store.put(batch(r("a", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", 2, null, 2)));
        EmbeddedOnlineStore other = EmbeddedOnlineStore.open(blobs, SCHEMA);

        String base = store.compact();

        assertEquals(List.of(base), blobs.list("features/online/customer_activity/"));
        assertEquals("features/online/customer_activity/base-0000000001-upto-0000000002.bin", base);
        EmbeddedOnlineStore reopened = EmbeddedOnlineStore.open(blobs, SCHEMA);
        assertEquals(store.getAll(List.of("a", "b")), reopened.getAll(List.of("a", "b")));

        // A put after the compaction takes a segment number after the ones the base includes.
        store.put(batch(r("c", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", 3, "z", 3)));
        assertTrue(blobs.exists(EmbeddedOnlineStore.segmentKey("customer_activity", 3)), blobs.keys()::toString);
        // The other process, opened before the compaction, reloads from the new base.
        other.refresh();
        assertEquals(3, other.size());
        assertEquals(3.0, other.get("c").orElseThrow().get("orders_30d"));
    }

    @Test
    void theSameRowsGiveTheSameBaseWhateverTheirOrder() {
        InMemoryBlobStore first = new InMemoryBlobStore();
        InMemoryBlobStore second = new InMemoryBlobStore();
        EmbeddedOnlineStore one = EmbeddedOnlineStore.open(first, SCHEMA);
        one.put(batch(r("a", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", 1, "x", 1)));
        one.put(batch(r("b", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", 2, "y", 2)));
        EmbeddedOnlineStore two = EmbeddedOnlineStore.open(second, SCHEMA);
        two.put(batch(r("b", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", 2, "y", 2)));
        two.put(batch(r("a", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", 1, "x", 1)));

        String k1 = one.compact();
        String k2 = two.compact();

        assertArrayEquals(first.get(k1), second.get(k2));
    }

    @Test
    void aDamagedSegmentFailsNamingItsKey() {
        EmbeddedOnlineStore store = EmbeddedOnlineStore.open(blobs, SCHEMA);
        store.put(batch(r("a", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", 1, "x", 1)));
        String key = EmbeddedOnlineStore.segmentKey("customer_activity", 1);
        byte[] bytes = blobs.get(key);
        bytes[bytes.length / 2] ^= 1;
        blobs.put(key, bytes);

        OnlineStoreFileException flipped = assertThrows(OnlineStoreFileException.class,
                () -> EmbeddedOnlineStore.open(blobs, SCHEMA));
        blobs.put(key, java.util.Arrays.copyOf(bytes, 7));
        OnlineStoreFileException cut = assertThrows(OnlineStoreFileException.class,
                () -> EmbeddedOnlineStore.open(blobs, SCHEMA));

        assertTrue(flipped.getMessage().contains("'" + key + "'") && flipped.getMessage().contains("CRC-32"),
                flipped::getMessage);
        assertTrue(cut.getMessage().contains("'" + key + "'"), cut::getMessage);
    }

    @Test
    void filesOfOtherColumnsFailNamingTheKeyAndTheColumn() {
        EmbeddedOnlineStore.open(blobs, SCHEMA)
                .put(batch(r("a", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", 1, "x", 1)));
        FeatureSchema other = new FeatureSchema("customer_activity", List.of(
                new FeatureSchema.Column("orders_30d", FeatureSchema.ValueType.DOUBLE),
                new FeatureSchema.Column("plan", FeatureSchema.ValueType.DOUBLE),
                new FeatureSchema.Column("spend_90d", FeatureSchema.ValueType.DOUBLE)));

        OnlineStoreFileException e = assertThrows(OnlineStoreFileException.class,
                () -> EmbeddedOnlineStore.open(blobs, other));

        assertTrue(e.getMessage().contains("segment-0000000001.bin") && e.getMessage().contains("'plan' STRING"),
                e::getMessage);
    }

    @Test
    void refusesABatchOfAnotherSchemaAndWritesNothing() {
        EmbeddedOnlineStore store = EmbeddedOnlineStore.open(blobs, SCHEMA);
        FeatureSchema other = new FeatureSchema("sessions", List.of(
                new FeatureSchema.Column("visits", FeatureSchema.ValueType.DOUBLE)));
        FeatureBatch wrong = FeatureBatch.builder(other).row("a", 1, 2).number(0, 1).build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.put(wrong));

        assertTrue(e.getMessage().contains("'sessions'") && e.getMessage().contains("'customer_activity'"), e::getMessage);
        assertEquals(new ArrayList<String>(), blobs.keys());
    }
}
