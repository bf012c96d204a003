package dev.churnops.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
  * Runs one execution of a compiled state machine: walks states from {@code StartAt}, applies the
  * input/output processing chain (InputPath, Parameters, the work, ResultSelector, ResultPath,
  * OutputPath), applies Retry and Catch, fans Parallel branches and Map iterations out onto bounded
  * thread pools, and records every step in the history. State failures travel as {@link StatesError}.
  */
final class ExecutionRunner {

    /** Threads used for a Map whose MaxConcurrency is 0 ("no limit"), so a large array cannot spawn thousands. */
    static final int UNBOUNDED_MAP_CONCURRENCY = 8;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final TaskInvoker invoker;
    private final AslOptions options;
    private final ContextObject contextObject;
    private final HistoryRecorder history;
    private final AtomicInteger transitions = new AtomicInteger();

    ExecutionRunner(TaskInvoker invoker, AslOptions options, ContextObject contextObject, HistoryRecorder history) {
        this.invoker = invoker;
        this.options = options;
        this.contextObject = contextObject;
        this.history = history;
    }

    /** What a state hands on: its output and the next state, {@code null} when the scope ends. */
    private record Step(JsonNode output, String next) {}

    @FunctionalInterface
    private interface Attempt {
        JsonNode run(int retryCount);
    }

    /** Runs a scope from its StartAt state until a state ends it, and returns that state's output. */
    JsonNode runScope(StateMachineDefinition scope, JsonNode input) {
        String name = scope.startAt();
        JsonNode data = input;
        while (true) {
            throwIfCancelled();
            if (transitions.incrementAndGet() > options.maxStateTransitions()) {
                throw StatesError.runtime("The execution exceeded the limit of " + options.maxStateTransitions()
                        + " state transitions (AslOptions.maxStateTransitions) when entering state '" + name
                        + "'; the state machine is probably looping");
            }
            State state = scope.state(name);
            Instant entered = options.clock().instant();
            history.record(HistoryEvent.STATE_ENTERED, name, data, null);
            Step step = runState(state, data, entered);
            history.record(HistoryEvent.STATE_EXITED, name, null, step.output());
            if (step.next() == null) {
                return step.output();
            }
            name = step.next();
            data = step.output();
        }
    }

    private Step runState(State state, JsonNode input, Instant entered) {
        if (state instanceof State.Pass pass) {
            return new Step(runPass(pass, input, entered), pass.next());
        }
        if (state instanceof State.Task task) {
            return recover(task, input, retryCount -> runTask(task, input, entered, retryCount));
        }
        if (state instanceof State.Choice choice) {
            return runChoice(choice, input, entered);
        }
        if (state instanceof State.Wait wait) {
            return new Step(runWait(wait, input, entered), wait.next());
        }
        if (state instanceof State.Succeed succeed) {
            ObjectNode context = contextObject.forState(succeed.name(), entered, 0);
            JsonNode effective = inputPath(succeed.inputPath(), input, context);
            return new Step(outputPath(succeed.outputPath(), effective, context), null);
        }
        if (state instanceof State.Fail fail) {
            throw failure(fail, input, entered);
        }
        if (state instanceof State.Parallel parallel) {
            return recover(parallel, input, retryCount -> runParallel(parallel, input, entered, retryCount));
        }
        State.Map map = (State.Map) state;
        return recover(map, input, retryCount -> runMap(map, input, entered, retryCount));
    }

    // ------------------------------------------------------------------ states

    private JsonNode runPass(State.Pass pass, JsonNode raw, Instant entered) {
        ObjectNode context = contextObject.forState(pass.name(), entered, 0);
        JsonNode effective = inputPath(pass.inputPath(), raw, context);
        JsonNode result = pass.result() != null ? pass.result()
                : pass.parameters() != null ? pass.parameters().evaluate(effective, context)
                : effective;
        return outputPath(pass.outputPath(), resultPath(pass.resultPath(), raw, result), context);
    }

