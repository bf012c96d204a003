package dev.churnops.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.events.EventTime;
import dev.churnops.core.features.FeatureRegistry;
import dev.churnops.core.features.PointInTimeTrainingSet;
import dev.churnops.core.json.Json;
import dev.churnops.core.pipeline.FeatureStates;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.registry.ModelVersion;
import dev.churnops.core.scoring.ServingModel;
import dev.churnops.handlers.FeatureStores;
import dev.churnops.handlers.Services;
import dev.churnops.local.adapter.DirectoryBlobStore;
import dev.churnops.local.adapter.LocalServicesFactory;
import dev.churnops.local.asl.Execution;
import dev.churnops.local.runtime.LocalRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default end to end, on a small shop: generated raw event files go one by one through
 * the ingestion state machine, each day is materialized by the feature-materialization state
 * machine, and the training state machine trains on point-in-time sets read from the Parquet
 * offline store. Then the same object delivered again, and the whole run again, count nothing twice.
 */
class ShopEndToEndTest {

    @TempDir
    static Path home;

    static Cli first;
    static JsonNode summary;

    @BeforeAll
    static void runTheDefaultOnASmallShop() throws IOException {
        first = Cli.run("run", "--home", home.toString(), "--customers", "400", "--days", "200", "--cutoffs", "3",
                "--algorithms", "logistic_regression");
        assertEquals(0, first.exitCode(), first::toString);
        summary = Json.tree(Files.readAllBytes(home.resolve("summary.json")), "summary");
    }

    @Test
    void everyRowIsValidOrQuarantinedAndTheQuarantineIsExactlyTheGeneratorsDefects() throws IOException {
        JsonNode generator = Json.tree(Files.readAllBytes(home.resolve("generator.json")), "generator.json");

        long in = summary.at("/rows/input").asLong();
        long valid = summary.at("/rows/valid").asLong();
        long quarantined = summary.at("/rows/quarantined").asLong();

        assertEquals(in, valid + quarantined);
        assertEquals(generator.path("events").asLong(), valid, "every generated event is valid");
        assertEquals(generator.at("/defects/total").asLong(), quarantined, "every injected defect, and nothing else, is quarantined");
    }

    @Test
    void eachDayOfThePeriodHasAnOfflineParquetFileAndTheLastDayServesOnline() throws IOException {
        List<String> days;
        try (Stream<Path> dirs = Files.list(home.resolve("features/offline/customer_behaviour"))) {
            days = dirs.map(p -> p.getFileName().toString()).sorted().toList();
        }

        assertEquals(200, days.size());
        assertEquals("dt=2025-01-01", days.get(0));
        assertEquals("dt=2025-07-19", days.get(199));
        assertTrue(Files.isRegularFile(home.resolve("features/offline/customer_behaviour/dt=2025-07-19/part-00000.parquet")));
        Services services = LocalServicesFactory.create(home, Services.Settings.DEFAULTS, Clock.systemUTC(), quiet());
        List<String> ids = customerIds(services);
        var online = services.features().online();

        assertTrue(online.get("nobody-has-this-id").isEmpty());
        assertEquals(ids.size(), online.getAll(ids).size(), "the online store holds every customer signed up before the period");
        assertTrue(online.get(ids.get(0)).orElseThrow().containsKey("days_since_last_order"));
    }

    @Test
    void trainingReadsPointInTimeSetsSplitByCutoff() {
        JsonNode set = summary.at("/shop/training_set");

        assertTrue(set.at("/rows/train").asInt() > 0 && set.at("/rows/validation").asInt() > 0 && set.at("/rows/test").asInt() > 0,
                set::toString);
        assertTrue(set.path("trainingSetPrefix").asText().startsWith("training-sets/training-"), set::toString);
        assertEquals(1, summary.at("/model/version").asInt());
        assertTrue(summary.at("/test/roc_auc").asDouble() > 0.6, "the shop's churn is predictable: " + summary.at("/test"));
    }

