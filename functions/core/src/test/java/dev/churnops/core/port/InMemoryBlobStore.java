package dev.churnops.core.port;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link BlobStore} held in a sorted map: keys are checked like the real stores check them, and
 * content is copied in and out so a caller cannot change what is stored.
 */
public final class InMemoryBlobStore implements BlobStore {

    private final TreeMap<String, byte[]> objects = new TreeMap<>();

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
        List<String> keys = new ArrayList<>();
        for (String key : objects.tailMap(prefix, true).keySet()) {
            if (!key.startsWith(prefix)) {
                break;
            }
            keys.add(key);
        }
        return keys;
    }

    /** Every key, sorted: what a test asserts was (or was not) written. */
    public List<String> keys() {
        return new ArrayList<>(objects.keySet());
    }

    public String text(String key) {
        return new String(get(key), java.nio.charset.StandardCharsets.UTF_8);
    }
}
