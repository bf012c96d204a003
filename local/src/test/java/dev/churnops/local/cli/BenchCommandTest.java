package dev.churnops.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.archive.TarGz;
import dev.churnops.core.json.Json;
import dev.churnops.local.runtime.TestFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code churnops bench score | train} with tiny round counts: the JSON carries the contract's keys
 * with sane values, the model can be named as a file or a registry reference, and every kind of
 * bad input exits with 2 and says what is wrong.
 */
class BenchCommandTest {

    /** Short enough that a test takes a second or two, long enough that every path runs. */
    private static final String[] QUICK = {"--rounds", "2", "--warmup-seconds", "0.2", "--round-seconds", "0.05"};

    @TempDir
    static Path dir;

    private static Path data;
    private static Path artifact;

    private static String home() {
        return dir.resolve("home").toString();
    }

    @BeforeAll
    static void registeredModel() throws IOException {
        data = Files.writeString(dir.resolve("customers.csv"), TestFixtures.customers(300, 3), StandardCharsets.UTF_8);
        Cli.Result run = Cli.run("run", "--home", home(), "--data", data.toString(), "--label", "churned", "--positive", "yes",
                "--id", "customer_id", "--algorithms", "logistic_regression");
        assertEquals(0, run.exitCode(), run::toString);
        artifact = dir.resolve("home/models/churn/1/model.tar.gz");
        assertTrue(Files.isRegularFile(artifact), run::toString);
    }

    private static Cli.Result benchScore(String model, String... more) {
        List<String> args = new ArrayList<>(List.of("bench", "score", "--home", home(), "--model", model));
        args.addAll(List.of(QUICK));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private static JsonNode json(Cli.Result result) {
        assertEquals(0, result.exitCode(), result::toString);
        return Json.tree(result.out().getBytes(StandardCharsets.UTF_8), "bench output");
    }

    @Test
    void scoreJsonHasTheContractKeysWithSaneFiguresForTheChampion() throws IOException {
        JsonNode figures = json(benchScore("churn", "--json"));

        List<String> keys = new ArrayList<>();
        figures.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("single_row_p50_us", "single_row_p99_us", "batch_rows_per_s", "model_load_ms", "artifact_bytes"),
                keys.subList(0, 5), figures::toString);
        double p50 = figures.get("single_row_p50_us").asDouble();
        double p99 = figures.get("single_row_p99_us").asDouble();
        assertTrue(figures.get("single_row_p50_us").isNumber() && p50 > 0 && p50 <= p99 && p99 < 100_000, figures::toString);
        assertTrue(figures.get("with_reasons_p50_us").asDouble() <= figures.get("with_reasons_p99_us").asDouble(),
                figures::toString);
        assertTrue(figures.get("batch_rows_per_s").isIntegralNumber() && figures.get("batch_rows_per_s").asLong() > 0,
                figures::toString);
        assertTrue(figures.get("model_load_ms").asDouble() > 0, figures::toString);
        assertTrue(figures.get("model_loads").asInt() >= 2, figures::toString);
        assertEquals(Files.size(artifact), figures.get("artifact_bytes").asLong(), figures::toString);
        assertTrue(figures.get("single_row_calls").asLong() > 0, figures::toString);
        assertEquals(2, figures.get("rounds").asInt(), figures::toString);
        assertEquals("churn v1", figures.get("model").asText());
        // The home holds the model's source table, so its validated rows are what gets scored.
        assertTrue(figures.get("rows_source").asText().startsWith("validated/customers/dt="), figures::toString);
        assertEquals(300, figures.get("rows").asInt() + figures.get("rows_skipped").asInt(), figures::toString);
    }

    @Test
    void scoreTakesAFileOrAVersionOrAnAliasAndGeneratesRowsWhenTheHomeHasNoTable() throws IOException {
        Path emptyHome = Files.createDirectories(dir.resolve("empty-home"));
        Cli.Result byFile = Cli.run("bench", "score", "--home", emptyHome.toString(), "--model", artifact.toString(), "--json",
                QUICK[0], QUICK[1], QUICK[2], QUICK[3], QUICK[4], QUICK[5]);
        JsonNode figures = json(byFile);
        assertEquals(Files.size(artifact), figures.get("artifact_bytes").asLong());
        assertTrue(figures.get("rows_source").asText().startsWith("generated from the input signature of churn v1"),
                figures::toString);
        assertTrue(figures.get("rows").asInt() > 4000, figures::toString);

        assertEquals("churn v1", json(benchScore("churn:1", "--json")).get("model").asText());
        assertEquals("churn v1", json(benchScore("churn@champion", "--json")).get("model").asText());
    }

