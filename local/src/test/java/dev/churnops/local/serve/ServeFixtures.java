package dev.churnops.local.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import dev.churnops.handlers.Services;
import dev.churnops.handlers.scoring.ScoringSettings;
import dev.churnops.local.adapter.LocalServicesFactory;
import dev.churnops.local.cli.ChurnOps;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** What the serve tests share: a home with a trained model, the API started on it, an HTTP client. */
final class ServeFixtures {

    static final String KEY = "test-key-1";
    static final Duration DEADLINE = Duration.ofSeconds(30);

    private static Path trained;

    private ServeFixtures() {
    }

    /**
     * Trains {@code churn} v1 on the built-in table, once per test JVM, in a temporary home that is
     * removed when the JVM exits. Tests that change the home work on a {@link #copyOfTrainedHome copy}.
     */
    static synchronized Path trainedHome() {
        if (trained == null) {
            try {
                Path dir = Files.createTempDirectory("churnops-serve-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                train(dir.resolve("home"));
                trained = dir.resolve("home");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return trained;
    }

    /** Runs {@code churnops run} on the built-in table into {@code home}: the next version of {@code churn}. */
    static void train(Path home) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ChurnOps.execute(new String[] {"run", "--table", "--home", home.toString(), "--algorithms", "logistic_regression"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        if (code != 0) {
            throw new IllegalStateException("churnops run failed with exit " + code + ":\n" + out + err);
        }
    }

    static Path copyOfTrainedHome(Path target) {
        Path source = trainedHome();
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    static Services services(Path home) {
        return LocalServicesFactory.create(home, Services.Settings.DEFAULTS, Clock.systemUTC(), System.err);
    }

    static ScoringSettings.Builder settings() {
        return ScoringSettings.builder().apiKeys(Set.of(KEY, "test-key-2"));
    }

    /** Options for a test server; the canary is off, so a new champion serves at once, as before canaries. */
    static ServeOptions.Builder options() {
        return ServeOptions.builder().port(0).captureRate(0).reloadInterval(Duration.ofMillis(100))
                .stopGrace(Duration.ofSeconds(10)).canary(CanaryPolicy.OFF);
    }

    static LocalScoringApi start(Path home, ServeOptions options, ScoringSettings settings, PrintStream log) {
        Services services = services(home);
        try {
            return LocalScoringApi.start(options, settings, services.registry(), services.blobs(), home, Clock.systemUTC(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpRequest.Builder request(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
    }

    static HttpRequest post(URI base, String path, String key, String body) {
        HttpRequest.Builder b = request(base, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (key != null) {
            b.header("x-api-key", key);
        }
        return b.build();
    }

    static HttpRequest get(URI base, String path, String key) {
        HttpRequest.Builder b = request(base, path).GET();
        if (key != null) {
            b.header("x-api-key", key);
        }
        return b.build();
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return Json.tree(response.body().getBytes(StandardCharsets.UTF_8), "response to " + response.request().uri());
    }

    /** Polls {@code condition} until it holds or {@code deadline} passes; fails naming {@code what}. */
    static void await(BooleanSupplier condition, Duration deadline, String what) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + deadline + " waiting for " + what);
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L);
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort at exit.
        }
    }
}
