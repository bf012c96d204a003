package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Against numpy's legacy RandomState, through the fixtures of {@code tools/sklearn_split_fixtures.py}. */
class MersenneTwisterTest {

    @Test
    void seedsAndDrawsAsNumpysRandomStateAcrossTwoRegenerations() {
        for (JsonNode c : NumpyFixtures.ROOT.path("mt")) {
            MersenneTwister random = new MersenneTwister(c.path("seed").asLong());
            long[] drawn = new long[1250];
            for (int i = 0; i < drawn.length; i++) {
                drawn[i] = random.nextUint32();
            }
            String seed = "seed " + c.path("seed").asLong();
            assertArrayEquals(NumpyFixtures.longs(c.path("first")), Arrays.copyOfRange(drawn, 0, 10), seed);
            assertArrayEquals(NumpyFixtures.longs(c.path("from_620")), Arrays.copyOfRange(drawn, 620, 630), seed);
            assertArrayEquals(NumpyFixtures.longs(c.path("from_1240")), Arrays.copyOfRange(drawn, 1240, 1250), seed);
        }
        assertEquals(6, NumpyFixtures.ROOT.path("mt").size());
    }

    @Test
    void sixtyFourBitDrawsPutTheFirstOutputHigh() {
        for (JsonNode c : NumpyFixtures.ROOT.path("uint64")) {
            MersenneTwister random = new MersenneTwister(c.path("seed").asLong());
            long[] expected = NumpyFixtures.longs(c.path("values"));
            for (long value : expected) {
                assertEquals(Long.toUnsignedString(value), Long.toUnsignedString(random.nextUint64()), "seed " + c.path("seed"));
            }
        }
    }

    @Test
    void randintMatchesNumpysMaskedBoundedIntegersOnEveryRangeKind() {
        int cases = 0;
        for (JsonNode c : NumpyFixtures.ROOT.path("randint")) {
            MersenneTwister random = new MersenneTwister(c.path("seed").asLong());
            long low = Long.parseLong(c.path("low").asText());
            long high = Long.parseLong(c.path("high").asText());
            long[] drawn = new long[c.path("values").size()];
            for (int i = 0; i < drawn.length; i++) {
                drawn[i] = random.randint(low, high);
            }
            assertArrayEquals(NumpyFixtures.longs(c.path("values")), drawn, "randint(" + low + ", " + high + ") seed "
                    + c.path("seed"));
            cases++;
        }
        assertEquals(21, cases);
    }

    @Test
    void permutationsMatchNumpysShuffleIncludingEmptyAndSingleElement() {
        for (JsonNode c : NumpyFixtures.ROOT.path("permutation")) {
            int[] actual = new MersenneTwister(c.path("seed").asLong()).permutation(c.path("n").asInt());
            assertArrayEquals(NumpyFixtures.ints(c.path("values")), actual, "permutation(" + c.path("n") + ") seed " + c.path("seed"));
        }
    }

    @Test
    void permutingValuesShufflesACopyAndLeavesTheInputAlone() {
        int[] values = {10, 20, 30, 40, 50, 60};
        int[] copy = values.clone();

        int[] permuted = new MersenneTwister(42).permutation(values);
        int[] positions = new MersenneTwister(42).permutation(values.length);

        assertArrayEquals(copy, values);
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[positions[i]], permuted[i]);
        }
    }

    @Test
    void choiceWithoutReplacementMatchesNumpy() {
        for (JsonNode c : NumpyFixtures.ROOT.path("choice")) {
            int[] chosen = new MersenneTwister(c.path("seed").asLong())
                    .choiceWithoutReplacement(NumpyFixtures.ints(c.path("population")), c.path("size").asInt());
            assertArrayEquals(NumpyFixtures.ints(c.path("values")), chosen, c.toString());
        }
    }

    @Test
    void rejectsSeedsOutsideNumpysRangeNamingTheSeed() {
        for (long seed : new long[] {-1, 4_294_967_296L, Long.MIN_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MersenneTwister(seed));
            assertTrue(e.getMessage().startsWith("seed is " + seed) && e.getMessage().contains("0 to 4294967295"), e.getMessage());
        }
        assertEquals(MersenneTwister.MAX_SEED, MersenneTwister.checkSeed(4_294_967_295L));
    }

    @Test
    void rejectsAnEmptyRandintRange() {
        MersenneTwister random = new MersenneTwister(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> random.randint(5, 5));
        assertTrue(e.getMessage().contains("low 5 >= high 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> random.choiceWithoutReplacement(new int[] {1, 2}, 3));
    }
}
