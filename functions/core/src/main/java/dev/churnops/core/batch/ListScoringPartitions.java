package dev.churnops.core.batch;

import dev.churnops.core.data.ColumnSchema;
import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.registry.ModelVersion;
import dev.churnops.core.scoring.ServingModel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Use case: plan a batch-scoring run. Cuts a validated customer file (the one named, or the newest
 * of the source) into row ranges {@code [start, end)} of at most {@code partitionRows} rows —
 * descriptors, not copies — and pins the model version: the champion at listing time, so every
 * partition scores with the same version even if the champion changes mid-run. Fails before any
 * partition runs when there is no champion or the file lacks a column the model reads.
 */
public final class ListScoringPartitions {

    public static final int DEFAULT_PARTITION_ROWS = 50_000;

    /**
     * Step Functions caps a state's payload at 256 KB; 400 partition descriptors and their results
     * stay well inside it. A larger file wants larger partitions (or a distributed Map).
     */
    public static final int MAX_PARTITIONS = 400;

    /** What to score, with which model, in which partitions, for which date. */
    public record Command(String executionId, String source, String validatedKey, String modelName, int partitionRows,
                          LocalDate date) {
        public Command {
            if (executionId == null || executionId.isBlank()) {
                throw new IllegalArgumentException("executionId is required");
            }
            if (validatedKey == null && (source == null || source.isBlank())) {
                throw new IllegalArgumentException("either 'validatedKey' or 'source' is required");
            }
            if (validatedKey != null) {
                BlobStore.checkKey(validatedKey);
            }
            if (modelName == null || modelName.isBlank()) {
                throw new IllegalArgumentException("modelName is required");
            }
            if (partitionRows < 1) {
                throw new IllegalArgumentException("partitionRows is " + partitionRows + ": expected at least 1 row per partition");
            }
            if (date == null) {
                throw new IllegalArgumentException("date is required (the day the scores are for)");
            }
        }
    }

    /** Rows {@code [start, end)} of the file, scored as partition {@code index}. */
    public record Partition(int index, int start, int end) {
    }

    /** The plan: the file, its fingerprint and size, the pinned model version, and the partitions. */
    public record Result(String validatedKey, String dataFingerprint, String date, String modelName, int modelVersion,
                         int rows, int partitionRows, List<Partition> partitions, String scoresPrefix) {
    }

    private final BlobStore blobs;
    private final ModelRegistry registry;

    public ListScoringPartitions(BlobStore blobs, ModelRegistry registry) {
        this.blobs = blobs;
        this.registry = registry;
    }

    public Result run(Command command) {
        String key = command.validatedKey() != null ? command.validatedKey() : ValidatedFile.newest(blobs, command.source());
        ValidatedFile file = ValidatedFile.read(blobs, key);
        int rows = CsvSlices.count(file.content());
        if (rows != file.manifest().rowsValid()) {
            throw new IllegalStateException("'" + key + "' holds " + rows + " rows but its manifest says "
                    + file.manifest().rowsValid() + " valid rows: the file was changed after validation");
        }
        ModelVersion champion = registry.alias(command.modelName(), ModelRegistry.CHAMPION).orElseThrow(() ->
                new IllegalArgumentException(registry.versions(command.modelName()).isEmpty()
                        ? "there is no model '" + command.modelName() + "' in the registry; models: "
                        + (registry.models().isEmpty() ? "none yet (train one first)" : String.join(", ", registry.models()))
                        : "model '" + command.modelName() + "' has no champion: approve a version first"));
        String artifactKey = BlobLayout.modelArtifact(command.modelName(), champion.version());
        ServingModel model = ServingModel.load(registry.artifact(command.modelName(), champion.version()), artifactKey);
        requireModelColumns(file, model);

        int partitionRows = command.partitionRows();
        int count = (int) ((rows + (long) partitionRows - 1) / partitionRows);
        if (count > MAX_PARTITIONS) {
            throw new IllegalArgumentException(rows + " rows in partitions of " + partitionRows + " make " + count
                    + " partitions, more than the " + MAX_PARTITIONS + " one run may have: use partitions of at least "
                    + ((rows + MAX_PARTITIONS - 1) / MAX_PARTITIONS) + " rows");
        }
        List<Partition> partitions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int start = i * partitionRows;
            partitions.add(new Partition(i, start, (int) Math.min(rows, (long) start + partitionRows)));
        }
        return new Result(key, file.manifest().rawSha256(), command.date().toString(), command.modelName(),
                champion.version(), rows, partitionRows, partitions, ScoreKeys.prefix(command.date(), command.executionId()));
    }

    /** Reads only the header to check the model's columns, so a wrong model fails before any partition runs. */
    private static void requireModelColumns(ValidatedFile file, ServingModel model) {
        CsvTable header = CsvReader.read(CsvSlices.slice(file.content(), 0, 0).csv(), file.key());
        List<String> features = file.schema(header).features().stream().map(ColumnSchema::name).toList();
        FeatureRows.requireColumns(features, model.card().inputSignature(),
                "'" + file.key() + "' cannot be scored by " + model.modelName() + " v" + model.version());
    }
}
