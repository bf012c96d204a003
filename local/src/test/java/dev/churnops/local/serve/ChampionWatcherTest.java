package dev.churnops.local.serve;

import static dev.churnops.local.serve.ServeFixtures.DEADLINE;
import static dev.churnops.local.serve.ServeFixtures.KEY;
import static dev.churnops.local.serve.ServeFixtures.await;
import static dev.churnops.local.serve.ServeFixtures.get;
import static dev.churnops.local.serve.ServeFixtures.json;
import static dev.churnops.local.serve.ServeFixtures.post;
import static dev.churnops.local.serve.ServeFixtures.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.pipeline.Fingerprint;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.registry.ApprovalStatus;
import dev.churnops.core.registry.ModelVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot swap: the served model follows the champion alias without dropping a request, and a
 * version that cannot serve leaves the current one in place.
 */
class ChampionWatcherTest {

    @TempDir
    Path dir;

    @Test
    void swapsToANewChampionWhileRequestsKeepSucceeding() throws Exception {
        Path home = ServeFixtures.copyOfTrainedHome(dir.resolve("home"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (LocalScoringApi api = ServeFixtures.start(home, ServeFixtures.options().build(), ServeFixtures.settings().build(),
                new PrintStream(log, true, StandardCharsets.UTF_8))) {
            URI base = api.uri();
            HttpClient client = ServeFixtures.client();
            HttpRequest score = post(base, "/v1/scores", KEY, "{\"customers\":[{\"customerId\":\"C00001\"},"
                    + "{\"features\":{\"tenure_months\":2}}]}");
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger ok = new AtomicInteger();
            Map<Integer, Integer> seenVersions = new ConcurrentHashMap<>();
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread load = new Thread(() -> {
                // Bounded: stops when asked, after 200,000 requests, or after two minutes, whichever is first.
                long end = System.nanoTime() + 120_000_000_000L;
                for (int i = 0; i < 200_000 && running.get() && System.nanoTime() < end; i++) {
                    try {
                        HttpResponse<String> r = client.send(score, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                            seenVersions.merge(json(r).at("/scores/0/modelVersion").asInt(), 1, Integer::sum);
                        } else {
                            failures.add(r.statusCode() + " " + r.body());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }, "swap-test-client");
            load.start();
            await(() -> ok.get() >= 20, DEADLINE, "requests to flow before the swap");

            ServeFixtures.train(home);
            assertEquals(2, ServeFixtures.services(home).registry().alias("churn", ModelRegistry.CHAMPION).orElseThrow()
                    .version(), "the second run is promoted to champion");
            await(() -> json(send(client, get(base, "/health", null))).at("/model/version").asInt() == 2, DEADLINE,
                    "/health to report v2");
            int afterSwap = ok.get();
            await(() -> ok.get() >= afterSwap + 20, DEADLINE, "requests to flow after the swap");
            running.set(false);
            load.join();

            assertEquals(List.of(), failures, "no request failed during the swap");
            assertTrue(seenVersions.containsKey(1) && seenVersions.containsKey(2), seenVersions::toString);
            assertTrue(log.toString(StandardCharsets.UTF_8).contains("now serving churn v2 (was v1)"),
                    () -> log.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aVersionThatCannotLoadLeavesTheCurrentOneServingAndIsReportedOnce() {
        Path trained = ServeFixtures.trainedHome();
        byte[] v1 = ServeFixtures.services(trained).registry().artifact("churn", 1);
        FakeRegistry registry = new FakeRegistry();
        registry.add(1, v1);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ChampionWatcher watcher = ChampionWatcher.loaded(registry, "churn", new PrintStream(log, true, StandardCharsets.UTF_8));
        registry.add(2, "not a tar.gz".getBytes(StandardCharsets.UTF_8));

        boolean swapped = watcher.poll();
        boolean again = watcher.poll();

        assertFalse(swapped || again);
        assertEquals(1, watcher.get().version());
        String logged = log.toString(StandardCharsets.UTF_8);
        assertEquals(1, logged.lines().count(), logged);
        assertTrue(logged.contains("champion churn v2 cannot serve, still serving v1"), logged);
    }

    @Test
    void aVersionWhoseCardNamesAnotherVersionIsRefused() {
        byte[] v1 = ServeFixtures.services(ServeFixtures.trainedHome()).registry().artifact("churn", 1);
        FakeRegistry registry = new FakeRegistry();
        registry.add(1, v1);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ChampionWatcher watcher = ChampionWatcher.loaded(registry, "churn", new PrintStream(log, true, StandardCharsets.UTF_8));
        registry.add(2, v1);

        assertFalse(watcher.poll());

        assertEquals(1, watcher.get().version());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("not churn v2"), () -> log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aModelWithoutAChampionCannotStart() {
        ChampionWatcher.NoChampionException e = assertThrows(ChampionWatcher.NoChampionException.class,
                () -> ChampionWatcher.loaded(new FakeRegistry(), "churn", System.err));

        assertTrue(e.getMessage().contains("no version is registered"), e.getMessage());
    }

    /** An in-memory registry whose champion is always the newest version added. */
    private static final class FakeRegistry implements ModelRegistry {
        private final Map<Integer, byte[]> artifacts = new TreeMap<>();

        void add(int version, byte[] artifact) {
            artifacts.put(version, artifact);
        }

        private ModelVersion describe(int version) {
            return new ModelVersion("churn", version, ApprovalStatus.Approved, "models/churn/" + version + "/model.tar.gz",
                    Fingerprint.sha256(artifacts.get(version)), "2026-01-01T00:00:00Z", "test", List.of());
        }

        @Override
        public ModelVersion register(String modelName, IntFunction<byte[]> artifact, ApprovalStatus status, String description) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> models() {
            return artifacts.isEmpty() ? List.of() : List.of("churn");
        }

        @Override
        public List<ModelVersion> versions(String modelName) {
            return artifacts.keySet().stream().map(this::describe).toList();
        }

        @Override
        public Optional<ModelVersion> version(String modelName, int version) {
            return artifacts.containsKey(version) ? Optional.of(describe(version)) : Optional.empty();
        }

        @Override
        public byte[] artifact(String modelName, int version) {
            return artifacts.get(version).clone();
        }

        @Override
        public ModelVersion setStatus(String modelName, int version, ApprovalStatus status, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setAlias(String modelName, String alias, int version, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ModelVersion> alias(String modelName, String alias) {
            return artifacts.isEmpty() ? Optional.empty()
                    : Optional.of(describe(((TreeMap<Integer, byte[]>) artifacts).lastKey()));
        }
    }
}
