package dev.churnops.local.serve;

import static dev.churnops.local.serve.ServeFixtures.DEADLINE;
import static dev.churnops.local.serve.ServeFixtures.KEY;
import static dev.churnops.local.serve.ServeFixtures.await;
import static dev.churnops.local.serve.ServeFixtures.json;
import static dev.churnops.local.serve.ServeFixtures.post;
import static dev.churnops.local.serve.ServeFixtures.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.archive.TarGz;
import dev.churnops.core.json.Json;
import dev.churnops.core.model.ChurnModel;
import dev.churnops.core.model.LinearPredictor;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.FeatureLookup;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.port.ScoreCapture;
import dev.churnops.core.registry.ApprovalStatus;
import dev.churnops.core.registry.ModelCard;
import dev.churnops.handlers.Services;
import dev.churnops.handlers.scoring.ScoringHandler;
import dev.churnops.local.cli.ChurnOps;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new champion brought in as a canary: promoted when it behaves, rolled back (alias moved back,
 * version rejected, history written) when it does not, with no request failing either way.
 */
class CanaryTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    private String logged() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * {@code artifact} (v1 of the trained home) as version {@code version}, its model changed by
     * {@code change}: the card says the new version, so the registry and the watcher accept it.
     */
    static byte[] reversioned(byte[] artifact, int version, UnaryOperator<ChurnModel> change) {
        Map<String, byte[]> files = new TreeMap<>(TarGz.read(artifact, "v1"));
        ObjectNode card = (ObjectNode) Json.tree(files.get(ModelCard.FILE_NAME), ModelCard.FILE_NAME);
        card.put("version", version);
        files.put(ModelCard.FILE_NAME, Json.write(card));
        ChurnModel model = change.apply(ChurnModel.fromBytes(files.get(ChurnModel.FILE_NAME), ChurnModel.FILE_NAME));
        files.put(ChurnModel.FILE_NAME, model.toBytes());
        return TarGz.write(new TreeMap<>(files));
    }

    /** A model that scores every customer 0.99: a bias of ln(99) and no weight, no calibration. */
    static ChurnModel alwaysHigh(ChurnModel m) {
        return new ChurnModel(m.format(), m.algorithm(), m.encoder(),
                new LinearPredictor(new double[m.predictor().width()], Math.log(99)), null);
    }

    /** Registers the next version, approved, and makes it champion, as the training pipeline's deploy step does. */
    static int promote(ModelRegistry registry, UnaryOperator<ChurnModel> change) {
        byte[] v1 = registry.artifact("churn", 1);
        int version = registry.register("churn", v -> reversioned(v1, v, change), ApprovalStatus.Approved, "canary test")
                .version();
        registry.setAlias("churn", ModelRegistry.CHAMPION, version, "canary test");
        return version;
    }

    /** The ids of the trained home's customers, sorted, to score a spread of them as the training scores were. */
    static List<String> customerIds(BlobStore blobs) {
        return new ArrayList<>(new java.util.TreeSet<>(ValidatedTableLookup.load(blobs, "customers").orElseThrow()
                .customerIds()));
    }

    /** Request {@code i}: ten customers by id, walking through all of them. */
    static String batch(List<String> ids, int i) {
        StringBuilder body = new StringBuilder("{\"customers\":[");
        for (int j = 0; j < 10; j++) {
            body.append(j == 0 ? "" : ",").append("{\"customerId\":\"").append(ids.get((i * 10 + j) % ids.size()))
                    .append("\"}");
        }
        return body.append("]}").toString();
    }

    /** True once the history ends in a promotion or a rollback: the canary is decided and recorded. */
    private static boolean decided(BlobStore blobs) {
        List<ServingHistory.Kind> kinds = kinds(blobs);
        ServingHistory.Kind last = kinds.get(kinds.size() - 1);
        return last == ServingHistory.Kind.promoted || last == ServingHistory.Kind.rolled_back;
    }

    /** The events since this test's server started (the copied home may hold other tests' servers). */
    private static List<ServingHistory.Event> events(BlobStore blobs) {
        List<ServingHistory.Event> all = ServingHistory.read(blobs, "churn");
        int start = 0;
        for (int i = 0; i < all.size(); i++) {
            start = all.get(i).event() == ServingHistory.Kind.started ? i : start;
        }
        return all.subList(start, all.size());
    }

    private static List<ServingHistory.Kind> kinds(BlobStore blobs) {
        return events(blobs).stream().map(ServingHistory.Event::event).toList();
    }

    /** Sends scoring requests until {@code done} holds; every answer must be 200, and the versions that answered are counted. */
    private static Map<Integer, Integer> scoreUntil(URI base, List<String> ids, java.util.function.BooleanSupplier done,
                                                    List<String> failures) {
        HttpClient client = ServeFixtures.client();
        Map<Integer, Integer> versions = new TreeMap<>();
        long end = System.nanoTime() + DEADLINE.toNanos();
        for (int i = 0; !done.getAsBoolean(); i++) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + DEADLINE + " (" + i + " requests, versions " + versions + ")");
            }
            HttpResponse<String> r = send(client, post(base, "/v1/scores", KEY, batch(ids, i)));
            if (r.statusCode() != 200) {
                failures.add(r.statusCode() + " " + r.body());
                continue;
            }
            for (JsonNode score : json(r).get("scores")) {
                versions.merge(score.get("modelVersion").asInt(), 1, Integer::sum);
            }
        }
        return versions;
    }

    @Test
    void aGoodCanaryIsPromotedAfterItsRequestsWithoutAnyRequestFailing() {
        Path home = ServeFixtures.copyOfTrainedHome(dir.resolve("home"));
        Services services = ServeFixtures.services(home);
        // Latency on a shared test machine is noise; the latency alarm is tested on its own (CanaryPolicyTest).
        CanaryPolicy policy = CanaryPolicy.builder().share(0.5).promoteAfter(100).latencyFloor(Duration.ofSeconds(30))
                .build();
        try (LocalScoringApi api = ServeFixtures.start(home, ServeFixtures.options().canary(policy).build(),
                ServeFixtures.settings().build(), log)) {
            int v2 = promote(services.registry(), UnaryOperator.identity());
            await(() -> api.watcher().canary() != null, DEADLINE, "the canary of v2 to start");
            List<String> failures = new ArrayList<>();

            Map<Integer, Integer> versions = scoreUntil(api.uri(), customerIds(services.blobs()),
                    () -> decided(services.blobs()), failures);

            assertEquals(List.of(), failures);
            assertTrue(versions.containsKey(1) && versions.containsKey(v2), "both versions answered: " + versions);
            assertEquals(v2, api.model().version(), logged());
            assertEquals(List.of(ServingHistory.Kind.started, ServingHistory.Kind.canary_started,
                    ServingHistory.Kind.promoted), kinds(services.blobs()), logged());
            ServingHistory.Event promoted = events(services.blobs()).get(2);
            assertEquals(1, promoted.from());
            assertEquals(v2, promoted.to());
            assertTrue(((Number) promoted.canary().get("requests")).longValue() >= 100, promoted::toString);
            assertEquals(0, ((Number) promoted.canary().get("errors")).longValue(), promoted::toString);
            assertEquals(ApprovalStatus.Approved, services.registry().version("churn", v2).orElseThrow().status());
        }
    }

    @Test
    void aModelThatScoresEveryoneHighIsRolledBackOnItsScoreDistribution() {
        Path home = ServeFixtures.copyOfTrainedHome(dir.resolve("home"));
        Services services = ServeFixtures.services(home);
        CanaryPolicy policy = CanaryPolicy.builder().share(0.5).promoteAfter(400).minSamples(100)
                .latencyFloor(Duration.ofSeconds(30)).build();
        try (LocalScoringApi api = ServeFixtures.start(home, ServeFixtures.options().canary(policy).build(),
                ServeFixtures.settings().build(), log)) {
            int v2 = promote(services.registry(), CanaryTest::alwaysHigh);
            await(() -> api.watcher().canary() != null, DEADLINE, "the canary of v2 to start");
            List<String> failures = new ArrayList<>();

            Map<Integer, Integer> versions = scoreUntil(api.uri(), customerIds(services.blobs()),
                    () -> decided(services.blobs()), failures);

            assertEquals(List.of(), failures);
            assertTrue(versions.containsKey(v2), "the bad canary answered some requests before its rollback: " + versions);
            assertEquals(1, api.model().version());
            assertEquals(1, services.registry().alias("churn", ModelRegistry.CHAMPION).orElseThrow().version(),
                    "the champion alias is back on v1");
            assertEquals(ApprovalStatus.Rejected, services.registry().version("churn", v2).orElseThrow().status());
            List<ServingHistory.Event> history = events(services.blobs());
            assertEquals(List.of(ServingHistory.Kind.started, ServingHistory.Kind.canary_started,
                    ServingHistory.Kind.rolled_back), kinds(services.blobs()), logged());
            ServingHistory.Event rolledBack = history.get(2);
            assertEquals(v2, rolledBack.from());
            assertEquals(1, rolledBack.to());
            assertTrue(rolledBack.reason().contains("score distribution: PSI"), rolledBack::reason);
            assertTrue(((Number) rolledBack.canary().get("score_psi")).doubleValue() > 0.25, rolledBack::toString);

            // The rejected version is not picked up again, and v1 answers everything now.
            assertFalse(api.watcher().poll());
            Map<Integer, Integer> after = scoreUntil(api.uri(), customerIds(services.blobs()),
                    new java.util.function.BooleanSupplier() {
                        int n;

                        @Override
                        public boolean getAsBoolean() {
                            return n++ == 20;
                        }
                    }, failures);
            assertEquals(Map.of(1, 200), after);

            StringWriter out = new StringWriter();
            int code = ChurnOps.execute(new String[] {"registry", "history", "--home", home.toString()},
                    new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
            assertEquals(0, code);
            List<String> lines = out.toString().lines().toList();
            String started = lines.get(lines.size() - 2);
            String rolled = lines.get(lines.size() - 1);
            assertTrue(started.contains("canary_started") && started.contains("v1 -> v" + v2), out::toString);
            assertTrue(rolled.contains("rolled_back") && rolled.contains("v" + v2 + " -> v1")
                    && rolled.contains("score distribution") && rolled.contains("score_psi="), out::toString);
        }
    }

    private static APIGatewayProxyRequestEvent scoreEvent(int i) {
        String body = "{\"customers\":[{\"customerId\":\"inline-" + i + "\",\"features\":{\"tenure_months\":" + (i % 60)
                + "}}]}";
        return new APIGatewayProxyRequestEvent().withHttpMethod("POST").withPath(ProxyEvents.SCORES)
                .withResource(ProxyEvents.SCORES).withBody(body).withIsBase64Encoded(false)
                .withHeaders(Map.of("x-api-key", KEY, "content-type", "application/json"))
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withRequestId("r-" + i)
                        .withStage(ProxyEvents.STAGE));
    }

    @Test
    void aCanaryThatFailsIsRolledBackOnItsErrorRateAndClientsGetTheStableAnswer() {
        Path home = ServeFixtures.copyOfTrainedHome(dir.resolve("home"));
        Services services = ServeFixtures.services(home);
        CanaryPolicy policy = CanaryPolicy.builder().share(0.5).promoteAfter(100).minErrors(3).build();
        ChampionWatcher watcher = ChampionWatcher.loaded(services.registry(), "churn", policy,
                new ServingHistory(services.blobs(), "churn", Clock.systemUTC()), log);
        int v2 = promote(services.registry(), UnaryOperator.identity());
        assertTrue(watcher.poll());
        assertNotNull(watcher.canary());
        ScoringHandler stable = new ScoringHandler(ServeFixtures.settings().build(), watcher, FeatureLookup.NONE,
                ScoreCapture.NONE);
        RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> broken = (event, context) -> {
            throw new IllegalStateException("a deliberately broken canary");
        };
        CanaryRouter router = new CanaryRouter(watcher, stable, broken);

        for (int i = 0; i < 20; i++) {
            APIGatewayProxyResponseEvent response = router.handleRequest(scoreEvent(i), null);
            assertEquals(200, response.getStatusCode(), response::getBody);
            assertTrue(response.getBody().contains("\"modelVersion\":1"), response::getBody);
        }
        assertTrue(watcher.poll());

        assertNull(watcher.canary());
        assertEquals(1, watcher.get().version());
        assertEquals(1, services.registry().alias("churn", ModelRegistry.CHAMPION).orElseThrow().version());
        assertEquals(ApprovalStatus.Rejected, services.registry().version("churn", v2).orElseThrow().status());
        ServingHistory.Event rolledBack = events(services.blobs()).get(2);
        assertEquals(ServingHistory.Kind.rolled_back, rolledBack.event());
        assertTrue(rolledBack.reason().contains("error rate: 10 of 10 canary requests failed"), rolledBack::reason);
        assertTrue(logged().contains("canary v" + v2 + " rolled back to v1"), logged());
    }

    @Test
    void withTheCanaryOffANewChampionIsSwappedInAtOnce() {
        Path home = ServeFixtures.copyOfTrainedHome(dir.resolve("home"));
        Services services = ServeFixtures.services(home);
        ChampionWatcher watcher = ChampionWatcher.loaded(services.registry(), "churn", CanaryPolicy.OFF,
                new ServingHistory(services.blobs(), "churn", Clock.systemUTC()), log);
        int v2 = promote(services.registry(), UnaryOperator.identity());

        assertTrue(watcher.poll());

        assertNull(watcher.canary());
        assertEquals(v2, watcher.get().version());
        assertEquals(List.of(ServingHistory.Kind.started, ServingHistory.Kind.swapped), kinds(services.blobs()));
    }

    @Test
    void aCanaryIsCancelledWhenTheAliasIsMovedBackByHand() {
        Path home = ServeFixtures.copyOfTrainedHome(dir.resolve("home"));
        Services services = ServeFixtures.services(home);
        ChampionWatcher watcher = ChampionWatcher.loaded(services.registry(), "churn", CanaryPolicy.builder().build(),
                new ServingHistory(services.blobs(), "churn", Clock.systemUTC()), log);
        int v2 = promote(services.registry(), UnaryOperator.identity());
        assertTrue(watcher.poll());

        services.registry().setAlias("churn", ModelRegistry.CHAMPION, 1, "by hand");
        assertTrue(watcher.poll());
        watcher.close();

        assertNull(watcher.canary());
        assertEquals(1, watcher.get().version());
        assertEquals(ApprovalStatus.Approved, services.registry().version("churn", v2).orElseThrow().status(),
                "a cancelled canary is not rejected: nothing alarmed");
        assertEquals(List.of(ServingHistory.Kind.started, ServingHistory.Kind.canary_started,
                ServingHistory.Kind.canary_cancelled, ServingHistory.Kind.stopped), kinds(services.blobs()));
    }
}
