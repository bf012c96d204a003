package dev.churnops.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
  * One entry of an execution's history, modelled on the events Step Functions records: what happened
  * ({@link #type()}), in which state, when (from the interpreter's clock), and the JSON that went in or
  * came out, or the error and cause. Ids increase monotonically across the whole execution, including
  * events recorded concurrently by Parallel branches and Map iterations. For {@code MapIterationStarted}
  * and {@code ParallelBranchStarted}, {@code output} holds {@code {"index": n}} to say which iteration
  * or branch starts; for {@code RetryScheduled} it holds the retry decision, including the computed
  * {@code delaySeconds}.
  *
  * @param stateName the state the event belongs to; {@code null} for execution-level events
  */
public record HistoryEvent(
        long id,
        String type,
        String stateName,
        Instant timestamp,
        JsonNode input,
        JsonNode output,
        String error,
        String cause) {

    public static final String EXECUTION_STARTED = "ExecutionStarted";
    public static final String EXECUTION_SUCCEEDED = "ExecutionSucceeded";
    public static final String EXECUTION_FAILED = "ExecutionFailed";
    public static final String STATE_ENTERED = "StateEntered";
    public static final String STATE_EXITED = "StateExited";
    public static final String TASK_SCHEDULED = "TaskScheduled";
    public static final String TASK_SUCCEEDED = "TaskSucceeded";
    public static final String TASK_FAILED = "TaskFailed";
    public static final String RETRY_SCHEDULED = "RetryScheduled";
    public static final String CAUGHT_ERROR = "CaughtError";
    public static final String WAIT_STARTED = "WaitStarted";
    public static final String PARALLEL_BRANCH_STARTED = "ParallelBranchStarted";
    public static final String PARALLEL_BRANCH_SUCCEEDED = "ParallelBranchSucceeded";
    public static final String PARALLEL_BRANCH_FAILED = "ParallelBranchFailed";
    public static final String MAP_ITERATION_STARTED = "MapIterationStarted";
    public static final String MAP_ITERATION_SUCCEEDED = "MapIterationSucceeded";
    public static final String MAP_ITERATION_FAILED = "MapIterationFailed";
}
