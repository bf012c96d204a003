package dev.churnops.core.pipeline;

import dev.churnops.core.evaluation.BusinessAssumptions;
import dev.churnops.core.evaluation.ThresholdObjective;
import dev.churnops.core.model.SyntheticCustomers;
import dev.churnops.core.port.InMemoryBlobStore;
import dev.churnops.core.port.InMemoryModelRegistry;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * A registry holding a champion trained, evaluated and registered the way the training workflow
 * does it (model card and monitoring baseline included), on the synthetic customers, for the
 * monitoring use cases to watch.
 */
final class MonitoringFixture {

    static final String MODEL = PipelineFixture.MODEL_NAME;
    static final LocalDate DATE = LocalDate.parse("2026-02-10");

    final PipelineFixture pipeline = new PipelineFixture();
    final InMemoryBlobStore blobs = pipeline.blobs;
    final InMemoryModelRegistry registry = pipeline.registry;
    final int version;

    MonitoringFixture() {
        pipeline.ingest();
        BuildTrainingSet.Result set = pipeline.trainingSet("train-1");
        String candidate = pipeline.trainCandidate("train-1", set.trainingSetPrefix(), PipelineFixture.LOGISTIC);
        EvaluateCandidate.Result evaluation = new EvaluateCandidate(blobs, registry).run(new EvaluateCandidate.Command(
                "train-1", MODEL, candidate, set.trainingSetPrefix(), ThresholdObjective.maxF1(), BusinessAssumptions.defaults()));
        version = new RegisterCandidate(blobs, registry).run(new RegisterCandidate.Command("train-1", MODEL,
                evaluation.evaluationKey(), true, set.dataFingerprint(), "test", set.rows())).version();
    }

    /** Puts {@code rows} fresh synthetic customers (label column included) at {@code key}; returns the key. */
    String putCustomers(String key, int rows, long seed) {
        blobs.put(key, SyntheticCustomers.csv(rows, seed, 50_001).getBytes(StandardCharsets.UTF_8));
        return key;
    }

    void put(String key, String text) {
        blobs.put(key, text.getBytes(StandardCharsets.UTF_8));
    }

    String text(String key) {
        return new String(blobs.get(key), StandardCharsets.UTF_8);
    }

    PrepareMonitoringWindow.Result prepare(String execution, String currentKey, int windowDays) {
        return new PrepareMonitoringWindow(blobs, registry).run(new PrepareMonitoringWindow.Command(execution, MODEL,
                "champion", DATE, windowDays, currentKey, null, null));
    }

    MonitoringRun load(PrepareMonitoringWindow.Result prepared, String execution) {
        return MonitoringRun.load(blobs, registry, execution, DATE, MODEL, prepared.version(), prepared.windowKey());
    }
}
