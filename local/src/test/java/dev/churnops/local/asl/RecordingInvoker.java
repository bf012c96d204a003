package dev.churnops.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A fake {@link TaskInvoker} that records every call and answers with a scripted behaviour. */
final class RecordingInvoker implements TaskInvoker {

    /** One recorded invocation. */
    record Call(String resource, JsonNode input, TaskContext context) {}

    @FunctionalInterface
    interface Behaviour {
        JsonNode apply(String resource, JsonNode input, TaskContext context) throws TaskFailedException;
    }

    private final List<Call> calls = new ArrayList<>();
    private final Behaviour behaviour;

    private RecordingInvoker(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    static RecordingInvoker of(Behaviour behaviour) {
        return new RecordingInvoker(behaviour);
    }

    static RecordingInvoker echoing() {
        return new RecordingInvoker((resource, input, context) -> input);
    }

    static RecordingInvoker returning(JsonNode result) {
        return new RecordingInvoker((resource, input, context) -> result);
    }

    /** Fails with {@code error} on the first {@code failures} calls, then echoes its input. */
    static RecordingInvoker failingFirst(int failures, String error) {
        return new RecordingInvoker((resource, input, context) -> {
            if (context.attempt() <= failures) {
                throw new TaskFailedException(error, "attempt " + context.attempt() + " failed");
            }
            return input;
        });
    }

    @Override
    public JsonNode invoke(String resource, JsonNode input, TaskContext context) throws TaskFailedException {
        synchronized (calls) {
            calls.add(new Call(resource, input, context));
        }
        return behaviour.apply(resource, input, context);
    }

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }
}
