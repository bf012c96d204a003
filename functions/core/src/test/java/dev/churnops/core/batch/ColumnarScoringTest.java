package dev.churnops.core.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.ColumnType;
import dev.churnops.core.model.SyntheticCustomers;
import dev.churnops.core.registry.ModelCard;
import dev.churnops.core.scoring.FieldError;
import dev.churnops.core.scoring.ServingModel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The columnar scoring path against the per-row feature-map path it replaced, which stays as the
 * reference: same files to the byte, same errors, same probabilities.
 */
class ColumnarScoringTest {

    private final BatchFixture fixture = new BatchFixture();
    private ServingModel model;

    @BeforeEach
    void champion() {
        fixture.ingest("2026-11-30", SyntheticCustomers.csv(300, 41));
        model = fixture.model(fixture.trainChampion("train-1"));
    }

    private ScorePartition.Result score(ScorePartition.RowPath path, String execution, ListScoringPartitions.Result listing,
                                        ListScoringPartitions.Partition p) {
        return new ScorePartition(fixture.blobs, fixture.registry, path).run(new ScorePartition.Command(execution,
                listing.validatedKey(), listing.modelName(), listing.modelVersion(), BatchFixture.DATE, p.index(),
                p.start(), p.end()));
    }

    private String text(String key) {
        return new String(fixture.blobs.get(key), StandardCharsets.UTF_8);
    }

    @Test
    void writesTheSameScoresRejectedRowsAndReasonsAsThePerRowMapPath() {
        // Unseen contracts and payment methods are rejected; the fixture also leaves tenure and contract blank now and then.
        String csv = SyntheticCustomers.csv(400, 42, 1001).replace(",Two year,", ",Three year,")
                .replace(",Mailed check,", ",Cash,");
        String key = fixture.ingest("2026-12-01", csv);
        ListScoringPartitions.Result listing = fixture.list("batch-1", key, 96);

        int rejected = 0;
        int missingValues = 0;
        for (ListScoringPartitions.Partition p : listing.partitions()) {
            ScorePartition.Result columnar = score(ScorePartition.RowPath.COLUMNAR, "columnar", listing, p);
            ScorePartition.Result maps = score(ScorePartition.RowPath.FEATURE_MAPS, "maps", listing, p);

            assertEquals(maps.scored(), columnar.scored());
            assertEquals(maps.rejected(), columnar.rejected());
            assertEquals(maps.highRisk(), columnar.highRisk());
            assertArrayEquals(fixture.blobs.get(maps.scoresKey()), fixture.blobs.get(columnar.scoresKey()),
                    "scores of partition " + p.index());
            if (maps.rejected() > 0) {
                assertArrayEquals(fixture.blobs.get(maps.rejectedKey()), fixture.blobs.get(columnar.rejectedKey()),
                        "rejected rows of partition " + p.index());
                assertArrayEquals(fixture.blobs.get(maps.reasonsKey()), fixture.blobs.get(columnar.reasonsKey()),
                        "reasons of partition " + p.index());
                missingValues += text(columnar.rejectedKey()).contains(",,") ? 1 : 0;
            }
            rejected += columnar.rejected();
        }
        assertTrue(rejected > 40, "the data needs rejected rows, got " + rejected);
        assertTrue(missingValues > 0, "the rejected rows need missing values too");
    }

    @Test
    void reportsTheValidatorsErrorsInItsOrderAndEncodesAsTheMapPath() {
        // Rows as a request would send them, including what a file never holds: an infinite number,
        // a value of the wrong type, and two offending fields in one row.
        List<ModelCard.InputColumn> signature = model.validator().columns();
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> valid = new HashMap<>();
        for (ModelCard.InputColumn c : signature) {
            valid.put(c.name(), c.type() == ColumnType.NUMERIC ? (Object) 12.5
                    : c.type() == ColumnType.BOOLEAN ? (Object) Boolean.TRUE : c.categories().get(0));
        }
        rows.add(valid);
        Map<String, Object> missing = new HashMap<>();
        signature.forEach(c -> missing.put(c.name(), null));
        rows.add(missing);
        Map<String, Object> bad = new HashMap<>(valid);
        for (ModelCard.InputColumn c : signature) {
            bad.put(c.name(), c.type() == ColumnType.NUMERIC ? (Object) Double.POSITIVE_INFINITY
                    : c.type() == ColumnType.BOOLEAN ? (Object) Boolean.FALSE : "never seen before at all");
        }
        rows.add(bad);

        FeatureRows features = FeatureRows.of(rows, signature);
        FeatureRows.RowEncoder encoder = features.encoderFor(model, "row");
        double[] encoded = new double[encoder.width()];
        int errorsSeen = 0;
        for (int r = 0; r < rows.size(); r++) {
            List<FieldError> expected = model.validator().check(features.row(r), "row");
            List<FieldError> actual = encoder.encode(r, encoded);
            assertEquals(expected, actual, "errors of row " + r);
            errorsSeen += actual.size();
            if (expected.isEmpty()) {
                assertArrayEquals(model.encoder().encode(features.row(r)), encoded, "encoding of row " + r);
                assertEquals(model.probability(features.row(r)), model.probabilityOfEncoded(encoded));
            }
        }
        assertTrue(errorsSeen >= 2, "the last row must fail on more than one field, got " + errorsSeen);
        assertNotNull(features.row(2));
    }
}
