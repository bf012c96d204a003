package dev.churnops.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
  * The execution-wide part of the context object ({@code $$}) and the per-state views built from it:
  * {@code Execution.Id/Name/Input/StartTime}, {@code StateMachine.Id/Name},
  * {@code State.Name/EnteredTime/RetryCount}, and inside a Map's ItemSelector {@code Map.Item.Index/Value}.
  */
record ContextObject(String executionId, String executionName, JsonNode executionInput,
        Instant startTime, String stateMachineId, String stateMachineName) {

    ObjectNode forState(String stateName, Instant enteredTime, int retryCount) {
        ObjectNode context = JsonNodeFactory.instance.objectNode();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", executionId);
        execution.put("Name", executionName);
        execution.set("Input", executionInput);
        execution.put("StartTime", Timestamps.format(startTime));
        ObjectNode machine = context.putObject("StateMachine");
        machine.put("Id", stateMachineId);
        machine.put("Name", stateMachineName);
        ObjectNode state = context.putObject("State");
        state.put("Name", stateName);
        state.put("EnteredTime", Timestamps.format(enteredTime));
        state.put("RetryCount", retryCount);
        return context;
    }

    static ObjectNode withMapItem(ObjectNode stateContext, int index, JsonNode value) {
        // A shallow copy: the execution input inside is shared, never mutated, and may be large.
        ObjectNode context = JsonNodeFactory.instance.objectNode();
        context.setAll(stateContext);
        ObjectNode item = context.putObject("Map").putObject("Item");
        item.put("Index", index);
        item.set("Value", value);
        return context;
    }
}
