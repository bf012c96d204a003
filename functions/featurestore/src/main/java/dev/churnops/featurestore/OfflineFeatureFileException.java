package dev.churnops.featurestore;

/**
 * An offline feature file that cannot be used: not Parquet, cut short, or with columns other than
 * the feature view's. The message names the blob key, and the column where one is at fault.
 */
public class OfflineFeatureFileException extends RuntimeException {

    public OfflineFeatureFileException(String message, Throwable cause) {
        super(message, cause);
    }

    public OfflineFeatureFileException(String message) {
        super(message);
    }
}
