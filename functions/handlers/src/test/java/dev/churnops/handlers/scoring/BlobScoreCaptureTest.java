package dev.churnops.handlers.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.InMemoryBlobStore;
import dev.churnops.core.port.Metrics;
import dev.churnops.core.scoring.CaptureLine;
import dev.churnops.core.scoring.CustomerScore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The scoring function's capture: exact objects and lines, sampling, batching, bounds and failures. */
class BlobScoreCaptureTest {

    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07.089Z");

    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final MovableClock clock = new MovableClock(T0);
    private final List<String> metrics = Collections.synchronizedList(new ArrayList<>());
    private final Metrics recording = (name, value, unit, dimensions) ->
            metrics.add(name + "=" + (long) value + " " + unit + " " + dimensions);
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    /** Runs each write on the capturing thread, so a test sees it done when capture returns. */
    private static final Executor INLINE = Runnable::run;

    private BlobScoreCapture capture(CaptureSettings settings, Executor writer) {
        return new BlobScoreCapture(blobs, "churn", settings, clock, recording,
                new PrintStream(log, true, StandardCharsets.UTF_8), writer);
    }

    private static CaptureSettings.Builder everyScore() {
        return CaptureSettings.builder().rate(1.0);
    }

    private static CustomerScore score(String id) {
        return new CustomerScore(id, 0.25, "medium", "churn", 3, List.of());
    }

