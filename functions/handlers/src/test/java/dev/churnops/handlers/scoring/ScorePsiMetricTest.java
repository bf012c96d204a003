package dev.churnops.handlers.scoring;

import static dev.churnops.handlers.scoring.ApiFixtures.features;
import static dev.churnops.handlers.scoring.ApiFixtures.post;
import static dev.churnops.handlers.scoring.ApiFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.churnops.core.json.Json;
import dev.churnops.core.monitoring.ScoreDistribution;
import dev.churnops.core.port.Metrics;
import dev.churnops.core.scoring.CustomerScore;
import dev.churnops.handlers.RegisteredModelFixture;
import dev.churnops.handlers.Services;
import dev.churnops.handlers.scoring.ApiFixtures.LoggingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scoring function's {@code ScorePsi} metric: published with the dimensions the stack's alarm
 * selects once enough scores are counted, at most once a minute, never for SnapStart priming or a
 * request without a function version, and above the alarm's 0.25 for a model scoring everyone 0.99.
 */
class ScorePsiMetricTest {

    private final Points metrics = new Points();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T06:30:00Z"));

    @Test
    void publishesThePsiWithTheModelAndFunctionVersionOnceEnoughScoresAreCounted() throws Exception {
        ScoringHandler handler = lambdaHandler();
        Context v7 = new LoggingContext("7");

        assertEquals(200, handler.handleRequest(post(body(199)), v7).getStatusCode());
        assertEquals(List.of(), metrics.points, "199 scores are too few to judge");

        assertEquals(200, handler.handleRequest(post(body(1)), v7).getStatusCode());
        assertEquals(1, metrics.points.size(), metrics.points::toString);
        Point p = metrics.points.get(0);
        assertEquals("ScorePsi", p.name());
        assertEquals("None", p.unit());
        assertEquals(Map.of("Model", "churn", "FunctionVersion", "7"), p.dimensions());
        assertTrue(p.value() >= 0 && Double.isFinite(p.value()), "a PSI: " + p.value());
    }

    @Test
    void publishesAtMostOnceAMinutePerInstanceAndNeverPerRequest() throws Exception {
        ScoringHandler handler = lambdaHandler();
        Context v7 = new LoggingContext("7");
        handler.handleRequest(post(body(200)), v7);
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofSeconds(2));
            handler.handleRequest(post(body(5)), v7);
        }
        assertEquals(1, metrics.points.size(), "20 requests within 40 s publish nothing more");

        clock.advance(Duration.ofSeconds(20));
        handler.handleRequest(post(body(1)), v7);
        assertEquals(2, metrics.points.size(), "a minute after the first, the next request publishes");
    }

    @Test
    void publishesNothingWithoutAFunctionVersionAndCountsNoPrimingScore() throws Exception {
        ScoringHandler handler = lambdaHandler();
        handler.handleRequest(post(body(300)), null);
        assertEquals(List.of(), metrics.points, "no context (the local server): nothing to file the metric under");

        ScoringHandler primed = lambdaHandler();
        for (int i = 0; i < 250; i++) {
            primed.snapStart().beforeCheckpoint(null);
        }
        primed.handleRequest(post(body(1)), new LoggingContext("7"));
        assertEquals(List.of(), metrics.points, "priming's made-up customer is no served score");
    }

    @Test
    void aModelScoringEveryone099CrossesTheAlarmThreshold() {
        ScoreDistribution training = fixtureScores();
        ScorePsiMetric psi = new ScorePsiMetric(metrics, clock, "churn", 2, training, 200, Duration.ofMinutes(1));
        List<CustomerScore> high = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            high.add(new CustomerScore(null, 0.99, "high", "churn", 2, List.of()));
        }
        psi.scored(high, new LoggingContext("8"));
        assertEquals(1, metrics.points.size());
        assertTrue(metrics.points.get(0).value() > 0.25, "PSI " + metrics.points.get(0).value());
        assertEquals("8", metrics.points.get(0).dimensions().get("FunctionVersion"));
    }

    @Test
    void countsOnlyTheScoresOfTheVersionItWatches() {
        ScorePsiMetric psi = new ScorePsiMetric(metrics, clock, "churn", 2, fixtureScores(), 10, Duration.ofMinutes(1));
        List<CustomerScore> other = Collections.nCopies(50, new CustomerScore(null, 0.5, "medium", "churn", 1, List.of()));
        psi.scored(other, new LoggingContext("7"));
        assertEquals(List.of(), metrics.points);
    }

    @Test
    void refusesSettingsThatWouldPublishPerRequest() {
        ScoreDistribution d = fixtureScores();
        IllegalArgumentException fast = assertThrows(IllegalArgumentException.class,
                () -> new ScorePsiMetric(metrics, clock, "churn", 2, d, 200, Duration.ofMillis(10)));
        assertTrue(fast.getMessage().contains("ScorePsiMetric.interval is PT0.01S"), fast.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new ScorePsiMetric(metrics, clock, "churn", 2, d, 0, Duration.ofMinutes(1)));
        assertTrue(none.getMessage().contains("ScorePsiMetric.minScores is 0"), none.getMessage());
    }

    /** The scoring function as Lambda builds it, around the fixture's registry (champion v2). */
    private ScoringHandler lambdaHandler() {
        Services s = RegisteredModelFixture.shared().services();
        Services services = new Services(s.blobs(), s.registry(), s.trainingJobs(), s.notifier(), metrics, clock,
                s.settings(), s.experiments(), s.features());
        return new ScoringHandler(settings().build(), CaptureSettings.OFF, false, services);
    }

    private static ScoreDistribution fixtureScores() {
        return ScoringHandler.Champion.load(RegisteredModelFixture.shared().registry(), "churn").scores()
                .orElseThrow(() -> new AssertionError("the fixture's champion keeps its training scores"));
    }

    /** A POST /v1/scores body of {@code n} inline customers of a spread of tenures and tickets. */
    private static String body(int n) throws Exception {
        List<Map<String, Object>> customers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("features", features(i % 2 == 0 ? "basic" : "premium", i % 60, i % 4));
            customers.add(c);
        }
        return Json.mapper().writeValueAsString(Map.of("customers", customers));
    }

    record Point(String name, double value, String unit, Map<String, String> dimensions) {
    }

    /** A {@link Metrics} that keeps every data point. */
    static final class Points implements Metrics {
        final List<Point> points = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void put(String name, double value, String unit, Map<String, String> dimensions) {
            points.add(new Point(name, value, unit, Map.copyOf(dimensions)));
        }
    }

    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
