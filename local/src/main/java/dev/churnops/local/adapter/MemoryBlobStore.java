package dev.churnops.local.adapter;

import dev.churnops.core.port.BlobStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A blob store held in memory, for work that runs the pipeline's use cases without leaving
 * anything behind: {@code churnops bench train} validates and splits a table through it exactly as
 * a run does under {@code raw/} and {@code training-sets/}, then drops it. Keys follow the same
 * rules as everywhere else; contents are copied in and out, so callers cannot change what is stored.
 */
public final class MemoryBlobStore implements BlobStore {

    private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();

    @Override
    public void put(String key, byte[] content) {
        objects.put(BlobStore.checkKey(key), content.clone());
    }

    @Override
    public Optional<byte[]> find(String key) {
        byte[] content = objects.get(BlobStore.checkKey(key));
        return content == null ? Optional.empty() : Optional.of(content.clone());
    }

    @Override
    public boolean exists(String key) {
        return objects.containsKey(BlobStore.checkKey(key));
    }

    @Override
    public List<String> list(String prefix) {
        return objects.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }
}
