package dev.churnops.core.pipeline;

import dev.churnops.core.json.Json;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.registry.ModelCard;
import dev.churnops.core.tracking.RunRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a registered model version was trained, as the training workflow's input that repeats it on
 * newer data: what monitoring starts a retraining with, on AWS and locally alike. Read from the run
 * record of the execution that trained the version (its model card names it): the run's whole
 * configuration, without what named that run's data or caller. A record written before the whole
 * configuration was kept gives its source, seed, objective and hyperparameters.
 */
public final class TrainingRecipe {

    /** Configuration that belongs to one run, not to the recipe: its data file, its ingestion counts, who started it, the model's name. */
    static final Set<String> PER_RUN = Set.of("validatedKey", "ingestion", "trigger", "modelName");

    private TrainingRecipe() {
    }

    /** The recipe of {@code version} of {@code modelName}; empty when its card names no run or the run record is gone. */
    public static Map<String, Object> of(ModelRegistry registry, BlobStore blobs, String modelName, int version) {
        String artifactKey = BlobLayout.modelArtifact(modelName, version);
        String execution = ModelArtifact.read(registry.artifact(modelName, version), artifactKey).card()
                .map(ModelCard::trainingExecution).orElse(null);
        if (execution == null) {
            return Map.of();
        }
        String key = BlobLayout.run(modelName, execution);
        Optional<byte[]> bytes = blobs.find(key);
        return bytes.isEmpty() ? Map.of() : of(Json.read(bytes.get(), RunRecord.class, key));
    }

    /** The recipe a run record keeps (insertion-ordered; a setting left unset stays, as null). */
    public static Map<String, Object> of(RunRecord run) {
        Map<String, Object> recipe = new LinkedHashMap<>();
        if (run.config() != null) {
            run.config().forEach((name, value) -> {
                if (!PER_RUN.contains(name)) {
                    recipe.put(name, value);
                }
            });
            return recipe;
        }
        if (run.data() != null && run.data().source() != null) {
            recipe.put("source", run.data().source());
        }
        recipe.put("seed", run.seed());
        if (run.objective() != null) {
            recipe.put("objective", run.objective());
        }
        if (run.hyperparameters() != null && run.hyperparameters().given() != null) {
            recipe.put("hyperparameters", run.hyperparameters().given());
        }
        return recipe;
    }
}
