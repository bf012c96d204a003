package dev.churnops.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code churnops score-batch} through its command line: a summary on success, exit code 2 and a
 * message naming the problem for unusable input or arguments.
 */
class ScoreBatchCommandTest {

    @TempDir
    Path dir;

    private String home() {
        return dir.resolve("home").toString();
    }

    private void trainOnTheBuiltInTable() {
        Cli.Result run = Cli.run("run", "--table", "--home", home(), "--algorithms", "logistic_regression");
        assertEquals(0, run.exitCode(), run::toString);
    }

    private static void assertUsageError(Cli.Result result, String... words) {
        assertEquals(CliException.USAGE, result.exitCode(), result::toString);
        for (String word : words) {
            assertTrue(result.err().contains(word), () -> "the message does not mention '" + word + "'\n" + result);
        }
    }

    /** A generated table of the built-in shape, optionally without one column. */
    private Path table(String name, int rows, String dropColumn) throws IOException {
        Path file = dir.resolve(name);
        Cli.Result generated = Cli.run("generate-table", "--rows", Integer.toString(rows), "--seed", "3", "--out", file.toString());
        assertEquals(0, generated.exitCode(), generated::toString);
        if (dropColumn != null) {
            List<String> lines = Files.readAllLines(file);
            int drop = List.of(lines.get(0).split(",")).indexOf(dropColumn);
            StringBuilder out = new StringBuilder();
            for (String line : lines) {
                List<String> fields = new ArrayList<>(List.of(line.split(",", -1)));
                if (drop < fields.size()) {
                    fields.remove(drop);
                }
                out.append(String.join(",", fields)).append('\n');
            }
            Files.writeString(file, out);
        }
        return file;
    }

    @Test
    void scoresTheNewestTableOfTheBuiltInSourceAndSaysWhereTheScoresAre() {
        trainOnTheBuiltInTable();

        Cli.Result result = Cli.run("score-batch", "--home", home(), "--partition-rows", "1000", "--date", "2026-12-24");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("3000 in, 3000 scored, 0 rejected"), result::toString);
        assertTrue(result.out().contains("churn v1"), result::toString);
        assertTrue(result.out().contains("3 partitions of at most 1000 rows"), result::toString);
        assertTrue(result.out().contains("/scores/2026-12-24/batch-scoring-"), result::toString);
    }

    @Test
    void ingestsANewTableOfTheSourceFirstAndScoresExactlyItsValidRows() throws IOException {
        trainOnTheBuiltInTable();
        Path today = table("today.csv", 500, null);

        Cli.Result result = Cli.run("score-batch", "--home", home(), "--data", today.toString(), "--source", "customers");

        assertEquals(0, result.exitCode(), result::toString);
        Matcher ingested = Pattern.compile("ingested +(\\d+) in, (\\d+) valid").matcher(result.out());
        assertTrue(ingested.find(), result::toString);
        assertEquals(503, Integer.parseInt(ingested.group(1)));
        assertTrue(result.out().contains("rows       " + ingested.group(2) + " in"), result::toString);
        assertTrue(result.out().contains("today.csv"), "the new file is scored, not the training table\n" + result);
    }

    @Test
    void aModelThatReadsAColumnTheTableLacksIsAUsageErrorNamingTheColumn() throws IOException {
        trainOnTheBuiltInTable();
        Path other = table("other.csv", 200, "app_user");
        Path config = Files.writeString(dir.resolve("other.json"),
                "{\"label_column\": \"churned\", \"positive_label\": \"yes\", \"id_column\": \"customer_id\"}");

        Cli.Result result = Cli.run("score-batch", "--home", home(), "--data", other.toString(), "--dataset-config",
                config.toString(), "--model", "churn");

        assertUsageError(result, "'app_user'", "history:");
    }

    @Test
    void withNothingValidatedSaysToIngestFirst() {
        assertUsageError(Cli.run("score-batch", "--home", home()), "no validated data for source 'customers'");
    }

    @Test
    void aSourceWithoutAModelSaysWhichModelsThereAre() {
        trainOnTheBuiltInTable();

        assertUsageError(Cli.run("score-batch", "--home", home(), "--model", "churn-shop"), "no model 'churn-shop'", "churn");
    }

    @Test
    void refusesABadDateAndABadPartitionSize() {
        assertUsageError(Cli.run("score-batch", "--home", home(), "--date", "24.12.2026"), "--date", "YYYY-MM-DD");
        assertUsageError(Cli.run("score-batch", "--home", home(), "--partition-rows", "0"), "--partition-rows 0");
    }

    @Test
    void aNewTableOfASourceWithoutDatasetConfigIsRefused() throws IOException {
        Path shop = table("shop.csv", 50, null);

        assertUsageError(Cli.run("score-batch", "--home", home(), "--data", shop.toString()),
                "source 'shop' has no dataset config", "--dataset-config");
    }
}
