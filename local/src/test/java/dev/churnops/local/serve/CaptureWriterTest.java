package dev.churnops.local.serve;

import static dev.churnops.local.serve.ServeFixtures.DEADLINE;
import static dev.churnops.local.serve.ServeFixtures.KEY;
import static dev.churnops.local.serve.ServeFixtures.await;
import static dev.churnops.local.serve.ServeFixtures.get;
import static dev.churnops.local.serve.ServeFixtures.post;
import static dev.churnops.local.serve.ServeFixtures.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import dev.churnops.core.scoring.CustomerScore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sampled score capture: JSON lines under capture/, written off the request thread, never failing it. */
class CaptureWriterTest {

    @TempDir
    Path dir;

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private PrintStream log() {
        return new PrintStream(log, true, StandardCharsets.UTF_8);
    }

    private static CustomerScore score(String id) {
        return new CustomerScore(id, 0.25, "medium", "churn", 3, List.of());
    }

    private static List<Path> files(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(l -> Json.tree(l.getBytes(StandardCharsets.UTF_8), "capture line")).toList();
    }

    @Test
    void writesEveryScoreAtRateOneAsAJsonLineUnderTheDatePartition() throws IOException {
        CaptureWriter writer = new CaptureWriter(dir, "churn", 1.0, 42, 100, CLOCK, log());

        for (int i = 0; i < 25; i++) {
            writer.capture(Map.of("tenure_months", (double) i, "plan", "basic"), score("C" + i));
        }
        writer.close();

        List<Path> files = files(dir.resolve("capture"));
        assertEquals(1, files.size(), files::toString);
        assertEquals(dir.resolve("capture/churn/dt=2026-03-04/part-20260304T050607000Z.jsonl"), files.get(0));
        List<JsonNode> lines = lines(files.get(0));
        assertEquals(25, lines.size());
        JsonNode first = lines.get(0);
        assertEquals(List.of("ts", "model", "version", "customerId", "probability", "segment", "features"),
                iterable(first.fieldNames()));
        assertEquals("2026-03-04T05:06:07Z", first.path("ts").asText());
        assertEquals("churn", first.path("model").asText());
        assertEquals(3, first.path("version").asInt());
        assertEquals("C0", first.path("customerId").asText());
        assertEquals(0.25, first.path("probability").asDouble());
        assertEquals("medium", first.path("segment").asText());
        assertEquals("basic", first.at("/features/plan").asText());
        assertEquals(25, writer.written());
        assertEquals(0, writer.dropped());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    @Test
    void rateZeroWritesNothing() throws IOException {
        CaptureWriter writer = new CaptureWriter(dir, "churn", 0, 42, 100, CLOCK, log());

        writer.capture(Map.of(), score("C1"));
        writer.close();

        assertEquals(List.of(), files(dir.resolve("capture")));
        assertFalse(Files.exists(dir.resolve("capture")));
    }

    @Test
    void keepsTheCallsASeededSplittableRandomPicks() throws IOException {
        CaptureWriter writer = new CaptureWriter(dir, "churn", 0.1, 7, 20_000, CLOCK, log());
        for (int i = 0; i < 10_000; i++) {
            writer.capture(Map.of(), score("C" + i));
        }
        writer.close();

        SplittableRandom random = new SplittableRandom(7);
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            if (random.nextDouble() < 0.1) {
                expected.add("C" + i);
            }
        }
        List<String> kept = lines(files(dir.resolve("capture")).get(0)).stream().map(l -> l.path("customerId").asText())
                .toList();
        assertEquals(expected, kept);
        assertTrue(kept.size() > 850 && kept.size() < 1150, "kept " + kept.size() + " of 10000 at rate 0.1");
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The writer thread stops inside this map's serialisation, so the queue behind it can fill.
        Map<String, Object> stalls = new AbstractMap<>() {
            @Override
            public Set<Entry<String, Object>> entrySet() {
                writing.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Map.<String, Object>of("plan", "basic").entrySet();
            }
        };
        CaptureWriter writer = new CaptureWriter(dir, "churn", 1.0, 42, 1, CLOCK, log());
        writer.capture(stalls, score("C1"));
        assertTrue(writing.await(30, TimeUnit.SECONDS));

        writer.capture(Map.of(), score("C2"));
        writer.capture(Map.of(), score("C3"));

        assertEquals(1, writer.dropped());
        release.countDown();
        writer.close();
        assertEquals(2, writer.written());
    }

    @Test
    void anUnwritableDirectoryCountsDropsWithoutThrowing() throws IOException {
        Path blocked = Files.writeString(dir.resolve("home"), "a file where the home directory should be");
        CaptureWriter writer = new CaptureWriter(blocked, "churn", 1.0, 42, 100, CLOCK, log());

        writer.capture(Map.of(), score("C1"));
        writer.close();
        writer.capture(Map.of(), score("C2"));

        assertEquals(0, writer.written());
        assertEquals(1, writer.dropped());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("capture stopped"), log::toString);
    }

    @Test
    void theApiCapturesEveryScoredCustomerAtRateOne() throws IOException {
        Path home = ServeFixtures.copyOfTrainedHome(dir.resolve("home"));
        LocalScoringApi api = ServeFixtures.start(home, ServeFixtures.options().captureRate(1.0).build(),
                ServeFixtures.settings().build(), log());
        var client = ServeFixtures.client();
        assertEquals(200, send(client, post(api.uri(), "/v1/scores", KEY,
                "{\"customers\":[{\"customerId\":\"C00001\"},{\"customerId\":\"C00002\"},{\"features\":{\"plan\":\"basic\"}}]}"))
                .statusCode());
        assertEquals(200, send(client, get(api.uri(), "/v1/customers/C00003/score", KEY)).statusCode());
        assertEquals(200, send(client, get(api.uri(), "/health", null)).statusCode());

        await(() -> api.capture().written() == 4, DEADLINE, "4 captured scores on disk before the stop");
        api.close();

        List<Path> files = files(home.resolve("capture/churn"));
        assertEquals(1, files.size(), files::toString);
        List<JsonNode> lines = lines(files.get(0));
        assertEquals(4, lines.size());
        assertEquals(List.of("C00001", "C00002", "", "C00003"),
                lines.stream().map(l -> l.path("customerId").asText("")).toList());
        assertEquals("basic", lines.get(0).at("/features/plan").asText());
        assertTrue(lines.get(0).at("/features").has("tenure_months"));
    }

    @Test
    void theApiCapturesNothingAtRateZero() throws IOException {
        Path home = ServeFixtures.copyOfTrainedHome(dir.resolve("home"));
        try (LocalScoringApi api = ServeFixtures.start(home, ServeFixtures.options().captureRate(0).build(),
                ServeFixtures.settings().build(), log())) {
            assertEquals(200, send(ServeFixtures.client(), get(api.uri(), "/v1/customers/C00003/score", KEY)).statusCode());
        }

        assertFalse(Files.exists(home.resolve("capture")));
    }
}
