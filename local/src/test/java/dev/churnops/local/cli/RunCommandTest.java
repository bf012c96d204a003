package dev.churnops.local.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import dev.churnops.core.pipeline.ModelArtifact;
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

/** {@code churnops run} on small generated tables: the happy path and rows that go to quarantine. */
class RunCommandTest {

    @TempDir
    Path dir;

    private Path home() {
        return dir.resolve("home");
    }

    private Path write(String csv) throws IOException {
        return Files.writeString(dir.resolve("customers.csv"), csv, StandardCharsets.UTF_8);
    }

    private Cli.Result run(Path data, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--home", home().toString(), "--data", data.toString(),
                "--label", "churned", "--positive", "yes", "--id", "customer_id"));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void trainsRegistersAndReportsOnASmallTable() throws IOException {
        Path data = write(TestFixtures.customers(300, 3));

        Cli.Result result = run(data, "--algorithms", "logistic_regression");

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode summary = Json.tree(Files.readAllBytes(home().resolve("summary.json")), "summary.json");
        assertTrue(fields(summary).containsAll(Set.of("execution", "rows", "model", "test", "train_seconds", "business",
                "report")), () -> fields(summary).toString());
        assertEquals(300, summary.at("/rows/input").asInt());
        assertEquals(300, summary.at("/rows/valid").asInt());
        assertEquals(0, summary.at("/rows/quarantined").asInt());
        assertTrue(fields(summary.get("model")).containsAll(Set.of("version", "algorithm", "status", "sha256")));
        assertEquals(1, summary.at("/model/version").asInt());
        assertEquals("logistic_regression", summary.at("/model/algorithm").asText());
        assertEquals("Approved", summary.at("/model/status").asText());
        assertTrue(summary.at("/model/sha256").asText().matches("[0-9a-f]{64}"), summary::toString);
        assertEquals(Set.of("roc_auc", "pr_auc", "f1", "precision", "recall", "weighted_f1", "threshold"),
                fields(summary.get("test")));
        for (String metric : fields(summary.get("test"))) {
            double value = summary.get("test").get(metric).asDouble();
            assertTrue(value >= 0 && value <= 1, metric + " = " + value);
        }
        assertTrue(summary.at("/test/roc_auc").asDouble() > 0.5, summary::toString);
        assertTrue(summary.get("train_seconds").asDouble() > 0);
        assertTrue(summary.get("business").has("net_value"));
        Path report = home().resolve(summary.get("report").asText());
        assertTrue(Files.isRegularFile(report), report::toString);
        assertTrue(Files.readString(report).contains("<html"));
        assertTrue(result.out().contains("churn v1 logistic_regression, Approved, champion"), result::toString);
        assertArrayEquals(Files.readAllBytes(data), Files.readAllBytes(Cli.files(home().resolve("raw")).get(0)));
    }

    @Test
    void choosesOnOutOfFoldPredictionsByDefaultAndOnValidationRowsWithAValidationShare() throws IOException {
        Path data = write(TestFixtures.customers(300, 3));

        assertEquals(0, run(data, "--algorithms", "logistic_regression").exitCode());
        JsonNode twoWay = Json.tree(Files.readAllBytes(home().resolve("summary.json")), "summary.json");
        assertEquals(0, run(data, "--algorithms", "logistic_regression", "--validation-share", "0.2").exitCode());
        JsonNode threeWay = Json.tree(Files.readAllBytes(home().resolve("summary.json")), "summary.json");

        JsonNode twoWaySet = runRecord(twoWay);
        JsonNode threeWaySet = runRecord(threeWay);
        assertEquals(0, twoWaySet.at("/data/rows/validation").asInt());
        assertEquals(240, twoWaySet.at("/data/rows/train").asInt());
        assertEquals(60, twoWaySet.at("/data/rows/test").asInt(), "ceil(0.2 x 300) test rows either way");
        assertEquals(60, threeWaySet.at("/data/rows/test").asInt());
        assertEquals(60, threeWaySet.at("/data/rows/validation").asInt(), "ceil(0.25 x 240) validation rows");
        assertTrue(twoWaySet.at("/candidates/0").has("out_of_fold_roc_auc"), twoWaySet::toString);
        assertTrue(threeWaySet.at("/candidates/0").has("validation_roc_auc"), threeWaySet::toString);
        assertTrue(artifact(1).outOfFold().isPresent(), "out-of-fold predictions travel with the model");
        assertTrue(artifact(2).outOfFold().isEmpty(), "a model chosen on validation rows has none");
    }

    private JsonNode runRecord(JsonNode summary) throws IOException {
        Path run = home().resolve(summary.get("run").asText());
        return Json.tree(Files.readAllBytes(run), run.toString());
    }

    private ModelArtifact artifact(int version) throws IOException {
        Path file = Cli.files(home().resolve("models")).stream()
                .filter(p -> p.getFileName().toString().equals("model.tar.gz") && p.getParent().getFileName().toString()
                        .equals(Integer.toString(version))).findFirst().orElseThrow();
        return ModelArtifact.read(Files.readAllBytes(file), file.toString());
    }

    @Test
    void quarantinesARaggedRowKeepingItsOriginalLineAndCarriesOn() throws IOException {
        String ragged = "C90001,basic,5";
        Path data = write(TestFixtures.customers(300, 4) + ragged + "\n");

        Cli.Result result = run(data, "--algorithms", "logistic_regression");

        assertEquals(0, result.exitCode(), result::toString);
        assertQuarantined(ragged, "expected 6 fields, found 3");
    }

    @Test
    void quarantinesTextInANumericColumnAndCarriesOn() throws IOException {
        String text = "C90002,plus,twelve,20.00,1,no";
        Path data = write(TestFixtures.customers(300, 5) + text + "\n");

        Cli.Result result = run(data, "--algorithms", "logistic_regression");

        assertEquals(0, result.exitCode(), result::toString);
        assertQuarantined(text, "tenure_months");
    }

    @Test
    void quarantinesADuplicateIdAndCarriesOn() throws IOException {
        String duplicate = "C00007,premium,40,80.00,0,no";
        Path data = write(TestFixtures.customers(300, 6) + duplicate + "\n");

        Cli.Result result = run(data, "--algorithms", "logistic_regression");

        assertEquals(0, result.exitCode(), result::toString);
        assertQuarantined(duplicate, "duplicate id 'C00007'");
    }

    /** One row quarantined: the rejected file holds {@code line} as it was, the reasons file says why. */
    private void assertQuarantined(String line, String reason) throws IOException {
        JsonNode summary = Json.tree(Files.readAllBytes(home().resolve("summary.json")), "summary.json");
        assertEquals(301, summary.at("/rows/input").asInt());
        assertEquals(300, summary.at("/rows/valid").asInt());
        assertEquals(1, summary.at("/rows/quarantined").asInt());
        List<Path> quarantine = Cli.files(home().resolve("quarantine"));
        Path rejected = quarantine.stream().filter(p -> p.toString().endsWith(".rejected.csv")).findFirst().orElseThrow();
        Path reasons = quarantine.stream().filter(p -> p.toString().endsWith(".reasons.csv")).findFirst().orElseThrow();
        assertEquals(List.of(TestFixtures.HEADER, line), Files.readAllLines(rejected));
        assertTrue(Files.readString(reasons).contains(reason), () -> "reasons: " + reasons);
    }
}
