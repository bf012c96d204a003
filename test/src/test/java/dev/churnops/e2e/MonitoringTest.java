package dev.churnops.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring workflow end to end, through {@code churnops monitor} and the real state machines:
 * a model is trained on a customer table, then current tables (labels included) or captured scores
 * are monitored. A stable period raises nothing; a shift in one feature, or in one category's share,
 * raises drift on that feature only; wrong labels raise the performance alert; one incident seen on
 * two runs is one alert; a changed world starts retraining and the better challenger becomes
 * champion; bad captured data is reported, never a crash.
 */
class MonitoringTest {

    @TempDir
    Path dir;

    private Path home;
    /** Where the latest {@link #monitor} wrote. */
    private Path lastOut;

    /**
     * Customers whose churn depends on tenure, plan and app use ({@code world} 0) or mostly on spend
     * ({@code world} 1), with spend scaled by {@code spendFactor} and the basic plan's share set.
     */
    static String table(int rows, long seed, int firstId, double spendFactor, double basicShare, int world) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder b = new StringBuilder("id,tenure,spend,plan,app,churned\n");
        for (int i = 0; i < rows; i++) {
            int tenure = 1 + r.nextInt(60);
            double spend = (10 + r.nextDouble() * 90) * spendFactor;
            String plan = r.nextDouble() < basicShare ? "basic" : "premium";
            boolean app = r.nextDouble() < 0.4;
            double logit = world == 0
                    ? 1.0 - 0.06 * tenure + (plan.equals("basic") ? 0.8 : -0.4) - (app ? 0.7 : 0) + r.nextGaussian() * 0.5
                    : -4.0 + 0.07 * spend + r.nextGaussian() * 0.5;
            boolean churned = r.nextDouble() < 1 / (1 + Math.exp(-logit));
            b.append(String.format(Locale.ROOT, "c%05d,%d,%.2f,%s,%s,%s%n", firstId + i, tenure, spend, plan,
                    app ? "yes" : "no", churned ? "yes" : "no"));
        }
        return b.toString();
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @BeforeEach
    void trainAChampion() throws IOException {
        home = dir.resolve("home");
        Path data = write("customers.csv", table(3000, 1, 0, 1.0, 0.5, 0));
        Cli run = Cli.run("run", "--home", home.toString(), "--data", data.toString(), "--label", "churned",
                "--positive", "yes", "--id", "id", "--model", "churn", "--algorithms", "logistic_regression");
        assertEquals(0, run.exitCode(), run::toString);
    }

