package dev.churnops.core.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.pipeline.Fingerprint;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.InMemoryBlobStore;
import dev.churnops.core.port.ModelRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BlobModelRegistryTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T06:30:00Z"), ZoneOffset.UTC);

    /** The store every registry of a test shares, as registrars on several machines share one bucket. */
    private final InMemoryBlobStore blobs = new InMemoryBlobStore();

    private BlobModelRegistry registry() {
        return new BlobModelRegistry(blobs, CLOCK);
    }

    private static byte[] artifact(int version) {
        return ("model.tar.gz of v" + version).getBytes(StandardCharsets.UTF_8);
    }

    private static ModelVersion register(BlobModelRegistry registry, ApprovalStatus status) {
        return registry.register("churn", BlobModelRegistryTest::artifact, status, "registered " + status);
    }

    @Test
    void numbersVersionsFromOneAndHandsTheNumberToTheArtifactBuilder() {
        BlobModelRegistry registry = registry();

        ModelVersion first = register(registry, ApprovalStatus.Approved);
        ModelVersion second = register(registry, ApprovalStatus.Rejected);

        assertEquals(1, first.version());
        assertEquals(2, second.version());
        assertArrayEquals(artifact(2), registry.artifact("churn", 2));
        assertEquals("models/churn/2/model.tar.gz", second.artifactKey());
        assertEquals(Fingerprint.sha256(artifact(2)), second.artifactSha256());
        assertEquals(List.of(1, 2), registry.versions("churn").stream().map(ModelVersion::version).toList());
    }

    @Test
    void neverReusesANumberWhateverHappenedToTheVersionsBefore() {
        BlobModelRegistry registry = registry();
        register(registry, ApprovalStatus.Approved);
        register(registry, ApprovalStatus.PendingManualApproval);
        registry.setStatus("churn", 2, ApprovalStatus.Rejected, "worse than v1");

        // A new process on the same home continues the numbering.
        ModelVersion third = register(registry(), ApprovalStatus.Approved);

        assertEquals(3, third.version());
        assertEquals(List.of(1, 2, 3), registry().versions("churn").stream().map(ModelVersion::version).toList());
    }

    @Test
    void keepsModelsApartEvenWhenOneNameIsAPrefixOfAnother() {
        BlobModelRegistry registry = registry();
        register(registry, ApprovalStatus.Approved);

        ModelVersion other = registry.register("churn-eu", BlobModelRegistryTest::artifact, ApprovalStatus.Approved, "eu");

        assertEquals(1, other.version());
        assertEquals(1, registry.versions("churn").size());
    }

    @Test
    void makesAnApprovedVersionChampion() {
        BlobModelRegistry registry = registry();
        register(registry, ApprovalStatus.Approved);

        registry.setAlias("churn", ModelRegistry.CHAMPION, 1, "first model");

        assertEquals(Optional.of(1), registry.alias("churn", ModelRegistry.CHAMPION).map(ModelVersion::version));
    }

    @Test
    void refusesToMakeAVersionChampionUnlessItIsApproved() {
        BlobModelRegistry registry = registry();
        register(registry, ApprovalStatus.PendingManualApproval);
        register(registry, ApprovalStatus.Rejected);

        for (int version : new int[] {1, 2}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> registry.setAlias("churn", ModelRegistry.CHAMPION, version, "try"));
            assertTrue(e.getMessage().contains("only an Approved version can become champion"), e::getMessage);
        }
        assertEquals(Optional.empty(), registry.alias("churn", ModelRegistry.CHAMPION));
    }

    @Test
    void refusesToRejectTheChampion() {
        BlobModelRegistry registry = registry();
        register(registry, ApprovalStatus.Approved);
        registry.setAlias("churn", ModelRegistry.CHAMPION, 1, "first model");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.setStatus("churn", 1, ApprovalStatus.Rejected, "by hand"));

        assertTrue(e.getMessage().contains("v1 is the champion"), e::getMessage);
        assertEquals(ApprovalStatus.Approved, registry.version("churn", 1).orElseThrow().status());
    }

    @Test
    void refusesToRejectTheChampionEvenWhenAnotherAliasPointsAtItToo() {
        BlobModelRegistry registry = registry();
        register(registry, ApprovalStatus.Approved);
        registry.setAlias("churn", "canary", 1, "canary first");
        registry.setAlias("churn", ModelRegistry.CHAMPION, 1, "then promoted");

        assertThrows(IllegalArgumentException.class,
                () -> registry.setStatus("churn", 1, ApprovalStatus.Rejected, "by hand"));
        assertEquals(ApprovalStatus.Approved, registry.version("churn", 1).orElseThrow().status());
    }

    @Test
    void rejectsAFormerChampionOnceAnotherVersionIsPromoted() {
        BlobModelRegistry registry = registry();
        register(registry, ApprovalStatus.Approved);
        registry.setAlias("churn", ModelRegistry.CHAMPION, 1, "first model");
        register(registry, ApprovalStatus.Approved);
        registry.setAlias("churn", ModelRegistry.CHAMPION, 2, "better");

        ModelVersion rejected = registry.setStatus("churn", 1, ApprovalStatus.Rejected, "superseded");

        assertEquals(ApprovalStatus.Rejected, rejected.status());
    }

    @Test
    void recordsEveryAliasChangeAndEveryStatusChange() {
        BlobModelRegistry registry = registry();
        register(registry, ApprovalStatus.Approved);
        register(registry, ApprovalStatus.PendingManualApproval);
        registry.setAlias("churn", ModelRegistry.CHAMPION, 1, "first model");
        registry.setStatus("churn", 2, ApprovalStatus.Approved, "reviewed");
        registry.setAlias("churn", ModelRegistry.CHAMPION, 2, "better ROC-AUC");

        assertEquals(List.of(
                "2026-12-01T06:30:00Z champion: none -> v1: first model",
                "2026-12-01T06:30:00Z champion: v1 -> v2: better ROC-AUC"), registry().aliasHistory("churn"));
        assertEquals(List.of(
                "2026-12-01T06:30:00Z registered as PendingManualApproval: registered PendingManualApproval",
                "2026-12-01T06:30:00Z PendingManualApproval -> Approved: reviewed"),
                registry().version("churn", 2).orElseThrow().history());
    }

    @Test
    void refusesAnArtifactChangedAfterRegistration() {
        BlobModelRegistry registry = registry();
        register(registry, ApprovalStatus.Approved);
        blobs.put("models/churn/1/model.tar.gz", "tampered".getBytes(StandardCharsets.UTF_8));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> registry.artifact("churn", 1));

        assertTrue(e.getMessage().contains("models/churn/1/model.tar.gz"), e::getMessage);
        assertTrue(e.getMessage().contains("SHA-256"), e::getMessage);
    }

    @Test
    void namesAVersionThatDoesNotExist() {
        BlobModelRegistry registry = registry();
        register(registry, ApprovalStatus.Approved);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.setStatus("churn", 9, ApprovalStatus.Approved, "by hand"));

        assertTrue(e.getMessage().contains("has no version 9"), e::getMessage);
        assertEquals(Optional.empty(), registry.version("churn", 9));
    }

    @Test
    void twoRegistrarsOnOneStoreNeverGetTheSameNumber() {
        BlobModelRegistry here = registry();
        BlobModelRegistry elsewhere = registry();
        AtomicReference<ModelVersion> theirs = new AtomicReference<>();
        List<Integer> asked = new java.util.ArrayList<>();

        // The other registrar registers while this one builds its artifact for the same number.
        ModelVersion ours = here.register("churn", version -> {
            asked.add(version);
            if (theirs.get() == null) {
                theirs.set(register(elsewhere, ApprovalStatus.PendingManualApproval));
            }
            return artifact(version);
        }, ApprovalStatus.Approved, "ours");

        assertEquals(1, theirs.get().version());
        assertEquals(2, ours.version());
        assertEquals(List.of(1, 2), asked, "asked again for the artifact of the next number");
        assertArrayEquals(artifact(1), registry().artifact("churn", 1));
        assertArrayEquals(artifact(2), registry().artifact("churn", 2));
        assertEquals(List.of(ApprovalStatus.PendingManualApproval, ApprovalStatus.Approved),
                registry().versions("churn").stream().map(ModelVersion::status).toList());
    }

    @Test
    void continuesAfterANumberWhoseArtifactWasClaimedButNeverRecorded() {
        // A registrar elsewhere has written the artifact of v1 and not yet (or never) its version.json.
        blobs.put("models/churn/1/model.tar.gz", artifact(1));

        ModelVersion v = register(registry(), ApprovalStatus.Approved);

        assertEquals(2, v.version());
        assertArrayEquals(artifact(1), blobs.get("models/churn/1/model.tar.gz"), "the claimed artifact is left alone");
    }

    @Test
    void givesUpNamingTheModelWhenEveryNumberItTriesIsTaken() {
        BlobStore alwaysTaken = new BlobStore() {
            @Override
            public void put(String key, byte[] content) {
                blobs.put(key, content);
            }

            @Override
            public boolean putIfAbsent(String key, byte[] content) {
                return false;
            }

            @Override
            public Optional<byte[]> find(String key) {
                return blobs.find(key);
            }

            @Override
            public boolean exists(String key) {
                return blobs.exists(key);
            }

            @Override
            public void delete(String key) {
                blobs.delete(key);
            }

            @Override
            public List<String> list(String prefix) {
                return blobs.list(prefix);
            }
        };
        List<Integer> asked = new java.util.ArrayList<>();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new BlobModelRegistry(alwaysTaken, CLOCK)
                .register("churn", v -> { asked.add(v); return artifact(v); }, ApprovalStatus.Approved, "x"));

        assertEquals(BlobModelRegistry.MAX_CLAIM_ATTEMPTS, asked.size());
        assertTrue(e.getMessage().contains("model 'churn'") && e.getMessage().contains("versions 1 to 10"), e::getMessage);
        assertEquals(List.of(), blobs.keys());
    }
}
