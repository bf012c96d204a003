package dev.churnops.local.serve;

import static dev.churnops.local.serve.ServeFixtures.DEADLINE;
import static dev.churnops.local.serve.ServeFixtures.KEY;
import static dev.churnops.local.serve.ServeFixtures.await;
import static dev.churnops.local.serve.ServeFixtures.get;
import static dev.churnops.local.serve.ServeFixtures.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.local.cli.ChurnOps;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code churnops serve} run in-process: its one output line, its argument errors, and stopping on interrupt. */
class ServeCommandTest {

    private static final Pattern SERVING = Pattern.compile("serving churn v1 on (http://127\\.0\\.0\\.1:(\\d+))\\R");

    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ChurnOps.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private Path keysFile(String content) throws IOException {
        return Files.writeString(dir.resolve("keys.txt"), content);
    }

    @Test
    void servesTheChampionUntilInterruptedThenStops() throws Exception {
        Path keys = keysFile("# local keys\n" + KEY + "\n\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread serving = new Thread(() -> exit.set(ChurnOps.execute(new String[] {"serve", "--home",
                ServeFixtures.trainedHome().toString(), "--port", "0", "--api-keys-file", keys.toString(),
                "--capture-rate", "0"}, new PrintWriter(out, true), new PrintWriter(err, true))), "serve-command");
        serving.start();
        await(() -> SERVING.matcher(out.toString()).find() || !serving.isAlive(), DEADLINE, "the serving line");
        Matcher m = SERVING.matcher(out.toString());
        assertTrue(m.find(), () -> out + "\n" + err);
        URI base = URI.create(m.group(1));
        HttpClient client = ServeFixtures.client();

        assertEquals(200, send(client, get(base, "/health", null)).statusCode());
        assertEquals(200, send(client, get(base, "/v1/customers/C00001/score", KEY)).statusCode());
        assertEquals(403, send(client, get(base, "/v1/customers/C00001/score", "test-key-2")).statusCode(),
                "only the file's keys are accepted");

        serving.interrupt();
        serving.join(30_000);

        assertEquals(0, exit.get(), () -> out + "\n" + err);
        assertEquals(1, out.toString().lines().count(), out::toString);
        assertThrows(UncheckedIOException.class, () -> send(client, get(base, "/health", null)));
    }

    @Test
    void aMissingKeysFileIsExit2NamingIt() {
        Path missing = dir.resolve("no-such-keys.txt");

        Result r = run("serve", "--home", dir.resolve("home").toString(), "--port", "0", "--api-keys-file", missing.toString());

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("'" + missing + "' does not exist"), r::toString);
    }

    @Test
    void anEmptyKeysFileIsExit2NamingIt() throws IOException {
        Path empty = keysFile("\n# nothing but a comment\n");

        Result r = run("serve", "--home", dir.resolve("home").toString(), "--port", "0", "--api-keys-file", empty.toString());

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("'" + empty + "' is empty"), r::toString);
    }

    @Test
    void aHomeWithoutAChampionIsExit2() throws IOException {
        Result r = run("serve", "--home", dir.resolve("home").toString(), "--port", "0", "--api-keys-file",
                keysFile(KEY).toString());

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("model 'churn' has no champion"), r::toString);
    }

    @Test
    void aFeaturesSourceWithoutDataIsExit2() throws IOException {
        Result r = run("serve", "--home", ServeFixtures.trainedHome().toString(), "--port", "0", "--api-keys-file",
                keysFile(KEY).toString(), "--features", "nothing-here");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("features source 'nothing-here' has no validated data"), r::toString);
    }

    @Test
    void aCaptureRateAboveOneIsExit2() throws IOException {
        Result r = run("serve", "--home", ServeFixtures.trainedHome().toString(), "--port", "0", "--api-keys-file",
                keysFile(KEY).toString(), "--capture-rate", "1.5");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--capture-rate 1.5"), r::toString);
    }

    @Test
    void aCanaryShareOfOneOrMoreIsExit2NamingIt() throws IOException {
        for (String share : new String[] {"1.5", "1", "-0.1"}) {
            Result r = run("serve", "--home", ServeFixtures.trainedHome().toString(), "--port", "0", "--api-keys-file",
                    keysFile(KEY).toString(), "--canary-share", share);

            assertEquals(2, r.exitCode(), r::toString);
            assertTrue(r.err().contains("--canary-share " + Double.parseDouble(share) + ": expected a share from 0"),
                    r::toString);
        }
    }

    @Test
    void aNegativeCanaryRequestCountIsExit2NamingIt() throws IOException {
        Result r = run("serve", "--home", ServeFixtures.trainedHome().toString(), "--port", "0", "--api-keys-file",
                keysFile(KEY).toString(), "--canary-requests", "-3");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--canary-requests -3: expected at least 1"), r::toString);
    }
}