    private JsonNode monitor(Path current, String... more) throws IOException {
        Path out = dir.resolve("out-" + System.nanoTime());
        lastOut = out;
        List<String> args = new ArrayList<>(List.of("monitor", "--home", home.toString(), "--current", current.toString(),
                "--out", out.toString()));
        args.addAll(List.of(more));
        Cli cli = Cli.run(args.toArray(String[]::new));
        assertEquals(0, cli.exitCode(), cli::toString);
        assertTrue(Files.isRegularFile(out.resolve("violations.json")), "violations.json is written whatever was found");
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        return Json.tree(Files.readAllBytes(out.resolve("monitoring-summary.json")), "monitoring-summary.json");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.path(field).asText()));
        return out;
    }

    @Test
    void aStablePeriodRaisesNothing() throws IOException {
        JsonNode summary = monitor(write("stable.csv", table(2000, 2, 10_000, 1.0, 0.5, 0)), "--no-retrain");

        assertEquals(List.of(), texts(summary.get("drifted_features"), null));
        assertEquals(0, summary.get("alerts").size(), summary.get("findings")::toString);
        assertFalse(summary.get("retraining_started").asBoolean());
        assertEquals("HEALTHY", summary.at("/checks/performance/status").asText());
    }

    @Test
    void aShiftInOneNumericFeatureDriftsThatFeatureOnly() throws IOException {
        JsonNode summary = monitor(write("spend.csv", table(2000, 3, 10_000, 1.3, 0.5, 0)), "--no-retrain");

        assertEquals(List.of("spend"), texts(summary.get("drifted_features"), null));
        assertTrue(texts(summary.get("alerts"), "kind").contains("data_drift"), summary.get("alerts")::toString);
    }

    @Test
    void aMoveInOneCategorysShareDriftsThatFeatureOnly() throws IOException {
        JsonNode summary = monitor(write("plan.csv", table(2000, 4, 10_000, 1.0, 0.65, 0)), "--no-retrain");

        assertEquals(List.of("plan"), texts(summary.get("drifted_features"), null));
    }

    @Test
    void wrongLabelsRaiseThePerformanceAlert() throws IOException {
        Path current = write("current.csv", table(2000, 5, 10_000, 1.0, 0.5, 0));
        StringBuilder labels = new StringBuilder("customer_id,churned\n");
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 2000; i++) {
            labels.append(String.format(Locale.ROOT, "c%05d,%s%n", 10_000 + i, r.nextDouble() < 0.1 ? "yes" : "no"));
        }
        // Labels for customers this window never scored are reported, not a failure.
        labels.append("c99999,yes\n");
        String withoutLabels = Files.readString(current).replaceAll(",(yes|no)\\n", "\n").replace(",churned\n", "\n");
        JsonNode summary = monitor(write("unlabelled.csv", withoutLabels), "--labels",
                write("labels.csv", labels.toString()).toString(), "--no-retrain");

        assertEquals("DEGRADED", summary.at("/checks/performance/status").asText(), summary.at("/checks/performance")::toString);
        assertTrue(texts(summary.get("alerts"), "kind").contains("performance"), summary.get("alerts")::toString);
        assertEquals(1, summary.at("/checks/performance/labels_for_unscored").asInt());
        JsonNode window = summary.at("/checks/performance/windows/0");
        assertTrue(window.get("f1").asDouble() < 0.8 * summary.at("/checks/performance/training_f1").asDouble(), window::toString);
        String report = Files.readString(lastOut.resolve("report.html"));
        assertTrue(report.contains("Performance over time") && report.contains(window.get("start").asText()), report);
    }

    @Test
    void oneIncidentSeenOnTwoRunsIsOneAlert() throws IOException {
        JsonNode first = monitor(write("spend-1.csv", table(2000, 6, 10_000, 1.3, 0.5, 0)), "--no-retrain");
        JsonNode second = monitor(write("spend-2.csv", table(2000, 7, 20_000, 1.3, 0.5, 0)), "--no-retrain");

        assertTrue(texts(first.get("alerts"), "kind").contains("data_drift"));
        assertEquals(List.of("spend"), texts(second.get("drifted_features"), null));
        assertFalse(texts(second.get("alerts"), "kind").contains("data_drift"), second.get("alerts")::toString);
        assertTrue(second.get("suppressed").toString().contains("drifted"), second.get("suppressed")::toString);
    }

    @Test
    void aChangedWorldStartsRetrainingAndTheBetterChallengerBecomesChampion() throws IOException {
        // Named to sort after customers.csv: of two tables validated on one day, the later key is the newest.
        Path changed = write("update.csv", table(3000, 8, 30_000, 1.0, 0.5, 1));
        // The new table arrives as data does: ingested (and scored) by the batch-scoring path.
        Cli ingest = Cli.run("score-batch", "--home", home.toString(), "--data", changed.toString(), "--source", "customers",
                "--model", "churn");
        assertEquals(0, ingest.exitCode(), ingest::toString);

        JsonNode summary = monitor(changed);

        assertTrue(summary.get("retraining_started").asBoolean(), summary.get("retraining")::toString);
        assertTrue(texts(summary.at("/retraining/triggers"), null).contains("performance"), summary.get("retraining")::toString);
        Cli registry = Cli.run("registry", "list", "--home", home.toString(), "--model", "churn");
        assertEquals(0, registry.exitCode(), registry::toString);
        assertTrue(registry.out().lines().anyMatch(l -> l.matches("churn v2\\s+Approved\\s+champion .*")), registry::toString);
        assertTrue(registry.out().lines().anyMatch(l -> l.matches("churn v1\\s+Approved\\s+approved.*")), registry::toString);
        // The gate compared both on the new world's holdout, and the challenger was better there.
        java.util.regex.Matcher gate = java.util.regex.Pattern.compile("candidate test ROC-AUC ([0-9.]+) vs champion v1 ([0-9.]+)")
                .matcher(registry.out());
        assertTrue(gate.find(), registry::toString);
        assertTrue(Double.parseDouble(gate.group(1)) > Double.parseDouble(gate.group(2)) + 0.05, registry::toString);
    }

    @Test
    void badCapturedDataIsReportedNeverACrash() throws IOException {
        Path capture = dir.resolve("capture");
        String ts = "2026-12-01T10:00:00Z";
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            // spend is missing, coupon is extra, and a fifth of the plans are unknown.
            lines.append("{\"ts\":\"").append(ts).append("\",\"model\":\"churn\",\"version\":1,\"customerId\":\"k").append(i)
                    .append("\",\"probability\":0.3,\"segment\":\"low\",\"features\":{\"tenure\":").append(1 + i % 60)
                    .append(",\"plan\":\"").append(i % 5 == 0 ? "gold" : i % 2 == 0 ? "basic" : "premium")
                    .append("\",\"app\":\"no\",\"coupon\":1}}\n");
        }
        lines.append("{broken\n");
        write("capture/dt=2026-12-01/part-1.jsonl", lines.toString());

        JsonNode summary = monitor(capture, "--date", "2026-12-01", "--no-retrain");

        String violations = Files.readString(Path.of(summary.get("violations_key").asText()).isAbsolute()
                ? Path.of(summary.get("violations_key").asText()) : home.resolve(summary.get("violations_key").asText()));
        assertTrue(violations.contains("missing_column_check") && violations.contains("\"spend\""), violations);
        assertTrue(violations.contains("extra_column_check") && violations.contains("\"coupon\""), violations);
        assertTrue(violations.contains("categorical_values_check") && violations.contains("'gold'"), violations);
        assertEquals(1, summary.at("/window/rejected").asInt());
    }

    @Test
    void anEmptyWindowIsAnIncidentNotACrash() throws IOException {
        Path capture = dir.resolve("empty-capture");
        write("empty-capture/dt=2026-12-01/part-1.jsonl", "{\"ts\":\"2026-12-01T10:00:00Z\",\"model\":\"churn\",\"version\":7,"
                + "\"customerId\":\"k1\",\"probability\":0.3,\"segment\":\"low\",\"features\":{\"tenure\":3}}\n");

        JsonNode summary = monitor(capture, "--date", "2026-12-01", "--no-retrain");

        assertEquals(0, summary.at("/window/rows").asInt());
        assertEquals(1, summary.at("/window/otherVersions").asInt());
        assertTrue(texts(summary.get("alerts"), "sub_kind").contains("empty_window"), summary.get("alerts")::toString);
    }
}
