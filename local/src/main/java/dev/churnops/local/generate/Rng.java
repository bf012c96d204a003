package dev.churnops.local.generate;

/**
 * SplitMix64: a tiny, fast random stream whose whole state is one {@code long}. The generator
 * seeds one per (day, shard) from the run's seed, so what a day produces never depends on how many
 * threads ran it, and a scenario starting on a date leaves every earlier day's bytes unchanged.
 */
final class Rng {

    private static final double[] LOG_NORMAL = logNormalTable();

    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    /** A stream for one part of one day: the seed, the day and the part mixed so streams do not overlap. */
    static Rng of(long seed, long day, int part) {
        return new Rng(mix(mix(seed ^ 0x5DEECE66DL) + day * 0x9E3779B97F4A7C15L + part * 0xC2B2AE3D27D4EB4FL));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), for bound below 2^31. */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 33) * bound) >>> 31);
    }

    boolean chance(double p) {
        return nextDouble() < p;
    }

    /** Poisson-distributed count: Knuth's product of uniforms, fine for the small means a customer-day has. */
    int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * gaussian()));
        }
        double limit = Math.exp(-mean);
        int k = 0;
        double p = nextDouble();
        while (p > limit) {
            k++;
            p *= nextDouble();
        }
        return k;
    }

    /** Failures before a success, with the given mean. */
    int geometric(double mean) {
        if (mean <= 0) {
            return 0;
        }
        double u = 1.0 - nextDouble();
        return (int) (Math.log(u) / Math.log(mean / (1.0 + mean)));
    }

    /** Standard normal (Box-Muller, one of the pair). */
    double gaussian() {
        double u = 1.0 - nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * nextDouble());
    }

    /** exp(sigma * Z) for a standard normal Z, from a fixed table: prices need it per order line, cheaply. */
    double logNormal(double sigma) {
        return Math.pow(LOG_NORMAL[nextInt(LOG_NORMAL.length)], sigma);
    }

    /** Index drawn from cumulative weights (last entry 1). */
    int pick(double[] cumulative) {
        double u = nextDouble();
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    static double[] cumulative(double... weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] c = new double[weights.length];
        double run = 0;
        for (int i = 0; i < weights.length; i++) {
            run += weights[i];
            c[i] = run / total;
        }
        c[c.length - 1] = 1.0;
        return c;
    }

    /** e^Z at 4096 evenly spaced quantiles of Z (midpoints), through an inverse-normal approximation. */
    private static double[] logNormalTable() {
        double[] t = new double[4096];
        for (int i = 0; i < t.length; i++) {
            t[i] = Math.exp(inverseNormal((i + 0.5) / t.length));
        }
        return t;
    }

    /** Acklam's rational approximation of the standard normal quantile (relative error below 1.2e-9). */
    static double inverseNormal(double p) {
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
