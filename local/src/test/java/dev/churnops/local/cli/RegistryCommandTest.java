package dev.churnops.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.local.runtime.TestFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code churnops registry}: list, approve and reject versions of the local registry. */
class RegistryCommandTest {

    @TempDir
    Path dir;

    private String home() {
        return dir.resolve("home").toString();
    }

    private void trainOnce() throws IOException {
        Path data = Files.writeString(dir.resolve("customers.csv"), TestFixtures.customers(300, 8));
        Cli.Result run = Cli.run("run", "--home", home(), "--data", data.toString(), "--label", "churned",
                "--positive", "yes", "--algorithms", "logistic_regression");
        assertEquals(0, run.exitCode(), run::toString);
    }

    @Test
    void listsTheFirstVersionAsApprovedChampionAfterARun() throws IOException {
        trainOnce();

        Cli.Result result = Cli.run("registry", "list", "--home", home());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(1, result.out().lines().count(), result::toString);
        String line = result.out().lines().findFirst().orElseThrow();
        assertTrue(line.startsWith("churn v1 "), line);
        assertTrue(line.contains("Approved") && line.contains("champion"), line);
    }

    @Test
    void refusesToRejectTheChampion() throws IOException {
        trainOnce();

        Cli.Result result = Cli.run("registry", "reject", "1", "--model", "churn", "--home", home());

        assertEquals(CliException.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("champion"), result::toString);
    }

    @Test
    void listsNothingForAnEmptyHome() {
        Cli.Result result = Cli.run("registry", "list", "--home", home());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.out());
    }

    @Test
    void refusesToApproveAVersionThatDoesNotExist() {
        Cli.Result result = Cli.run("registry", "approve", "99", "--home", home());

        assertEquals(CliException.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("no version 99"), result::toString);
    }
}
