package dev.churnops.core.port;

import java.util.List;
import java.util.Optional;

/**
 * Object storage addressed by keys in the ChurnOps blob layout ({@code raw/…}, {@code models/…}).
 * S3 on AWS, a directory locally; keys are the same in both. Keys use '/' separators, never start
 * with '/', and never contain '..' segments.
 */
public interface BlobStore {

    void put(String key, byte[] content);

    /**
     * Stores {@code content} at {@code key} only when no object is there yet; returns whether it
     * stored. Callers use it to claim a key, such as the artifact key of a new model version.
     * <p>This default is <em>not atomic</em>: it checks {@link #exists} and then {@link #put}s, so
     * two writers racing between the check and the write can both be told they stored. Stores that
     * can do better override it: S3 with a conditional write, a directory with create-new files.
     */
    default boolean putIfAbsent(String key, byte[] content) {
        if (exists(key)) {
            return false;
        }
        put(key, content);
        return true;
    }

    /** The content of {@code key}, or empty when there is no such object. */
    Optional<byte[]> find(String key);

    /** The content of {@code key}; fails naming the key when it does not exist. */
    default byte[] get(String key) {
        return find(key).orElseThrow(() -> new MissingBlobException(key));
    }

    boolean exists(String key);

    /** Removes {@code key}; removing a key that is not there is not an error. */
    void delete(String key);

    /** Every key under {@code prefix}, in lexicographic order. */
    List<String> list(String prefix);

    /** Checks a key against the layout rules; returns it unchanged. */
    static String checkKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("blob key is blank: expected a path such as raw/customers/dt=2026-01-31/file.csv");
        }
        if (key.startsWith("/") || key.contains("\\")) {
            throw new IllegalArgumentException("blob key '" + key + "' must be relative and use '/' separators");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".") || segment.isEmpty()) {
                throw new IllegalArgumentException("blob key '" + key + "' has an empty, '.' or '..' segment");
            }
        }
        return key;
    }

    /** Raised when a key that must exist does not. */
    final class MissingBlobException extends RuntimeException {
        public MissingBlobException(String key) {
            super("no object at key '" + key + "'");
        }
    }
}
