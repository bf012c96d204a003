package dev.churnops.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
  * Port through which the interpreter runs the work of a {@code Task} state. The interpreter hands over
  * the state's {@code Resource} string untouched (a Lambda ARN, a service-integration ARN, or a local
  * alias) together with the effective input left after {@code InputPath} and {@code Parameters}; the
  * invoker returns the raw result, which the interpreter then passes through {@code ResultSelector},
  * {@code ResultPath} and {@code OutputPath}. A failure is reported as a {@link TaskFailedException}
  * whose error name is what {@code Retry} and {@code Catch} match on.
  */
@FunctionalInterface
public interface TaskInvoker {

    /**
      * Runs the Task state's Resource with its effective input (after InputPath/Parameters).
      *
      * @return the raw result; {@code null} is treated as JSON {@code null}
      * @throws TaskFailedException when the task fails with an error name Retry/Catch can match
      */
    JsonNode invoke(String resource, JsonNode input, TaskContext context) throws TaskFailedException;
}
