package dev.churnops.core.monitoring;

import java.util.SplittableRandom;

/**
 * Seeded synthetic data for the drift goals, built in memory (no CSV): 20 features of the kinds a
 * churn table holds — normal numbers, skewed numbers (log-normal, exponential, gamma, Pareto),
 * integer counts (Poisson, uniform months, binomial), a uniform and a bimodal number, and
 * categories with 2 to 6 levels (one with rare levels) — several with missing values. Each
 * feature draws from its own generator (seed and feature index), so shifting one feature leaves
 * the others' values unchanged.
 */
final class DriftScenario {

    static final int FEATURES = 20;
    static final String[] NAMES = {"normal_a", "normal_b", "normal_c", "normal_d", "lognormal", "exponential",
        "gamma", "pareto", "poisson_small", "poisson_large", "months", "binomial", "cat2", "cat3", "cat4", "cat5",
        "cat6", "cat6_rare", "uniform", "bimodal"};
    /** Level shares of the categorical features cat2..cat6_rare. */
    static final double[][] SHARES = {{0.7, 0.3}, {0.45, 0.30, 0.25}, {0.4, 0.3, 0.2, 0.1},
        {0.3, 0.25, 0.2, 0.15, 0.1}, {0.35, 0.2, 0.15, 0.12, 0.1, 0.08}, {0.5, 0.3, 0.1, 0.05, 0.03, 0.02}};
    /** Standard deviation of each numeric feature's distribution (for shifts in sd units); 0 for categories. */
    static final double[] SD = {10, 1, 250, 2, Math.sqrt((Math.E - 1) * Math.E), 30, 10 * Math.sqrt(2),
        Math.sqrt(0.75), Math.sqrt(2), 5, Math.sqrt((73 * 73 - 1) / 12.0), Math.sqrt(5 * 0.3 * 0.7),
        0, 0, 0, 0, 0, 0, Math.sqrt(1 / 12.0), Math.sqrt(5)};
    private static final double[] MISSING = {0, 0.05, 0, 0, 0, 0.03, 0, 0, 0, 0, 0.05, 0, 0, 0.04, 0, 0, 0, 0.02, 0, 0};

    private DriftScenario() {
    }

    /** True for the categorical features. */
    static boolean categorical(int feature) {
        return feature >= 12 && feature <= 17;
    }

    /** No drift. */
    static FeatureColumns columns(int rows, long seed) {
        return columns(rows, seed, -1, 0, null);
    }

    /**
     * {@code rows} rows; feature {@code shifted} (when not -1) moved by {@code shiftInSd} of its
     * standard deviation if numeric, or drawn with {@code shares} if categorical.
     */
    static FeatureColumns columns(int rows, long seed, int shifted, double shiftInSd, double[] shares) {
        FeatureColumns.Builder builder = FeatureColumns.builder(rows);
        for (int f = 0; f < FEATURES; f++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000 + f);
            if (categorical(f)) {
                double[] p = f == shifted && shares != null ? shares : SHARES[f - 12];
                String[] values = new String[rows];
                for (int r = 0; r < rows; r++) {
                    values[r] = random.nextDouble() < MISSING[f] ? null : level(p, random.nextDouble());
                }
                builder.categorical(NAMES[f], values);
            } else {
                double shift = f == shifted ? shiftInSd * SD[f] : 0;
                double[] values = new double[rows];
                for (int r = 0; r < rows; r++) {
                    values[r] = random.nextDouble() < MISSING[f] ? Double.NaN : draw(f, random) + shift;
                }
                builder.numeric(NAMES[f], values);
            }
        }
        return builder.build();
    }

    private static String level(double[] shares, double u) {
        double cumulative = 0;
        for (int i = 0; i < shares.length - 1; i++) {
            cumulative += shares[i];
            if (u < cumulative) {
                return "level_" + i;
            }
        }
        return "level_" + (shares.length - 1);
    }

    private static double draw(int feature, SplittableRandom random) {
        return switch (feature) {
            case 0 -> 50 + 10 * random.nextGaussian();
            case 1 -> random.nextGaussian();
            case 2 -> 1000 + 250 * random.nextGaussian();
            case 3 -> -5 + 2 * random.nextGaussian();
            case 4 -> Math.exp(random.nextGaussian());
            case 5 -> -30 * Math.log(1 - random.nextDouble());
            case 6 -> -10 * Math.log(1 - random.nextDouble()) - 10 * Math.log(1 - random.nextDouble());
            case 7 -> Math.pow(1 - random.nextDouble(), -1 / 3.0);
            case 8 -> poisson(2, random);
            case 9 -> poisson(25, random);
            case 10 -> random.nextInt(73);
            case 11 -> binomial(5, 0.3, random);
            case 18 -> random.nextDouble();
            case 19 -> (random.nextBoolean() ? -2 : 2) + random.nextGaussian();
            default -> throw new IllegalArgumentException("feature " + feature + " is not numeric");
        };
    }

    private static double poisson(double mean, SplittableRandom random) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    private static double binomial(int n, double p, SplittableRandom random) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            k += random.nextDouble() < p ? 1 : 0;
        }
        return k;
    }
}
