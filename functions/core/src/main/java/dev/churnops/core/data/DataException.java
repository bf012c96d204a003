package dev.churnops.core.data;

/**
 * The whole input is unusable (empty, binary, a broken header, a named column that is not
 * there), as opposed to single bad rows, which are quarantined with reasons and never thrown.
 * The message is a full sentence naming the input and what was expected, fit for an operator.
 */
public final class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }
}
