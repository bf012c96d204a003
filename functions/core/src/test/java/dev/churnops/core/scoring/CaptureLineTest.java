package dev.churnops.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CaptureLineTest {

    private static final Instant TS = Instant.parse("2026-03-04T05:06:07.089Z");

    @Test
    void encodesOneCompactJsonObjectInTheFixedFieldOrderFollowedByANewline() {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("tenure_months", 12.0);
        features.put("plan", "basic");
        features.put("is_active", true);
        features.put("coupon", null);
        CustomerScore score = new CustomerScore("C-1", 0.25, "medium", "churn", 3, List.of());

        String line = new String(CaptureLine.encode(TS, "fallback", features, score), StandardCharsets.UTF_8);

        assertEquals("{\"ts\":\"2026-03-04T05:06:07.089Z\",\"model\":\"churn\",\"version\":3,\"customerId\":\"C-1\","
                + "\"probability\":0.25,\"segment\":\"medium\",\"features\":{\"tenure_months\":12.0,\"plan\":\"basic\","
                + "\"is_active\":true,\"coupon\":null}}\n", line);
    }

    @Test
    void writesTheGivenModelWhenTheScoreNamesNoneAndEmptyFeaturesForNull() {
        CustomerScore score = new CustomerScore(null, 1.0, "high", null, 1, List.of());

        String line = new String(CaptureLine.encode(TS, "churn-orders", null, score), StandardCharsets.UTF_8);

        assertEquals("{\"ts\":\"2026-03-04T05:06:07.089Z\",\"model\":\"churn-orders\",\"version\":1,\"customerId\":null,"
                + "\"probability\":1.0,\"segment\":\"high\",\"features\":{}}\n", line);
    }

    @Test
    void refusesAFeatureValueJsonCannotHoldNamingTheProblem() {
        CustomerScore score = new CustomerScore("C-1", 0.5, "low", "churn", 1, List.of());
        Map<String, Object> features = Map.of("odd", new Object());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CaptureLine.encode(TS, "churn", features, score));

        assertTrue(e.getMessage().startsWith("captured features of a score cannot be written as JSON"), e.getMessage());
    }

    @Test
    void partitionsByTheUtcDayOfTheTimestamp() {
        assertEquals("capture/churn/dt=2026-03-04/", CaptureLine.partition("churn", LocalDate.of(2026, 3, 4)));
        assertEquals("capture/churn/dt=2026-03-05/", CaptureLine.partition("churn", Instant.parse("2026-03-05T00:00:00Z")));
        assertEquals("capture/churn/dt=2026-03-04/", CaptureLine.partition("churn", Instant.parse("2026-03-04T23:59:59.999Z")));
    }

    @Test
    void namesPartsByTheirStartToTheMillisecondWithAnOptionalSuffix() {
        assertEquals("part-20260304T050607089Z.jsonl", CaptureLine.partName(TS, null));
        assertEquals("part-20260304T050607089Z-0a1b-000002.jsonl", CaptureLine.partName(TS, "0a1b-000002"));
    }

    @Test
    void samplesTheCallsASeededSplittableRandomPicks() {
        SplittableRandom random = new SplittableRandom(7);
        List<Long> expected = new ArrayList<>();
        List<Long> kept = new ArrayList<>();
        for (long call = 0; call < 5_000; call++) {
            if (random.nextDouble() < 0.1) {
                expected.add(call);
            }
            if (CaptureLine.sampled(7, call, 0.1)) {
                kept.add(call);
            }
        }

        assertEquals(expected, kept);
        assertTrue(kept.size() > 400 && kept.size() < 600, "kept " + kept.size());
    }

    @Test
    void rateOneKeepsEveryCallAndRateZeroNone() {
        for (long call = 0; call < 1_000; call++) {
            assertTrue(CaptureLine.sampled(42, call, 1.0));
            assertTrue(!CaptureLine.sampled(42, call, 0.0));
        }
    }
}
