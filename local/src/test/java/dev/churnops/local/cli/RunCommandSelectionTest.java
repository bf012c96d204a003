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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code churnops run --cv K --search N --search-space FILE}: what summary.json and the report gain, and bad spaces. */
class RunCommandSelectionTest {

    @TempDir
    Path dir;

    private Path home() {
        return dir.resolve("home");
    }

    private Cli.Result run(String... extra) throws IOException {
        Path data = Files.writeString(dir.resolve("customers.csv"), TestFixtures.customers(300, 3), StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("run", "--home", home().toString(), "--data", data.toString(),
                "--label", "churned", "--positive", "yes", "--id", "customer_id", "--algorithms", "logistic_regression",
                "--hyperparameter", "logistic_regression.epochs=3"));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private JsonNode summary() throws IOException {
        return Json.tree(Files.readAllBytes(home().resolve("summary.json")), "summary.json");
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void cvAddsTheFoldsMeanAndStandardDeviationToTheSummary() throws IOException {
        Cli.Result result = run("--cv", "3");

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode cv = summary().get("cv");
        assertEquals(Set.of("folds", "rows", "roc_auc_mean", "roc_auc_std"), fields(cv), cv::toString);
        assertEquals(3, cv.get("folds").asInt());
        assertEquals(summary().at("/rows/valid").asInt() - (int) Math.ceil(0.2 * summary().at("/rows/valid").asInt()),
                cv.get("rows").asInt(), "without validation rows the folds are the training rows'");
        assertTrue(cv.get("roc_auc_mean").asDouble() > 0.5 && cv.get("roc_auc_mean").asDouble() <= 1, cv::toString);
        assertTrue(cv.get("roc_auc_std").asDouble() >= 0, cv::toString);
        assertTrue(result.out().contains("cv         3-fold ROC-AUC"), result::toString);
        assertTrue(!summary().has("search"));
    }

    @Test
    void withoutCvTheSummaryHasNoCv() throws IOException {
        Cli.Result result = run();

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode summary = summary();
        assertTrue(!summary.has("cv") && !summary.has("search"), summary::toString);
    }

    @Test
    void searchRecordsEveryCandidateAndShowsTheLeaderboard() throws IOException {
        Path space = Files.writeString(dir.resolve("space.json"), """
                {"logistic_regression": {
                   "epochs": {"type": "int", "low": 2, "high": 5},
                   "learning_rate": {"type": "log_real", "low": 0.05, "high": 1.0}}}
                """);

        Cli.Result result = run("--search", "4", "--search-space", space.toString());

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode search = summary().get("search");
        assertEquals(4, search.get("candidates").asInt(), search::toString);
        assertEquals(5, search.get("folds").asInt());
        assertTrue(search.get("chosen_candidate").asInt() >= 1, search::toString);
        String report = Files.readString(home().resolve(summary().get("report").asText()));
        assertTrue(report.contains("Hyperparameter search leaderboard"), "leaderboard in the report");
        assertEquals(4, report.split("<td class=\"num\">#", -1).length - 1, "one row per candidate");
        assertTrue(result.out().contains("search     4 candidates x 5 folds"), result::toString);
    }

    @Test
    void refusesASearchSpaceWithANonsenseRangeNamingAlgorithmAndParameterBeforeIngesting() throws IOException {
        Path space = Files.writeString(dir.resolve("space.json"),
                "{\"gradient_boosting\": {\"learning_rate\": {\"type\": \"log_real\", \"low\": -0.1, \"high\": 0.3}}}");

        Cli.Result result = run("--search", "4", "--search-space", space.toString());

        assertEquals(CliException.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("'gradient_boosting'") && result.err().contains("'learning_rate'")
                && result.err().contains("expected a number from"), result::toString);
        assertTrue(!Files.exists(home().resolve("raw")) || Cli.files(home().resolve("raw")).isEmpty(), "nothing ingested");
    }

    @Test
    void refusesAnEmptySearchSpaceAndAMissingFile() throws IOException {
        Path space = Files.writeString(dir.resolve("space.json"), "{}");

        Cli.Result empty = run("--search", "4", "--search-space", space.toString());
        Cli.Result missing = run("--search", "4", "--search-space", dir.resolve("nowhere.json").toString());

        assertEquals(CliException.USAGE, empty.exitCode(), empty::toString);
        assertTrue(empty.err().contains("is empty"), empty::toString);
        assertEquals(CliException.USAGE, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("nowhere.json") && missing.err().contains("does not exist"), missing::toString);
    }

    @Test
    void refusesOneFoldWithExitCode2() throws IOException {
        Cli.Result result = run("--cv", "1");

        assertEquals(CliException.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("'cv_folds'"), result::toString);
    }
}
