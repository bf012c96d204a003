package dev.churnops.core.batch;

import dev.churnops.core.data.ColumnSchema;
import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.CsvWriter;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.events.EventTime;
import dev.churnops.core.features.FeatureRegistry;
import dev.churnops.core.features.FeatureSchema;
import dev.churnops.core.features.PointInTimeTrainingSet;
import dev.churnops.core.json.Json;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.pipeline.DatasetManifest;
import dev.churnops.core.pipeline.Fingerprint;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.port.OfflineFeatureStore;
import dev.churnops.core.registry.ModelVersion;
import dev.churnops.core.scoring.ServingModel;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Use case: plan a batch-scoring run. Cuts a validated customer file (the one named, the newest of
 * the source, or a snapshot of a feature view written for the run) into row ranges {@code [start, end)} of at most {@code partitionRows} rows —
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

    /**
     * What to score, with which model, in which partitions, for which date: a validated customer
     * file (named, or the newest of {@code source}), or the customers of {@code featureView} as of
     * the date (its newest materialized day at or before it), those eligible as training sets choose
     * them: signed up, not closed, active in the last {@code activityDays} days.
     */
    public record Command(String executionId, String source, String validatedKey, String featureView, int activityDays,
                          String modelName, int partitionRows, LocalDate date) {
        public Command {
            if (executionId == null || executionId.isBlank()) {
                throw new IllegalArgumentException("executionId is required");
            }
            if (featureView != null && validatedKey != null) {
                throw new IllegalArgumentException("validatedKey is '" + validatedKey + "' and featureView is '" + featureView
                        + "': give one of them, a validated file or a feature view to score");
            }
            if (featureView != null && (featureView.isBlank() || !featureView.matches("[a-z][a-z0-9_]*"))) {
                throw new IllegalArgumentException("featureView is '" + featureView
                        + "': expected the name of a feature view, such as customer_behaviour");
            }
            if (featureView == null && validatedKey == null && (source == null || source.isBlank())) {
                throw new IllegalArgumentException("one of 'validatedKey', 'source' or 'featureView' is required");
            }
            if (validatedKey != null) {
                BlobStore.checkKey(validatedKey);
            }
            if (featureView != null && (activityDays < 1 || activityDays > 365)) {
                throw new IllegalArgumentException("activityDays is " + activityDays + ": expected 1 to 365 days");
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

        /** A validated file: the newest of {@code source} when {@code validatedKey} is null. */
        public Command(String executionId, String source, String validatedKey, String modelName, int partitionRows,
                       LocalDate date) {
            this(executionId, source, validatedKey, null, PointInTimeTrainingSet.DEFAULT_ACTIVITY_DAYS, modelName,
                    partitionRows, date);
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
    private final OfflineFeatureStore offline;
    private final FeatureRegistry features;

    /** For validated files only: a {@code featureView} command fails. */
    public ListScoringPartitions(BlobStore blobs, ModelRegistry registry) {
        this(blobs, registry, null, null);
    }

    /**
     * @param offline  the offline feature store feature views are read from; null when none is
     *                 configured (a {@code featureView} command then fails saying so)
     * @param features the feature registry that defines the views
     */
    public ListScoringPartitions(BlobStore blobs, ModelRegistry registry, OfflineFeatureStore offline,
                                 FeatureRegistry features) {
        this.blobs = blobs;
        this.registry = registry;
        this.offline = offline;
        this.features = features;
    }

    public Result run(Command command) {
        String key;
        if (command.featureView() != null) {
            key = writeSnapshot(command);
        } else {
            key = command.validatedKey() != null ? command.validatedKey() : ValidatedFile.newest(blobs, command.source());
        }
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

    /**
     * Writes the feature view's eligible customers as of the end of its newest materialized day at
     * or before the command's date to {@link ScoreKeys#features}, as a validated file: the id column
     * and the view's model features, their types pinned in the manifest. The partitions are row
     * ranges of it, as of any validated file, and the scored input stays beside the scores.
     */
    private String writeSnapshot(Command c) {
        String view = c.featureView();
        if (offline == null || features == null) {
            throw new IllegalStateException("featureView '" + view + "' was asked for, but no offline feature store is"
                    + " configured for batch scoring: configure one, or give a validated file (source or validatedKey)");
        }
        List<LocalDate> days = BlobLayout.offlineFeatureDays(blobs, view);
        LocalDate day = days.stream().filter(d -> !d.isAfter(c.date())).reduce((a, b) -> b).orElseThrow(() ->
                new IllegalArgumentException(days.isEmpty()
                        ? "no features of view '" + view + "' under " + BlobLayout.offlineFeatures(view)
                        + ": ingest the shop's events first"
                        : "date " + c.date() + " is before the first materialized day of view '" + view + "' ("
                        + days.get(0) + "): score a day the view has features for"));
        long asOf = EventTime.endOfDay(day);
        PointInTimeTrainingSet.Snapshot snapshot = new PointInTimeTrainingSet(offline, features, view)
                .eligibleAsOf(asOf, c.activityDays());
        StringBuilder csv = new StringBuilder(64 * (snapshot.entityIds().size() + 1));
        List<String> header = new ArrayList<>();
        header.add(PointInTimeTrainingSet.ID_COLUMN);
        header.addAll(snapshot.features());
        CsvWriter.appendRow(csv, header);
        List<String> row = new ArrayList<>(header.size());
        for (int r = 0; r < snapshot.entityIds().size(); r++) {
            row.clear();
            row.add(snapshot.entityIds().get(r));
            row.addAll(snapshot.values().get(r));
            CsvWriter.appendRow(csv, row);
        }
        byte[] content = csv.toString().getBytes(StandardCharsets.UTF_8);
        DatasetSpec.Builder spec = DatasetSpec.builder().name(view).idColumn(PointInTimeTrainingSet.ID_COLUMN)
                .labelColumn(PointInTimeTrainingSet.LABEL_COLUMN).positiveLabel(PointInTimeTrainingSet.POSITIVE);
        Map<String, FeatureSchema.ValueType> types = new HashMap<>();
        features.features(view).forEach(f -> types.put(f.name(), f.type()));
        for (String name : snapshot.features()) {
            spec.type(name, types.get(name) == FeatureSchema.ValueType.DOUBLE ? ColumnType.NUMERIC : ColumnType.CATEGORICAL);
        }
        int rows = snapshot.entityIds().size();
        String key = ScoreKeys.features(c.date(), c.executionId());
        // The raw key is the offline store's partition of the day read: the features are as of its end.
        String source = BlobLayout.offlineFeatures(view) + "dt=" + day + "/";
        DatasetManifest manifest = new DatasetManifest(DatasetManifest.specAsMap(spec.build()), source,
                Fingerprint.sha256(content), rows, rows, 0);
        blobs.put(key, content);
        blobs.put(BlobLayout.manifestOf(key), Json.write(manifest));
        return key;
    }

    /** Reads only the header to check the model's columns, so a wrong model fails before any partition runs. */
    private static void requireModelColumns(ValidatedFile file, ServingModel model) {
        CsvTable header = CsvReader.read(CsvSlices.slice(file.content(), 0, 0).csv(), file.key());
        List<String> features = file.schema(header).features().stream().map(ColumnSchema::name).toList();
        FeatureRows.requireColumns(features, model.card().inputSignature(),
                "'" + file.key() + "' cannot be scored by " + model.modelName() + " v" + model.version());
    }
}
