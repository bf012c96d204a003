package dev.churnops.core.pipeline;

import dev.churnops.core.port.BlobStore;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The blob layout of the architecture document, in one place: every key a use case reads or writes
 * is built here, so S3 and the local directory always agree.
 */
public final class BlobLayout {

    private BlobLayout() {
    }

    public static String raw(String source, LocalDate date, String file) {
        return BlobStore.checkKey("raw/" + source + "/dt=" + date + "/" + file);
    }

    /** The source name of a raw key, {@code raw/<source>/dt=…/<file>}; fails naming the key otherwise. */
    public static String sourceOfRaw(String key) {
        String[] parts = key.split("/");
        if (parts.length < 4 || !parts[0].equals("raw") || !parts[2].startsWith("dt=")) {
            throw new IllegalArgumentException("key '" + key + "' is not under raw/<source>/dt=YYYY-MM-DD/");
        }
        return parts[1];
    }

    public static String partitionOfRaw(String key) {
        return key.split("/")[2];
    }

    public static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    public static String datasetConfig(String source) {
        return "config/datasets/" + source + ".json";
    }

    public static String datasetExpectations(String source) {
        return "config/datasets/" + source + ".expectations.json";
    }

    public static String profiledExpectations(String source, String execution) {
        return "expectations/" + source + "/" + execution + ".json";
    }

    /** Rows per day and file of an event source, for volume checks: {@code quality/volumes/<source>.json}. */
    public static String volumeHistory(String source) {
        return BlobStore.checkKey("quality/volumes/" + source + ".json");
    }

    public static String validated(String source, String partition, String file) {
        return "validated/" + source + "/" + partition + "/" + file;
    }

    public static String validatedPrefix(String source) {
        return "validated/" + source + "/";
    }

    /**
     * The newest validated file of {@code source}: the last key under {@link #validatedPrefix} in
     * date-partition order, manifests aside; empty when the source has none.
     */
    public static Optional<String> newestValidated(BlobStore blobs, String source) {
        List<String> keys = blobs.list(validatedPrefix(source)).stream()
                .filter(k -> !k.endsWith(".manifest.json")).sorted().toList();
        return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(keys.size() - 1));
    }

    public static String manifestOf(String validatedKey) {
        return validatedKey + ".manifest.json";
    }

    public static String quarantineRejected(String execution, String file) {
        return "quarantine/" + execution + "/" + file + ".rejected.csv";
    }

    public static String quarantineReasons(String execution, String file) {
        return "quarantine/" + execution + "/" + file + ".reasons.csv";
    }

    public static String validationReport(String execution) {
        return "reports/" + execution + "/validation.json";
    }

    /** The offline feature store's files of a view: {@code features/offline/<view>/dt=YYYY-MM-DD/part-*.parquet}. */
    public static String offlineFeatures(String view) {
        return "features/offline/" + view + "/";
    }

    /** The days that have offline feature files of {@code view}, in order. */
    public static List<LocalDate> offlineFeatureDays(BlobStore blobs, String view) {
        java.util.TreeSet<LocalDate> days = new java.util.TreeSet<>();
        String prefix = offlineFeatures(view);
        for (String key : blobs.list(prefix)) {
            String rest = key.substring(prefix.length());
            if (rest.startsWith("dt=") && rest.indexOf('/') == 13) {
                try {
                    days.add(LocalDate.parse(rest.substring(3, 13)));
                } catch (java.time.format.DateTimeParseException e) {
                    // Not a partition this layout writes: not ours to read.
                }
            }
        }
        return List.copyOf(days);
    }

    public static String trainingSet(String execution) {
        return "training-sets/" + execution + "/";
    }

    public static String trainingJobs() {
        return "training-jobs/";
    }

    public static String evaluation(String execution) {
        return "evaluations/" + execution + "/evaluation.json";
    }

    public static String decision(String execution) {
        return "evaluations/" + execution + "/decision.json";
    }

    public static String modelArtifact(String modelName, int version) {
        return "models/" + modelName + "/" + version + "/model.tar.gz";
    }

    public static String report(String execution) {
        return "reports/" + execution + "/index.html";
    }

    /** The record of one training run: {@code runs/<model>/<execution>.json}. */
    public static String run(String modelName, String execution) {
        return BlobStore.checkKey("runs/" + modelName + "/" + execution + ".json");
    }

    /** Every model's run records. */
    public static String runs() {
        return "runs/";
    }

    /** One model's run records. */
    public static String runs(String modelName) {
        return "runs/" + modelName + "/";
    }

    /** One day's captured scores of a model: {@code capture/<model>/dt=YYYY-MM-DD/}. */
    public static String capture(String modelName, LocalDate date) {
        return dev.churnops.core.scoring.CaptureLine.partition(modelName, date);
    }

    /** What one monitoring run writes: {@code monitoring/<YYYY-MM-DD>/<execution>/<file>}. */
    public static String monitoring(LocalDate date, String execution, String file) {
        return BlobStore.checkKey("monitoring/" + date + "/" + execution + "/" + file);
    }

    /** State monitoring keeps between runs of one model (incidents, retraining, window sizes). */
    public static String monitoringState(String modelName, String file) {
        return BlobStore.checkKey("monitoring/state/" + modelName + "/" + file);
    }
}