    @Test
    void aRawFileDeliveredAgainIsValidatedAgainButNotCountedTwice() throws IOException {
        Services services = LocalServicesFactory.create(home, Services.Settings.DEFAULTS, Clock.systemUTC(), quiet());
        FeatureStates states = new FeatureStates(new DirectoryBlobStore(home), FeatureRegistry.builtIn(), FeatureStores.DEFAULT_VIEW);
        byte[] before = states.load().serialize();
        String key = "raw/orders/dt=2025-07-19/part-00000.csv";

        LocalRuntime.Run again = new LocalRuntime(home, services, SharedData.repoRoot().resolve("statemachines"))
                .start("ingestion", objectCreated(key));

        Execution e = again.execution();
        assertTrue(e.succeeded(), () -> e.error() + ": " + e.cause());
        assertFalse(e.output().at("/features/applied").asBoolean(), e.output()::toString);
        assertTrue(e.output().at("/features/reason").asText().contains("applied before"), e.output()::toString);
        byte[] after = new FeatureStates(new DirectoryBlobStore(home), FeatureRegistry.builtIn(), FeatureStores.DEFAULT_VIEW)
                .load().serialize();
        assertArrayEquals(before, after);
    }

    @Test
    void runningAgainReusesTheShopAndAppliesNothingTwice() throws IOException {
        byte[] before = new FeatureStates(new DirectoryBlobStore(home), FeatureRegistry.builtIn(), FeatureStores.DEFAULT_VIEW)
                .load().serialize();

        Cli second = Cli.run("run", "--home", home.toString(), "--customers", "400", "--days", "200", "--cutoffs", "3",
                "--algorithms", "logistic_regression");

        assertEquals(0, second.exitCode(), second::toString);
        assertTrue(second.err().contains("already holds this shop"), second::toString);
        byte[] after = new FeatureStates(new DirectoryBlobStore(home), FeatureRegistry.builtIn(), FeatureStores.DEFAULT_VIEW)
                .load().serialize();
        assertArrayEquals(before, after);
        Cli other = Cli.run("run", "--home", home.toString(), "--customers", "401", "--days", "200");
        assertEquals(2, other.exitCode(), other::toString);
        assertTrue(other.err().contains("already holds a generated shop with other parameters"), other::toString);
    }

    @Test
    void theScoringApiAnswersACustomerByIdFromTheOnlineStore() throws Exception {
        Services services = LocalServicesFactory.create(home, Services.Settings.DEFAULTS, Clock.systemUTC(), quiet());
        String id = customerIds(services).get(0);
        var settings = dev.churnops.handlers.scoring.ScoringSettings.builder().modelName("churn")
                .apiKeys(java.util.Set.of("shop-key")).build();
        var options = dev.churnops.local.serve.ServeOptions.builder().port(0).captureRate(0).build();
        try (var api = dev.churnops.local.serve.LocalScoringApi.start(options, settings, services.registry(), services.blobs(),
                home, Clock.systemUTC(), quiet())) {
            var http = java.net.http.HttpClient.newHttpClient();
            var known = http.send(java.net.http.HttpRequest.newBuilder(api.uri().resolve("/v1/customers/" + id + "/score"))
                    .header("x-api-key", "shop-key").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            var unknown = http.send(java.net.http.HttpRequest.newBuilder(api.uri().resolve("/v1/customers/nobody-has-this-id/score"))
                    .header("x-api-key", "shop-key").build(), java.net.http.HttpResponse.BodyHandlers.ofString());

            assertTrue(api.featuresDescription().startsWith("the online feature store"), api.featuresDescription());
            assertEquals(200, known.statusCode(), known::body);
            JsonNode score = Json.tree(known.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), "response").path("score");
            assertEquals(id, score.path("customerId").asText());
            double p = score.path("probability").asDouble(-1);
            assertTrue(p >= 0 && p <= 1, known::body);
            assertEquals(404, unknown.statusCode(), unknown::body);
        }
    }

