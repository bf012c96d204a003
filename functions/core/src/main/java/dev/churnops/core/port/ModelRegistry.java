package dev.churnops.core.port;

import dev.churnops.core.registry.ApprovalStatus;
import dev.churnops.core.registry.ModelVersion;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Versions of a model with approval states and aliases: the SageMaker Model Registry on AWS, a
 * directory locally. Version numbers start at 1 and are never reused; every change of status or
 * alias is appended to the version's history.
 */
public interface ModelRegistry {

    /**
     * Stores the next version of {@code modelName}. The registry picks the version number and asks
     * {@code artifact} for the model.tar.gz of that version, since the model card inside names it.
     */
    ModelVersion register(String modelName, IntFunction<byte[]> artifact, ApprovalStatus status, String description);

    /** Every model name that has at least one version, sorted. */
    List<String> models();

    List<ModelVersion> versions(String modelName);

    Optional<ModelVersion> version(String modelName, int version);

    byte[] artifact(String modelName, int version);

    ModelVersion setStatus(String modelName, int version, ApprovalStatus status, String reason);

    /** Points {@code alias} at {@code version}; only approved versions may become champion. */
    void setAlias(String modelName, String alias, int version, String reason);

    Optional<ModelVersion> alias(String modelName, String alias);

    String CHAMPION = "champion";
}
