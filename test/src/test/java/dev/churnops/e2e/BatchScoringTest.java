package dev.churnops.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.archive.TarGz;
import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvRecord;
import dev.churnops.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code churnops run} then {@code churnops score-batch}, through the real batch-scoring state
 * machine: every validated customer is scored exactly once across the partitions (or rejected with
 * reasons), segments follow the model card's cut-offs, the high-risk list is sorted, the alert
 * carries ids and scores only, and the Map state ran its iterations at most four at a time.
 */
class BatchScoringTest {

    @TempDir
    Path home;

    private Cli cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args[0], "--home", home.toString()));
        all.addAll(List.of(args).subList(1, args.length));
        Cli result = Cli.run(all.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result::toString);
        return result;
    }

    private JsonNode json(Path file) throws IOException {
        return Json.tree(Files.readAllBytes(file), file.toString());
    }

    private List<CsvRecord> csv(String key) throws IOException {
        return CsvReader.read(Files.readAllBytes(home.resolve(key)), key).records();
    }

    /** The directory of the single execution of {@code machine}. */
    private Path execution(String machine) throws IOException {
        try (Stream<Path> dirs = Files.list(home.resolve("executions"))) {
            List<Path> found = dirs.filter(d -> d.getFileName().toString().startsWith(machine + "-")).toList();
            assertEquals(1, found.size(), found::toString);
            return found.get(0);
        }
    }

    @Test
    void scoresEveryValidatedCustomerOnceAndPublishesOnlyIdsAndScores() throws IOException {
        cli("run", "--table", "--algorithms", "logistic_regression");
        int valid = json(home.resolve("summary.json")).at("/rows/valid").asInt();

        cli("score-batch", "--partition-rows", "700");

        JsonNode output = json(execution("batch-scoring").resolve("output.json"));
        JsonNode summary = json(home.resolve(output.at("/summary/summaryKey").asText()));
        int partitions = summary.path("partitions").size();
        assertTrue(partitions >= 3, () -> partitions + " partitions");
        assertEquals(valid, summary.at("/rows/in").asInt());
        assertEquals(valid, summary.at("/rows/scored").asInt() + summary.at("/rows/rejected").asInt());

        // The union of the part files: each validated customer exactly once.
        Map<String, Double> probability = new HashMap<>();
        Map<String, String> segment = new HashMap<>();
        for (JsonNode p : summary.path("partitions")) {
            for (CsvRecord r : csv(p.path("scores_key").asText())) {
                String id = r.fields().get(0);
                assertTrue(probability.put(id, Double.parseDouble(r.fields().get(1))) == null, "scored twice: " + id);
                segment.put(id, r.fields().get(2));
                assertEquals("1", r.fields().get(3));
            }
        }
        Set<String> validated = new HashSet<>();
        csv(output.at("/listing/validatedKey").asText()).forEach(r -> validated.add(r.fields().get(0)));
        assertEquals(validated.size() - summary.at("/rows/rejected").asInt(), probability.size());
        assertTrue(validated.containsAll(probability.keySet()));
        assertEquals(0, summary.at("/rows/rejected").asInt(), "the model's own table has nothing it cannot take");

        // Segments follow the model card's cut-offs.
        JsonNode card = Json.tree(TarGz.read(Files.readAllBytes(home.resolve("models/churn/1/model.tar.gz")), "v1")
                .get("model-card.json"), "card");
        double high = card.at("/risk_segments/high").asDouble();
        double medium = card.at("/risk_segments/medium").asDouble();
        probability.forEach((id, p) -> assertEquals(p >= high ? "high" : p >= medium ? "medium" : "low", segment.get(id), id));

        // high-risk.csv: exactly the customers at or above the high cut-off, probability descending then id.
        List<CsvRecord> highRisk = csv(summary.at("/high_risk/key").asText());
        Set<String> expectedHigh = new TreeSet<>();
        probability.forEach((id, p) -> {
            if (p >= high) {
                expectedHigh.add(id);
            }
        });
        assertEquals(expectedHigh, new TreeSet<>(highRisk.stream().map(r -> r.fields().get(0)).toList()));
        assertEquals(expectedHigh.size(), highRisk.size());
        for (int i = 1; i < highRisk.size(); i++) {
            double before = Double.parseDouble(highRisk.get(i - 1).fields().get(1));
            double now = Double.parseDouble(highRisk.get(i).fields().get(1));
            String beforeId = highRisk.get(i - 1).fields().get(0);
            assertTrue(before > now || (before == now && beforeId.compareTo(highRisk.get(i).fields().get(0)) < 0),
                    "high-risk.csv out of order at row " + i);
        }

        // The alert: counts, keys and at most 50 ids with scores and segments; no feature, no label.
        JsonNode message = null;
        for (String line : Files.readAllLines(home.resolve("outbox/notifications.jsonl"))) {
            JsonNode n = Json.tree(line.getBytes(java.nio.charset.StandardCharsets.UTF_8), "notification");
            if (n.path("subject").asText().contains("high-risk customers")) {
                message = n.path("message");
            }
        }
        assertTrue(message != null, "no high-risk notification in the outbox");
        Set<String> fields = new TreeSet<>();
        message.fieldNames().forEachRemaining(fields::add);
        assertEquals(new TreeSet<>(List.of("severity", "execution", "date", "model", "modelVersion", "dataFingerprint",
                "rowsIn", "scored", "rejected", "segments", "highRiskCount", "highRiskKey", "summaryKey", "top", "playbook")), fields);
        assertEquals(expectedHigh.size(), message.path("highRiskCount").asInt());
        JsonNode top = message.path("top");
        assertEquals(Math.min(50, highRisk.size()), top.size());
        for (int i = 0; i < top.size(); i++) {
            Set<String> keys = new TreeSet<>();
            top.get(i).fieldNames().forEachRemaining(keys::add);
            assertEquals(Set.of("customerId", "probability", "segment"), keys);
            assertEquals(highRisk.get(i).fields().get(0), top.get(i).path("customerId").asText());
        }
        String text = message.toString();
        for (String column : List.of("tenure_months", "monthly_spend", "orders_90d", "days_since_last_order", "plan",
                "support_tickets_90d", "email_opt_in", "app_user", "payment_method", "signup_channel", "churned")) {
            assertTrue(!text.contains("\"" + column + "\""), "the alert names feature column " + column);
        }

        // The Map state: one iteration per partition, never more than MaxConcurrency (4) at once.
        JsonNode definition = json(SharedData.repoRoot().resolve("statemachines/batch-scoring.asl.json"));
        assertEquals(4, definition.at("/States/ScorePartitions/MaxConcurrency").asInt());
        int started = 0;
        int inFlight = 0;
        int maxInFlight = 0;
        for (JsonNode event : json(execution("batch-scoring").resolve("history.json")).path("events")) {
            switch (event.path("type").asText()) {
                case "MapIterationStarted" -> {
                    started++;
                    maxInFlight = Math.max(maxInFlight, ++inFlight);
                }
                case "MapIterationSucceeded", "MapIterationFailed" -> inFlight--;
                default -> {
                }
            }
        }
        assertEquals(partitions, started);
        assertTrue(maxInFlight >= 1 && maxInFlight <= 4, "iterations in flight at once: " + maxInFlight);
    }

    @Test
    void telcoBatchScoringConservesAllRows() throws IOException {
        Path telco = SharedData.require(SharedData.TELCO);
        cli("run", "--data", telco.toString(), "--label", "Churn", "--positive", "Yes", "--id", "customerID",
                "--algorithms", "logistic_regression");

        cli("score-batch", "--source", "telco-customer-churn", "--partition-rows", "2000");

        JsonNode output = json(execution("batch-scoring").resolve("output.json"));
        JsonNode summary = json(home.resolve(output.at("/summary/summaryKey").asText()));
        assertEquals("churn-telco-customer-churn", summary.at("/model/name").asText());
        assertEquals(7043, summary.at("/rows/in").asInt());
        assertEquals(7043, summary.at("/rows/scored").asInt() + summary.at("/rows/rejected").asInt());
        assertEquals(4, summary.path("partitions").size());
        Set<String> ids = new HashSet<>();
        for (JsonNode p : summary.path("partitions")) {
            for (CsvRecord r : csv(p.path("scores_key").asText())) {
                assertTrue(ids.add(r.fields().get(0)), "scored twice: " + r.fields().get(0));
            }
        }
        assertEquals(summary.at("/rows/scored").asInt(), ids.size());
    }
}
