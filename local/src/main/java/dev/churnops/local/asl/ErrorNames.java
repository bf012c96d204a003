package dev.churnops.local.asl;

import java.util.List;

/**
  * How an {@code ErrorEquals} list matches an error name: exact names, {@code States.ALL} for any error,
  * and {@code States.TaskFailed} for any error except {@code States.Timeout}. Terminal errors
  * ({@code States.Runtime}, {@code States.DataLimitExceeded}) never match, even by name.
  */
final class ErrorNames {

    private ErrorNames() {}

    static boolean matches(List<String> errorEquals, String error) {
        if (StatesError.isTerminal(error)) {
            return false;
        }
        for (String name : errorEquals) {
            if (name.equals(StatesError.ALL)
                    || (name.equals(StatesError.TASK_FAILED) && !StatesError.TIMEOUT.equals(error))
                    || name.equals(error)) {
                return true;
            }
        }
        return false;
    }
}
