package dev.churnops.core.pipeline;

import dev.churnops.core.archive.TarGz;
import dev.churnops.core.json.Json;
import dev.churnops.core.model.ChurnModel;
import dev.churnops.core.model.FeatureBaseline;
import dev.churnops.core.model.TrainingSummary;
import dev.churnops.core.registry.ModelCard;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files of a {@code model.tar.gz}: {@code model.json} (serving form), {@code baseline.json},
 * {@code training.json}, and once registered {@code model-card.json}. Reading checks that the
 * files are there and well formed, so a corrupt artifact fails with the file it concerns.
 */
public final class ModelArtifact {

    public static final String BASELINE_FILE = "baseline.json";

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
        SortedMap<String, byte[]> files = new TreeMap<>();
        files.put(ChurnModel.FILE_NAME, model.toBytes());
        files.put(BASELINE_FILE, Json.write(baseline));
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

    public TrainingSummary training() {
        return Json.read(files.get(TrainingSummary.FILE_NAME), TrainingSummary.class, source + "!/" + TrainingSummary.FILE_NAME);
    }

    public Optional<ModelCard> card() {
        byte[] card = files.get(ModelCard.FILE_NAME);
        return card == null ? Optional.empty()
                : Optional.of(Json.read(card, ModelCard.class, source + "!/" + ModelCard.FILE_NAME));
    }
}
