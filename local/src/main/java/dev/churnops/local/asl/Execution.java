package dev.churnops.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
  * The outcome of one local run of a state machine: its id (an ARN-shaped string, as the context object
  * reports it), its name, whether it succeeded, the final output on success or the error name and cause
  * on failure, and the full event history. A failed execution is a normal result, not an exception, so
  * callers inspect {@link #status()} the way they would read {@code DescribeExecution}.
  *
  * @param output the execution's output; {@code null} when it failed
  * @param error the error name when it failed, otherwise {@code null}
  * @param cause the cause when it failed and one was given, otherwise {@code null}
  * @param history every event in the order it was recorded, ids increasing
  */
public record Execution(
        String executionId,
        String name,
        Status status,
        JsonNode output,
        String error,
        String cause,
        List<HistoryEvent> history) {

    /** Terminal status of a local execution. */
    public enum Status {
        SUCCEEDED,
        FAILED
    }

    public Execution {
        history = List.copyOf(history);
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
