package dev.churnops.handlers;

import dev.churnops.core.port.BlobStore;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** A fake {@link BlobStore}: keys in a sorted map, checked against the layout rules as S3 keys would be. */
final class InMemoryBlobStore implements BlobStore {

    private final TreeMap<String, byte[]> objects = new TreeMap<>();

    @Override
    public synchronized void put(String key, byte[] content) {
        objects.put(BlobStore.checkKey(key), content.clone());
    }

    @Override
    public synchronized Optional<byte[]> find(String key) {
        byte[] content = objects.get(BlobStore.checkKey(key));
        return content == null ? Optional.empty() : Optional.of(content.clone());
    }

    @Override
    public synchronized boolean exists(String key) {
        return objects.containsKey(BlobStore.checkKey(key));
    }

    @Override
    public synchronized List<String> list(String prefix) {
        return objects.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }
}
