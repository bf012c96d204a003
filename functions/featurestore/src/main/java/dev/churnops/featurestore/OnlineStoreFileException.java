package dev.churnops.featurestore;

/**
 * A file of the embedded online store that cannot be used: damaged (bad magic, checksum or length)
 * or written for other columns than the store's. The message names the blob key.
 */
public class OnlineStoreFileException extends RuntimeException {

    public OnlineStoreFileException(String message) {
        super(message);
    }

    public OnlineStoreFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
