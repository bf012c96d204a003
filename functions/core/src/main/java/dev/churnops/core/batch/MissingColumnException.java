package dev.churnops.core.batch;

/**
 * The data lacks a column the model reads: the wrong model for this table. A permanent error, so
 * the state machine alerts instead of retrying; the message names the columns.
 */
public final class MissingColumnException extends IllegalArgumentException {

    public MissingColumnException(String message) {
        super(message);
    }
}
