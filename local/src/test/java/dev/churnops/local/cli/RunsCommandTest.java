package dev.churnops.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import dev.churnops.local.runtime.TestFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code churnops runs list | show | compare} over the records two {@code churnops run}s left in one
 * home (seeds 42 and 7), and the errors for an unknown id and a corrupt record.
 */
class RunsCommandTest {

    @TempDir
    static Path dir;

    private static String first;
    private static String second;

    private static String home() {
        return dir.resolve("home").toString();
    }

    @BeforeAll
    static void twoRunsWithDifferentSeeds() throws IOException {
        Path data = Files.writeString(dir.resolve("customers.csv"), TestFixtures.customers(300, 3), StandardCharsets.UTF_8);
        first = train(data, "42");
        second = train(data, "7");
    }

    private static String train(Path data, String seed) throws IOException {
        Cli.Result result = Cli.run("run", "--home", home(), "--data", data.toString(), "--label", "churned", "--positive",
                "yes", "--id", "customer_id", "--algorithms", "logistic_regression", "--seed", seed);
        assertEquals(0, result.exitCode(), result::toString);
        JsonNode summary = Json.tree(Files.readAllBytes(dir.resolve("home/summary.json")), "summary.json");
        assertTrue(result.out().contains("run        " + dir.resolve("home").resolve(summary.get("run").asText())), result::toString);
        return summary.get("execution").asText();
    }

    @Test
    void listShowsBothRunsOldestFirstWithTheirModelStatusAlgorithmScoresAndVersion() {
        Cli.Result result = Cli.run("runs", "list", "--home", home());

        assertEquals(0, result.exitCode(), result::toString);
        List<String> lines = result.out().lines().toList();
        assertEquals(3, lines.size(), result::toString);
        assertTrue(lines.get(0).matches("RUN\\s+MODEL\\s+STARTED\\s+STATUS\\s+ALGORITHM\\s+SEL ROC-AUC\\s+TEST ROC-AUC\\s+VERSION"),
                lines.get(0));
        assertTrue(lines.get(1).startsWith(first + " "), result::toString);
        assertTrue(lines.get(2).startsWith(second + " "), result::toString);
        for (String line : lines.subList(1, 3)) {
            assertTrue(line.matches(".* churn +\\S+ +(succeeded|rejected) +logistic_regression +0\\.\\d{4} +0\\.\\d{4} +v[12]"),
                    line);
        }
        assertTrue(lines.get(1).endsWith("v1") && lines.get(2).endsWith("v2"), result::toString);
    }

    @Test
    void listOfAModelWithoutRunsSaysSo() {
        Cli.Result result = Cli.run("runs", "list", "--home", home(), "--model", "churn-other");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("no runs recorded under "), result::toString);
    }

    @Test
    void showPrintsTheStoredDocument() throws IOException {
        Cli.Result result = Cli.run("runs", "show", first, "--home", home());

        assertEquals(0, result.exitCode(), result::toString);
        Path stored = dir.resolve("home/runs/churn/" + first + ".json");
        assertEquals(Files.readString(stored), result.out());
        JsonNode document = Json.tree(result.out().getBytes(StandardCharsets.UTF_8), "shown run");
        assertEquals(first, document.get("run_id").asText());
        assertEquals(42, document.get("seed").asLong());
        assertEquals("logistic_regression", document.at("/hyperparameters/given/algorithms").asText());
        assertTrue(document.at("/data/fingerprint").asText().matches("[0-9a-f]{64}"), document::toString);
    }

    @Test
    void compareShowsTheSeedThatDiffersMetricDeltasAndTheSameData() {
        Cli.Result result = Cli.run("runs", "compare", first, second, "--home", home());

        assertEquals(0, result.exitCode(), result::toString);
        String out = result.out();
        assertTrue(out.lines().anyMatch(l -> l.matches("split_seed +42 +7")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("hyperparameters\\.seed +42 +7")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("test\\.roc_auc +0\\.\\d{4} +0\\.\\d{4} +[+-]\\d\\.\\d{4}")), out);
        assertTrue(out.contains("data         same (fingerprint "), out);
        assertTrue(out.contains("code         same"), out);
        assertTrue(out.lines().noneMatch(l -> l.startsWith("objective ")), "equal parameters are not listed: " + out);
    }

    @Test
    void anUnknownRunIdIsAUsageErrorThatSaysHowToListRuns() {
        Cli.Result result = Cli.run("runs", "show", "training-nope", "--home", home());

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().contains("no run 'training-nope' is recorded under"), result::toString);
        assertTrue(result.err().contains("'churnops runs list'"), result::toString);
        assertEquals(2, Cli.run("runs", "compare", first, "training-nope", "--home", home()).exitCode());
    }

    @Test
    void aCorruptRunDocumentIsAnErrorNamingTheFile() throws IOException {
        Path corrupt = dir.resolve("home/runs/churn-broken/training-broken.json");
        Files.createDirectories(corrupt.getParent());
        Files.writeString(corrupt, "{\"run_id\": \"training-broken\", \"status\": ");
        try {
            Cli.Result shown = Cli.run("runs", "show", "training-broken", "--home", home());
            assertEquals(2, shown.exitCode(), shown::toString);
            assertTrue(shown.err().contains(corrupt.toString()), shown::toString);
            assertTrue(shown.err().contains("run document runs/churn-broken/training-broken.json"), shown::toString);

            Cli.Result listed = Cli.run("runs", "list", "--home", home());
            assertEquals(2, listed.exitCode(), listed::toString);
            assertTrue(listed.out().contains(first), "the readable runs are still listed: " + listed);
            assertTrue(listed.err().contains(corrupt.toString()), listed::toString);
        } finally {
            Files.delete(corrupt);
        }
    }
}
