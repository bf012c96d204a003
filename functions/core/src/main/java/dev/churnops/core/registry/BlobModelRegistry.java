package dev.churnops.core.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churnops.core.json.Json;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.pipeline.Fingerprint;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.ModelRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * A model registry kept in a {@link BlobStore}: each version's artifact at
 * {@code models/<name>/<version>/model.tar.gz} with a {@code version.json} beside it (status,
 * SHA-256, history), and the aliases in {@code models/<name>/aliases.json}; the same states as the
 * SageMaker Model Registry. The registry of both adapter sets: over a directory locally, over S3 on
 * AWS. Within one process its methods are synchronized. Between machines, {@link #register} claims
 * its version number by writing the artifact with {@link BlobStore#putIfAbsent}, so two registrars
 * never get the same number (as far as the store's put-if-absent is atomic, which S3's and the
 * directory's are); status and alias changes are last-writer-wins, as the pipeline makes them from
 * one execution at a time.
 */
public final class BlobModelRegistry implements ModelRegistry {

    /** Numbers tried by one {@link #register} before it gives up on registrars that keep taking them. */
    static final int MAX_CLAIM_ATTEMPTS = 10;

    private final BlobStore blobs;
    private final Clock clock;

    public BlobModelRegistry(BlobStore blobs, Clock clock) {
        this.blobs = blobs;
        this.clock = clock;
    }

    /** {@code aliases.json}: alias → version, and the history of every change. */
    record Aliases(@JsonProperty("aliases") Map<String, Integer> aliases, @JsonProperty("history") List<String> history) {
    }

    /**
     * Claims the number after the highest one in use (a version, or an artifact another registrar has
     * just written) by writing the artifact only if its key is free; when another registrar took that
     * number first, asks {@code artifact} again for the next number, at most
     * {@value #MAX_CLAIM_ATTEMPTS} times.
     */
    @Override
    public synchronized ModelVersion register(String modelName, IntFunction<byte[]> artifact, ApprovalStatus status,
                                              String description) {
        int first = highestNumberInUse(modelName) + 1;
        for (int next = first; next < first + MAX_CLAIM_ATTEMPTS; next++) {
            byte[] bytes = artifact.apply(next);
            String key = BlobLayout.modelArtifact(modelName, next);
            if (!blobs.putIfAbsent(key, bytes)) {
                continue;
            }
            String now = clock.instant().toString();
            ModelVersion v = new ModelVersion(modelName, next, status, key, Fingerprint.sha256(bytes), now, description,
                    List.of(now + " registered as " + status + ": " + description));
            blobs.put(versionKey(modelName, next), Json.write(v));
            return v;
        }
        throw new IllegalStateException("cannot register a version of model '" + modelName + "': versions " + first
                + " to " + (first + MAX_CLAIM_ATTEMPTS - 1) + " were each claimed by another registrar first ("
                + MAX_CLAIM_ATTEMPTS + " attempts); retry the registration");
    }

    /** The highest version number with a version record or a claimed artifact; 0 when there is none. */
    private int highestNumberInUse(String modelName) {
        String prefix = "models/" + modelName + "/";
        int highest = 0;
        for (String key : blobs.list(prefix)) {
            String[] rest = key.substring(prefix.length()).split("/");
            if (rest.length == 2 && (rest[1].equals("version.json") || rest[1].equals("model.tar.gz"))
                    && rest[0].matches("[1-9][0-9]{0,8}")) {
                highest = Math.max(highest, Integer.parseInt(rest[0]));
            }
        }
        return highest;
    }

    @Override
    public synchronized List<String> models() {
        return blobs.list("models/").stream().filter(k -> k.endsWith("/version.json"))
                .map(k -> k.split("/")[1]).distinct().sorted().toList();
    }

    @Override
    public synchronized List<ModelVersion> versions(String modelName) {
        List<ModelVersion> list = new ArrayList<>();
        for (String key : blobs.list("models/" + modelName + "/")) {
            if (key.endsWith("/version.json")) {
                list.add(Json.read(blobs.get(key), ModelVersion.class, key));
            }
        }
        list.sort(java.util.Comparator.comparingInt(ModelVersion::version));
        return list;
    }

    @Override
    public synchronized Optional<ModelVersion> version(String modelName, int version) {
        return blobs.find(versionKey(modelName, version)).map(b -> Json.read(b, ModelVersion.class, versionKey(modelName, version)));
    }

    @Override
    public synchronized byte[] artifact(String modelName, int version) {
        ModelVersion v = require(modelName, version);
        byte[] bytes = blobs.get(v.artifactKey());
        if (!Fingerprint.sha256(bytes).equals(v.artifactSha256())) {
            throw new IllegalStateException("artifact of " + modelName + " v" + version + " at " + v.artifactKey()
                    + " does not match its recorded SHA-256: it was changed after registration");
        }
        return bytes;
    }

    @Override
    public synchronized ModelVersion setStatus(String modelName, int version, ApprovalStatus status, String reason) {
        ModelVersion v = require(modelName, version);
        if (status != ApprovalStatus.Approved
                && Integer.valueOf(version).equals(aliases(modelName).aliases().get(ModelRegistry.CHAMPION))) {
            throw new IllegalArgumentException(modelName + " v" + version + " is the champion; promote another version before "
                    + status + "ing it");
        }
        List<String> history = new ArrayList<>(v.history());
        history.add(clock.instant() + " " + v.status() + " -> " + status + ": " + reason);
        ModelVersion updated = new ModelVersion(v.modelName(), v.version(), status, v.artifactKey(), v.artifactSha256(),
                v.createdAt(), v.description(), history);
        blobs.put(versionKey(modelName, version), Json.write(updated));
        return updated;
    }

    @Override
    public synchronized void setAlias(String modelName, String alias, int version, String reason) {
        ModelVersion v = require(modelName, version);
        if (alias.equals(ModelRegistry.CHAMPION) && v.status() != ApprovalStatus.Approved) {
            throw new IllegalArgumentException(modelName + " v" + version + " is " + v.status()
                    + ": only an Approved version can become champion");
        }
        Aliases a = aliases(modelName);
        Map<String, Integer> map = new TreeMap<>(a.aliases());
        Integer previous = map.put(alias, version);
        List<String> history = new ArrayList<>(a.history());
        history.add(clock.instant() + " " + alias + ": " + (previous == null ? "none" : "v" + previous) + " -> v" + version
                + ": " + reason);
        blobs.put(aliasesKey(modelName), Json.write(new Aliases(map, history)));
    }

    @Override
    public synchronized Optional<ModelVersion> alias(String modelName, String alias) {
        Integer v = aliases(modelName).aliases().get(alias);
        return v == null ? Optional.empty() : version(modelName, v);
    }

    /** Every alias change, oldest first: the serving history. */
    public synchronized List<String> aliasHistory(String modelName) {
        return aliases(modelName).history();
    }

    private Aliases aliases(String modelName) {
        return blobs.find(aliasesKey(modelName)).map(b -> Json.read(b, Aliases.class, aliasesKey(modelName)))
                .orElse(new Aliases(Map.of(), List.of()));
    }

    private ModelVersion require(String modelName, int version) {
        return version(modelName, version).orElseThrow(() ->
                new IllegalArgumentException("model '" + modelName + "' has no version " + version));
    }

    private static String versionKey(String modelName, int version) {
        return "models/" + modelName + "/" + version + "/version.json";
    }

    private static String aliasesKey(String modelName) {
        return "models/" + modelName + "/aliases.json";
    }
}
