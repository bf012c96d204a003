package dev.churnops.local.cli;

/**
 * A failure the user can act on, with the exit code it maps to: {@link #USAGE} (2) for unusable
 * input or arguments, {@link #INTERNAL} (1) for a failed pipeline, whose message names the
 * execution history to read.
 */
public final class CliException extends RuntimeException {

    public static final int INTERNAL = 1;
    public static final int USAGE = 2;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
