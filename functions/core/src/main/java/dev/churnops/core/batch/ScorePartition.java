package dev.churnops.core.batch;

import dev.churnops.core.data.Cells;
import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvRecord;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.CsvWriter;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.data.TableSchema;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.scoring.FieldError;
import dev.churnops.core.scoring.ServingModel;
import dev.churnops.core.validation.Quarantine;
import dev.churnops.core.validation.RejectedRecord;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Use case: score one partition, rows {@code [start, end)} of a validated file, with the pinned
 * model version (loaded once per call). Each row is checked against the model's input signature
 * first: a row that fails goes to {@code rejected/part-<n>.rejected.csv} as it was, with its
 * reasons in {@code part-<n>.reasons.csv} (the quarantine format), so rows in = scored + rejected.
 * The rest are written to {@code scores/<date>/<execution>/part-<n>.csv} with columns
 * customer_id, probability, segment, model_version. Writing the same keys again makes a retry safe.
 */
public final class ScorePartition {

    public static final List<String> COLUMNS = List.of("customer_id", "probability", "segment", "model_version");

    /** Which rows of which file, scored by which model version, for which run and date. */
    public record Command(String executionId, String validatedKey, String modelName, int modelVersion, LocalDate date,
                          int index, int start, int end) {
        public Command {
            if (executionId == null || executionId.isBlank()) {
                throw new IllegalArgumentException("executionId is required");
            }
            BlobStore.checkKey(validatedKey);
            if (modelName == null || modelName.isBlank()) {
                throw new IllegalArgumentException("modelName is required");
            }
            if (modelVersion < 1) {
                throw new IllegalArgumentException("modelVersion is " + modelVersion + ": versions start at 1");
            }
            if (date == null) {
                throw new IllegalArgumentException("date is required");
            }
            if (index < 0 || start < 0 || end < start) {
                throw new IllegalArgumentException("partition " + index + " has rows [" + start + ", " + end
                        + "): expected a non-negative index and 0 <= start <= end");
            }
        }
    }

    /** The partition's counts (rowsIn = scored + rejected) and the keys written; rejected keys are null when none was. */
    public record Result(int index, int start, int end, int rowsIn, int scored, int rejected, int highRisk,
                         String scoresKey, String rejectedKey, String reasonsKey) {
    }

    /**
     * How rows are checked and scored. Both give the same bytes; the per-row map path (each row as a
     * request's feature map through the validator and the encoder) is kept as the reference the
     * columnar path is tested against.
     */
    enum RowPath { COLUMNAR, FEATURE_MAPS }

    private final BlobStore blobs;
    private final ModelRegistry registry;
    private final RowPath path;

    public ScorePartition(BlobStore blobs, ModelRegistry registry) {
        this(blobs, registry, RowPath.COLUMNAR);
    }

    ScorePartition(BlobStore blobs, ModelRegistry registry, RowPath path) {
        this.blobs = blobs;
        this.registry = registry;
        this.path = path;
    }

    public Result run(Command c) {
        String artifactKey = BlobLayout.modelArtifact(c.modelName(), c.modelVersion());
        ServingModel model = ServingModel.load(registry.artifact(c.modelName(), c.modelVersion()), artifactKey);
        if (model.version() != c.modelVersion() || !model.modelName().equals(c.modelName())) {
            throw new IllegalStateException(artifactKey + " holds the card of " + model.modelName() + " v" + model.version());
        }
        ValidatedFile file = ValidatedFile.read(blobs, c.validatedKey());
        String what = "'" + c.validatedKey() + "' rows [" + c.start() + ", " + c.end() + ")";
        CsvSlices.Slice slice = CsvSlices.slice(file.content(), c.start(), c.end());
        CsvTable table = CsvReader.read(slice.csv(), what);
        List<CsvRecord> records = table.records();
        if (records.size() != c.end() - c.start()) {
            throw new IllegalArgumentException(what + ": the file has only " + (c.start() + records.size())
                    + " rows, so partition " + c.index() + " is not a range of it");
        }
        TableSchema schema = file.schema(table);
        LabeledTable rows = LabeledTable.toScore(table, schema, file.spec(), records);
        FeatureRows features = FeatureRows.of(rows, model.card().inputSignature(),
                what + " cannot be scored by " + model.modelName() + " v" + model.version());
        String[] ids = rows.ids();
        long[] lines = rows.lineNumbers();

        StringBuilder scores = new StringBuilder(records.size() * 40);
        CsvWriter.appendRow(scores, COLUMNS);
        List<RejectedRecord> rejected = new ArrayList<>();
        List<String> row = new ArrayList<>(COLUMNS.size());
        int highRisk = 0;
        String version = Integer.toString(model.version());
        FeatureRows.RowEncoder encoder = path == RowPath.COLUMNAR ? features.encoderFor(model, "row") : null;
        double[] encoded = encoder == null ? null : new double[encoder.width()];
        for (int r = 0; r < records.size(); r++) {
            long line = lines[r] + slice.lineShift();
            Map<String, Object> values = encoder == null ? features.row(r) : null;
            List<FieldError> errors = encoder != null ? encoder.encode(r, encoded) : model.validator().check(values, "row");
            if (!errors.isEmpty()) {
                rejected.add(new RejectedRecord(line, records.get(r).raw(), reasons(errors)));
                continue;
            }
            // Without an id column, a customer is known by its line in the validated file.
            String id = file.spec().hasIdColumn() ? ids[r] : "line-" + line;
            // Reasons are not part of the batch output, so only the probability is computed.
            double probability = encoder != null ? model.probabilityOfEncoded(encoded) : model.probability(values);
            String segment = model.segment(probability);
            highRisk += segment.equals("high") ? 1 : 0;
            row.clear();
            row.add(id);
            row.add(Cells.formatNumber(probability));
            row.add(segment);
            row.add(version);
            CsvWriter.appendRow(scores, row);
        }
        String scoresKey = ScoreKeys.part(c.date(), c.executionId(), c.index());
        blobs.put(scoresKey, scores.toString().getBytes(StandardCharsets.UTF_8));
        String rejectedKey = null;
        String reasonsKey = null;
        if (!rejected.isEmpty()) {
            rejectedKey = ScoreKeys.rejected(c.date(), c.executionId(), c.index());
            reasonsKey = ScoreKeys.reasons(c.date(), c.executionId(), c.index());
            blobs.put(rejectedKey, Quarantine.rejectedCsv(table, rejected));
            blobs.put(reasonsKey, Quarantine.reasonsCsv(rejected));
        }
        int scored = records.size() - rejected.size();
        return new Result(c.index(), c.start(), c.end(), records.size(), scored, rejected.size(), highRisk, scoresKey,
                rejectedKey, reasonsKey);
    }

    /** "column 'plan': expected one of […], got 'gold'", one per offending field. */
    private static List<String> reasons(List<FieldError> errors) {
        List<String> reasons = new ArrayList<>(errors.size());
        for (FieldError e : errors) {
            String column = e.field().startsWith("row.") ? e.field().substring(4) : e.field();
            reasons.add("column '" + column + "': " + e.message() + " (model input signature)");
        }
        return reasons;
    }
}
