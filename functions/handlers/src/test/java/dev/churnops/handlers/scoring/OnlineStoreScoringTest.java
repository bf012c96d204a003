package dev.churnops.handlers.scoring;

import static dev.churnops.handlers.scoring.ApiFixtures.body;
import static dev.churnops.handlers.scoring.ApiFixtures.event;
import static dev.churnops.handlers.scoring.ApiFixtures.features;
import static dev.churnops.handlers.scoring.ApiFixtures.post;
import static dev.churnops.handlers.scoring.ApiFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.churnops.core.features.FeatureBatch;
import dev.churnops.core.features.FeatureSchema;
import dev.churnops.core.port.InMemoryBlobStore;
import dev.churnops.core.port.OnlineFeatureStore;
import dev.churnops.core.port.ScoreCapture;
import dev.churnops.core.port.TrainingJobRequest;
import dev.churnops.core.port.TrainingJobStatus;
import dev.churnops.core.port.TrainingJobs;
import dev.churnops.handlers.RegisteredModelFixture;
import dev.churnops.handlers.Services;
import dev.churnops.handlers.scoring.ApiFixtures.StoredFeatures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Customers given by id looked up in an {@link OnlineFeatureStore}: all of a request in one batch
 * question, with the answers a one-by-one lookup gives; and the scoring function's wiring of the
 * store and the capture from {@link Services}.
 */
class OnlineStoreScoringTest {

    private static final Map<String, Object> A = features("basic", 3, 4);
    private static final Map<String, Object> B = features("premium", 60, 0);

    private final BatchStore batchStore = new BatchStore().with("C-A", A).with("C-B", B);
    private final StoredFeatures oneByOne = new StoredFeatures().with("C-A", A).with("C-B", B);
    private final ScoringHandler batched = ApiFixtures.handler(settings().build(), batchStore, ScoreCapture.NONE);
    private final ScoringHandler single = ApiFixtures.handler(settings().build(), oneByOne, ScoreCapture.NONE);

    private static String request(String... customers) {
        return "{\"customers\": [" + String.join(", ", customers) + "]}";
    }

    private static String byId(String id) {
        return "{\"customerId\": \"" + id + "\"}";
    }

    @Test
    void asksForEveryCustomerGivenByIdInOneBatchEachIdOnceInRequestOrder() {
        String body = request(byId("C-B"), byId("C-A"), "{\"customerId\": \"C-I\", \"features\": "
                + OnlineStoreScoringTest.json(features("plus", 10, 1)) + "}", byId("C-B"));

        APIGatewayProxyResponseEvent response = batched.handleRequest(post(body), null);

        assertEquals(200, response.getStatusCode(), response::getBody);
        assertEquals(List.of(List.of("C-B", "C-A")), batchStore.batches);
        assertEquals(List.of(), batchStore.singles);
        assertEquals(body(single.handleRequest(post(body), null)), body(response), "the same scores one by one");
    }

    @Test
    void unknownCustomersAreAllReportedAsTheOneByOneLookupReportsThem() {
        String body = request(byId("C-A"), byId("C-X"), byId("C-B"), byId("C-Y"));

        APIGatewayProxyResponseEvent response = batched.handleRequest(post(body), null);

        var error = ApiFixtures.assertError(response, 404, "unknown_customer");
        assertEquals(List.of("customers[1].customerId", "customers[3].customerId"), ApiFixtures.fields(error));
        assertEquals("no customer 'C-X' is known to the feature store",
                ApiFixtures.messageOf(error, "customers[1].customerId"));
        assertEquals(body(single.handleRequest(post(body), null)), body(response));
        assertEquals(List.of(List.of("C-A", "C-X", "C-B", "C-Y")), batchStore.batches);
    }

    @Test
    void inlineCustomersOnlyAskTheStoreNothing() {
        String body = request("{\"customerId\": \"C-I\", \"features\": " + json(features("plus", 10, 1)) + "}");

        assertEquals(200, batched.handleRequest(post(body), null).getStatusCode());

        assertEquals(List.of(), batchStore.batches);
    }

