package dev.churnops.core.batch;

/**
 * The partitions of a batch-scoring run do not account for every row exactly once: a bug or a
 * tampered file, never a reason to publish scores. A permanent error; the message gives the numbers.
 */
public final class RowsNotConservedException extends IllegalStateException {

    public RowsNotConservedException(String message) {
        super(message);
    }
}
