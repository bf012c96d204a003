package dev.churnops.handlers.scoring;

import static dev.churnops.handlers.scoring.ApiFixtures.event;
import static dev.churnops.handlers.scoring.ApiFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.churnops.core.port.FeatureLookup;
import dev.churnops.core.port.InMemoryBlobStore;
import dev.churnops.core.scoring.ServingModel;
import dev.churnops.handlers.scoring.ApiFixtures.Captured;
import dev.churnops.handlers.scoring.ApiFixtures.StoredFeatures;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The SnapStart hooks, called directly: on a JVM without CRaC nothing else calls them. */
class SnapStartPrimingTest {

    private final StoredFeatures store = new StoredFeatures();
    private final Captured captured = new Captured();
    private final AtomicInteger modelReads = new AtomicInteger();
    private final ScoringHandler handler = new ScoringHandler(settings().build(), () -> {
        modelReads.incrementAndGet();
        return ApiFixtures.model(2);
    }, store, captured);

    @Test
    void beforeCheckpointLoadsTheModelAndScoresOnceThroughEveryRoute() throws Exception {
        handler.snapStart().beforeCheckpoint(null);

        assertTrue(modelReads.get() > 0);
        assertEquals(1, captured.calls.size(), "one customer scored");
        assertEquals(SnapStartPriming.PRIMING_CUSTOMER, captured.calls.get(0).score().customerId());
        assertEquals(List.of(SnapStartPriming.PRIMING_CUSTOMER, SnapStartPriming.PRIMING_CUSTOMER), store.asked,
                "the batch and the customer route went to the store");
    }

    @Test
    void primingNeedsNoApiKeyEvenWhenNoneIsConfigured() throws Exception {
        ScoringHandler closed = ApiFixtures.handler(ScoringSettings.builder().build(), FeatureLookup.NONE, captured);

        closed.snapStart().beforeCheckpoint(null);

        assertEquals(1, captured.calls.size());
    }

    @Test
    void primingStopsTheSnapshotWhenTheFunctionCannotServe() {
        ServingModel model = ApiFixtures.model(2);
        ScoringHandler broken = new ScoringHandler(settings().build(), () -> model, FeatureLookup.NONE,
                (features, score) -> {
                    throw new IllegalStateException("capture queue missing");
                });

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> broken.snapStart().beforeCheckpoint(null));

        assertTrue(e.getMessage().contains("POST /v1/scores answered 500"), e.getMessage());
    }

    @Test
    void primingRequestsCoverTheRoutesOfTheSuccessfulSampleEvents() throws Exception {
        Set<String> primed = new TreeSet<>();
        for (SnapStartPriming.Request r : SnapStartPriming.requests(ApiFixtures.model(2))) {
            primed.add(r.event().getHttpMethod() + " " + r.event().getResource());
        }
        Set<String> samples = new TreeSet<>();
        for (String name : List.of("post-scores-inline", "post-scores-by-id", "get-customer-score", "get-model",
                "get-health")) {
            APIGatewayProxyRequestEvent e = event(name);
            samples.add(e.getHttpMethod() + " " + e.getResource());
        }

        assertEquals(samples, primed);
    }

    @Test
    void primingFeaturesAreValidForTheModel() {
        ServingModel model = ApiFixtures.model(2);

        assertEquals(List.of(), model.validator().check(SnapStartPriming.features(model), "features"));
    }

    @Test
    void afterRestoreDrawsANewPrefixForGeneratedRequestIds() throws Exception {
        String before = handler.requestIds().prefix();

        handler.snapStart().afterRestore(null);

        String after = handler.requestIds().prefix();
        assertNotEquals(before, after);
        String generated = handler.handleRequest(event("get-health").withRequestContext(null), null)
                .getHeaders().get("x-request-id");
        assertTrue(generated.startsWith(after), generated);
    }

    @Test
    void theScoringFunctionsCaptureKeepsNothingOfPrimingAndTakesANewInstanceIdAfterRestore() throws Exception {
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        BlobScoreCapture capture = new BlobScoreCapture(blobs, "churn", CaptureSettings.builder().rate(1.0).batchLines(1)
                .build(), Clock.systemUTC(), (name, value, unit, dimensions) -> {
                }, System.err, Runnable::run);
        ScoringHandler primed = ApiFixtures.handler(settings().build(), store, capture);
        String before = capture.instance();

        primed.snapStart().beforeCheckpoint(null);
        primed.snapStart().afterRestore(null);
        primed.handleRequest(event("post-scores-inline"), null);

        assertNotEquals(before, capture.instance());
        assertEquals(3, capture.calls(), "the three customers of the real request, none of priming");
        assertEquals(3, blobs.keys().size());
        assertTrue(blobs.keys().stream().allMatch(k -> k.contains("-" + capture.instance() + "-")), blobs.keys()::toString);
        assertTrue(blobs.keys().stream().noneMatch(k -> blobs.text(k).contains(SnapStartPriming.PRIMING_CUSTOMER)));
    }
}
