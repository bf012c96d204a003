package dev.churnops.handlers;

import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.pipeline.Fingerprint;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.registry.ApprovalStatus;
import dev.churnops.core.registry.ModelVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A fake {@link ModelRegistry} keeping versions in memory and artifacts in a blob store, with the
 * port's rules: numbers from 1, never reused; only an Approved version becomes champion.
 */
final class InMemoryModelRegistry implements ModelRegistry {

    private final BlobStore blobs;
    private final Map<String, List<ModelVersion>> versions = new HashMap<>();
    private final Map<String, Map<String, Integer>> aliases = new HashMap<>();

    InMemoryModelRegistry(BlobStore blobs) {
        this.blobs = blobs;
    }

    @Override
    public List<String> models() {
        return versions.keySet().stream().filter(k -> !versions.get(k).isEmpty()).sorted().toList();
    }

    @Override
    public synchronized ModelVersion register(String modelName, IntFunction<byte[]> artifact, ApprovalStatus status,
                                              String description) {
        List<ModelVersion> list = versions.computeIfAbsent(modelName, k -> new ArrayList<>());
        int next = list.size() + 1;
        byte[] bytes = artifact.apply(next);
        String key = BlobLayout.modelArtifact(modelName, next);
        blobs.put(key, bytes);
        ModelVersion v = new ModelVersion(modelName, next, status, key, Fingerprint.sha256(bytes),
                "2026-12-01T06:30:00Z", description, List.of("registered as " + status));
        list.add(v);
        return v;
    }

    @Override
    public synchronized List<ModelVersion> versions(String modelName) {
        return List.copyOf(versions.getOrDefault(modelName, List.of()));
    }

    @Override
    public synchronized Optional<ModelVersion> version(String modelName, int version) {
        List<ModelVersion> list = versions.getOrDefault(modelName, List.of());
        return version >= 1 && version <= list.size() ? Optional.of(list.get(version - 1)) : Optional.empty();
    }

    @Override
    public synchronized byte[] artifact(String modelName, int version) {
        return blobs.get(require(modelName, version).artifactKey());
    }

    @Override
    public synchronized ModelVersion setStatus(String modelName, int version, ApprovalStatus status, String reason) {
        ModelVersion v = require(modelName, version);
        List<String> history = new ArrayList<>(v.history());
        history.add(v.status() + " -> " + status + ": " + reason);
        ModelVersion updated = new ModelVersion(modelName, version, status, v.artifactKey(), v.artifactSha256(),
                v.createdAt(), v.description(), history);
        versions.get(modelName).set(version - 1, updated);
        return updated;
    }

    @Override
    public synchronized void setAlias(String modelName, String alias, int version, String reason) {
        ModelVersion v = require(modelName, version);
        if (alias.equals(CHAMPION) && v.status() != ApprovalStatus.Approved) {
            throw new IllegalArgumentException("only an Approved version can become champion");
        }
        aliases.computeIfAbsent(modelName, k -> new HashMap<>()).put(alias, version);
    }

    @Override
    public synchronized Optional<ModelVersion> alias(String modelName, String alias) {
        Integer v = aliases.getOrDefault(modelName, Map.of()).get(alias);
        return v == null ? Optional.empty() : version(modelName, v);
    }

    private ModelVersion require(String modelName, int version) {
        return version(modelName, version).orElseThrow(() ->
                new IllegalArgumentException("model '" + modelName + "' has no version " + version));
    }
}