    @Test
    void oneCustomersRouteAsksForThatCustomerAlone() {
        APIGatewayProxyResponseEvent response = batched.handleRequest(event("get-customer-score")
                .withPath("/v1/customers/C-A/score").withPathParameters(Map.of("id", "C-A")), null);

        assertEquals(200, response.getStatusCode(), response::getBody);
        assertEquals(List.of("C-A"), batchStore.singles);
        assertEquals(List.of(), batchStore.batches);
    }

    @Test
    void theServicesPathLooksIdsUpInTheOnlineStoreOnlyWhenConfiguredAndCapturesToTheBlobStore() {
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T06:30:00Z"), ZoneOffset.UTC);
        Services services = services(blobs, clock);
        CaptureSettings everyScore = CaptureSettings.builder().rate(1.0).batchLines(1).build();

        ScoringHandler withStore = new ScoringHandler(settings().build(), everyScore, true, services);
        ScoringHandler withoutStore = new ScoringHandler(settings().build(), CaptureSettings.OFF, false, services);
        APIGatewayProxyResponseEvent scored = withStore.handleRequest(event("post-scores-inline"), null);
        BlobScoreCapture capture = withStore.blobCapture();
        assertNotNull(capture);
        assertTrue(capture.drain(Duration.ofSeconds(10)), "captured lines written");

        assertEquals(200, scored.getStatusCode(), scored::getBody);
        int customers = body(scored).get("scores").size();
        List<String> keys = blobs.list("capture/churn/dt=2026-12-01/");
        assertEquals(customers, keys.size(), keys::toString);
        assertTrue(keys.get(0).startsWith("capture/churn/dt=2026-12-01/part-20261201T063000000Z-" + capture.instance()),
                keys::toString);
        // The embedded online store of these services knows nobody: a 404 that came from the store.
        ApiFixtures.assertError(withStore.handleRequest(event("post-scores-by-id"), null), 404, "unknown_customer");
        assertNull(withoutStore.blobCapture());
        ApiFixtures.assertError(withoutStore.handleRequest(event("post-scores-by-id"), null), 404, "unknown_customer");
    }

    @Test
    void theFeatureGroupVariableDecidesWhetherTheStoreIsAsked() {
        assertTrue(ScoringHandler.featureGroupConfigured(Map.of("CHURNOPS_FEATURE_GROUP", "churnops-dev-customers")));
        assertTrue(!ScoringHandler.featureGroupConfigured(Map.of("CHURNOPS_FEATURE_GROUP", " ")));
        assertTrue(!ScoringHandler.featureGroupConfigured(Map.of()));
    }

    private static Services services(InMemoryBlobStore blobs, Clock clock) {
        TrainingJobs none = new TrainingJobs() {
            @Override
            public void launch(TrainingJobRequest request) {
                throw new AssertionError("scoring launches no training");
            }

            @Override
            public TrainingJobStatus describe(String jobName) {
                throw new AssertionError("scoring describes no training");
            }
        };
        return new Services(blobs, RegisteredModelFixture.shared().registry(), none, n -> {
            throw new AssertionError("scoring notifies nobody");
        }, (name, value, unit, dimensions) -> {
        }, clock, Services.Settings.DEFAULTS);
    }

    static String json(Object value) {
        return ScoringHandlerTest.json(value);
    }

    /** An online store fake that records each question: one customer, or a batch. */
    private static final class BatchStore implements OnlineFeatureStore {
        final Map<String, Map<String, Object>> records = new HashMap<>();
        final List<List<String>> batches = new ArrayList<>();
        final List<String> singles = new ArrayList<>();

        BatchStore with(String id, Map<String, Object> features) {
            records.put(id, features);
            return this;
        }

        @Override
        public FeatureSchema schema() {
            throw new AssertionError("scoring never asks for the schema");
        }

        @Override
        public void put(FeatureBatch rows) {
            throw new AssertionError("scoring never writes features");
        }

        @Override
        public Optional<Map<String, Object>> get(String customerId) {
            singles.add(customerId);
            return Optional.ofNullable(records.get(customerId));
        }

        @Override
        public Map<String, Map<String, Object>> getAll(List<String> customerIds) {
            batches.add(List.copyOf(customerIds));
            Map<String, Map<String, Object>> found = new HashMap<>();
            for (String id : customerIds) {
                if (records.containsKey(id)) {
                    found.put(id, records.get(id));
                }
            }
            return found;
        }
    }
}
