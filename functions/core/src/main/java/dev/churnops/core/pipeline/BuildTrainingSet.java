package dev.churnops.core.pipeline;

import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.json.Json;
import dev.churnops.core.model.MersenneTwister;
import dev.churnops.core.model.StratifiedShuffleSplit;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.events.EventTime;
import dev.churnops.core.features.FeatureRegistry;
import dev.churnops.core.features.PointInTimeTrainingSet;
import dev.churnops.core.port.OfflineFeatureStore;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Use case: build the train / validation / test splits under {@code training-sets/<execution>/}.
 * Two kinds of input:
 * <ul>
 *   <li>a customer table: a validated file (when no validated key is given, the newest validated
 *       file of the source: what a scheduled retraining wants) cut as scikit-learn's
 *       {@code train_test_split(test_size=testShare, stratify=labels, random_state=seed)} cuts it
 *       ({@link StratifiedShuffleSplit}): its test rows test and the rest train, in its order. With
 *       {@code validationShare} 0 (the default) the validation channel holds no row, and training
 *       chooses on out-of-fold predictions of the training rows; above 0 the validation rows are cut
 *       from the training rows by a second such split, of share
 *       {@code validationShare / (1 − testShare)} and the same seed, so that share of the whole
 *       table validates;</li>
 *   <li>a feature view of the shop's events ({@code featureView} set): point-in-time sets from the
 *       offline feature store, one table per monthly cutoff, labelled by what happened in the
 *       horizon after it, split by time (the last cutoff tests, the one before validates).</li>
 * </ul>
 */
public final class BuildTrainingSet {

    public record Command(String executionId, String source, String validatedKey, long seed,
                          double validationShare, double testShare, PointInTime pointInTime) {
        public Command {
            Objects.requireNonNull(executionId, "executionId");
            if (pointInTime == null && validatedKey == null && (source == null || source.isBlank())) {
                throw new IllegalArgumentException("either 'validatedKey', 'source' or 'featureView' is required");
            }
            if (seed < 0 || seed > MersenneTwister.MAX_SEED) {
                throw new IllegalArgumentException("'seed' is " + seed + ": expected a whole number from 0 to "
                        + MersenneTwister.MAX_SEED + " (2^32 - 1, the seeds numpy's RandomState accepts)");
            }
            if (pointInTime == null && !(testShare > 0 && testShare < 1)) {
                throw new IllegalArgumentException("'testShare' is " + testShare + ": expected a share above 0 and below 1");
            }
            if (pointInTime == null && !(validationShare >= 0 && validationShare + testShare < 1)) {
                throw new IllegalArgumentException("'validationShare' is " + validationShare + " with 'testShare' "
                        + testShare + ": expected 0 (choose on out-of-fold predictions of the training rows) or a"
                        + " share that leaves rows to train on");
            }
        }

        /** A customer-table command. */
        public Command(String executionId, String source, String validatedKey, long seed, double validationShare,
                       double testShare) {
            this(executionId, source, validatedKey, seed, validationShare, testShare, null);
        }
    }

    /**
     * Point-in-time settings: the feature view, the label horizon, the activity window that makes a
     * customer eligible at a cutoff, and how many monthly cutoffs (counting back from the latest
     * one the data can label; at least 3: test, validation and one to train on).
     */
    public record PointInTime(String featureView, int horizonDays, int activityDays, int cutoffs) {
        public PointInTime {
            if (featureView == null || featureView.isBlank()) {
                throw new IllegalArgumentException("'featureView' is required for a point-in-time training set");
            }
            if (horizonDays < 1 || horizonDays > 365) {
                throw new IllegalArgumentException("'horizonDays' is " + horizonDays + ": expected 1 to 365");
            }
            if (activityDays < 1 || activityDays > 365) {
                throw new IllegalArgumentException("'activityDays' is " + activityDays + ": expected 1 to 365");
            }
            if (cutoffs < 3 || cutoffs > 120) {
                throw new IllegalArgumentException("'cutoffs' is " + cutoffs
                        + ": expected 3 to 120 monthly cutoffs (test, validation and at least one to train on)");
            }
        }
    }

    /** Where the splits are, their sizes and churn counts, and the fingerprint of the raw input. */
    public record Result(String trainingSetPrefix, String validatedKey, String dataFingerprint,
                         Map<String, Integer> rows, Map<String, Integer> positives) {
    }

    private final BlobStore blobs;
    private final OfflineFeatureStore offline;
    private final FeatureRegistry registry;

    /** For customer tables only. */
    public BuildTrainingSet(BlobStore blobs) {
        this(blobs, null, null);
    }

    public BuildTrainingSet(BlobStore blobs, OfflineFeatureStore offline, FeatureRegistry registry) {
        this.blobs = blobs;
        this.offline = offline;
        this.registry = registry;
    }

