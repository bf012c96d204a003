package dev.churnops.local.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.local.runtime.TestFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code churnops run} on input it cannot use: exit code 2 and a one-line message naming the
 * problem; where the file reached {@code raw/}, it is still there, byte for byte.
 */
class RunCommandBadInputTest {

    @TempDir
    Path dir;

    private Path home() {
        return dir.resolve("home");
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private Cli.Result run(Path data, String... options) {
        List<String> args = new ArrayList<>(List.of("run", "--home", home().toString(), "--data", data.toString()));
        args.addAll(List.of(options));
        return Cli.run(args.toArray(String[]::new));
    }

    private static void assertUsageError(Cli.Result result, String... words) {
        assertEquals(CliException.USAGE, result.exitCode(), result::toString);
        for (String word : words) {
            assertTrue(result.err().contains(word), () -> "the message does not mention '" + word + "'\n" + result);
        }
    }

    /** The run got as far as putting the file under raw/, and left it there unchanged. */
    private void assertRawUntouched(Path data) throws IOException {
        List<Path> raw = Cli.files(home().resolve("raw"));
        assertEquals(1, raw.size(), raw::toString);
        assertArrayEquals(Files.readAllBytes(data), Files.readAllBytes(raw.get(0)));
    }

    @Test
    void refusesAnUnknownObjectiveBeforeIngestingListingTheValidOnes() throws IOException {
        Path data = write("customers.csv", TestFixtures.utf8(TestFixtures.customers(20, 1)));

        Cli.Result result = run(data, "--label", "churned", "--positive", "yes", "--objective", "max-revenue");

        assertUsageError(result, "--objective", "'max-revenue'", "'max-f1', 'max-profit', 'precision>=T' or 'recall>=T'");
        assertEquals(List.of(), Cli.files(home().resolve("raw")), "nothing ingested");
    }

    @Test
    void refusesASeedOutsideNumpysRangeBeforeIngesting() throws IOException {
        Path data = write("customers.csv", TestFixtures.utf8(TestFixtures.customers(20, 1)));

        Cli.Result result = run(data, "--label", "churned", "--positive", "yes", "--seed", "-1");

        assertUsageError(result, "--seed -1", "0 to 4294967295");
        assertEquals(List.of(), Cli.files(home().resolve("raw")), "nothing ingested");
    }

    @Test
    void refusesAValidationShareThatLeavesNoRowsToTrainOn() throws IOException {
        Path data = write("customers.csv", TestFixtures.utf8(TestFixtures.customers(20, 1)));

        Cli.Result result = run(data, "--label", "churned", "--positive", "yes", "--validation-share", "0.8");

        assertUsageError(result, "--validation-share 0.8", "up to but excluding 0.8");
        assertUsageError(Cli.run("run", "--home", home().toString(), "--validation-share", "0.2"), "--validation-share",
                "customer table", "cutoff");
        assertEquals(List.of(), Cli.files(home().resolve("raw")), "nothing ingested");
    }

    @Test
    void refusesAMissingFile() {
        Cli.Result result = run(dir.resolve("nowhere.csv"), "--label", "churned", "--positive", "yes");

        assertUsageError(result, "nowhere.csv", "does not exist");
        assertEquals(List.of(), Cli.files(home().resolve("raw")));
    }

    @Test
    void refusesAnEmptyFile() throws IOException {
        Path data = write("customers.csv", new byte[0]);

        Cli.Result result = run(data, "--label", "churned", "--positive", "yes");

        assertUsageError(result, "customers.csv", "empty");
        assertRawUntouched(data);
    }

    @Test
    void refusesABinaryFile() throws IOException {
        byte[] content = TestFixtures.utf8(TestFixtures.customers(20, 1));
        content[60] = 0;
        content[61] = 0;
        Path data = write("customers.csv", content);

        Cli.Result result = run(data, "--label", "churned", "--positive", "yes");

        assertUsageError(result, "not a text file", "NUL");
        assertRawUntouched(data);
    }

    @Test
    void refusesATableWithoutTheLabelColumn() throws IOException {
        Path data = write("customers.csv", TestFixtures.utf8(TestFixtures.customers(300, 1)));

        Cli.Result result = run(data, "--label", "cancelled", "--positive", "yes");

        assertUsageError(result, "label column 'cancelled'", "not in the header");
        assertRawUntouched(data);
    }

    @Test
    void refusesALabelWithASingleClass() throws IOException {
        Path data = write("customers.csv", TestFixtures.utf8(TestFixtures.customers(300, 1).replace(",yes\n", ",no\n")));

        Cli.Result result = run(data, "--label", "churned", "--positive", "yes");

        assertUsageError(result, "single class");
        assertRawUntouched(data);
    }

    @Test
    void refusesAPositiveValueTheLabelNeverTakes() throws IOException {
        Path data = write("customers.csv", TestFixtures.utf8(TestFixtures.customers(300, 1)));

        Cli.Result result = run(data, "--label", "churned", "--positive", "Yes");

        assertUsageError(result, "positive label 'Yes'", "values seen: no, yes");
        assertRawUntouched(data);
    }

    @Test
    void refusesDataWithoutALabel() throws IOException {
        Path data = write("customers.csv", TestFixtures.utf8(TestFixtures.customers(30, 1)));

        Cli.Result result = run(data, "--positive", "yes");

        assertUsageError(result, "--label");
        assertEquals(List.of(), Cli.files(home().resolve("raw")));
    }

    @Test
    void refusesAnUnknownColumnType() throws IOException {
        Path data = write("customers.csv", TestFixtures.utf8(TestFixtures.customers(30, 1)));

        Cli.Result result = run(data, "--label", "churned", "--positive", "yes", "--type", "plan=weird");

        assertUsageError(result, "'weird'", "NUMERIC");
        assertEquals(List.of(), Cli.files(home().resolve("raw")));
    }

    @Test
    void failsABadHyperparameterNamingTheKey() throws IOException {
        Path data = write("customers.csv", TestFixtures.utf8(TestFixtures.customers(300, 1)));

        Cli.Result result = run(data, "--label", "churned", "--positive", "yes", "--hyperparameter", "random_forest.trees=0");

        assertNotEquals(0, result.exitCode(), result::toString);
        assertTrue(result.err().contains("random_forest.trees"), result::toString);
        assertRawUntouched(data);
        assertEquals(List.of(), Cli.files(home().resolve("models")), "nothing registered");
    }

    @Test
    void writesTheMessageOnOneLine() throws IOException {
        Path data = write("customers.csv", new byte[0]);

        Cli.Result result = run(data, "--label", "churned", "--positive", "yes");

        assertEquals(1, result.err().lines().count(), result::toString);
        assertTrue(result.err().startsWith("churnops: "), result::toString);
        assertEquals("", result.out());
    }
}
