package dev.churnops.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import dev.churnops.handlers.Handlers;
import dev.churnops.local.asl.AslInterpreter;
import dev.churnops.local.asl.AslOptions;
import dev.churnops.local.runtime.LocalRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every definition in {@code statemachines/}: its substitutions all have a local binding and name a
 * real handler, the local interpreter accepts every state, and (where CI installed it) the npm
 * {@code asl-validator} accepts the file.
 */
class StateMachineDefinitionsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    static Stream<Path> definitions() throws IOException {
        try (Stream<Path> files = Files.list(SharedData.repoRoot().resolve("statemachines"))) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".asl.json")).sorted().toList();
            return list.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("definitions")
    void everySubstitutionIsBoundAndEveryFunctionHasAHandler(Path file) throws IOException {
        String text = Files.readString(file);
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        assertFalse(names.isEmpty(), "a definition that calls no function is suspicious");
        for (String name : names) {
            assertTrue(LocalRuntime.substitutions().containsKey(name), file.getFileName() + ": ${" + name + "} has no local binding");
            if (name.endsWith("StateMachineArn")) {
                // A workflow another starts: its definition file must exist beside this one.
                String machine = name.substring(0, name.length() - "StateMachineArn".length()).toLowerCase(java.util.Locale.ROOT);
                assertTrue(Files.isRegularFile(file.resolveSibling(machine + ".asl.json")), name + " names no state machine");
            } else {
                assertTrue(name.equals("AlertTopicArn") || Handlers.all().containsKey(name), name + " is not a handler");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("definitions")
    void localInterpreterAcceptsEveryState(Path file) throws IOException {
        JsonNode definition = Json.tree(Files.readAllBytes(file), file.toString());
        AslInterpreter interpreter = new AslInterpreter((resource, input, context) -> input,
                AslOptions.local().withSubstitutions(LocalRuntime.substitutions()));
        interpreter.validate(definition);
    }

    @ParameterizedTest
    @MethodSource("definitions")
    void bundledCopyIsTheRepositoryFile(Path file) throws IOException {
        String name = file.getFileName().toString();
        try (var in = LocalRuntime.class.getResourceAsStream("/statemachines/" + name)) {
            assertTrue(in != null, name + " is not bundled into the CLI");
            assertEquals(Files.readString(file), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @MethodSource("definitions")
    void aslValidatorAcceptsTheDefinition(Path file) throws IOException, InterruptedException {
        Path validator = SharedData.repoRoot().resolve("node_modules/.bin/asl-validator");
        Assumptions.assumeTrue(Files.isExecutable(validator), "asl-validator not installed (npm ci); skipping");
        List<String> command = new ArrayList<>(List.of(validator.toString(), "--json-path", file.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "asl-validator did not finish");
        assertEquals(0, p.exitValue(), output);
    }
}
