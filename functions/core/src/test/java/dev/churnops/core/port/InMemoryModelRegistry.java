package dev.churnops.core.port;

import dev.churnops.core.registry.ApprovalStatus;
import dev.churnops.core.registry.ModelVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * A {@link ModelRegistry} in memory with the real registry's rules: versions from 1, never reused;
 * only an approved version may become champion; every change appended to the version's history.
 */
public final class InMemoryModelRegistry implements ModelRegistry {

    private final Map<String, List<ModelVersion>> versions = new HashMap<>();
    private final Map<String, byte[]> artifacts = new HashMap<>();
    private final Map<String, Map<String, Integer>> aliases = new HashMap<>();

    @Override
    public List<String> models() {
        return versions.keySet().stream().filter(k -> !versions.get(k).isEmpty()).sorted().toList();
    }

    @Override
    public ModelVersion register(String modelName, IntFunction<byte[]> artifact, ApprovalStatus status, String description) {
        List<ModelVersion> list = versions.computeIfAbsent(modelName, k -> new ArrayList<>());
        int version = list.size() + 1;
        byte[] bytes = artifact.apply(version);
        String key = "models/" + modelName + "/" + version + "/model.tar.gz";
        artifacts.put(key, bytes.clone());
        ModelVersion v = new ModelVersion(modelName, version, status, key, sha256(bytes), "2026-01-31T00:00:00Z",
                description, List.of("registered as " + status));
        list.add(v);
        return v;
    }

    @Override
    public List<ModelVersion> versions(String modelName) {
        return List.copyOf(versions.getOrDefault(modelName, List.of()));
    }

    @Override
    public Optional<ModelVersion> version(String modelName, int version) {
        List<ModelVersion> list = versions.getOrDefault(modelName, List.of());
        return version >= 1 && version <= list.size() ? Optional.of(list.get(version - 1)) : Optional.empty();
    }

    @Override
    public byte[] artifact(String modelName, int version) {
        ModelVersion v = existing(modelName, version);
        return artifacts.get(v.artifactKey()).clone();
    }

    @Override
    public ModelVersion setStatus(String modelName, int version, ApprovalStatus status, String reason) {
        ModelVersion v = existing(modelName, version);
        List<String> history = new ArrayList<>(v.history());
        history.add("status " + status + ": " + reason);
        ModelVersion changed = new ModelVersion(modelName, version, status, v.artifactKey(), v.artifactSha256(),
                v.createdAt(), v.description(), history);
        versions.get(modelName).set(version - 1, changed);
        return changed;
    }

    @Override
    public void setAlias(String modelName, String alias, int version, String reason) {
        ModelVersion v = existing(modelName, version);
        if (alias.equals(CHAMPION) && v.status() != ApprovalStatus.Approved) {
            throw new IllegalArgumentException("version " + version + " of '" + modelName + "' is " + v.status()
                    + ": only an Approved version can be champion");
        }
        aliases.computeIfAbsent(modelName, k -> new TreeMap<>()).put(alias, version);
    }

    @Override
    public Optional<ModelVersion> alias(String modelName, String alias) {
        Integer version = aliases.getOrDefault(modelName, Map.of()).get(alias);
        return version == null ? Optional.empty() : version(modelName, version);
    }

    private ModelVersion existing(String modelName, int version) {
        return version(modelName, version).orElseThrow(() -> new IllegalArgumentException(
                "model '" + modelName + "' has no version " + version));
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