    @Test
    void scoreWithoutJsonPrintsAShortTable() {
        Cli.Result result = benchScore("churn");

        assertEquals(0, result.exitCode(), result::toString);
        List<String> lines = result.out().lines().toList();
        assertEquals(7, lines.size(), result::toString);
        assertTrue(lines.get(0).startsWith("model        churn v1 logistic_regression, "), result::toString);
        assertTrue(lines.get(2).matches("single row   p50 \\d+\\.\\d{3} us  p99 \\d+\\.\\d{3} us .*"), result::toString);
        assertTrue(lines.get(4).matches("batch        [\\d,]+ rows/s .*"), result::toString);
        assertTrue(lines.get(5).matches("model load   \\d+\\.\\d{3} ms .*"), result::toString);
    }

    private static void assertUsageError(Cli.Result result, String... fragments) {
        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("", result.out(), result::toString);
        for (String fragment : fragments) {
            assertTrue(result.err().contains(fragment), () -> "expected '" + fragment + "' in\n" + result);
        }
    }

    @Test
    void aMissingModelFileIsAUsageError() {
        String missing = dir.resolve("nowhere/model.tar.gz").toString();
        assertUsageError(benchScore(missing), "model file '" + missing + "' does not exist");
    }

    @Test
    void aDirectoryIsNotAModelFile() {
        assertUsageError(benchScore(dir.toString()), "is not a regular file");
    }

    @Test
    void aTruncatedArchiveIsAUsageError() throws IOException {
        byte[] bytes = Files.readAllBytes(artifact);
        Path truncated = Files.write(dir.resolve("truncated.tar.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertUsageError(benchScore(truncated.toString()), "cannot load the model: ", "truncated");
    }

    @Test
    void aFileThatIsNotGzipIsAUsageError() throws IOException {
        Path text = Files.writeString(dir.resolve("model-text.tar.gz"), "not an archive at all\n");
        assertUsageError(benchScore(text.toString()), "cannot load the model: ", "is not a gzip-compressed tar archive");
    }

    @Test
    void aGzipThatIsNotATarIsAUsageError() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("customer_id,churned\n".repeat(100).getBytes(StandardCharsets.UTF_8));
        }
        Path notTar = Files.write(dir.resolve("not-tar.tar.gz"), bytes.toByteArray());
        assertUsageError(benchScore(notTar.toString()), "cannot load the model: ", "not-tar.tar.gz");
    }

    @Test
    void anArchiveWithoutModelJsonIsAUsageError() throws IOException {
        Map<String, byte[]> files = new TreeMap<>(TarGz.read(Files.readAllBytes(artifact), "artifact"));
        files.remove("model.json");
        Path lacking = Files.write(dir.resolve("lacking.tar.gz"), TarGz.write(new TreeMap<>(files)));
        assertUsageError(benchScore(lacking.toString()), "cannot load the model: ", "lacks model.json");
    }

    @Test
    void anInvalidModelJsonIsAUsageError() throws IOException {
        Map<String, byte[]> files = new TreeMap<>(TarGz.read(Files.readAllBytes(artifact), "artifact"));
        files.put("model.json", "{\"format\": 1, \"algorithm\": ".getBytes(StandardCharsets.UTF_8));
        Path invalid = Files.write(dir.resolve("invalid.tar.gz"), TarGz.write(new TreeMap<>(files)));
        assertUsageError(benchScore(invalid.toString()), "cannot load the model: ", "model.json");
    }

    @Test
    void anUnknownModelNameIsAUsageErrorListingTheModels() {
        assertUsageError(benchScore("churn-nope"), "has no model 'churn-nope'", "its models: churn");
    }

    @Test
    void anUnknownVersionIsAUsageErrorListingTheVersions() {
        assertUsageError(benchScore("churn:9"), "model 'churn' has no version 9; its versions: 1");
    }