    private JsonNode runTask(State.Task task, JsonNode raw, Instant entered, int retryCount) {
        ObjectNode context = contextObject.forState(task.name(), entered, retryCount);
        JsonNode effective = inputPath(task.inputPath(), raw, context);
        JsonNode parameters = task.parameters() != null ? task.parameters().evaluate(effective, context) : effective;
        history.record(HistoryEvent.TASK_SCHEDULED, task.name(), parameters, null);
        TaskContext taskContext = new TaskContext(contextObject.executionId(), task.name(), retryCount + 1);
        JsonNode result;
        try {
            // A copy, so an invoker that mutates its input cannot rewrite the recorded history.
            result = invoker.invoke(task.resource(), parameters.deepCopy(), taskContext);
        } catch (TaskFailedException e) {
            throwIfCancelled();
            history.recordError(HistoryEvent.TASK_FAILED, task.name(), e.error(), e.cause());
            throw new StatesError(e.error(), e.cause());
        } catch (RuntimeException e) {
            throwIfCancelled();
            // Lambda reports an unhandled exception as a task error named after its class; doing the same
            // keeps Retry/Catch behaviour identical, and the history still shows exactly what was thrown.
            String error = e.getClass().getName();
            history.recordError(HistoryEvent.TASK_FAILED, task.name(), error, e.getMessage());
            throw new StatesError(error, e.getMessage());
        }
        throwIfCancelled();
        JsonNode rawResult = result == null ? NullNode.getInstance() : result.deepCopy();
        history.record(HistoryEvent.TASK_SUCCEEDED, task.name(), null, rawResult);
        JsonNode selected = task.resultSelector() != null ? task.resultSelector().evaluate(rawResult, context) : rawResult;
        return outputPath(task.outputPath(), resultPath(task.resultPath(), raw, selected), context);
    }

    private Step runChoice(State.Choice choice, JsonNode raw, Instant entered) {
        ObjectNode context = contextObject.forState(choice.name(), entered, 0);
        JsonNode effective = inputPath(choice.inputPath(), raw, context);
        String next = null;
        for (State.Choice.Branch branch : choice.choices()) {
            if (branch.rule().matches(effective, context)) {
                next = branch.next();
                break;
            }
        }
        if (next == null) {
            next = choice.defaultNext();
        }
        if (next == null) {
            throw new StatesError(StatesError.NO_CHOICE_MATCHED,
                    "No Choice Rule of state '" + choice.name() + "' matched the input and it has no Default");
        }
        return new Step(outputPath(choice.outputPath(), effective, context), next);
    }

    private JsonNode runWait(State.Wait wait, JsonNode raw, Instant entered) {
        ObjectNode context = contextObject.forState(wait.name(), entered, 0);
        JsonNode effective = inputPath(wait.inputPath(), raw, context);
        double seconds;
        if (wait.seconds() != null) {
            seconds = wait.seconds();
        } else if (wait.secondsPath() != null) {
            JsonNode value = find(wait.secondsPath(), effective, context, "SecondsPath");
            if (!value.isIntegralNumber() || value.asLong() < 0) {
                throw StatesError.runtime("The SecondsPath '" + wait.secondsPath() + "' of state '" + wait.name()
                        + "' must select a non-negative integer, got " + JsonValues.describe(value));
            }
            seconds = value.asLong();
        } else {
            Instant until = wait.timestamp();
            if (until == null) {
                JsonNode value = find(wait.timestampPath(), effective, context, "TimestampPath");
                until = (value.isTextual() ? Timestamps.parse(value.textValue()) : Optional.<Instant>empty())
                        .orElseThrow(() -> StatesError.runtime("The TimestampPath '" + wait.timestampPath() + "' of state '"
                                + wait.name() + "' must select an RFC 3339 timestamp, got " + JsonValues.describe(value)));
            }
            Duration remaining = Duration.between(options.clock().instant(), until);
            seconds = remaining.isNegative() ? 0 : remaining.toMillis() / 1000.0;
        }
        double scaled = seconds * options.waitScale();
        ObjectNode plan = NODES.objectNode().put("seconds", seconds).put("scaledSeconds", scaled);
        history.record(HistoryEvent.WAIT_STARTED, wait.name(), null, plan);
        pause(scaled);
        return outputPath(wait.outputPath(), effective, context);
    }

    private StatesError failure(State.Fail fail, JsonNode raw, Instant entered) {
        ObjectNode context = contextObject.forState(fail.name(), entered, 0);
        String error = fail.errorPath() != null ? text(fail.errorPath(), raw, context, fail.name(), "ErrorPath") : fail.error();
        String cause = fail.causePath() != null ? text(fail.causePath(), raw, context, fail.name(), "CausePath") : fail.cause();
        return new StatesError(error, cause);
    }

