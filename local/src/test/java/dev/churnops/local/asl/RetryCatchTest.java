package dev.churnops.local.asl;

import static dev.churnops.local.asl.AslTestSupport.events;
import static dev.churnops.local.asl.AslTestSupport.json;
import static dev.churnops.local.asl.AslTestSupport.outputOf;
import static dev.churnops.local.asl.AslTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RetryCatchTest {

    private static String taskWith(String errorHandling) {
        return """
                {"StartAt": "Train", "States": {
                    "Train": {"Type": "Task", "Resource": "train", %s "End": true},
                    "Recover": {"Type": "Pass", "End": true}}}""".formatted(errorHandling);
    }

    private static RecordingInvoker alwaysFailing(String error) {
        return RecordingInvoker.of((resource, input, context) -> {
            throw new TaskFailedException(error, "attempt " + context.attempt());
        });
    }

    private static List<Double> retryDelays(Execution execution) {
        return events(execution, HistoryEvent.RETRY_SCHEDULED).stream()
                .map(event -> event.output().get("delaySeconds").asDouble()).collect(Collectors.toList());
    }

    @Test
    void retriesUpToMaxAttemptsThenFailsWithTheLastError() {
        RecordingInvoker invoker = alwaysFailing("Transient");

        Execution execution = run(taskWith("""
                "Retry": [{"ErrorEquals": ["Transient"], "MaxAttempts": 2}],"""), "{}", invoker);

        assertEquals(3, invoker.calls().size());
        assertEquals(2, events(execution, HistoryEvent.RETRY_SCHEDULED).size());
        assertEquals("Transient", execution.error());
        assertEquals("attempt 3", execution.cause());
    }

    @Test
    void backoffMultipliesTheIntervalOnEachRetryUpToMaxDelaySeconds() {
        Execution execution = run(taskWith("""
                "Retry": [{"ErrorEquals": ["Transient"], "IntervalSeconds": 3, "BackoffRate": 2.0, "MaxAttempts": 4,
                                      "MaxDelaySeconds": 20}],"""), "{}", alwaysFailing("Transient"));

        assertEquals(List.of(3.0, 6.0, 12.0, 20.0), retryDelays(execution));
    }

    @Test
    void defaultsAreOneSecondBackoffTwoAndThreeAttempts() {
        Execution execution = run(taskWith("""
                "Retry": [{"ErrorEquals": ["Transient"]}],"""), "{}", alwaysFailing("Transient"));

        assertEquals(List.of(1.0, 2.0, 4.0), retryDelays(execution));
    }

    @Test
    void retryIntervalScaleSetsTheRealSleep() {
        Execution execution = run(taskWith("""
                "Retry": [{"ErrorEquals": ["Transient"], "IntervalSeconds": 2, "MaxAttempts": 1}],"""), "{}",
                alwaysFailing("Transient"), AslOptions.local().withRetryIntervalScale(0.001));

        HistoryEvent retry = events(execution, HistoryEvent.RETRY_SCHEDULED).get(0);
        assertEquals(0.002, retry.output().get("scaledDelaySeconds").asDouble(), 1e-9);
        assertEquals("Transient", retry.error());
    }

    @Test
    void maxAttemptsZeroNeverRetries() {
        RecordingInvoker invoker = alwaysFailing("Transient");

        run(taskWith("""
                "Retry": [{"ErrorEquals": ["Transient"], "MaxAttempts": 0}],"""), "{}", invoker);

        assertEquals(1, invoker.calls().size());
    }

    @Test
    void succeedsWhenARetryWorks() {
        RecordingInvoker invoker = RecordingInvoker.failingFirst(1, "Transient");

        Execution execution = run(taskWith("""
                "Retry": [{"ErrorEquals": ["Transient"]}],"""), "{\"a\": 1}", invoker);

        assertEquals(json("{\"a\": 1}"), outputOf(execution));
        assertEquals(2, invoker.calls().size());
    }

    @Test
    void onlyTheFirstMatchingRetrierAppliesAndKeepsItsOwnCount() {
        RecordingInvoker invoker = alwaysFailing("Transient");

        run(taskWith("""
                "Retry": [{"ErrorEquals": ["Other"], "MaxAttempts": 5},
                                    {"ErrorEquals": ["Transient"], "MaxAttempts": 1},
                                    {"ErrorEquals": ["States.ALL"], "MaxAttempts": 5}],"""), "{}", invoker);

        assertEquals(2, invoker.calls().size());
    }

    @Test
    void statesAllRetriesAnyError() {
        RecordingInvoker invoker = alwaysFailing("Anything.AtAll");

        run(taskWith("""
                "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1}],"""), "{}", invoker);

        assertEquals(2, invoker.calls().size());
    }

    @Test
    void statesTaskFailedMatchesTaskErrors() {
        Execution execution = run(taskWith("""
                "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Recover"}],"""), "{}",
                alwaysFailing("Lambda.ServiceException"));

        assertEquals(Execution.Status.SUCCEEDED, execution.status());
    }

    @Test
    void statesTaskFailedDoesNotMatchStatesTimeout() {
        Execution execution = run(taskWith("""
                "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Recover"}],"""), "{}",
                alwaysFailing("States.Timeout"));

        assertEquals(Execution.Status.FAILED, execution.status());
        assertEquals("States.Timeout", execution.error());
    }

    @Test
    void catchWithResultPathKeepsTheOriginalInput() {
        Execution execution = run(taskWith("""
                "Catch": [{"ErrorEquals": ["Training.Diverged"], "ResultPath": "$.error", "Next": "Recover"}],"""),
                "{\"dataset\": \"d-1\"}", RecordingInvoker.of((resource, input, context) -> {
                    throw new TaskFailedException("Training.Diverged", "loss became NaN");
                }));

        assertEquals(json("""
                {"dataset": "d-1", "error": {"Error": "Training.Diverged", "Cause": "loss became NaN"}}"""),
                outputOf(execution));
        HistoryEvent caught = events(execution, HistoryEvent.CAUGHT_ERROR).get(0);
        assertEquals("Training.Diverged", caught.error());
    }

    @Test
    void catchWithoutResultPathReplacesTheInputWithTheErrorOutput() {
        Execution execution = run(taskWith("""
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}],"""), "{\"dataset\": \"d-1\"}",
                RecordingInvoker.of((resource, input, context) -> {
                    throw new TaskFailedException("Boom", "it broke");
                }));

        assertEquals(json("{\"Error\": \"Boom\", \"Cause\": \"it broke\"}"), outputOf(execution));
    }

    @Test
    void retriesAreExhaustedBeforeCatchApplies() {
        RecordingInvoker invoker = alwaysFailing("Transient");

        Execution execution = run(taskWith("""
                "Retry": [{"ErrorEquals": ["Transient"], "MaxAttempts": 2}],
                "Catch": [{"ErrorEquals": ["Transient"], "ResultPath": null, "Next": "Recover"}],"""), "{\"a\": 1}", invoker);

        assertEquals(3, invoker.calls().size());
        assertEquals(json("{\"a\": 1}"), outputOf(execution));
    }

    @Test
    void firstMatchingCatcherWins() {
        Execution execution = run("""
                {"StartAt": "T", "States": {
                    "T": {"Type": "Task", "Resource": "r", "End": true, "Catch": [
                        {"ErrorEquals": ["Other"], "Next": "A"},
                        {"ErrorEquals": ["Boom"], "Next": "B"},
                        {"ErrorEquals": ["States.ALL"], "Next": "A"}]},
                    "A": {"Type": "Pass", "Result": "A", "End": true},
                    "B": {"Type": "Pass", "Result": "B", "End": true}}}""", "{}", alwaysFailing("Boom"));

        assertEquals("B", outputOf(execution).asText());
    }

    @Test
    void uncaughtTaskErrorFailsTheExecutionAndIsRecordedAsTaskFailed() {
        Execution execution = run(taskWith(""), "{}", alwaysFailing("Boom"));

        assertEquals("Boom", execution.error());
        assertEquals("Boom", events(execution, HistoryEvent.TASK_FAILED).get(0).error());
    }

    @Test
    void anUncheckedExceptionFromTheInvokerIsATaskErrorNamedAfterItsClass() {
        Execution execution = run(taskWith("""
                "Catch": [{"ErrorEquals": ["java.lang.IllegalStateException"], "ResultPath": "$.error", "Next": "Recover"}],"""),
                "{}", RecordingInvoker.of((resource, input, context) -> {
                    throw new IllegalStateException("model file missing");
                }));

        assertEquals("model file missing", outputOf(execution).get("error").get("Cause").asText());
    }

    @Test
    void statesAllThatIsNotLastFailsTheDefinition() {
        AslDefinitionException e = assertThrows(AslDefinitionException.class, () -> run(taskWith("""
                "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["Transient"]}],"""), "{}"));

        assertTrue(e.getMessage().startsWith("State 'Train': field 'Retry[0].ErrorEquals'"), e.getMessage());
    }

    @Test
    void statesAllNextToOtherNamesFailsTheDefinition() {
        AslDefinitionException e = assertThrows(AslDefinitionException.class, () -> run(taskWith("""
                "Catch": [{"ErrorEquals": ["Boom", "States.ALL"], "Next": "Recover"}],"""), "{}"));

        assertTrue(e.getMessage().startsWith("State 'Train': field 'Catch[0].ErrorEquals'"), e.getMessage());
    }
}
