package dev.churnops.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.events.EventSource;
import dev.churnops.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code churnops generate} and {@code churnops bench generate} run in-process: files and
 * generator.json written, every bad argument refused with exit 2 and a line naming the option.
 */
class GenerateCommandTest {

    @TempDir
    Path dir;

    @Test
    void generateWritesRawFilesAndAManifestThatCountsThem() throws IOException {
        Path out = dir.resolve("shop");
        Cli.Result result = Cli.run("generate", "--customers", "200", "--days", "20", "--seed", "4", "--out", out.toString(),
                "--scenario", "app-outage", "--from", "2026-01-10", "--defect-rate", "0.01");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("wrote "), result::toString);
        assertTrue(result.out().contains("scenario app-outage from 2026-01-10"), result::toString);
        JsonNode manifest = Json.tree(Files.readAllBytes(out.resolve("generator.json")), "generator.json");
        assertEquals(200, manifest.at("/parameters/customers").asInt());
        assertEquals("2026-01-20", manifest.at("/parameters/end").asText());
        assertEquals("app-outage", manifest.at("/scenario/name").asText());
        assertEquals("sessions", manifest.at("/scenario/shifts/0/source").asText());
        long lines = 0;
        long sum = 0;
        for (EventSource source : EventSource.values()) {
            sum += manifest.at("/rows/" + source.sourceName()).asLong();
        }
        for (Path file : Cli.files(out.resolve("raw"))) {
            lines += Files.readAllLines(file, StandardCharsets.UTF_8).size() - 1;
        }
        assertEquals(sum, manifest.get("events").asLong());
        assertEquals(lines, sum + manifest.at("/defects/total").asLong());
        assertTrue(manifest.at("/defects/total").asLong() > 0, manifest::toString);
        assertTrue(manifest.at("/churn/drivers").size() >= 6, manifest::toString);
    }

    private void assertUsageError(Cli.Result result, String... fragments) {
        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("", result.out(), result::toString);
        assertEquals(1, result.err().lines().filter(l -> l.startsWith("churnops: ")).count(), result::toString);
        for (String fragment : fragments) {
            assertTrue(result.err().contains(fragment), () -> "expected '" + fragment + "' in\n" + result);
        }
    }

    private Cli.Result generate(String... more) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--customers", "50");
        options.put("--days", "5");
        options.put("--seed", "1");
        options.put("--out", dir.resolve("out").toString());
        for (int i = 0; i < more.length; i += 2) {
            options.put(more[i], more[i + 1]);
        }
        List<String> args = new ArrayList<>(List.of("generate"));
        options.forEach((name, value) -> {
            args.add(name);
            args.add(value);
        });
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void badArgumentsAreUsageErrorsNamingTheOption() {
        assertUsageError(generate("--customers", "-3"), "--customers -3: expected a whole number from 1 to");
        assertUsageError(generate("--days", "0"), "--days 0: expected a whole number from 1 to");
        assertUsageError(generate("--scenario", "meteor"), "--scenario 'meteor' is not a known scenario: expected one of "
                + "price-increase, app-outage, competitor-promo, new-acquisition-channel");
        assertUsageError(generate("--scenario", "app-outage", "--from", "2027-01-01"),
                "--from 2027-01-01 is outside the generated period: expected a date from 2026-01-01 to 2026-01-05");
        assertUsageError(generate("--from", "2026-01-02"), "--from 2026-01-02 needs --scenario");
        assertUsageError(generate("--start", "yesterday"), "--start 'yesterday' is not a date: expected YYYY-MM-DD");
        assertUsageError(generate("--defect-rate", "2"), "--defect-rate 2.0: expected a rate from 0 to 0.1");
        assertFalse(Files.exists(dir.resolve("out/raw")));
    }

    @Test
    void anOutputDirectoryThatAlreadyHoldsRawFilesIsRefused() throws IOException {
        assertEquals(0, generate().exitCode());
        byte[] before = Files.readAllBytes(dir.resolve("out/generator.json"));

        assertUsageError(generate(), "--out " + dir.resolve("out") + " already holds raw/");
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(dir.resolve("out/generator.json")));
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertUsageError(Cli.run("generate", "--customers", "5", "--days", "1", "--seed", "1", "--out", file.toString()),
                "is a file: expected a directory");
    }

    @Test
    void benchGeneratePrintsEachRunAndTheMedian() {
        Cli.Result result = Cli.run("bench", "generate", "--customers", "200", "--days", "10", "--runs", "2");

        assertEquals(0, result.exitCode(), result::toString);
        List<String> lines = result.out().lines().toList();
        assertEquals(3, lines.size(), result::toString);
        assertTrue(lines.get(0).matches("run 1  [\\d,]+ events  [\\d,]+ bytes  \\d+\\.\\d{2} s  [\\d,]+ events/s  \\(\\d+\\.\\d{2} s of CPU\\)"), result::toString);
        assertTrue(lines.get(2).matches("median [\\d,]+ events/s over 2 runs \\(200 customers x 10 days, .*"), result::toString);
    }

    @Test
    void benchGenerateJsonHasTheMedianAndEveryRun() {
        Cli.Result result = Cli.run("bench", "generate", "--customers", "100", "--days", "5", "--runs", "3", "--json");

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode figures = Json.tree(result.out().getBytes(StandardCharsets.UTF_8), "bench output");
        assertTrue(figures.get("median_events_per_s").asLong() > 0, figures::toString);
        assertEquals(3, figures.get("events_per_s").size());
        assertTrue(figures.get("events").asLong() > 0 && figures.get("bytes").asLong() > figures.get("events").asLong());
        assertUsageError(Cli.run("bench", "generate", "--runs", "0"), "--runs 0: expected a whole number from 1 to 100");
    }
}
