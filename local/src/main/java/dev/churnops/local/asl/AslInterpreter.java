package dev.churnops.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;

/**
  * Runs Amazon States Language definitions ({@code statemachines/*.asl.json}) in process, so the same
  * state machine that Step Functions runs on AWS can run on a laptop or in CI against local task
  * implementations. Every run first validates the whole definition (see {@link AslDefinitionException});
  * a valid definition then always yields an {@link Execution}, succeeded or failed, with its history.
  * Task states are delegated to the {@link TaskInvoker}; waits and retry delays are scaled by
  * {@link AslOptions}. An interpreter holds no per-run state and may run several executions at once.
  */
public final class AslInterpreter {

    /** State machine name used in ids and the context object when the caller does not give one. */
    public static final String DEFAULT_STATE_MACHINE_NAME = "LocalStateMachine";

    private static final String ARN_PREFIX = "arn:aws:states:local:000000000000:";

    private final TaskInvoker invoker;
    private final AslOptions options;

    public AslInterpreter(TaskInvoker invoker, AslOptions options) {
        this.invoker = Objects.requireNonNull(invoker, "invoker must not be null");
        this.options = Objects.requireNonNull(options, "options must not be null; use AslOptions.local()");
    }

    /**
      * Checks a definition without running it: substitutions, every state, every nested branch.
      *
      * @throws AslDefinitionException naming the state and field of the first problem
      */
    public void validate(JsonNode definition) {
        StateMachineDefinition.parse(definition, options.substitutions());
    }

    /**
      * Runs a definition under {@value #DEFAULT_STATE_MACHINE_NAME}.
      *
      * @see #run(JsonNode, JsonNode, String, String)
      */
    public Execution run(JsonNode definition, JsonNode input, String executionName) {
        return run(definition, input, executionName, DEFAULT_STATE_MACHINE_NAME);
    }

    /**
      * Validates and runs a definition to completion on the calling thread.
      *
      * @param input the execution input; {@code null} means {@code {}} as on AWS
      * @param executionName the execution's name; {@code null} or blank gets a random UUID
      * @param stateMachineName the name reported as {@code $$.StateMachine.Name} and used in the ids
      * @return the execution; a failure is reported as status FAILED with error and cause, never thrown
      * @throws AslDefinitionException when the definition is invalid or unsupported
      */
    public Execution run(JsonNode definition, JsonNode input, String executionName, String stateMachineName) {
        StateMachineDefinition machine = StateMachineDefinition.parse(definition, options.substitutions());
        String name = executionName == null || executionName.isBlank() ? UUID.randomUUID().toString() : executionName;
        String machineName = Objects.requireNonNull(stateMachineName, "stateMachineName must not be null");
        JsonNode executionInput = input == null ? JsonNodeFactory.instance.objectNode() : input.deepCopy();
        String executionId = ARN_PREFIX + "execution:" + machineName + ":" + name;
        Instant startTime = options.clock().instant();
        ContextObject context = new ContextObject(executionId, name, executionInput, startTime,
                ARN_PREFIX + "stateMachine:" + machineName, machineName);
        HistoryRecorder history = new HistoryRecorder(options.clock());
        history.record(HistoryEvent.EXECUTION_STARTED, null, executionInput, null);
        ExecutionRunner runner = new ExecutionRunner(invoker, options, context, history);
        try {
            JsonNode output = runner.runScope(machine, executionInput);
            history.record(HistoryEvent.EXECUTION_SUCCEEDED, null, null, output);
            return new Execution(executionId, name, Execution.Status.SUCCEEDED, output, null, null, history.events());
        } catch (StatesError e) {
            return failed(executionId, name, history, e.error(), e.cause());
        } catch (CancellationException e) {
            // The caller interrupted this thread; report the run as failed and keep the interrupt visible.
            Thread.currentThread().interrupt();
            return failed(executionId, name, history, StatesError.RUNTIME,
                    "The execution was interrupted before it finished: " + e.getMessage());
        }
    }

    private static Execution failed(String executionId, String name, HistoryRecorder history, String error,
            String cause) {
        history.recordError(HistoryEvent.EXECUTION_FAILED, null, error, cause);
        return new Execution(executionId, name, Execution.Status.FAILED, null, error, cause, history.events());
    }
}
