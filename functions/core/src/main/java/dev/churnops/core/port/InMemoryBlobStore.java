package dev.churnops.core.port;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link BlobStore} held in memory, in a sorted concurrent map: keys are checked like the real
 * stores check them, and content is copied in and out so a caller cannot change what is stored.
 * For work that runs the pipeline's use cases and leaves nothing behind ({@code churnops bench
 * train}), and for tests.
 */
public final class InMemoryBlobStore implements BlobStore {

    private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();

    @Override
    public void put(String key, byte[] content) {
        objects.put(BlobStore.checkKey(key), content.clone());
    }

    /** Atomic: the map's own put-if-absent. */
    @Override
    public boolean putIfAbsent(String key, byte[] content) {
        return objects.putIfAbsent(BlobStore.checkKey(key), content.clone()) == null;
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
    public void delete(String key) {
        objects.remove(BlobStore.checkKey(key));
    }

    @Override
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        for (String key : objects.tailMap(prefix, true).keySet()) {
            if (!key.startsWith(prefix)) {
                break;
            }
            keys.add(key);
        }
        return keys;
    }

    /** Every key, sorted. */
    public List<String> keys() {
        return new ArrayList<>(objects.keySet());
    }

    /** The content of {@code key} as UTF-8 text. */
    public String text(String key) {
        return new String(get(key), StandardCharsets.UTF_8);
    }
}
