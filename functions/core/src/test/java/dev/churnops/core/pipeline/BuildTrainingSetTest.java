package dev.churnops.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.model.StratifiedShuffleSplit;
import dev.churnops.core.model.SyntheticCustomers;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuildTrainingSetTest {

    private final PipelineFixture fixture = new PipelineFixture();

    private static int positives(LabeledTable table) {
        int p = 0;
        for (boolean b : table.labels()) {
            p += b ? 1 : 0;
        }
        return p;
    }

    @Test
    void picksTheNewestValidatedFileWhenNoKeyIsGiven() {
        fixture.ingest(PipelineFixture.OLDER_RAW_KEY, SyntheticCustomers.csv(120, 8, 7000), "ingest-0");
        ValidateData.Result newest = fixture.ingest();

        BuildTrainingSet.Result result = fixture.trainingSet("train-1");

        assertEquals(newest.validatedKey(), result.validatedKey());
        assertEquals(PipelineFixture.GOOD_ROWS, result.rows().values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void usesTheValidatedKeyGivenEvenWhenANewerOneExists() {
        ValidateData.Result older = fixture.ingest(PipelineFixture.OLDER_RAW_KEY, SyntheticCustomers.csv(120, 8, 7000), "ingest-0");
        fixture.ingest();

        BuildTrainingSet.Result result = new BuildTrainingSet(fixture.blobs).run(
                new BuildTrainingSet.Command("train-1", null, older.validatedKey(), 7, 0.2, 0.2));

        assertEquals(older.validatedKey(), result.validatedKey());
        assertEquals(120, result.rows().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(Fingerprint.sha256(fixture.blobs.get(PipelineFixture.OLDER_RAW_KEY)), result.dataFingerprint());
    }

    @Test
    void fingerprintsTheRawBytesTheValidatedFileCameFrom() {
        fixture.ingest();
        BuildTrainingSet.Result result = fixture.trainingSet("train-1");

        assertEquals(Fingerprint.sha256(PipelineFixture.rawCsv().getBytes(StandardCharsets.UTF_8)), result.dataFingerprint());
        assertNotEquals(Fingerprint.sha256(fixture.blobs.get(result.validatedKey())), result.dataFingerprint());
    }

    @Test
    void writesThreeDisjointSplitsWhoseSizesAndChurnCountsAddUp() {
        fixture.ingest();
        BuildTrainingSet.Result result = fixture.trainingSet("train-1");

        assertEquals("training-sets/train-1/", result.trainingSetPrefix());
        assertEquals(List.of("train", "validation", "test"), List.copyOf(result.rows().keySet()));
        LabeledTable all = TrainingSetFiles.read(fixture.blobs.get(result.validatedKey()), fixture.spec("training-sets/train-1/"),
                result.validatedKey());
        Set<String> ids = new HashSet<>();
        int rows = 0;
        int churners = 0;
        for (String channel : TrainingSetFiles.CHANNELS) {
            LabeledTable split = fixture.split(result.trainingSetPrefix(), channel);
            assertEquals(result.rows().get(channel), split.size(), channel);
            assertEquals(result.positives().get(channel), positives(split), channel);
            ids.addAll(List.of(split.ids()));
            rows += split.size();
            churners += positives(split);
        }
        assertEquals(all.size(), rows);
        assertEquals(all.size(), ids.size(), "no customer is in two splits");
        assertEquals(positives(all), churners);
        assertEquals(0.2 * all.size(), result.rows().get("test"), 1.5);
        assertEquals(0.2 * all.size(), result.rows().get("validation"), 1.5);
    }

    @Test
    void writesThePinnedSpecBesideTheSplits() {
        ValidateData.Result validated = fixture.ingest();
        BuildTrainingSet.Result result = fixture.trainingSet("train-1");

        DatasetManifest manifest = fixture.read(validated.manifestKey(), DatasetManifest.class);
        assertArrayEquals(manifest.datasetSpec().toJson(), fixture.blobs.get("training-sets/train-1/config/dataset.json"));
    }

    @Test
    void givesTheSameSplitsForTheSameSeed() {
        fixture.ingest();
        fixture.trainingSet("train-1");
        fixture.trainingSet("train-2");

        for (String channel : TrainingSetFiles.CHANNELS) {
            assertArrayEquals(fixture.blobs.get("training-sets/train-1/" + channel + "/data.csv"),
                    fixture.blobs.get("training-sets/train-2/" + channel + "/data.csv"), channel);
        }
    }

    @Test
    void failsNamingTheSourceWhenNothingIsValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fixture.trainingSet("train-1"));
        assertTrue(e.getMessage().contains("'customers'") && e.getMessage().contains("validated/customers/"), e.getMessage());
    }

    @Test
    void failsNamingTheShareWhenTooFewRowsLeaveAClassWithoutARowOnEachSide() {
        String tiny = SyntheticCustomers.HEADER + "\nA1,1,20,One year,Yes,Mailed check,Yes\nA2,2,30,Two year,No,Mailed check,No\n";
        fixture.ingest(PipelineFixture.RAW_KEY, tiny, "ingest-1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fixture.trainingSet("train-1"));
        assertTrue(e.getMessage().contains("cannot split 2 valid rows with 'testShare' 0.2")
                && e.getMessage().contains("at least 2 rows of every class"), e.getMessage());
    }

    @Test
    void byDefaultTestsOnScikitLearnsTestRowsAndLeavesTheValidationChannelEmpty() {
        fixture.ingest();
        BuildTrainingSet.Result result = fixture.trainingSetWithoutValidation("train-1");

        LabeledTable all = TrainingSetFiles.read(fixture.blobs.get(result.validatedKey()), fixture.spec("training-sets/train-1/"),
                result.validatedKey());
        StratifiedShuffleSplit expected = StratifiedShuffleSplit.of(all.labels(), 0.2, 7);
        LabeledTable test = fixture.split(result.trainingSetPrefix(), "test");
        LabeledTable train = fixture.split(result.trainingSetPrefix(), "train");
        assertArrayEquals(all.select(expected.test()).ids(), test.ids(), "the test rows, in scikit-learn's order");
        assertArrayEquals(all.select(expected.train()).ids(), train.ids(), "every other row trains, in scikit-learn's order");
        assertEquals(0, result.rows().get("validation"));
        assertEquals(0, fixture.split(result.trainingSetPrefix(), "validation").size());
        assertEquals(SyntheticCustomers.HEADER.split(",").length,
                new String(fixture.blobs.get("training-sets/train-1/validation/data.csv"), StandardCharsets.UTF_8)
                        .trim().split(",").length, "the empty validation channel keeps its header");
        assertEquals((int) Math.ceil(0.2 * all.size()), test.size());
    }

    @Test
    void aValidationShareCutsTheValidationRowsFromTheTrainingRows() {
        fixture.ingest();
        BuildTrainingSet.Result threeWay = fixture.trainingSet("three-way");
        BuildTrainingSet.Result twoWay = fixture.trainingSetWithoutValidation("two-way");

        assertArrayEquals(fixture.blobs.get("training-sets/two-way/test/data.csv"),
                fixture.blobs.get("training-sets/three-way/test/data.csv"), "the same test rows either way");
        Set<String> rest = new HashSet<>(List.of(fixture.split(twoWay.trainingSetPrefix(), "train").ids()));
        Set<String> cut = new HashSet<>(List.of(fixture.split(threeWay.trainingSetPrefix(), "train").ids()));
        cut.addAll(List.of(fixture.split(threeWay.trainingSetPrefix(), "validation").ids()));
        assertEquals(rest, cut);
        int remaining = twoWay.rows().get("train");
        assertEquals((int) Math.ceil(0.25 * remaining), threeWay.rows().get("validation"));
    }

    @Test
    void rejectsSharesAndSeedsOutsideTheirRangesNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BuildTrainingSet.Command("t", "s", null, -1, 0, 0.2))
                .getMessage().startsWith("'seed' is -1"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new BuildTrainingSet.Command("t", "s", null, 4_294_967_296L, 0, 0.2)).getMessage().contains("4294967295"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BuildTrainingSet.Command("t", "s", null, 1, 0, 0))
                .getMessage().startsWith("'testShare' is 0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BuildTrainingSet.Command("t", "s", null, 1, 0.8, 0.2))
                .getMessage().startsWith("'validationShare' is 0.8"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BuildTrainingSet.Command("t", "s", null, 1, -0.1, 0.2))
                .getMessage().startsWith("'validationShare' is -0.1"));
    }

    @Test
    void commandNeedsASourceOrAKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BuildTrainingSet.Command("train-1", " ", null, 7, 0.2, 0.2));
        assertTrue(e.getMessage().contains("'validatedKey'") && e.getMessage().contains("'source'"), e.getMessage());
    }
}
