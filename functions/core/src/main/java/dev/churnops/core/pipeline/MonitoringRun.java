package dev.churnops.core.pipeline;

import dev.churnops.core.monitoring.MonitoringBaseline;
import dev.churnops.core.monitoring.MonitoringWindow;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.registry.ModelCard;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What every check of one monitoring run shares: the run (execution, date), the monitored model
 * version with its card and training baseline, and the window of customers prepared for the run.
 * Loaded once per check from the registry and the window's key.
 */
public record MonitoringRun(String executionId, LocalDate date, String modelName, int version, ModelCard card,
                            MonitoringBaseline baseline, MonitoringWindow window) {

    public MonitoringRun {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(window, "window");
    }

    /**
     * Loads the model version's card and baseline and the window.
     *
     * @throws IllegalArgumentException when the artifact has no card or no monitoring baseline (a
     *                                  model from before baselines were written: retrain it)
     */
    public static MonitoringRun load(BlobStore blobs, ModelRegistry registry, String executionId, LocalDate date,
                                     String modelName, int version, String windowKey) {
        String artifactKey = BlobLayout.modelArtifact(modelName, version);
        ModelArtifact artifact = ModelArtifact.read(registry.artifact(modelName, version), artifactKey);
        ModelCard card = artifact.card().orElseThrow(() -> new IllegalArgumentException(artifactKey
                + " has no model card: monitoring compares with the card's threshold and metrics."));
        MonitoringBaseline baseline = artifact.monitoring().orElseThrow(() -> new IllegalArgumentException(artifactKey
                + " has no monitoring baseline (statistics.json and constraints.json): it was trained before baselines were"
                + " written; retrain to monitor it."));
        MonitoringWindow window = MonitoringWindow.read(blobs.get(windowKey), windowKey);
        return new MonitoringRun(executionId, date, modelName, version, card, baseline, window);
    }

    /** The key of a file this run writes under {@code monitoring/<date>/<execution>/}. */
    public String key(String file) {
        return BlobLayout.monitoring(date, executionId, file);
    }
}
