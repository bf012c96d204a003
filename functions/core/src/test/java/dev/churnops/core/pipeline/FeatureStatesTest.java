package dev.churnops.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.events.EventSource;
import dev.churnops.core.events.EventTime;
import dev.churnops.core.features.FeatureRegistry;
import dev.churnops.core.features.FeatureState;
import dev.churnops.core.port.InMemoryBlobStore;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureStatesTest {

    static final FeatureRegistry REGISTRY = FeatureRegistry.builtIn();
    static final String VIEW = "customer_behaviour";
    static final long T = EventTime.endOfDay(LocalDate.parse("2026-03-31"));

    final InMemoryBlobStore blobs = new InMemoryBlobStore();

    String validated(EventSource source, String day, String... rows) {
        StringBuilder b = new StringBuilder(source.header()).append('\n');
        for (String r : rows) {
            b.append(r).append('\n');
        }
        String key = "validated/" + source.sourceName() + "/dt=" + day + "/part-00000.csv";
        blobs.put(key, b.toString().getBytes(StandardCharsets.UTF_8));
        return key;
    }

    static String sha(String key) {
        return Fingerprint.sha256(key.getBytes(StandardCharsets.UTF_8));
    }

    FeatureStates.Applied apply(FeatureStates states, EventSource source, String key) {
        return states.apply(key, sha(key), source);
    }

    @Test
    void aColdLoadReplaysTheJournalIntoTheSameState() {
        FeatureStates warm = new FeatureStates(blobs, REGISTRY, VIEW);
        String customers = validated(EventSource.CUSTOMERS, "2026-01-01", "c1,2026-01-01T00:00:00Z,DE,ads,plus",
                "c2,2026-01-01T05:00:00Z,FR,seo,none");
        String orders = validated(EventSource.ORDERS, "2026-03-30", "o1,c1,2026-03-30T12:00:00Z,1,electronics,2,10,0.5,false");

        FeatureStates.Applied first = apply(warm, EventSource.CUSTOMERS, customers);
        FeatureStates.Applied second = apply(warm, EventSource.ORDERS, orders);

        assertTrue(first.applied() && second.applied());
        assertEquals(2, first.events());
        assertEquals(2, second.customers());
        FeatureState cold = new FeatureStates(blobs, REGISTRY, VIEW).load();
        assertArrayEquals(warm.load().serialize(), cold.serialize());
        assertEquals(1.0, number(cold, "c1", "orders_30d"));
    }

    @Test
    void aFileDeliveredTwiceIsAppliedOnce() {
        FeatureStates states = new FeatureStates(blobs, REGISTRY, VIEW);
        String customers = validated(EventSource.CUSTOMERS, "2026-01-01", "c1,2026-01-01T00:00:00Z,DE,ads,plus");
        String orders = validated(EventSource.ORDERS, "2026-03-30", "o1,c1,2026-03-30T12:00:00Z,1,electronics,2,10,0.5,false");
        apply(states, EventSource.CUSTOMERS, customers);
        apply(states, EventSource.ORDERS, orders);

        FeatureStates.Applied again = apply(states, EventSource.ORDERS, orders);
        FeatureStates.Applied againCold = apply(new FeatureStates(blobs, REGISTRY, VIEW), EventSource.ORDERS, orders);

        assertFalse(again.applied());
        assertTrue(again.reason().contains("applied before"), again.reason());
        assertFalse(againCold.applied());
        assertEquals(1.0, number(new FeatureStates(blobs, REGISTRY, VIEW).load(), "c1", "orders_30d"));
    }

    @Test
    void twoWritersApplyingDifferentFilesBothCountAtTheNextLoad() {
        String customers = validated(EventSource.CUSTOMERS, "2026-01-01", "c1,2026-01-01T00:00:00Z,DE,ads,plus");
        FeatureStates a = new FeatureStates(blobs, REGISTRY, VIEW);
        apply(a, EventSource.CUSTOMERS, customers);
        FeatureStates b = new FeatureStates(blobs, REGISTRY, VIEW);
        b.load();
        String o1 = validated(EventSource.ORDERS, "2026-03-29", "o1,c1,2026-03-29T12:00:00Z,1,books,1,10,0,false");
        String o2 = validated(EventSource.ORDERS, "2026-03-30", "o2,c1,2026-03-30T12:00:00Z,1,books,1,10,0,false");

        apply(a, EventSource.ORDERS, o1);
        apply(b, EventSource.ORDERS, o2);

        assertEquals(2.0, number(a.load(), "c1", "orders_30d"));
        assertEquals(2.0, number(b.load(), "c1", "orders_30d"));
    }

    @Test
    void aCheckpointSealsItsGenerationStartsTheNextAndRemovesWhatNoLoadReads() {
        FeatureStates states = new FeatureStates(blobs, REGISTRY, VIEW, 2);
        apply(states, EventSource.CUSTOMERS, validated(EventSource.CUSTOMERS, "2026-01-01", "c1,2026-01-01T00:00:00Z,DE,ads,plus"));
        assertNull(states.checkpoint(false), "one entry is fewer than the two a checkpoint waits for");
        apply(states, EventSource.ORDERS, validated(EventSource.ORDERS, "2026-03-10", "o1,c1,2026-03-10T12:00:00Z,1,books,1,10,0,false"));

        String first = states.checkpoint(false);
        apply(states, EventSource.ORDERS, validated(EventSource.ORDERS, "2026-03-11", "o2,c1,2026-03-11T12:00:00Z,1,books,1,10,0,false"));
        apply(states, EventSource.ORDERS, validated(EventSource.ORDERS, "2026-03-12", "o3,c1,2026-03-12T12:00:00Z,1,books,1,10,0,false"));
        String second = states.checkpoint(false);

        assertTrue(first.endsWith("checkpoint/000000000001.bin"), first);
        assertTrue(second.endsWith("checkpoint/000000000002.bin"), second);
        String p = "features/state/" + VIEW + "/";
        assertEquals(List.of(p + "checkpoint/000000000001.bin", p + "checkpoint/000000000002.bin",
                p + "journal/000000000001/000000000001.json", p + "journal/000000000001/000000000002.json",
                p + "journal/000000000001/000000000003.json"), blobs.list(p));
        assertTrue(blobs.text(p + "journal/000000000001/000000000003.json").replace(" ", "").contains("\"seal\":true"), () -> blobs.text(p + "journal/000000000001/000000000003.json"));
        FeatureState cold = new FeatureStates(blobs, REGISTRY, VIEW).load();
        assertArrayEquals(states.load().serialize(), cold.serialize());
        assertEquals(3.0, number(cold, "c1", "orders_30d"));
    }

    @Test
    void aWriterHoldingASealedGenerationMovesToTheNextOne() {
        FeatureStates writer = new FeatureStates(blobs, REGISTRY, VIEW, 1);
        apply(writer, EventSource.CUSTOMERS, validated(EventSource.CUSTOMERS, "2026-01-01", "c1,2026-01-01T00:00:00Z,DE,ads,plus"));
        FeatureStates late = new FeatureStates(blobs, REGISTRY, VIEW, 1);
        late.load();
        assertNotNull(writer.checkpoint(false));

        FeatureStates.Applied applied = apply(late, EventSource.ORDERS,
                validated(EventSource.ORDERS, "2026-03-30", "o1,c1,2026-03-30T12:00:00Z,1,books,1,10,0,false"));

        assertTrue(applied.applied());
        assertTrue(applied.journalKey().endsWith("/journal/000000000001/000000000001.json"), applied.journalKey());
        assertEquals(1.0, number(new FeatureStates(blobs, REGISTRY, VIEW).load(), "c1", "orders_30d"), "a cold load");
        assertEquals(1.0, number(writer.load(), "c1", "orders_30d"), "the writer that checkpointed");
    }

    @Test
    void aWarmStateAsksOneQuestionOfTheStore() {
        FeatureStates states = new FeatureStates(blobs, REGISTRY, VIEW);
        apply(states, EventSource.CUSTOMERS, validated(EventSource.CUSTOMERS, "2026-01-01", "c1,2026-01-01T00:00:00Z,DE,ads,plus"));
        CountingBlobs counting = new CountingBlobs(blobs);
        FeatureStates watched = new FeatureStates(counting, REGISTRY, VIEW);
        watched.load();
        counting.calls.clear();

        watched.load();

        assertEquals(List.of("find features/state/" + VIEW + "/journal/000000000000/000000000002.json"), counting.calls);
    }

    /** Records each call that reaches the store. */
    static final class CountingBlobs implements dev.churnops.core.port.BlobStore {
        final dev.churnops.core.port.BlobStore inner;
        final List<String> calls = new java.util.ArrayList<>();

        CountingBlobs(dev.churnops.core.port.BlobStore inner) {
            this.inner = inner;
        }

        @Override
        public void put(String key, byte[] content) {
            calls.add("put " + key);
            inner.put(key, content);
        }

        @Override
        public boolean putIfAbsent(String key, byte[] content) {
            calls.add("putIfAbsent " + key);
            return inner.putIfAbsent(key, content);
        }

        @Override
        public java.util.Optional<byte[]> find(String key) {
            calls.add("find " + key);
            return inner.find(key);
        }

        @Override
        public boolean exists(String key) {
            calls.add("exists " + key);
            return inner.exists(key);
        }

        @Override
        public void delete(String key) {
            calls.add("delete " + key);
            inner.delete(key);
        }

        @Override
        public List<String> list(String prefix) {
            calls.add("list " + prefix);
            return inner.list(prefix);
        }
    }

    @Test
    void updateFeaturesLetsACustomerTableAndAnEmptyFilePass() {
        FeatureStates states = new FeatureStates(blobs, REGISTRY, VIEW);
        UpdateFeatures use = new UpdateFeatures(states, blobs);
        blobs.put("config/datasets/customers.json", "{}".getBytes(StandardCharsets.UTF_8));

        FeatureStates.Applied table = use.run(new UpdateFeatures.Command("x", "telco", "validated/telco/dt=2026-01-01/t.csv", "0".repeat(64)));
        FeatureStates.Applied namedLikeAnEventSource = use.run(new UpdateFeatures.Command("x", "customers",
                "validated/customers/dt=2026-01-01/t.csv", "0".repeat(64)));
        FeatureStates.Applied empty = use.run(new UpdateFeatures.Command("x", "orders", null, null));

        assertFalse(table.applied());
        assertTrue(table.reason().contains("customer table"), table.reason());
        assertFalse(namedLikeAnEventSource.applied());
        assertTrue(namedLikeAnEventSource.reason().contains("customer table"), namedLikeAnEventSource.reason());
        assertFalse(empty.applied());
        assertTrue(empty.reason().contains("no valid row"), empty.reason());
        assertEquals(List.of(), blobs.list("features/"));
    }

    static double number(FeatureState state, String customer, String feature) {
        var batch = state.asOf(T);
        for (int r = 0; r < batch.size(); r++) {
            if (batch.entityId(r).equals(customer)) {
                return batch.number(r, batch.schema().indexOf(feature));
            }
        }
        throw new AssertionError("no row of " + customer);
    }
}
