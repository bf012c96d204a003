package dev.churnops.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.events.EventSource;
import dev.churnops.core.features.FeatureBatch;
import dev.churnops.core.features.FeatureRegistry;
import dev.churnops.core.features.FeatureSchema;
import dev.churnops.core.port.InMemoryBlobStore;
import dev.churnops.core.port.OfflineFeatureStore;
import dev.churnops.core.port.OnlineFeatureStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MaterializeFeaturesTest {

    static final FeatureRegistry REGISTRY = FeatureRegistry.builtIn();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-14T01:00:00Z"), ZoneOffset.UTC);

    final InMemoryBlobStore blobs = new InMemoryBlobStore();
    final FeatureStates states = new FeatureStates(blobs, REGISTRY, "customer_behaviour");
    final List<String> appended = new ArrayList<>();
    final List<FeatureBatch> put = new ArrayList<>();

    final OfflineFeatureStore offline = new OfflineFeatureStore() {
        @Override
        public String append(FeatureBatch rows, LocalDate date) {
            appended.add(date + ":" + rows.size());
            return "features/offline/customer_behaviour/dt=" + date + "/part-00000.parquet";
        }

        @Override
        public FeatureBatch readAsOf(FeatureSchema schema, long asOf, int maxAgeDays, Collection<String> entities) {
            throw new UnsupportedOperationException("not read here");
        }
    };

    final OnlineFeatureStore online = new OnlineFeatureStore() {
        @Override
        public FeatureSchema schema() {
            return REGISTRY.schema("customer_behaviour");
        }

        @Override
        public void put(FeatureBatch rows) {
            put.add(rows);
        }

        @Override
        public Optional<Map<String, Object>> get(String customerId) {
            return Optional.empty();
        }

        @Override
        public Map<String, Map<String, Object>> getAll(List<String> customerIds) {
            return Map.of();
        }
    };

    MaterializeFeatures use() {
        return new MaterializeFeatures(states, offline, online, CLOCK);
    }

    void signUp(String day, String... rows) {
        String key = "validated/customers/dt=" + day + "/part-00000.csv";
        blobs.put(key, (EventSource.CUSTOMERS.header() + "\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8));
        states.apply(key, Fingerprint.sha256(key.getBytes(StandardCharsets.UTF_8)), EventSource.CUSTOMERS);
    }

    @Test
    void writesTheDaysFeaturesOfEveryKnownCustomerOfflineAndOnline() {
        signUp("2026-03-01", "c1,2026-03-01T10:00:00Z,DE,ads,plus", "c2,2026-03-01T11:00:00Z,FR,seo,none");

        MaterializeFeatures.Result r = use().run(new MaterializeFeatures.Command("x", LocalDate.parse("2026-03-13"), null, true));

        assertEquals(2, r.rows());
        assertEquals("2026-03-13T23:59:59Z", r.asOf());
        assertEquals(List.of("2026-03-13:2"), appended);
        assertEquals(1, put.size());
        assertEquals(CLOCK.instant().getEpochSecond(), put.get(0).writeTime(0), "write time is the clock's now");
    }

    @Test
    void aBackfillDayLeavesTheOnlineStoreAlone() {
        signUp("2026-03-01", "c1,2026-03-01T10:00:00Z,DE,ads,plus");

        MaterializeFeatures.Result r = use().run(new MaterializeFeatures.Command("x", LocalDate.parse("2026-03-05"), null, false));

        assertEquals(List.of("2026-03-05:1"), appended);
        assertEquals(List.of(), put);
        assertEquals(false, r.online());
    }

    @Test
    void aScheduledRunMaterializesTheDayBeforeItsTrigger() {
        signUp("2026-03-01", "c1,2026-03-01T10:00:00Z,DE,ads,plus");

        MaterializeFeatures.Result r = use().run(new MaterializeFeatures.Command("x", null, Instant.parse("2026-03-14T00:30:00Z"), true));

        assertEquals("2026-03-13", r.date());
    }

    @Test
    void noCustomerYetWritesNothingAndIsNoError() {
        MaterializeFeatures.Result r = use().run(new MaterializeFeatures.Command("x", LocalDate.parse("2026-03-13"), null, true));

        assertEquals(0, r.rows());
        assertNull(r.offlineKey());
        assertEquals(List.of(), appended);
        assertEquals(List.of(), put);
    }

    @Test
    void aDayThatHasNotBegunIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> use().run(new MaterializeFeatures.Command("x", LocalDate.parse("2026-03-15"), null, true)));

        assertTrue(e.getMessage().contains("2026-03-15") && e.getMessage().contains("after today"), e::getMessage);
    }
}
