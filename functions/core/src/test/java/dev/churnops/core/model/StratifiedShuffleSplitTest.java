package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.TelcoData;
import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.data.TypeInference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Against scikit-learn's {@code train_test_split(stratify=y, random_state=seed)} as numpy computes
 * it ({@code tools/sklearn_split_fixtures.py}): the same rows in the same order.
 */
class StratifiedShuffleSplitTest {

    @Test
    void approximateModeMatchesScikitLearnIncludingItsRandomTieBreaks() {
        for (JsonNode c : NumpyFixtures.ROOT.path("approximate_mode")) {
            int[] mode = StratifiedShuffleSplit.approximateMode(NumpyFixtures.ints(c.path("counts")), c.path("draws").asInt(),
                    new MersenneTwister(c.path("seed").asLong()));
            assertArrayEquals(NumpyFixtures.ints(c.path("values")), mode, c.toString());
        }
    }

    @Test
    void selectsScikitLearnsTrainAndTestRowsInItsOrderForEveryFixture() {
        int cases = 0;
        for (JsonNode c : NumpyFixtures.ROOT.path("split")) {
            int[] labels = NumpyFixtures.labels(c.path("labels").asText());
            StratifiedShuffleSplit split = StratifiedShuffleSplit.of(labels, c.path("test_size").asDouble(), c.path("seed").asLong());
            String where = c.path("labels").asText() + " test_size " + c.path("test_size") + " seed " + c.path("seed");
            assertArrayEquals(NumpyFixtures.ints(c.path("train")), split.train(), where);
            assertArrayEquals(NumpyFixtures.ints(c.path("test")), split.test(), where);
            cases++;
        }
        assertEquals(15, cases);
    }

    @Test
    void theTelcoTestRowsAreTheReferenceOnes() throws IOException {
        Path file = TelcoData.file();
        Assumptions.assumeTrue(Files.exists(file), () -> "no Telco data at " + file + ": the Telco split is not checked");
        CsvTable csv = CsvReader.read(Files.readAllBytes(file), file.getFileName().toString());
        LabeledTable all = LabeledTable.of(csv, TypeInference.infer(csv, TelcoData.SPEC), TelcoData.SPEC, csv.records());
        JsonNode telco = NumpyFixtures.ROOT.path("telco");

        StratifiedShuffleSplit split = StratifiedShuffleSplit.of(all.labels(), 0.2, 42);

        boolean[] labels = all.labels();
        assertEquals(telco.path("rows").asInt(), labels.length);
        assertEquals(1409, split.test().length);
        assertEquals(374, Arrays.stream(split.test()).filter(r -> labels[r]).count());
        assertArrayEquals(NumpyFixtures.ints(telco.path("test")), split.test());
        assertArrayEquals(NumpyFixtures.ints(telco.path("train")), split.train());
        boolean[] trainLabels = new boolean[split.train().length];
        for (int i = 0; i < trainLabels.length; i++) {
            trainLabels[i] = labels[split.train()[i]];
        }
        assertArrayEquals(NumpyFixtures.ints(telco.path("train_folds")), StratifiedKFold.of(trainLabels, 5, 42).folds(),
                "the training rows' folds are scikit-learn's StratifiedKFold(5, shuffle=True, random_state=42)");
    }

    @Test
    void trainAndTestPartitionTheRowsAndKeepTheChurnRate() {
        boolean[] labels = new boolean[1001];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 4 == 1;
        }
        StratifiedShuffleSplit split = StratifiedShuffleSplit.of(labels, 0.2, 7);

        int[] all = IntStream.concat(Arrays.stream(split.train()), Arrays.stream(split.test())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, labels.length).toArray(), all);
        assertEquals(201, split.test().length, "ceil(0.2 x 1001)");
        long churners = Arrays.stream(split.test()).filter(r -> labels[r]).count();
        assertTrue(Math.abs(churners - 201 * 250 / 1001.0) <= 1, churners + " churners in the test rows");
    }

    @Test
    void rejectsImpossibleSplitsNamingWhatIsWrong() {
        boolean[] labels = {true, false, false, false, true, false};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StratifiedShuffleSplit.of(labels, 0, 1))
                .getMessage().contains("test share 0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StratifiedShuffleSplit.of(labels, 1.0, 1))
                .getMessage().contains("test share 1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StratifiedShuffleSplit.of(labels, 0.2, -1))
                .getMessage().startsWith("seed is -1"));
        boolean[] single = {true, false, false, false};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StratifiedShuffleSplit.of(single, 0.5, 1))
                .getMessage().contains("class 1 has only 1 row"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StratifiedShuffleSplit.of(labels, 0.1, 1))
                .getMessage().contains("at least one row per class on each side"));
    }
}
