package dev.churnops.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.archive.TarGz;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.json.Json;
import dev.churnops.core.model.ChurnModel;
import dev.churnops.core.model.HyperParameters;
import dev.churnops.core.model.ModelTraining;
import dev.churnops.core.model.SyntheticCustomers;
import dev.churnops.core.model.TrainingSummary;
import dev.churnops.core.monitoring.MonitoringBaseline;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ModelArtifactTest {

    private static final LabeledTable TRAIN = SyntheticCustomers.table(200, 61);
    private static final LabeledTable VALIDATION = SyntheticCustomers.table(SyntheticCustomers.csv(80, 62, 5000));
    private static final HyperParameters PARAMETERS = HyperParameters.parse(PipelineFixture.LOGISTIC);

    private static byte[] write() {
        ModelTraining.Outcome outcome = ModelTraining.train(TRAIN, VALIDATION, PARAMETERS);
        return ModelArtifact.write(outcome.model(), outcome.baseline(),
                TrainingSummary.of(outcome, PARAMETERS, TRAIN.size(), VALIDATION.size()), null);
    }

    @Test
    void holdsModelBaselineAndTrainingSummary() {
        byte[] archive = write();

        assertEquals(List.of("baseline.json", "model.json", "training.json"),
                List.copyOf(new TreeMap<>(TarGz.read(archive, "model.tar.gz")).keySet()));
        ModelArtifact artifact = ModelArtifact.read(archive, "model.tar.gz");
        assertEquals("logistic_regression", artifact.model().algorithm());
        assertEquals(TRAIN.size(), artifact.baseline().rows());
        assertEquals(Map.of("train", TRAIN.size(), "validation", VALIDATION.size()), artifact.training().rows());
        assertTrue(artifact.card().isEmpty());
    }

    @Test
    void holdsTheMonitoringBaselineOfTheTrainingRowsAndScores() {
        ModelTraining.Outcome outcome = ModelTraining.train(TRAIN, VALIDATION, PARAMETERS);
        byte[] archive = ModelArtifact.write(outcome.model(), outcome.baseline(), outcome.monitoring(),
                TrainingSummary.of(outcome, PARAMETERS, TRAIN.size(), VALIDATION.size()), null);

        assertEquals(List.of("baseline.json", "constraints.json", "model.json", "statistics.json", "training.json"),
                List.copyOf(new TreeMap<>(TarGz.read(archive, "model.tar.gz")).keySet()));
        MonitoringBaseline monitoring = ModelArtifact.read(archive, "model.tar.gz").monitoring().orElseThrow();
        assertTrue(monitoring.hasScores());
        assertEquals(TRAIN.featureNames().size() + 1, monitoring.statistics().features().size());
        assertArrayEquals(outcome.monitoring().statisticsJson(), monitoring.statisticsJson());
    }

    @Test
    void refusesHalfAMonitoringBaselineNamingTheMissingFile() {
        TreeMap<String, byte[]> files = new TreeMap<>(TarGz.read(write(), "model.tar.gz"));
        files.put(ModelArtifact.STATISTICS_FILE, ModelTraining.train(TRAIN, VALIDATION, PARAMETERS).monitoring().statisticsJson());
        ModelArtifact artifact = ModelArtifact.read(TarGz.write(files), "models/churn/3/model.tar.gz");

        TarGz.CorruptArchiveException e = assertThrows(TarGz.CorruptArchiveException.class, artifact::monitoring);
        assertTrue(e.getMessage().contains("models/churn/3/model.tar.gz") && e.getMessage().contains("without constraints.json"),
                e.getMessage());
    }

    @Test
    void givesTheSameBytesForTheSameTraining() {
        assertArrayEquals(write(), write());
    }

    @Test
    void rejectsAnArchiveWithoutAModelNamingWhatIsMissing() {
        byte[] archive = TarGz.write(new TreeMap<>(Map.of("baseline.json", "{}".getBytes(StandardCharsets.UTF_8),
                "training.json", "{}".getBytes(StandardCharsets.UTF_8))));
        TarGz.CorruptArchiveException e = assertThrows(TarGz.CorruptArchiveException.class,
                () -> ModelArtifact.read(archive, "models/churn/2/model.tar.gz"));
        assertTrue(e.getMessage().contains("models/churn/2/model.tar.gz") && e.getMessage().contains("model.json"), e.getMessage());
    }

    @Test
    void namesTheFileInsideTheArchiveWhenItIsCorrupt() {
        TreeMap<String, byte[]> files = new TreeMap<>(TarGz.read(write(), "model.tar.gz"));
        files.put(ChurnModel.FILE_NAME, "{\"format\": 1,".getBytes(StandardCharsets.UTF_8));
        ModelArtifact artifact = ModelArtifact.read(TarGz.write(files), "models/churn/2/model.tar.gz");
        Json.InvalidDocumentException e = assertThrows(Json.InvalidDocumentException.class, artifact::model);
        assertTrue(e.getMessage().contains("models/churn/2/model.tar.gz!/model.json"), e.getMessage());
    }
}
