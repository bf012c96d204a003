package dev.churnops.core.pipeline;

import dev.churnops.core.archive.TarGz;
import dev.churnops.core.json.Json;
import dev.churnops.core.model.ChurnModel;
import dev.churnops.core.model.FeatureBaseline;
import dev.churnops.core.model.OutOfFoldPredictions;
import dev.churnops.core.model.TrainingSummary;
import dev.churnops.core.monitoring.MonitoringBaseline;
import dev.churnops.core.registry.ModelCard;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files of a {@code model.tar.gz}: {@code model.json} (serving form), {@code baseline.json},
 * {@code training.json}, the monitoring baseline in SageMaker Model Monitor's layout
 * ({@code statistics.json}, {@code constraints.json}; absent from artifacts trained before it
 * existed), for a model trained without validation rows {@code out-of-fold.csv} (its out-of-fold
 * predictions on the training rows, see {@link OutOfFoldPredictions}), and once registered
 * {@code model-card.json}. Reading checks that the
 * files are there and well formed, so a corrupt artifact fails with the file it concerns.
 */
public final class ModelArtifact {

    public static final String BASELINE_FILE = "baseline.json";
    public static final String STATISTICS_FILE = "statistics.json";
    public static final String CONSTRAINTS_FILE = "constraints.json";

    private final Map<String, byte[]> files;
    private final String source;

    private ModelArtifact(Map<String, byte[]> files, String source) {
        this.files = files;
        this.source = source;
    }

    public static ModelArtifact read(byte[] archive, String source) {
        Map<String, byte[]> files = TarGz.read(archive, source);
        for (String required : new String[] {ChurnModel.FILE_NAME, BASELINE_FILE, TrainingSummary.FILE_NAME}) {
            if (!files.containsKey(required)) {
                throw new TarGz.CorruptArchiveException(source + " lacks " + required + ": expected a ChurnOps model artifact");
            }
        }
        return new ModelArtifact(files, source);
    }

    public static byte[] write(ChurnModel model, FeatureBaseline baseline, TrainingSummary training, ModelCard card) {
        return write(model, baseline, null, training, card);
    }

    /** As {@link #write(ChurnModel, FeatureBaseline, TrainingSummary, ModelCard)}, with the monitoring baseline when not null. */
    public static byte[] write(ChurnModel model, FeatureBaseline baseline, MonitoringBaseline monitoring,
                               TrainingSummary training, ModelCard card) {
        return write(model, baseline, monitoring, training, null, card);
    }

    /** As {@link #write(ChurnModel, FeatureBaseline, MonitoringBaseline, TrainingSummary, ModelCard)}, with the out-of-fold predictions when not null. */
    public static byte[] write(ChurnModel model, FeatureBaseline baseline, MonitoringBaseline monitoring,
                               TrainingSummary training, OutOfFoldPredictions outOfFold, ModelCard card) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        if (outOfFold != null) {
            files.put(OutOfFoldPredictions.FILE_NAME, outOfFold.toCsv());
        }
        files.put(ChurnModel.FILE_NAME, model.toBytes());
        files.put(BASELINE_FILE, Json.write(baseline));
        if (monitoring != null) {
            files.put(STATISTICS_FILE, monitoring.statisticsJson());
            files.put(CONSTRAINTS_FILE, monitoring.constraintsJson());
        }
        files.put(TrainingSummary.FILE_NAME, Json.write(training));
        if (card != null) {
            files.put(ModelCard.FILE_NAME, Json.write(card));
        }
        return TarGz.write(files);
    }

    public byte[] modelBytes() {
        return files.get(ChurnModel.FILE_NAME);
    }

    public ChurnModel model() {
        return ChurnModel.fromBytes(modelBytes(), source + "!/" + ChurnModel.FILE_NAME);
    }

    public FeatureBaseline baseline() {
        return Json.read(files.get(BASELINE_FILE), FeatureBaseline.class, source + "!/" + BASELINE_FILE);
    }

    /** The monitoring baseline; empty for an artifact trained before it was written. */
    public Optional<MonitoringBaseline> monitoring() {
        byte[] statistics = files.get(STATISTICS_FILE);
        byte[] constraints = files.get(CONSTRAINTS_FILE);
        if (statistics == null && constraints == null) {
            return Optional.empty();
        }
        if (statistics == null || constraints == null) {
            throw new TarGz.CorruptArchiveException(source + " has " + (statistics == null ? CONSTRAINTS_FILE : STATISTICS_FILE)
                    + " without " + (statistics == null ? STATISTICS_FILE : CONSTRAINTS_FILE)
                    + ": the monitoring baseline is both files or neither");
        }
        return Optional.of(MonitoringBaseline.read(statistics, constraints));
    }

    public TrainingSummary training() {
        return Json.read(files.get(TrainingSummary.FILE_NAME), TrainingSummary.class, source + "!/" + TrainingSummary.FILE_NAME);
    }

    /** The out-of-fold predictions on the training rows; empty for a model chosen on validation rows. */
    public Optional<OutOfFoldPredictions> outOfFold() {
        byte[] csv = files.get(OutOfFoldPredictions.FILE_NAME);
        if (csv == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OutOfFoldPredictions.fromCsv(csv, source + "!/" + OutOfFoldPredictions.FILE_NAME));
        } catch (IllegalArgumentException e) {
            throw new TarGz.CorruptArchiveException(e.getMessage());
        }
    }

    public Optional<ModelCard> card() {
        byte[] card = files.get(ModelCard.FILE_NAME);
        return card == null ? Optional.empty()
                : Optional.of(Json.read(card, ModelCard.class, source + "!/" + ModelCard.FILE_NAME));
    }
}
