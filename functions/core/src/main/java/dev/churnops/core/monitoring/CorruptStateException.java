package dev.churnops.core.monitoring;

/**
 * A monitoring state document (an {@link IncidentLog} or a {@link RetrainingLog}) that cannot be read
 * back. It is never reset silently, because an empty state would re-alert every open incident or
 * forget a retraining cooldown; the caller decides whether to stop, alert, or start afresh on purpose.
 */
public final class CorruptStateException extends IllegalArgumentException {

    public CorruptStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
