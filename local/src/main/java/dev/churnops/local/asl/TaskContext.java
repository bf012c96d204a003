package dev.churnops.local.asl;

/**
  * What a {@link TaskInvoker} is told about the call it is serving: the execution it belongs to, the
  * Task state that scheduled it, and the attempt number, which starts at 1 and grows by one for each
  * retry the state's {@code Retry} policy schedules. It lets an invoker tag logs and provenance with
  * the execution id, or simulate a transient failure on the first attempt only.
  */
public record TaskContext(String executionId, String stateName, int attempt) {}
