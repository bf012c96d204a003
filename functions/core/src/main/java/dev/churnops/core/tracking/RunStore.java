package dev.churnops.core.tracking;

import dev.churnops.core.json.Json;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.port.BlobStore;
import java.util.List;
import java.util.Optional;

/**
 * The recorded runs, as documents under {@code runs/<model>/<execution>.json} of a blob store: write
 * one, list them, find one by its id. A document that cannot be read fails with
 * {@link Json.InvalidDocumentException} naming its key.
 */
public final class RunStore {

    private static final String SUFFIX = ".json";

    private final BlobStore blobs;

    public RunStore(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** Writes (or rewrites) the record; returns its key. */
    public String save(RunRecord run) {
        String key = BlobLayout.run(run.modelName(), run.runId());
        blobs.put(key, Json.write(run));
        return key;
    }

    /** The keys of every recorded run, or of one model's when {@code modelName} is not null, sorted. */
    public List<String> keys(String modelName) {
        String prefix = modelName == null ? BlobLayout.runs() : BlobLayout.runs(modelName);
        return blobs.list(prefix).stream().filter(k -> k.endsWith(SUFFIX) && k.split("/").length == 3).toList();
    }

    /** The key of the run with this id, under whichever model it belongs to. */
    public Optional<String> keyOf(String runId) {
        if (runId == null || runId.isBlank() || runId.contains("/")) {
            return Optional.empty();
        }
        String name = "/" + runId + SUFFIX;
        return keys(null).stream().filter(k -> k.endsWith(name)).findFirst();
    }

    public RunRecord read(String key) {
        return Json.read(blobs.get(key), RunRecord.class, "run document " + key);
    }

    /** The stored bytes of a run document, checked to be a readable record first. */
    public byte[] document(String key) {
        byte[] bytes = blobs.get(key);
        Json.read(bytes, RunRecord.class, "run document " + key);
        return bytes;
    }

    public Optional<RunRecord> find(String runId) {
        return keyOf(runId).map(this::read);
    }
}