    @Test
    void scoreBatchScoresTheViewsEligibleCustomersAsOfTheLastDayAsTheOnlineStoreAnswersThem() throws IOException {
        Cli batch = Cli.run("score-batch", "--home", home.toString(), "--date", "2025-08-01");
        assertEquals(0, batch.exitCode(), batch::toString);

        Services services = LocalServicesFactory.create(home, Services.Settings.DEFAULTS, Clock.systemUTC(), quiet());
        String prefix;
        try (Stream<Path> runs = Files.list(home.resolve("scores/2025-08-01"))) {
            prefix = "scores/2025-08-01/" + runs.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b).orElseThrow() + "/";
        }
        // The customers training sets would take as of the end of the last materialized day (2025-07-19).
        PointInTimeTrainingSet.Snapshot eligible = new PointInTimeTrainingSet(services.features().offline(),
                FeatureRegistry.builtIn(), FeatureStores.DEFAULT_VIEW)
                .eligibleAsOf(EventTime.endOfDay(java.time.LocalDate.parse("2025-07-19")), PointInTimeTrainingSet.DEFAULT_ACTIVITY_DAYS);
        String input = new String(services.blobs().get(prefix + "input/features.csv"), java.nio.charset.StandardCharsets.UTF_8);
        JsonNode summary = Json.tree(services.blobs().get(prefix + "_SUMMARY.json"), "_SUMMARY.json");
        java.util.Map<String, Double> scores = new java.util.HashMap<>();
        for (String line : new String(services.blobs().get(prefix + "part-00000.csv"), java.nio.charset.StandardCharsets.UTF_8)
                .split("\n")) {
            String[] cells = line.split(",");
            if (!cells[0].equals("customer_id")) {
                scores.put(cells[0], Double.parseDouble(cells[1]));
            }
        }

        assertTrue(eligible.entityIds().size() > 100, "a shop of 400 customers has active ones: " + eligible.entityIds().size());
        assertEquals(eligible.entityIds().size() + 1, input.split("\n").length, "the input holds the eligible customers, one a line");
        assertEquals(eligible.entityIds().size(), summary.at("/rows/in").asInt(), summary::toString);
        assertEquals(summary.at("/rows/in").asInt(), summary.at("/rows/scored").asInt() + summary.at("/rows/rejected").asInt());
        assertEquals(java.util.Set.copyOf(eligible.entityIds()), scores.keySet(), "every eligible customer scored once");
        assertTrue(Files.readString(home.resolve(prefix + "input/features.csv.manifest.json"))
                .contains("features/offline/customer_behaviour/dt=2025-07-19/"), "the manifest names the day read");

        ModelVersion champion = services.registry().alias("churn", ModelRegistry.CHAMPION).orElseThrow();
        ServingModel model = ServingModel.load(services.registry().artifact("churn", champion.version()), "champion");
        java.util.Set<String> inputs = new java.util.HashSet<>();
        model.card().inputSignature().forEach(c -> inputs.add(c.name()));
        for (String id : eligible.entityIds().subList(0, 20)) {
            java.util.Map<String, Object> online = new java.util.HashMap<>(services.features().online().get(id).orElseThrow());
            online.keySet().retainAll(inputs);
            assertEquals(model.probability(online), scores.get(id), 1e-12, "customer " + id + ": batch and online agree");
        }
    }

    @Test
    void scoreBatchRefusesAFeatureViewWithASourceAndADayBeforeTheViewsFirst() {
        Cli both = Cli.run("score-batch", "--home", home.toString(), "--feature-view", FeatureStores.DEFAULT_VIEW,
                "--source", "customers");
        Cli early = Cli.run("score-batch", "--home", home.toString(), "--date", "2024-12-31");

        assertEquals(2, both.exitCode(), both::toString);
        assertTrue(both.err().contains("give one or the other"), both::toString);
        assertEquals(2, early.exitCode(), early::toString);
        assertTrue(early.err().contains("date 2024-12-31 is before the first materialized day of view 'customer_behaviour'"
                + " (2025-01-01)"), early::toString);
    }

    private static List<String> customerIds(Services services) {
        String first = services.blobs().list("validated/customers/").stream().filter(k -> k.endsWith(".csv")).findFirst().orElseThrow();
        byte[] customers = services.blobs().get(first);
        String[] lines = new String(customers, java.nio.charset.StandardCharsets.UTF_8).split("\n");
        return java.util.Arrays.stream(lines).skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
    }

    private static ObjectNode objectCreated(String key) throws IOException {
        ObjectNode event = (ObjectNode) Json.tree(Files.readAllBytes(SharedData.repoRoot().resolve("events/eventbridge/s3-object-created.json")),
                "s3-object-created.json");
        ((ObjectNode) event.path("detail").path("object")).put("key", key);
        return event;
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
