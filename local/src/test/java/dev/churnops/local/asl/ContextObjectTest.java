package dev.churnops.local.asl;

import static dev.churnops.local.asl.AslTestSupport.json;
import static dev.churnops.local.asl.AslTestSupport.outputOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ContextObjectTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-03-01T10:15:30.250Z"), ZoneOffset.UTC);

    @Test
    void contextObjectExposesExecutionStateMachineAndStateFields() {
        AslInterpreter interpreter = new AslInterpreter(RecordingInvoker.echoing(), AslOptions.local().withClock(FIXED));

        Execution execution = interpreter.run(json("""
                {"StartAt": "Describe", "States": {"Describe": {"Type": "Pass", "Parameters": {
                    "executionId.$": "$$.Execution.Id",
                    "executionName.$": "$$.Execution.Name",
                    "executionInput.$": "$$.Execution.Input",
                    "startTime.$": "$$.Execution.StartTime",
                    "machineId.$": "$$.StateMachine.Id",
                    "machineName.$": "$$.StateMachine.Name",
                    "stateName.$": "$$.State.Name",
                    "enteredTime.$": "$$.State.EnteredTime",
                    "retryCount.$": "$$.State.RetryCount"}, "End": true}}}"""),
                json("{\"runId\": \"r-7\"}"), "nightly-2026-03-01", "churn-training");

        assertEquals(json("""
                {"executionId": "arn:aws:states:local:000000000000:execution:churn-training:nightly-2026-03-01",
                  "executionName": "nightly-2026-03-01",
                  "executionInput": {"runId": "r-7"},
                  "startTime": "2026-03-01T10:15:30.250Z",
                  "machineId": "arn:aws:states:local:000000000000:stateMachine:churn-training",
                  "machineName": "churn-training",
                  "stateName": "Describe",
                  "enteredTime": "2026-03-01T10:15:30.250Z",
                  "retryCount": 0}"""), outputOf(execution));
        assertEquals("arn:aws:states:local:000000000000:execution:churn-training:nightly-2026-03-01",
                execution.executionId());
    }

    @Test
    void retryCountInTheContextAndTheTaskAttemptGrowWithEachRetry() {
        RecordingInvoker invoker = RecordingInvoker.failingFirst(2, "Transient");

        AslTestSupport.run("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r",
                    "Parameters": {"retryCount.$": "$$.State.RetryCount"},
                    "Retry": [{"ErrorEquals": ["Transient"], "MaxAttempts": 5}], "End": true}}}""", "{}", invoker);

        List<Integer> retryCounts = invoker.calls().stream()
                .map(call -> call.input().get("retryCount").asInt()).collect(Collectors.toList());
        List<Integer> attempts = invoker.calls().stream()
                .map(call -> call.context().attempt()).collect(Collectors.toList());
        assertEquals(List.of(0, 1, 2), retryCounts);
        assertEquals(List.of(1, 2, 3), attempts);
    }

    @Test
    void taskContextCarriesTheExecutionIdAndStateName() {
        RecordingInvoker invoker = RecordingInvoker.echoing();

        Execution execution = AslTestSupport.run("""
                {"StartAt": "Train", "States": {"Train": {"Type": "Task", "Resource": "r", "End": true}}}""", "{}", invoker);

        TaskContext context = invoker.calls().get(0).context();
        assertEquals(execution.executionId(), context.executionId());
        assertEquals("Train", context.stateName());
    }

    @Test
    void contextPathsWorkInIntrinsicArguments() {
        AslInterpreter interpreter = new AslInterpreter(RecordingInvoker.echoing(), AslOptions.local());

        JsonNode output = outputOf(interpreter.run(json("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {
                    "key.$": "States.Format('runs/{}/{}', $$.Execution.Name, $.part)"}, "End": true}}}"""),
                json("{\"part\": \"model.json\"}"), "exec-1"));

        assertEquals("runs/exec-1/model.json", output.get("key").asText());
    }
}
