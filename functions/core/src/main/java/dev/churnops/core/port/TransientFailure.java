package dev.churnops.core.port;

/**
 * A failure worth retrying: throttling, a timeout, a dependency briefly unavailable. Adapters throw
 * it; the state machines' Retry blocks name it, so only these errors are retried and a permanent
 * error (bad input, a bug) fails fast into the alert path.
 */
public class TransientFailure extends RuntimeException {

    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public TransientFailure(String message) {
        super(message);
    }
}
