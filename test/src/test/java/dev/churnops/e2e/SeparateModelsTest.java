package dev.churnops.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two different tables in one home: each gets a model of its own, so the second never competes
 * with (or replaces) the first; forcing them under one model name fails with a clear message
 * instead of comparing models on data one of them has never seen.
 */
class SeparateModelsTest {

    @TempDir
    Path home;

    @Test
    void differentTablesTrainDifferentModelsAndCannotBeForcedTogether() throws IOException {
        Cli builtIn = Cli.run("run", "--table", "--home", home.toString(), "--algorithms", "logistic_regression");
        assertEquals(0, builtIn.exitCode(), builtIn::toString);

        Path table = home.resolve("shop.csv");
        Files.writeString(table, SmallTable.csv(400, 5));
        Cli own = Cli.run("run", "--home", home.toString(), "--data", table.toString(), "--label", "churned",
                "--positive", "yes", "--id", "id", "--algorithms", "logistic_regression");
        assertEquals(0, own.exitCode(), own::toString);
        JsonNode summary = Json.tree(Files.readAllBytes(home.resolve("summary.json")), "summary");
        assertEquals("churn-shop", summary.at("/model/name").asText());
        assertEquals(1, summary.at("/model/version").asInt());
        assertTrue(Files.isRegularFile(home.resolve("models/churn/1/model.tar.gz")), "the built-in table's model stays");

        Cli forced = Cli.run("run", "--home", home.toString(), "--data", table.toString(), "--label", "churned",
                "--positive", "yes", "--id", "id", "--model", "churn", "--algorithms", "logistic_regression");
        assertEquals(2, forced.exitCode(), forced::toString);
        assertTrue(forced.err().contains("trained on other data") && forced.err().contains("another model name"), forced::toString);
        assertTrue(Files.notExists(home.resolve("models/churn/2")), "nothing registered over the other table's champion");
    }
}