    private static Map<String, Object> features(int i) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("tenure_months", (double) i);
        f.put("plan", "basic");
        return f;
    }

    private String key(BlobScoreCapture c, String day, Instant start, int sequence) {
        return "capture/churn/dt=" + day + "/" + CaptureLine.partName(start, c.instance() + "-" + String.format("%06d", sequence));
    }

    @Test
    void writesAFullBatchAsOneObjectOfJsonLinesUnderTheDatePartition() {
        BlobScoreCapture c = capture(everyScore().batchLines(3).bufferLines(10).build(), INLINE);

        c.capture(features(1), score("C1"));
        c.capture(features(2), score("C2"));
        assertEquals(List.of(), blobs.keys(), "two lines wait for the third");
        c.capture(features(3), score("C3"));

        assertEquals(List.of(key(c, "2026-03-04", T0, 1)), blobs.keys());
        assertEquals("""
                {"ts":"2026-03-04T05:06:07.089Z","model":"churn","version":3,"customerId":"C1","probability":0.25,\
                "segment":"medium","features":{"tenure_months":1.0,"plan":"basic"}}
                {"ts":"2026-03-04T05:06:07.089Z","model":"churn","version":3,"customerId":"C2","probability":0.25,\
                "segment":"medium","features":{"tenure_months":2.0,"plan":"basic"}}
                {"ts":"2026-03-04T05:06:07.089Z","model":"churn","version":3,"customerId":"C3","probability":0.25,\
                "segment":"medium","features":{"tenure_months":3.0,"plan":"basic"}}
                """, blobs.text(blobs.keys().get(0)));
        assertEquals(3, c.written());
        assertEquals(List.of("CaptureLinesWritten=3 Count {Model=churn}"), metrics);
    }

    @Test
    void eachLineIsTheSharedEncodingOfItsScore() {
        BlobScoreCapture c = capture(everyScore().batchLines(1).build(), INLINE);

        c.capture(features(7), score("C7"));

        assertEquals(new String(CaptureLine.encode(T0, "churn", features(7), score("C7")), StandardCharsets.UTF_8),
                blobs.text(blobs.keys().get(0)));
    }

    @Test
    void keepsTheCallsTheSharedSamplingPicks() {
        BlobScoreCapture c = capture(CaptureSettings.builder().rate(0.1).seed(7).batchLines(100_000)
                .bufferLines(100_000).build(), INLINE);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            c.capture(Map.of(), score("C" + i));
            if (CaptureLine.sampled(7, i, 0.1)) {
                expected.add("C" + i);
            }
        }
        c.flush();

        List<String> kept = new ArrayList<>();
        for (String line : blobs.text(blobs.keys().get(0)).split("\n")) {
            kept.add(line.substring(line.indexOf("\"customerId\":\"") + 14, line.indexOf("\",\"probability\"")));
        }
        assertEquals(expected, kept);
        assertEquals(5_000, c.calls());
    }

    @Test
    void aBatchOlderThanFlushAfterLeavesOnTheNextCallEvenOneThatKeepsNothing() {
        BlobScoreCapture c = capture(CaptureSettings.builder().rate(1.0).batchLines(1000)
                .flushAfter(Duration.ofSeconds(60)).build(), INLINE);
        c.capture(features(1), score("C1"));
        clock.advance(Duration.ofSeconds(59));
        c.capture(features(2), score("C2"));
        assertEquals(List.of(), blobs.keys());

        clock.advance(Duration.ofSeconds(1));
        c.capture(features(3), score("C3"));

        assertEquals(List.of(key(c, "2026-03-04", T0, 1)), blobs.keys());
        assertEquals(3, blobs.text(blobs.keys().get(0)).split("\n").length);
    }

    @Test
    void aBatchAcrossMidnightIsOneObjectPerDay() {
        clock.set(Instant.parse("2026-03-04T23:59:59.500Z"));
        BlobScoreCapture c = capture(everyScore().batchLines(2).build(), INLINE);

        c.capture(features(1), score("C1"));
        clock.set(Instant.parse("2026-03-05T00:00:00.100Z"));
        c.capture(features(2), score("C2"));

        assertEquals(List.of(key(c, "2026-03-04", Instant.parse("2026-03-04T23:59:59.500Z"), 1),
                key(c, "2026-03-05", Instant.parse("2026-03-05T00:00:00.100Z"), 2)), blobs.keys());
        assertTrue(blobs.text(blobs.keys().get(1)).contains("\"customerId\":\"C2\""));
    }

    @Test
    void aFullBufferDropsAndCountsWithoutBlockingTheCaller() {
        List<Runnable> parked = new ArrayList<>();
        // A writer that never runs: batches stay held, as when S3 is slow or the instance is frozen.
        BlobScoreCapture c = capture(everyScore().batchLines(2).bufferLines(4).build(), parked::add);

        for (int i = 0; i < 10; i++) {
            c.capture(features(i), score("C" + i));
        }

        assertEquals(6, c.dropped());
        assertEquals(2, parked.size(), "two batches of two wait for the writer");
        parked.forEach(Runnable::run);
        assertEquals(4, c.written());
        assertEquals(List.of("CaptureLinesWritten=2 Count {Model=churn}", "CaptureLinesDropped=6 Count {Model=churn}",
                "CaptureLinesWritten=2 Count {Model=churn}"), metrics);

        c.capture(features(10), score("C10"));
        c.capture(features(11), score("C11"));
        assertEquals(3, parked.size(), "room again once written");
    }

    @Test
    void aFailedWriteIsLoggedByKeyAndCountedNeverThrown() {
        BlobStore refusing = new BlobStore() {
            @Override
            public void put(String key, byte[] content) {
                throw new IllegalStateException("S3 PutObject of " + key + " failed: AccessDenied");
            }

            @Override
            public Optional<byte[]> find(String key) {
                return Optional.empty();
            }

            @Override
            public boolean exists(String key) {
                return false;
            }

            @Override
            public void delete(String key) {
            }

            @Override
            public List<String> list(String prefix) {
                return List.of();
            }
        };
        BlobScoreCapture c = new BlobScoreCapture(refusing, "churn", everyScore().batchLines(2).build(), clock, recording, new PrintStream(log, true, StandardCharsets.UTF_8),
                INLINE);

        c.capture(features(1), score("C-secret-1"));
        c.capture(features(2), score("C-secret-2"));

        assertEquals(2, c.dropped());
        assertEquals(0, c.written());
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.startsWith("score capture: 2 lines could not be written to capture/churn/dt=2026-03-04/part-"),
                logged);
        assertTrue(logged.contains("AccessDenied"), logged);
        assertFalse(logged.contains("C-secret") || logged.contains("tenure_months"), logged);
        assertEquals(List.of("CaptureLinesDropped=2 Count {Model=churn}"), metrics);
    }

    @Test
    void aValueJsonCannotHoldLosesItsLineOnly() {
        BlobScoreCapture c = capture(everyScore().batchLines(2).build(), INLINE);

        c.capture(Map.of("odd", new Object()), score("C1"));
        c.capture(features(2), score("C2"));

        assertEquals(1, c.dropped());
        assertEquals(1, c.written());
        assertTrue(blobs.text(blobs.keys().get(0)).contains("\"customerId\":\"C2\""));
    }

    @Test
    void rateZeroCapturesNothingAndCountsNoCall() {
        BlobScoreCapture c = capture(CaptureSettings.OFF, INLINE);

        c.capture(features(1), score("C1"));
        c.flush();

        assertEquals(List.of(), blobs.keys());
        assertEquals(0, c.calls());
    }

    @Test
    void whilePausedNothingIsKeptAndTheSamplingSequenceDoesNotMove() {
        BlobScoreCapture c = capture(everyScore().batchLines(1).build(), INLINE);

        c.paused(true);
        c.capture(features(1), score("snapstart-priming"));
        c.paused(false);

        assertEquals(List.of(), blobs.keys());
        assertEquals(0, c.calls());
    }

    @Test
    void aRestoredInstanceNamesItsObjectsWithANewIdSoClonesNeverShareAKey() {
        BlobScoreCapture c = capture(everyScore().batchLines(1).build(), INLINE);
        BlobScoreCapture clone = capture(everyScore().batchLines(1).build(), INLINE);
        String before = c.instance();

        c.restored();
        c.capture(features(1), score("C1"));
        clone.capture(features(1), score("C1"));

        assertNotEquals(before, c.instance());
        assertTrue(c.instance().matches("[0-9a-f]{16}"), c.instance());
        assertEquals(2, blobs.keys().size(), "same time, same sequence, two keys: " + blobs.keys());
        assertTrue(blobs.keys().contains(key(c, "2026-03-04", T0, 1)));
        assertTrue(blobs.keys().contains(key(clone, "2026-03-04", T0, 1)));
    }

    @Test
    void closeWritesWhatIsHeldOnItsOwnThreadAndIgnoresLaterCaptures() {
        BlobScoreCapture c = new BlobScoreCapture(blobs, "churn", everyScore().build(), clock, recording,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        c.capture(features(1), score("C1"));
        c.capture(features(2), score("C2"));

        assertTrue(c.close(Duration.ofSeconds(10)), "written within the timeout");
        c.capture(features(3), score("C3"));

        assertEquals(List.of(key(c, "2026-03-04", T0, 1)), blobs.keys());
        assertEquals(2, blobs.text(blobs.keys().get(0)).split("\n").length);
        assertEquals(2, c.written());
    }

    @Test
    void drainGivesUpAtItsTimeoutWhileAWriteIsStuck() {
        List<Runnable> parked = new ArrayList<>();
        BlobScoreCapture c = capture(everyScore().build(), parked::add);
        c.capture(features(1), score("C1"));

        assertFalse(c.drain(Duration.ofMillis(20)));
        assertEquals(1, parked.size());
    }

    /** A clock a test moves. */
    private static final class MovableClock extends Clock {
        private final AtomicLong millis;

        MovableClock(Instant start) {
            millis = new AtomicLong(start.toEpochMilli());
        }

        void advance(Duration d) {
            millis.addAndGet(d.toMillis());
        }

        void set(Instant t) {
            millis.set(t.toEpochMilli());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }
}
