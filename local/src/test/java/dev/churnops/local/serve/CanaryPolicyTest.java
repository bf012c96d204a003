package dev.churnops.local.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The canary's settings, its routing and its latency histogram, without a server. */
class CanaryPolicyTest {

    @Test
    void refusesAShareOutsideZeroToOneNamingTheFieldAndValue() {
        for (double share : new double[] {1.5, 1, -0.1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CanaryPolicy.builder().share(share).build());
            assertTrue(e.getMessage().startsWith("CanaryPolicy.share is " + share + ": expected a share from 0"),
                    e.getMessage());
        }
    }

    @Test
    void refusesANegativeOrZeroRequestCountBeforePromotion() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CanaryPolicy.builder().promoteAfter(-5).build());

        assertTrue(e.getMessage().startsWith("CanaryPolicy.promoteAfter is -5: expected at least 1"), e.getMessage());
    }

    @Test
    void refusesAMinimumSampleAbovePromotionSoNoAlarmIsSkipped() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CanaryPolicy.builder().promoteAfter(100).minSamples(200).build());

        assertTrue(e.getMessage().contains("minSamples is 200: expected 1 to promoteAfter (100)"), e.getMessage());
    }

    @Test
    void theMinimumSampleFollowsASmallPromotionCountDown() {
        assertEquals(50, CanaryPolicy.builder().promoteAfter(50).build().minSamples());
        assertEquals(200, CanaryPolicy.builder().build().minSamples());
        assertFalse(CanaryPolicy.OFF.enabled());
    }

    @Test
    void countedRoutingSendsExactlyTheShareSpreadEvenly() {
        Canary canary = new Canary(null, null, 0.1, null);
        int taken = 0;
        for (int n = 0; n < 1_000; n++) {
            boolean takes = canary.takes(null);
            taken += takes ? 1 : 0;
            assertEquals(n % 10 == 9, takes, "request " + n);
        }
        assertEquals(100, taken);
    }

    @Test
    void aCustomerByIdAlwaysGoesTheSameWayAndIdsSplitNearTheShare() {
        Canary canary = new Canary(null, null, 0.2, null);
        int taken = 0;
        for (int i = 0; i < 20_000; i++) {
            String id = "C" + i;
            boolean first = canary.takes(id);
            assertEquals(first, canary.takes(id), id);
            taken += first ? 1 : 0;
        }
        // 20,000 ids at 0.2: 4,000 expected, standard deviation about 57.
        assertTrue(Math.abs(taken - 4_000) < 300, "taken " + taken);
    }

    @Test
    void latencyQuantilesAreTheUpperEdgeOfTheirBucket() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 99; i++) {
            h.record(1_000_000);
        }
        h.record(80_000_000);

        long p50 = h.quantile(0.5);
        long p100 = h.quantile(1);

        assertTrue(p50 >= 1_000_000 && p50 < 1_190_000, "p50 " + p50);
        assertTrue(p100 >= 80_000_000 && p100 < 95_200_000, "p100 " + p100);
        assertEquals(p50, h.quantile(0.99));
        assertEquals(100, h.count());
        assertEquals(0, new LatencyHistogram().quantile(0.99));
    }

    @Test
    void everyDurationFallsInABucketWhoseUpperEdgeIsAtLeastIt() {
        for (long nanos : new long[] {0, 1, 3, 4, 7, 8, 9, 1023, 1024, 1_000_000, 123_456_789, Long.MAX_VALUE >> 24}) {
            int b = LatencyHistogram.bucket(nanos);
            assertTrue(LatencyHistogram.upperEdge(b) >= nanos, nanos + " in bucket " + b);
            assertTrue(b <= 8 || LatencyHistogram.upperEdge(b - 1) < nanos, nanos + " in bucket " + b);
        }
    }

    @Test
    void errorAlarmNeedsBothTheRateAndTheMinimumCount() {
        CanaryPolicy policy = CanaryPolicy.builder().promoteAfter(1_000).minErrors(5).maxErrorRate(0.01)
                .latencyFloor(Duration.ofSeconds(10)).build();
        Canary canary = new Canary(null, null, 0.1, null);
        for (int i = 0; i < 4; i++) {
            canary.canaryAnswered(1_000, true);
        }
        assertTrue(canary.alarm(policy).isEmpty(), "4 failures are below the minimum of 5");
        canary.canaryAnswered(1_000, true);
        assertTrue(canary.alarm(policy).orElseThrow().startsWith("error rate: 5 of 5 canary requests failed"));
    }

    @Test
    void latencyAlarmsWhenTheCanaryP99IsAboveBothTheFactorAndTheFloorOnceEachSideHasAHundred() {
        CanaryPolicy policy = CanaryPolicy.builder().promoteAfter(1_000).minSamples(50).latencyFactor(2)
                .latencyFloor(Duration.ofMillis(50)).build();
        Canary slow = new Canary(null, null, 0.1, null);
        for (int i = 0; i < 99; i++) {
            slow.stableAnswered(20_000_000);
            slow.canaryAnswered(60_000_000, false);
        }
        assertTrue(slow.alarm(policy).isEmpty(), "99 requests a side are too few for a p99");
        slow.stableAnswered(20_000_000);
        slow.canaryAnswered(60_000_000, false);
        assertTrue(slow.alarm(policy).orElseThrow().startsWith("latency: canary p99 6"), slow.alarm(policy)::get);

        Canary belowFloor = new Canary(null, null, 0.1, null);
        for (int i = 0; i < 100; i++) {
            belowFloor.stableAnswered(1_000_000);
            belowFloor.canaryAnswered(40_000_000, false);
        }
        assertTrue(belowFloor.alarm(policy).isEmpty(), "40 ms is 40 x the stable p99 but under the 50 ms floor");
    }
}