    @Test
    void anUnknownAliasIsAUsageError() {
        assertUsageError(benchScore("churn@staging"), "model 'churn' has no alias 'staging'");
    }

    @Test
    void aReferenceInAnEmptyHomeSaysTheHomeHasNoModels() throws IOException {
        Path emptyHome = Files.createDirectories(dir.resolve("no-models"));
        assertUsageError(Cli.run("bench", "score", "--home", emptyHome.toString(), "--model", "churn"),
                "has no model 'churn' (it has no models; train one with churnops run)");
    }

    @Test
    void badRoundsAreAUsageError() {
        assertUsageError(Cli.run("bench", "score", "--home", home(), "--model", "churn", "--rounds", "0"),
                "--rounds 0: expected a whole number from 1 to 1000");
    }

    @Test
    void benchWithoutWhatToMeasureIsAUsageError() {
        assertUsageError(Cli.run("bench"), "bench needs what to measure");
    }

    private static Cli.Result benchTrain(String... args) {
        List<String> all = new ArrayList<>(List.of("bench", "train"));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void trainJsonHasTheContractKeysForTheGivenAlgorithm() {
        JsonNode figures = json(benchTrain("--data", data.toString(), "--label", "churned", "--positive", "yes", "--id",
                "customer_id", "--algorithm", "logistic_regression", "--repeats", "2", "--warmup", "0", "--json"));

        List<String> keys = new ArrayList<>();
        figures.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("algorithm", "train_seconds_median", "roc_auc"), keys.subList(0, 3), figures::toString);
        assertEquals("logistic_regression", figures.get("algorithm").asText());
        assertTrue(figures.get("train_seconds_median").asDouble() > 0, figures::toString);
        assertTrue(figures.get("roc_auc").asDouble() > 0.6 && figures.get("roc_auc").asDouble() <= 1, figures::toString);
        assertEquals(2, figures.get("repeats").asInt());
        assertEquals(2, figures.get("train_seconds").size());
        assertTrue(figures.get("identical_models").asBoolean(), figures::toString);
        // The pipeline's 60/20/20 stratified split of 300 clean rows.
        assertEquals(300, figures.get("rows_in").asInt());
        JsonNode rows = figures.get("rows");
        assertEquals(300, rows.get("train").asInt() + rows.get("validation").asInt() + rows.get("test").asInt());
        assertEquals(60, rows.get("test").asInt(), figures::toString);
    }

    @Test
    void trainWithoutDataUsesTheBuiltInTableAndPrintsATable() {
        Cli.Result result = benchTrain("--hyperparameter", "algorithms=logistic_regression", "--repeats", "1", "--warmup", "0");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("algorithm    logistic_regression (kept of logistic_regression)"), result::toString);
        assertTrue(result.out().contains("rows         3,003 in, 3 quarantined; train "), result::toString);
        assertTrue(result.out().contains("the built-in synthetic table, seed 42"), result::toString);
    }

    @Test
    void trainWithAMissingDataFileIsAUsageError() {
        String missing = dir.resolve("nope.csv").toString();
        assertUsageError(benchTrain("--data", missing, "--label", "churned", "--positive", "yes"),
                "data file '" + missing + "' does not exist");
    }

    @Test
    void trainWithBadRepeatsIsAUsageError() {
        assertUsageError(benchTrain("--repeats", "0"), "--repeats 0: expected a whole number from 1 to 1000");
        assertUsageError(benchTrain("--repeats", "many"), "--repeats", "many");
    }

    @Test
    void trainWithAnUnknownAlgorithmIsAUsageError() {
        assertUsageError(benchTrain("--algorithm", "deep_learning"), "'deep_learning'", "gradient_boosting");
    }

    @Test
    void trainOnATableWithoutItsLabelIsAUsageError() {
        assertUsageError(benchTrain("--data", data.toString(), "--label", "cancelled", "--positive", "yes"),
                "data file '" + data + "' is unusable: ", "cancelled");
    }

    @Test
    void trainWithLabelButNoDataIsAUsageError() {
        assertUsageError(benchTrain("--label", "churned"), "give --data too");
    }
}
