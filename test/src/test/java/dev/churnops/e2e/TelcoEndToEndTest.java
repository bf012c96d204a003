package dev.churnops.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.archive.TarGz;
import dev.churnops.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both state machines, run by the local interpreter on the MVP data set, twice with the same seed:
 * rows conserved, the blank TotalCharges kept by the stated rule, quality above the bar, the report
 * and the registry in place, and the second run reproducing the first byte for byte.
 */
class TelcoEndToEndTest {

    @TempDir
    Path home;

    @Test
    void trainsRegistersAndReproducesOnTelco() throws IOException {
        Path telco = SharedData.require(SharedData.TELCO);
        String[] args = {"run", "--home", home.toString(), "--data", telco.toString(), "--label", "Churn",
                "--positive", "Yes", "--id", "customerID", "--seed", "42"};

        Cli first = Cli.run(args);
        assertEquals(0, first.exitCode(), first::toString);
        JsonNode s1 = Json.tree(Files.readAllBytes(home.resolve("summary.json")), "summary");

        assertEquals(7043, s1.at("/rows/input").asInt());
        assertEquals(7043, s1.at("/rows/valid").asInt() + s1.at("/rows/quarantined").asInt());
        assertEquals(0, s1.at("/rows/quarantined").asInt(), "a blank TotalCharges is a missing value, not a bad row");
        assertTrue(s1.at("/test/roc_auc").asDouble() >= 0.80, () -> "test ROC-AUC " + s1.at("/test/roc_auc"));
        assertEquals(1, s1.at("/model/version").asInt());
        assertEquals("Approved", s1.at("/model/status").asText());
        assertTrue(Files.isRegularFile(home.resolve(s1.at("/report").asText())));
        for (String key : new String[] {"pr_auc", "f1", "precision", "recall", "weighted_f1", "threshold"}) {
            assertTrue(s1.path("test").has(key), "summary.test lacks " + key);
        }

        // The stated rule for blank TotalCharges: missing, imputed with the training median, flagged.
        JsonNode report = Json.tree(Files.readAllBytes(single(home.resolve("reports"), "validation.json")), "validation report");
        assertEquals(11, report.at("/missing_by_column/TotalCharges").asInt(), report::toString);
        assertEquals("churn-telco-customer-churn", s1.at("/model/name").asText(), "a table of its own gets a model of its own");
        Path models = home.resolve("models").resolve(s1.at("/model/name").asText());
        Map<String, byte[]> v1 = TarGz.read(Files.readAllBytes(models.resolve("1/model.tar.gz")), "v1");
        JsonNode encoder = Json.tree(v1.get("model.json"), "model").at("/encoder/columns");
        JsonNode totalCharges = null;
        for (JsonNode c : encoder) {
            if (c.path("column").asText().equals("TotalCharges")) {
                totalCharges = c;
            }
        }
        assertTrue(totalCharges != null && totalCharges.path("missing_indicator").asBoolean(), String.valueOf(totalCharges));
        JsonNode card = Json.tree(v1.get("model-card.json"), "card");
        assertEquals(s1.at("/model/sha256").asText(), card.path("model_sha256").asText());
        assertEquals(1, card.path("version").asInt());
        assertEquals(64, card.path("data_fingerprint").asText().length());

        Cli second = Cli.run(args);
        assertEquals(0, second.exitCode(), second::toString);
        JsonNode s2 = Json.tree(Files.readAllBytes(home.resolve("summary.json")), "summary");

        assertEquals(s1.at("/model/sha256").asText(), s2.at("/model/sha256").asText());
        assertEquals(s1.path("test"), s2.path("test"), "same data and seed must give the same metrics");
        Map<String, byte[]> v2 = TarGz.read(Files.readAllBytes(models.resolve("2/model.tar.gz")), "v2");
        assertArrayEquals(v1.get("model.json"), v2.get("model.json"));
        assertArrayEquals(v1.get("baseline.json"), v2.get("baseline.json"));
        assertArrayEquals(trainingOutputs(home)[0], trainingOutputs(home)[1], "training job artifacts differ");

        // The rule: approve when the candidate's test ROC-AUC is at least the champion's. An equal
        // model therefore passes, and the decision records both (equal) numbers.
        JsonNode card2 = Json.tree(v2.get("model-card.json"), "card");
        assertEquals(2, s2.at("/model/version").asInt());
        assertEquals(1, card2.at("/promotion/champion_version").asInt());
        assertEquals(card2.at("/promotion/candidate_roc_auc").asDouble(), card2.at("/promotion/champion_roc_auc").asDouble());
        assertTrue(card2.at("/promotion/approved").asBoolean());
        assertEquals("Approved", s2.at("/model/status").asText());
    }

    private static byte[][] trainingOutputs(Path home) throws IOException {
        try (Stream<Path> files = Files.walk(home.resolve("training-jobs"))) {
            Path[] artifacts = files.filter(p -> p.getFileName().toString().equals("model.tar.gz")).sorted().toArray(Path[]::new);
            assertEquals(2, artifacts.length);
            return new byte[][] {Files.readAllBytes(artifacts[0]), Files.readAllBytes(artifacts[1])};
        }
    }

    private static Path single(Path dir, String name) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
        }
    }
}
