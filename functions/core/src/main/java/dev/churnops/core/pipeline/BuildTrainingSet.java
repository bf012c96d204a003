package dev.churnops.core.pipeline;

import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.json.Json;
import dev.churnops.core.model.StratifiedSplit;
import dev.churnops.core.port.BlobStore;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Use case: cut a validated file into seeded, stratified train / validation / test splits under
 * {@code training-sets/<execution>/}. When no validated key is given, the newest validated file of
 * the source is used (what a scheduled retraining wants).
 */
public final class BuildTrainingSet {

    public record Command(String executionId, String source, String validatedKey, long seed,
                          double validationShare, double testShare) {
        public Command {
            Objects.requireNonNull(executionId, "executionId");
            if (validatedKey == null && (source == null || source.isBlank())) {
                throw new IllegalArgumentException("either 'validatedKey' or 'source' is required");
            }
        }
    }

    /** Where the splits are, their sizes and churn counts, and the fingerprint of the raw input. */
    public record Result(String trainingSetPrefix, String validatedKey, String dataFingerprint,
                         Map<String, Integer> rows, Map<String, Integer> positives) {
    }

    private final BlobStore blobs;

    public BuildTrainingSet(BlobStore blobs) {
        this.blobs = blobs;
    }

    public Result run(Command command) {
        String validatedKey = command.validatedKey() != null ? command.validatedKey() : newestValidated(command.source());
        DatasetManifest manifest = Json.read(blobs.get(BlobLayout.manifestOf(validatedKey)), DatasetManifest.class,
                "manifest of " + validatedKey);
        DatasetSpec spec = manifest.datasetSpec();
        LabeledTable all = TrainingSetFiles.read(blobs.get(validatedKey), spec, validatedKey);
        StratifiedSplit split = StratifiedSplit.of(all.labels(), command.validationShare(), command.testShare(), command.seed());
        String prefix = BlobLayout.trainingSet(command.executionId());
        Map<String, Integer> rows = new LinkedHashMap<>();
        Map<String, Integer> positives = new LinkedHashMap<>();
        Map<String, int[]> parts = Map.of("train", split.train(), "validation", split.validation(), "test", split.test());
        for (String channel : TrainingSetFiles.CHANNELS) {
            LabeledTable part = all.select(parts.get(channel));
            if (part.size() == 0) {
                throw new IllegalArgumentException("the " + channel + " split of " + validatedKey + " is empty: "
                        + all.size() + " valid rows are too few to train and evaluate");
            }
            blobs.put(TrainingSetFiles.channelKey(prefix, channel), part.toCsv().getBytes(StandardCharsets.UTF_8));
            rows.put(channel, part.size());
            int p = 0;
            for (boolean b : part.labels()) {
                p += b ? 1 : 0;
            }
            positives.put(channel, p);
        }
        blobs.put(TrainingSetFiles.specKey(prefix), spec.toJson());
        return new Result(prefix, validatedKey, manifest.rawSha256(), rows, positives);
    }

    private String newestValidated(String source) {
        return BlobLayout.newestValidated(blobs, source).orElseThrow(() -> new IllegalArgumentException(
                "no validated data for source '" + source + "' under " + BlobLayout.validatedPrefix(source)
                        + ": run ingestion first"));
    }
}
