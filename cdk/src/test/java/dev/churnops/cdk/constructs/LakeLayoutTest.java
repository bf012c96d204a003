package dev.churnops.cdk.constructs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.batch.ScoreKeys;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.scoring.CaptureLine;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The lake's IAM prefixes against the keys functions/core really builds. */
class LakeLayoutTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    /** One key of every kind BlobLayout and ScoreKeys build. */
    private static final List<String> KEYS = List.of(
            BlobLayout.raw("customers", DAY, "customers.csv"),
            BlobLayout.datasetConfig("customers"),
            BlobLayout.datasetExpectations("customers"),
            BlobLayout.profiledExpectations("customers", "exec-1"),
            BlobLayout.validated("customers", "dt=2026-12-01", "customers.csv"),
            BlobLayout.manifestOf(BlobLayout.validated("customers", "dt=2026-12-01", "customers.csv")),
            BlobLayout.quarantineRejected("exec-1", "customers.csv"),
            BlobLayout.quarantineReasons("exec-1", "customers.csv"),
            BlobLayout.validationReport("exec-1"),
            BlobLayout.volumeHistory("orders"),
            BlobLayout.trainingSet("exec-1") + "train/train.csv",
            BlobLayout.trainingJobs() + "churnops-exec-1/output/model.tar.gz",
            BlobLayout.evaluation("exec-1"),
            BlobLayout.decision("exec-1"),
            BlobLayout.modelArtifact("churn", 1),
            BlobLayout.report("exec-1"),
            BlobLayout.run("churn", "exec-1"),
            ScoreKeys.part(DAY, "exec-2", 0),
            ScoreKeys.rejected(DAY, "exec-2", 0),
            ScoreKeys.summary(DAY, "exec-2"),
            CaptureLine.partition("churn", DAY) + CaptureLine.partName(DAY.atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                    "0123456789abcdef-000001"));

    @Test
    void everyKeyTheDomainBuildsFallsUnderALakePrefix() {
        Set<String> prefixes = Arrays.stream(LakePrefix.values()).map(LakePrefix::prefix).collect(Collectors.toSet());
        for (String key : KEYS) {
            String top = key.substring(0, key.indexOf('/') + 1);
            assertTrue(prefixes.contains(top), () -> "key " + key + " is under " + top + ", which LakePrefix lacks");
        }
    }

    @Test
    void onlyIngestionReadsRawData() {
        List<Step> readers = Arrays.stream(Step.values()).filter(s -> s.lake().reads().contains(LakePrefix.RAW)).toList();
        assertEquals(List.of(Step.VALIDATE_DATA), readers);
    }

    @Test
    void onlyTheRegisterStepWritesModels() {
        List<Step> writers = Arrays.stream(Step.values()).filter(s -> s.lake().writes().contains(LakePrefix.MODELS)).toList();
        assertEquals(List.of(Step.REGISTER_MODEL), writers);
        assertEquals(List.of(Step.REGISTER_MODEL),
                Arrays.stream(Step.values()).filter(s -> s.registry() == Step.Registry.WRITE).toList());
    }

    @Test
    void onlyMaterializationDeletesAndOnlyTheFeatureState() {
        List<Step> deleters = Arrays.stream(Step.values()).filter(s -> !s.lake().deletes().isEmpty()).toList();
        assertEquals(List.of(Step.MATERIALIZE_FEATURES), deleters);
        assertEquals(Set.of(LakePrefix.FEATURE_STATE), Step.MATERIALIZE_FEATURES.lake().deletes());
        assertEquals(List.of(LakePrefix.FEATURE_STATE),
                Arrays.stream(LakePrefix.values()).filter(LakePrefix::deletable).toList());
    }

    @Test
    void refusesDeletesOutsideTheFeatureState() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> LakeAccess.reads(LakePrefix.FEATURES).andDeletes(LakePrefix.FEATURE_STATE, LakePrefix.FEATURES));
        assertTrue(e.getMessage().contains("LakeAccess.deletes holds [features/]")
                && e.getMessage().contains("[features/state/]"), e.getMessage());
    }

    @Test
    void featureStepsTouchTheLakeAndTheOnlineStoreAsTheirUseCasesDo() {
        assertEquals(new LakeAccess(Set.of(LakePrefix.VALIDATED, LakePrefix.FEATURES), Set.of(LakePrefix.FEATURE_STATE), Set.of()),
                Step.UPDATE_FEATURES.lake());
        assertEquals(Set.of(LakePrefix.FEATURE_OFFLINE, LakePrefix.FEATURE_STATE), Step.MATERIALIZE_FEATURES.lake().writes());
        assertTrue(Step.VALIDATE_DATA.lake().reads().containsAll(Set.of(LakePrefix.FEATURES, LakePrefix.QUALITY)));
        assertTrue(Step.VALIDATE_DATA.lake().writes().contains(LakePrefix.QUALITY));
        assertTrue(Step.BUILD_TRAINING_SET.lake().reads().contains(LakePrefix.FEATURES));
        assertEquals(List.of(Step.MATERIALIZE_FEATURES), Arrays.stream(Step.values())
                .filter(s -> s.onlineStore() != FeatureStore.Access.NONE).toList());
        assertEquals(FeatureStore.Access.WRITE, Step.MATERIALIZE_FEATURES.onlineStore());
    }

    @Test
    void batchScoringReadsAFeatureViewsSnapshotAndKeepsItBesideTheScores() {
        assertEquals(new LakeAccess(Set.of(LakePrefix.VALIDATED, LakePrefix.FEATURE_OFFLINE, LakePrefix.MODELS),
                Set.of(LakePrefix.SCORES), Set.of()), Step.LIST_SCORING_PARTITIONS.lake());
        assertEquals(new LakeAccess(Set.of(LakePrefix.VALIDATED, LakePrefix.SCORES, LakePrefix.MODELS),
                Set.of(LakePrefix.SCORES), Set.of()), Step.SCORE_PARTITION.lake());
    }

    @Test
    void namesEachStepAfterItsHandler() {
        assertEquals("dev.churnops.handlers.ValidateDataHandler::handleRequest", Step.VALIDATE_DATA.handler());
        assertEquals(Step.SUMMARIZE_SCORES, Step.ofSubstitution("SummarizeScoresFunction"));
        assertEquals("dev.churnops.handlers.MaterializeFeaturesHandler::handleRequest", Step.MATERIALIZE_FEATURES.handler());
        assertEquals(Step.UPDATE_FEATURES, Step.ofSubstitution("UpdateFeaturesFunction"));
    }
}
