package dev.churnops.local.asl;

import java.util.Objects;

/**
  * A task's failure as Step Functions sees it: an error name, which {@code Retry} and {@code Catch}
  * rules match against their {@code ErrorEquals} lists, and a human-readable cause, which ends up in
  * the {@code Cause} field of the error output and in the execution history.
  */
public class TaskFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String error;
    private final String cause;

    /**
      * @param error the error name, e.g. {@code "Lambda.ServiceException"} or {@code "States.Timeout"}
      * @param cause a human-readable description; may be {@code null}
      */
    public TaskFailedException(String error, String cause) {
        super(error + (cause == null ? "" : ": " + cause));
        this.error = Objects.requireNonNull(error, "error name of a failed task must not be null");
        this.cause = cause;
    }

    /** The error name that Retry and Catch match on. */
    public String error() {
        return error;
    }

    /** The human-readable cause, or {@code null} when none was given. */
    public String cause() {
        return cause;
    }
}
