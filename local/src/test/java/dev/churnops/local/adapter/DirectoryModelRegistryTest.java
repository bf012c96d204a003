package dev.churnops.local.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.pipeline.Fingerprint;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.registry.ApprovalStatus;
import dev.churnops.core.registry.ModelVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryModelRegistryTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T06:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path home;

    private DirectoryModelRegistry registry() {
        return new DirectoryModelRegistry(new DirectoryBlobStore(home), CLOCK);
    }

    private static byte[] artifact(int version) {
        return ("model.tar.gz of v" + version).getBytes(StandardCharsets.UTF_8);
    }

    private static ModelVersion register(DirectoryModelRegistry registry, ApprovalStatus status) {
        return registry.register("churn", DirectoryModelRegistryTest::artifact, status, "registered " + status);
    }

    @Test
    void numbersVersionsFromOneAndHandsTheNumberToTheArtifactBuilder() {
        DirectoryModelRegistry registry = registry();

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
        DirectoryModelRegistry registry = registry();
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
        DirectoryModelRegistry registry = registry();
        register(registry, ApprovalStatus.Approved);

        ModelVersion other = registry.register("churn-eu", DirectoryModelRegistryTest::artifact, ApprovalStatus.Approved, "eu");

        assertEquals(1, other.version());
        assertEquals(1, registry.versions("churn").size());
    }

    @Test
    void makesAnApprovedVersionChampion() {
        DirectoryModelRegistry registry = registry();
        register(registry, ApprovalStatus.Approved);

        registry.setAlias("churn", ModelRegistry.CHAMPION, 1, "first model");

        assertEquals(Optional.of(1), registry.alias("churn", ModelRegistry.CHAMPION).map(ModelVersion::version));
    }

    @Test
    void refusesToMakeAVersionChampionUnlessItIsApproved() {
        DirectoryModelRegistry registry = registry();
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
        DirectoryModelRegistry registry = registry();
        register(registry, ApprovalStatus.Approved);
        registry.setAlias("churn", ModelRegistry.CHAMPION, 1, "first model");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.setStatus("churn", 1, ApprovalStatus.Rejected, "by hand"));

        assertTrue(e.getMessage().contains("v1 is the champion"), e::getMessage);
        assertEquals(ApprovalStatus.Approved, registry.version("churn", 1).orElseThrow().status());
    }

    @Test
    void refusesToRejectTheChampionEvenWhenAnotherAliasPointsAtItToo() {
        DirectoryModelRegistry registry = registry();
        register(registry, ApprovalStatus.Approved);
        registry.setAlias("churn", "canary", 1, "canary first");
        registry.setAlias("churn", ModelRegistry.CHAMPION, 1, "then promoted");

        assertThrows(IllegalArgumentException.class,
                () -> registry.setStatus("churn", 1, ApprovalStatus.Rejected, "by hand"));
        assertEquals(ApprovalStatus.Approved, registry.version("churn", 1).orElseThrow().status());
    }

    @Test
    void rejectsAFormerChampionOnceAnotherVersionIsPromoted() {
        DirectoryModelRegistry registry = registry();
        register(registry, ApprovalStatus.Approved);
        registry.setAlias("churn", ModelRegistry.CHAMPION, 1, "first model");
        register(registry, ApprovalStatus.Approved);
        registry.setAlias("churn", ModelRegistry.CHAMPION, 2, "better");

        ModelVersion rejected = registry.setStatus("churn", 1, ApprovalStatus.Rejected, "superseded");

        assertEquals(ApprovalStatus.Rejected, rejected.status());
    }

    @Test
    void recordsEveryAliasChangeAndEveryStatusChange() {
        DirectoryModelRegistry registry = registry();
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
    void refusesAnArtifactChangedAfterRegistration() throws IOException {
        DirectoryModelRegistry registry = registry();
        register(registry, ApprovalStatus.Approved);
        Files.write(home.resolve("models/churn/1/model.tar.gz"), "tampered".getBytes(StandardCharsets.UTF_8));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> registry.artifact("churn", 1));

        assertTrue(e.getMessage().contains("models/churn/1/model.tar.gz"), e::getMessage);
        assertTrue(e.getMessage().contains("SHA-256"), e::getMessage);
    }

    @Test
    void namesAVersionThatDoesNotExist() {
        DirectoryModelRegistry registry = registry();
        register(registry, ApprovalStatus.Approved);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.setStatus("churn", 9, ApprovalStatus.Approved, "by hand"));

        assertTrue(e.getMessage().contains("has no version 9"), e::getMessage);
        assertEquals(Optional.empty(), registry.version("churn", 9));
    }
}
