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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code churnops invoke}: one handler on one event file. */
class InvokeCommandTest {

    @TempDir
    Path home;

    private static Path sample(String function) {
        return TestFixtures.repositoryRoot().resolve("events/stepfunctions/" + function + ".json");
    }

    @Test
    void runsAHandlerOnASampleEventAndPrintsItsResult() {
        Cli.Result result = Cli.run("invoke", "PublishDataQualityFunction", "--event",
                sample("PublishDataQualityFunction").toString(), "--home", home.toString());

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode printed = Json.tree(result.out().getBytes(StandardCharsets.UTF_8), "output");
        assertEquals(3.0 / 3003, printed.get("quarantineRate").asDouble(), 1e-12);
        assertTrue(Files.isRegularFile(home.resolve("metrics/metrics.jsonl")));
    }

    @Test
    void findsAHandlerByItsClassNameToo() {
        Cli.Result result = Cli.run("invoke", "PublishDataQualityHandler", "--event",
                sample("PublishDataQualityFunction").toString(), "--home", home.toString());

        assertEquals(0, result.exitCode(), result::toString);
    }

    @Test
    void refusesAMissingEventFile() {
        Cli.Result result = Cli.run("invoke", "ValidateDataFunction", "--event", home.resolve("nope.json").toString(),
                "--home", home.toString());

        assertEquals(CliException.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("nope.json") && result.err().contains("does not exist"), result::toString);
    }

    @Test
    void refusesAnUnknownHandlerListingTheKnownOnes() {
        Cli.Result result = Cli.run("invoke", "TrainEverythingFunction", "--event",
                sample("ValidateDataFunction").toString(), "--home", home.toString());

        assertEquals(CliException.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("'TrainEverythingFunction'"), result::toString);
        assertTrue(result.err().contains("ValidateDataFunction"), result::toString);
    }

    @Test
    void refusesAnEventThatDoesNotFitTheHandler() throws IOException {
        Path event = Files.writeString(home.resolve("event.json"), "{\"jobName\": \"j\", \"jobname\": \"j\"}");

        Cli.Result result = Cli.run("invoke", "DescribeTrainingFunction", "--event", event.toString(), "--home", home.toString());

        assertEquals(CliException.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("'jobname'"), result::toString);
    }

    @Test
    void refusesAnEventFileThatIsNotJson() throws IOException {
        Path event = Files.writeString(home.resolve("event.json"), "jobName: j");

        Cli.Result result = Cli.run("invoke", "DescribeTrainingFunction", "--event", event.toString(), "--home", home.toString());

        assertEquals(CliException.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("event.json"), result::toString);
    }
}
