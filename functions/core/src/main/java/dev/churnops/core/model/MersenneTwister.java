package dev.churnops.core.model;

/**
 * The MT19937 Mersenne Twister as numpy's legacy {@code RandomState(seed)} runs it, bit for bit,
 * so that splits and folds drawn here select the same rows as scikit-learn's with the same
 * integer {@code random_state}. Only what those draws need is here: the 32-bit seeding
 * ({@code init_genrand}, numpy's {@code mt19937_seed}), 32- and 64-bit outputs, the masked
 * rejection sampling of {@code random_interval} that {@code shuffle} and {@code permutation} use,
 * {@code randint} (numpy's legacy bounded integers, masked rather than Lemire's method), and
 * {@code choice} without replacement.
 *
 * <p>Not thread-safe: one instance belongs to one sequence of draws.
 */
public final class MersenneTwister {

    /** The largest seed numpy's {@code RandomState} accepts: 2^32 − 1. */
    public static final long MAX_SEED = 0xFFFF_FFFFL;

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908_b0df;
    private static final int UPPER_MASK = 0x8000_0000;
    private static final int LOWER_MASK = 0x7fff_ffff;

    private final int[] key = new int[N];
    private int pos;

    /**
     * A generator seeded as {@code numpy.random.RandomState(seed)} seeds it.
     *
     * @throws IllegalArgumentException if {@code seed} is outside 0 to 4294967295
     */
    public MersenneTwister(long seed) {
        int s = (int) checkSeed(seed);
        for (int i = 0; i < N; i++) {
            key[i] = s;
            // Knuth's multiplier, as in the reference init_genrand; int arithmetic wraps at 2^32 as uint32_t does.
            s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
        }
        pos = N;
    }

    /**
     * {@code seed} when numpy's {@code RandomState} would accept it.
     *
     * @throws IllegalArgumentException naming {@code seed} when it is outside 0 to 4294967295
     */
    public static long checkSeed(long seed) {
        if (seed < 0 || seed > MAX_SEED) {
            throw new IllegalArgumentException("seed is " + seed + ": expected a whole number from 0 to " + MAX_SEED
                    + " (2^32 - 1, the seeds numpy's RandomState and scikit-learn's random_state accept)");
        }
        return seed;
    }

    /** The next 32 bits, as an unsigned value from 0 to 2^32 − 1. */
    public long nextUint32() {
        return next() & 0xFFFF_FFFFL;
    }

    /** The next 64 bits (two 32-bit outputs, the first in the high half), as a signed long's bit pattern. */
    public long nextUint64() {
        long high = nextUint32();
        return high << 32 | nextUint32();
    }

    private int next() {
        if (pos == N) {
            generate();
        }
        int y = key[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >>> 18;
        return y;
    }

    private void generate() {
        int i = 0;
        for (; i < N - M; i++) {
            int y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
            key[i] = key[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        for (; i < N - 1; i++) {
            int y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
            key[i] = key[i + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        int y = (key[N - 1] & UPPER_MASK) | (key[0] & LOWER_MASK);
        key[N - 1] = key[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        pos = 0;
    }

    /**
     * A uniform whole number from 0 to {@code max} inclusive, by numpy's {@code random_interval}:
     * draws masked to the smallest all-ones mask covering {@code max}, rejected while above it;
     * 32-bit draws while {@code max} fits in 32 bits, 64-bit draws beyond. Draws nothing for 0.
     *
     * @throws IllegalArgumentException if {@code max} is negative
     */
    public long interval(long max) {
        if (max < 0) {
            throw new IllegalArgumentException("interval max is " + max + ": expected 0 or more");
        }
        return masked(max);
    }

    /** The smallest 2^k − 1 at or above {@code rng}, taken as unsigned. */
    private static long mask(long rng) {
        long mask = rng;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        mask |= mask >>> 32;
        return mask;
    }

    /**
     * Shuffles {@code values} in place as numpy's legacy {@code RandomState.shuffle} shuffles a
     * one-dimensional array: for i from n − 1 down to 1, swap element i with element
     * {@code interval(i)}.
     */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = (int) interval(i);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** {@code RandomState.permutation(n)}: 0 to n − 1, shuffled. */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation of " + n + " elements: expected 0 or more");
        }
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        shuffle(values);
        return values;
    }

    /** {@code RandomState.permutation(values)}: a shuffled copy; {@code values} is left as it was. */
    public int[] permutation(int[] values) {
        int[] copy = values.clone();
        shuffle(copy);
        return copy;
    }

    /**
     * {@code RandomState.choice(population, size, replace=False)} without probabilities: the first
     * {@code size} entries of a permutation of the population's positions, mapped to its values.
     * The whole population is permuted whatever {@code size} is, as numpy does, so the draws
     * consumed do not depend on it.
     *
     * @throws IllegalArgumentException if {@code size} is negative or above the population's size
     */
    public int[] choiceWithoutReplacement(int[] population, int size) {
        if (size < 0 || size > population.length) {
            throw new IllegalArgumentException("choice of " + size + " from " + population.length
                    + " without replacement: expected a size from 0 to " + population.length);
        }
        int[] order = permutation(population.length);
        int[] chosen = new int[size];
        for (int i = 0; i < size; i++) {
            chosen[i] = population[order[i]];
        }
        return chosen;
    }

    /**
     * {@code RandomState.randint(low, high)} for the default 64-bit integer type: a uniform whole
     * number from {@code low} inclusive to {@code high} exclusive, by numpy's legacy masked
     * rejection (32-bit draws while the range fits in 32 bits, 64-bit draws beyond); draws nothing
     * when the range holds one value.
     *
     * @throws IllegalArgumentException if {@code low >= high}
     */
    public long randint(long low, long high) {
        if (low >= high) {
            throw new IllegalArgumentException("randint low " + low + " >= high " + high + ": expected low < high");
        }
        // The inclusive range high - 1 - low, read as unsigned: it fits in 64 bits for any low < high.
        return low + masked(high - 1 - low);
    }

    /**
     * A uniform whole number from 0 to {@code range} inclusive, {@code range} read as unsigned:
     * draws masked to the smallest all-ones mask covering it, rejected while above it; 32-bit draws
     * while it fits in 32 bits, 64-bit draws beyond; nothing drawn for 0.
     */
    private long masked(long range) {
        if (range == 0) {
            return 0;
        }
        long mask = mask(range);
        long value;
        if (Long.compareUnsigned(range, MAX_SEED) <= 0) {
            do {
                value = nextUint32() & mask;
            } while (value > range);
        } else {
            do {
                value = nextUint64() & mask;
            } while (Long.compareUnsigned(value, range) > 0);
        }
        return value;
    }
}
