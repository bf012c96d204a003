package dev.churnops.local.asl;

import java.util.Set;

/**
  * An error raised while a state runs: a task failure, a Fail state, or a data-processing failure the
  * States Language names ({@code States.Runtime}, {@code States.ResultPathMatchFailure}, ...). It
  * unwinds to the nearest state whose Retry or Catch matches it, or else ends the execution. It is
  * unchecked because it surfaces from deep inside path and intrinsic evaluation.
  */
final class StatesError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final String ALL = "States.ALL";
    static final String TASK_FAILED = "States.TaskFailed";
    static final String TIMEOUT = "States.Timeout";
    static final String RUNTIME = "States.Runtime";
    static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
    static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";

    // The spec makes these terminal: no Retry or Catch, not even States.ALL, may intercept them, so a
    // broken path or a runaway loop always ends the execution instead of being retried forever.
    private static final Set<String> TERMINAL = Set.of(RUNTIME, DATA_LIMIT_EXCEEDED);

    private final String error;
    private final String errorCause;

    StatesError(String error, String cause) {
        // No stack trace: a state error is expected control flow, reported through the history.
        super(error + (cause == null ? "" : ": " + cause), null, false, false);
        this.error = error;
        this.errorCause = cause;
    }

    static StatesError runtime(String cause) {
        return new StatesError(RUNTIME, cause);
    }

    static StatesError intrinsicFailure(String cause) {
        return new StatesError(INTRINSIC_FAILURE, cause);
    }

    String error() {
        return error;
    }

    String cause() {
        return errorCause;
    }

    boolean terminal() {
        return isTerminal(error);
    }

    static boolean isTerminal(String error) {
        return error != null && TERMINAL.contains(error);
    }
}