    private JsonNode runParallel(State.Parallel parallel, JsonNode raw, Instant entered, int retryCount) {
        String name = parallel.name();
        ObjectNode context = contextObject.forState(name, entered, retryCount);
        JsonNode effective = inputPath(parallel.inputPath(), raw, context);
        JsonNode branchInput = parallel.parameters() != null ? parallel.parameters().evaluate(effective, context) : effective;
        List<Callable<JsonNode>> jobs = new ArrayList<>();
        for (int i = 0; i < parallel.branches().size(); i++) {
            StateMachineDefinition branch = parallel.branches().get(i);
            int index = i;
            jobs.add(() -> runTracked(name, branch, branchInput, index, HistoryEvent.PARALLEL_BRANCH_STARTED,
                    HistoryEvent.PARALLEL_BRANCH_SUCCEEDED, HistoryEvent.PARALLEL_BRANCH_FAILED));
        }
        ArrayNode outputs = NODES.arrayNode();
        runConcurrently(name, jobs, jobs.size()).forEach(outputs::add);
        JsonNode selected = parallel.resultSelector() != null ? parallel.resultSelector().evaluate(outputs, context) : outputs;
        return outputPath(parallel.outputPath(), resultPath(parallel.resultPath(), raw, selected), context);
    }

    private JsonNode runMap(State.Map map, JsonNode raw, Instant entered, int retryCount) {
        String name = map.name();
        ObjectNode context = contextObject.forState(name, entered, retryCount);
        JsonNode effective = inputPath(map.inputPath(), raw, context);
        JsonNode items = find(map.itemsPath(), effective, context, "ItemsPath");
        if (!items.isArray()) {
            throw StatesError.runtime("The ItemsPath '" + map.itemsPath() + "' of state '" + name
                    + "' must select an array, got " + JsonValues.describe(items));
        }
        int limit = map.maxConcurrency();
        if (map.maxConcurrencyPath() != null) {
            JsonNode value = find(map.maxConcurrencyPath(), effective, context, "MaxConcurrencyPath");
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
                throw StatesError.runtime("The MaxConcurrencyPath '" + map.maxConcurrencyPath() + "' of state '" + name
                        + "' must select a non-negative integer, got " + JsonValues.describe(value));
            }
            limit = value.intValue();
        }
        // Iteration inputs are built up front, so a bad ItemSelector fails the Map before any iteration runs.
        List<Callable<JsonNode>> jobs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode iterationInput = map.itemSelector() != null
                    ? map.itemSelector().evaluate(effective, ContextObject.withMapItem(context, i, items.get(i)))
                    : items.get(i);
            int index = i;
            jobs.add(() -> runTracked(name, map.processor(), iterationInput, index, HistoryEvent.MAP_ITERATION_STARTED,
                    HistoryEvent.MAP_ITERATION_SUCCEEDED, HistoryEvent.MAP_ITERATION_FAILED));
        }
        int threads = Math.min(jobs.size(), limit == 0 ? UNBOUNDED_MAP_CONCURRENCY : limit);
        ArrayNode outputs = NODES.arrayNode();
        runConcurrently(name, jobs, threads).forEach(outputs::add);
        JsonNode selected = map.resultSelector() != null ? map.resultSelector().evaluate(outputs, context) : outputs;
        return outputPath(map.outputPath(), resultPath(map.resultPath(), raw, selected), context);
    }

    private JsonNode runTracked(String stateName, StateMachineDefinition scope, JsonNode input, int index,
            String started, String succeeded, String failed) {
        history.record(started, stateName, input, NODES.objectNode().put("index", index));
        try {
            JsonNode output = runScope(scope, input);
            history.record(succeeded, stateName, null, output);
            return output;
        } catch (StatesError e) {
            history.recordError(failed, stateName, e.error(), e.cause());
            throw e;
        }
    }

    // ------------------------------------------------------------------ Retry and Catch

    private Step recover(State.Recoverable state, JsonNode raw, Attempt attempt) {
        int[] retriesByRetrier = new int[state.retriers().size()];
        int retryCount = 0;
        while (true) {
            try {
                return new Step(attempt.run(retryCount), state.next());
            } catch (StatesError e) {
                if (e.terminal()) {
                    throw e;
                }
                // Only the first retrier whose ErrorEquals matches applies, even when its attempts are used up.
                int index = firstMatchingRetrier(state.retriers(), e.error());
                if (index >= 0 && retriesByRetrier[index] < state.retriers().get(index).maxAttempts()) {
                    Retrier retrier = state.retriers().get(index);
                    double delay = retrier.delaySeconds(retriesByRetrier[index]);
                    double scaled = delay * options.retryIntervalScale();
                    retriesByRetrier[index]++;
                    retryCount++;
                    ObjectNode decision = NODES.objectNode()
                            .put("retrierIndex", index)
                            .put("retryNumber", retriesByRetrier[index])
                            .put("maxAttempts", retrier.maxAttempts())
                            .put("delaySeconds", delay)
                            .put("scaledDelaySeconds", scaled);
                    history.record(HistoryEvent.RETRY_SCHEDULED, state.name(), null, decision, e.error(), e.cause());
                    pause(scaled);
                    continue;
                }
                for (Catcher catcher : state.catchers()) {
                    if (catcher.matches(e.error())) {
                        ObjectNode errorOutput = NODES.objectNode().put("Error", e.error()).put("Cause", e.cause());
                        JsonNode output = resultPath(catcher.resultPath(), raw, errorOutput);
                        history.record(HistoryEvent.CAUGHT_ERROR, state.name(), null, output, e.error(), e.cause());
                        return new Step(output, catcher.next());
                    }
                }
                throw e;
            }
        }
    }

    private static int firstMatchingRetrier(List<Retrier> retriers, String error) {
        for (int i = 0; i < retriers.size(); i++) {
            if (retriers.get(i).matches(error)) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ concurrency

    private record Indexed(int index, JsonNode output) {}

    /**
      * Runs jobs on a pool of {@code threads} and returns their outputs in job order. The first failure
      * (in time) cancels the rest and is rethrown, as a failing branch or iteration fails the whole state.
      */
    private List<JsonNode> runConcurrently(String stateName, List<Callable<JsonNode>> jobs, int threads) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, threadFactory(stateName));
        try {
            CompletionService<Indexed> completion = new ExecutorCompletionService<>(pool);
            for (int i = 0; i < jobs.size(); i++) {
                int index = i;
                completion.submit(() -> new Indexed(index, jobs.get(index).call()));
            }
            JsonNode[] outputs = new JsonNode[jobs.size()];
            for (int done = 0; done < jobs.size(); done++) {
                Future<Indexed> future = completion.take();
                Indexed result = future.get();
                outputs[result.index()] = result.output();
            }
            return Arrays.asList(outputs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the branches of state '" + stateName + "'");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("branch of state '" + stateName + "' failed unexpectedly", cause);
        } finally {
            pool.shutdownNow();
            awaitTermination(pool);
        }
    }

    // Waiting keeps cancelled branches from recording history after the execution has returned.
    private static void awaitTermination(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // A task that ignores interruption is still running; keep waiting for it.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threadFactory(String stateName) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "asl-" + stateName + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    // ------------------------------------------------------------------ input/output processing

    private static JsonNode inputPath(JsonPath path, JsonNode input, JsonNode context) {
        if (path == null) {
            return NODES.objectNode();
        }
        return path.find(input, context).orElseThrow(() -> StatesError.runtime(
                "Invalid path '" + path + "': the InputPath could not be found in the state input"));
    }

    private static JsonNode resultPath(JsonPath path, JsonNode rawInput, JsonNode result) {
        return path == null ? rawInput : path.write(rawInput, result);
    }

    private static JsonNode outputPath(JsonPath path, JsonNode data, JsonNode context) {
        if (path == null) {
            return NODES.objectNode();
        }
        return path.find(data, context).orElseThrow(() -> StatesError.runtime(
                "Invalid path '" + path + "': the OutputPath could not be found in the state output"));
    }

    private static JsonNode find(JsonPath path, JsonNode input, JsonNode context, String field) {
        return path.find(input, context).orElseThrow(() -> StatesError.runtime(
                "Invalid path '" + path + "': the " + field + " could not be found in the state input"));
    }

    private static String text(Expression expression, JsonNode input, JsonNode context, String stateName, String field) {
        JsonNode value = expression.evaluate(input, context, field);
        if (!value.isTextual()) {
            throw StatesError.runtime("The " + field + " of state '" + stateName + "' must resolve to a string, got "
                    + JsonValues.describe(value));
        }
        return value.textValue();
    }


    // ------------------------------------------------------------------ time

    private static void pause(double seconds) {
        if (seconds <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep((long) (seconds * 1_000_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting");
        }
    }

    private static void throwIfCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("the execution or its enclosing branch was cancelled");
        }
    }
}