    public Result run(Command command) {
        if (command.pointInTime() != null) {
            return pointInTime(command.executionId(), command.pointInTime());
        }
        String validatedKey = command.validatedKey() != null ? command.validatedKey() : newestValidated(command.source());
        DatasetManifest manifest = Json.read(blobs.get(BlobLayout.manifestOf(validatedKey)), DatasetManifest.class,
                "manifest of " + validatedKey);
        DatasetSpec spec = manifest.datasetSpec();
        LabeledTable all = TrainingSetFiles.read(blobs.get(validatedKey), spec, validatedKey);
        Map<String, int[]> parts = split(all.labels(), command.validationShare(), command.testShare(), command.seed());
        String prefix = BlobLayout.trainingSet(command.executionId());
        Map<String, Integer> rows = new LinkedHashMap<>();
        Map<String, Integer> positives = new LinkedHashMap<>();
        for (String channel : TrainingSetFiles.CHANNELS) {
            LabeledTable part = all.select(parts.get(channel));
            boolean mayBeEmpty = channel.equals("validation") && command.validationShare() == 0;
            if (part.size() == 0 && !mayBeEmpty) {
                throw new IllegalArgumentException("the " + channel + " split of " + validatedKey + " is empty: "
                        + all.size() + " valid rows are too few to train and evaluate");
            }
            // An empty validation channel is the header alone, so every channel has its file.
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

    /**
     * Row indexes per channel: scikit-learn's stratified test rows, and the rest to train on, or,
     * with a validation share, cut again into training and validation rows.
     */
    static Map<String, int[]> split(boolean[] labels, double validationShare, double testShare, long seed) {
        StratifiedShuffleSplit outer;
        try {
            outer = StratifiedShuffleSplit.of(labels, testShare, seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot split " + labels.length + " valid rows with 'testShare' " + testShare
                    + ": " + e.getMessage(), e);
        }
        int[] rest = outer.train();
        if (validationShare == 0) {
            return Map.of("train", rest, "validation", new int[0], "test", outer.test());
        }
        boolean[] restLabels = new boolean[rest.length];
        for (int i = 0; i < rest.length; i++) {
            restLabels[i] = labels[rest[i]];
        }
        StratifiedShuffleSplit inner;
        try {
            inner = StratifiedShuffleSplit.of(restLabels, validationShare / (1 - testShare), seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot cut validation rows from " + rest.length + " training rows with"
                    + " 'validationShare' " + validationShare + ": " + e.getMessage(), e);
        }
        return Map.of("train", map(inner.train(), rest), "validation", map(inner.test(), rest), "test", outer.test());
    }

    private static int[] map(int[] positions, int[] rows) {
        int[] mapped = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            mapped[i] = rows[positions[i]];
        }
        return mapped;
    }

    private Result pointInTime(String executionId, PointInTime settings) {
        if (offline == null || registry == null) {
            throw new IllegalStateException("this BuildTrainingSet has no offline feature store: construct it with one");
        }
        registry.schema(settings.featureView());
        List<LocalDate> days = BlobLayout.offlineFeatureDays(blobs, settings.featureView());
        if (days.isEmpty()) {
            throw new IllegalArgumentException("no features under " + BlobLayout.offlineFeatures(settings.featureView())
                    + ": ingest events and materialize features first");
        }
        LocalDate first = days.get(0).plusDays(settings.activityDays());
        LocalDate last = days.get(days.size() - 1).minusDays(settings.horizonDays());
        List<Long> cutoffs = new ArrayList<>();
        for (int i = settings.cutoffs() - 1; i >= 0; i--) {
            LocalDate cutoff = last.minusMonths(i);
            if (!cutoff.isBefore(first)) {
                cutoffs.add(EventTime.endOfDay(cutoff));
            }
        }
        if (cutoffs.size() < 3) {
            throw new IllegalArgumentException("features span " + days.get(0) + " to " + days.get(days.size() - 1)
                    + ": too short for 3 monthly cutoffs with " + settings.activityDays() + " days of history before each and "
                    + settings.horizonDays() + " days of labels after (about " + (settings.activityDays() + settings.horizonDays() + 61)
                    + " days are needed)");
        }
        PointInTimeTrainingSet.TrainingSet set = new PointInTimeTrainingSet(offline, registry, settings.featureView())
                .build(cutoffs, settings.horizonDays(), settings.activityDays());
        String prefix = BlobLayout.trainingSet(executionId);
        Map<String, Integer> rows = new LinkedHashMap<>();
        Map<String, Integer> positives = new LinkedHashMap<>();
        java.security.MessageDigest digest = Fingerprint.newDigest();
        int k = set.cutoffs().size();
        // The set's channels are its cutoff tables split by time: the counts come from the tables.
        Map<String, List<PointInTimeTrainingSet.CutoffTable>> tables = Map.of("train", set.cutoffs().subList(0, k - 2),
                "validation", set.cutoffs().subList(k - 2, k - 1), "test", set.cutoffs().subList(k - 1, k));
        for (String channel : TrainingSetFiles.CHANNELS) {
            int size = 0;
            int p = 0;
            for (PointInTimeTrainingSet.CutoffTable t : tables.get(channel)) {
                size += t.rows().size();
                p += t.churned();
            }
            if (size == 0) {
                throw new IllegalArgumentException("the " + channel + " split of the point-in-time set is empty: no customer was"
                        + " eligible and labelled at its cutoff");
            }
            byte[] csv = set.channel(channel);
            blobs.put(TrainingSetFiles.channelKey(prefix, channel), csv);
            digest.update(csv);
            rows.put(channel, size);
            positives.put(channel, p);
        }
        blobs.put(TrainingSetFiles.specKey(prefix), set.spec().toJson());
        return new Result(prefix, null, java.util.HexFormat.of().formatHex(digest.digest()), rows, positives);
    }

    private String newestValidated(String source) {
        return BlobLayout.newestValidated(blobs, source).orElseThrow(() -> new IllegalArgumentException(
                "no validated data for source '" + source + "' under " + BlobLayout.validatedPrefix(source)
                        + ": run ingestion first"));
    }
}
