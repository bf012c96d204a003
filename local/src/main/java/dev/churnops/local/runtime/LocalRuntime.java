package dev.churnops.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import dev.churnops.handlers.Handlers;
import dev.churnops.handlers.Services;
import dev.churnops.local.asl.AslInterpreter;
import dev.churnops.local.asl.AslOptions;
import dev.churnops.local.asl.Execution;
import dev.churnops.local.asl.ExecutionHistoryWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the project's state machines on one machine: the definitions from {@code statemachines/}
 * (bundled on the class path, or a directory given instead), their {@code ${…}} substitutions
 * bound to local function ARNs and the local alert topic, Task states carried out by
 * {@link LocalTaskInvoker}. Each execution leaves {@code executions/<name>/} under the home with
 * its input, output and history.
 */
public final class LocalRuntime {

    public static final String ACCOUNT = "000000000000";
    public static final String REGION = "local";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final Path home;
    private final Services services;
    private final LocalTaskInvoker invoker;
    private final Path definitions;
    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<String, JsonNode> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code definitions} may be null: then the bundled definitions are used. */
    public LocalRuntime(Path home, Services services, Path definitions) {
        this.home = home;
        this.services = services;
        this.invoker = new LocalTaskInvoker(services, Handlers.all());
        this.definitions = definitions;
        invoker.executionStarter((machine, input, name) -> start(machine, input, name).execution().name());
    }

    public LocalTaskInvoker invoker() {
        return invoker;
    }

    public Path home() {
        return home;
    }

    /** Every substitution the definitions use, bound to local values. */
    public static Map<String, String> substitutions() {
        Map<String, String> s = new LinkedHashMap<>();
        for (String function : Handlers.all().keySet()) {
            s.put(function, "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + function);
        }
        s.put("AlertTopicArn", "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":churnops-alerts");
        s.put("TrainingStateMachineArn", stateMachineArn("training"));
        return s;
    }

    /** The local ARN of a bundled state machine, as {@code states:startExecution} names it. */
    public static String stateMachineArn(String machine) {
        return "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + LocalTaskInvoker.STATE_MACHINE_NAME_PREFIX + machine;
    }

    /** The definition of {@code machine}, read and parsed once per runtime (a shop's run starts thousands of executions). */
    public JsonNode definition(String machine) {
        return parsed.computeIfAbsent(machine, this::readDefinition);
    }

    private JsonNode readDefinition(String machine) {
        if (definitions != null) {
            Path file = definitions.resolve(machine + ".asl.json");
            try {
                return Json.tree(Files.readAllBytes(file), file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read state machine " + file, e);
            }
        }
        try (InputStream in = LocalRuntime.class.getResourceAsStream("/statemachines/" + machine + ".asl.json")) {
            if (in == null) {
                throw new IllegalArgumentException("no state machine named '" + machine + "'");
            }
            return Json.tree(in.readAllBytes(), machine + ".asl.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A finished execution and where its history was written. */
    public record Run(Execution execution, Path directory) {
        public Path history() {
            return directory.resolve("history.json");
        }
    }

    public Run start(String machine, JsonNode input) {
        return start(machine, input, null);
    }

    /** Runs {@code machine} to its end under {@code executionName}, or a fresh unique name when null. */
    public Run start(String machine, JsonNode input, String executionName) {
        String name = executionName != null ? executionName : machine + "-" + STAMP.format(services.clock().instant()) + "-"
                + String.format("%03d", sequence.incrementAndGet()) + "-" + Long.toHexString(System.nanoTime() & 0xfffff);
        if (executionName != null && Files.exists(home.resolve("executions").resolve(name))) {
            // Execution names are unique per state machine on AWS too: starting a name again is refused.
            throw new IllegalStateException("an execution named '" + name + "' already exists under " + home.resolve("executions"));
        }
        AslInterpreter interpreter = new AslInterpreter(invoker,
                AslOptions.local().withSubstitutions(substitutions()).withClock(services.clock()));
        Execution execution = interpreter.run(definition(machine), input, name, "churnops-" + machine);
        Path dir = home.resolve("executions").resolve(name);
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("input.json"), Json.write(input));
            if (execution.output() != null) {
                Files.write(dir.resolve("output.json"), Json.write(execution.output()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the execution record under " + dir, e);
        }
        ExecutionHistoryWriter.write(execution, dir.resolve("history.json"));
        return new Run(execution, dir);
    }
}
