package dev.churnops.core.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Proposes the values of one algorithm's search dimensions: uniformly at random, or by a
 * tree-structured Parzen estimator (TPE) from the candidates scored so far.
 *
 * <p>TPE, as used here: the scored candidates are ranked by score and cut into the better
 * quarter ("good", at least one) and the rest ("bad"). For each dimension, each group gives a
 * density over the dimension's unit interval (the log of the value for {@code log_real}): a
 * mixture, with equal weights, of the uniform prior and a normal kernel at each of the group's
 * values, truncated to the interval, each kernel's width the larger gap to its neighbouring values
 * (the interval's ends included), at least 1/(n + 1). A choice dimension's density is each value's
 * count in the group plus one, normalised. {@value #PROPOSALS} candidates are drawn from the good
 * densities, dimension by dimension, and the one with the highest sum over dimensions of
 * log good density − log bad density is proposed: the point most typical of good candidates and
 * least typical of bad ones.
 *
 * <p>Determinism: every draw comes from the {@link SplittableRandom} handed in, in a fixed order;
 * exp, log and sqrt come from {@link StrictMath}; ties go to the first. Real values are rounded to
 * {@value #SIGNIFICANT_DIGITS} significant digits, so a proposal is exactly the string that is
 * recorded and reread.
 */
final class TreeParzenSampler {

    /** Candidates drawn from the good densities per proposal. */
    static final int PROPOSALS = 24;

    /** Share of the scored candidates that form the good group. */
    static final double GOOD_SHARE = 0.25;

    static final int SIGNIFICANT_DIGITS = 4;

    /** A scored candidate: its values by hyperparameter key, and its score (higher is better). */
    record Scored(Map<String, String> values, double score) {
    }

    private final List<SearchSpace.Dimension> dimensions;

    TreeParzenSampler(List<SearchSpace.Dimension> dimensions) {
        this.dimensions = List.copyOf(dimensions);
    }

    /** One point drawn uniformly (uniform in the log for log_real, each value equally likely for int and choice). */
    Map<String, String> uniform(SplittableRandom random) {
        Map<String, String> values = new LinkedHashMap<>();
        for (SearchSpace.Dimension d : dimensions) {
            values.put(d.key(), d.type().equals(SearchSpace.CHOICE)
                    ? d.values().get(random.nextInt(d.values().size()))
                    : value(d, random.nextDouble()));
        }
        return values;
    }

    /**
     * The TPE proposal from {@code scored} (in the order they were scored), skipping points in
     * {@code seen}; null when every drawn point has been seen already.
     */
    Map<String, String> propose(List<Scored> scored, java.util.Set<Map<String, String>> seen, SplittableRandom random) {
        List<Scored> ranked = new ArrayList<>(scored);
        // Stable sort: equal scores keep their scoring order, so the earlier candidate ranks first.
        ranked.sort(Comparator.comparingDouble(Scored::score).reversed());
        int nGood = Math.max(1, (int) Math.ceil(GOOD_SHARE * ranked.size()));
        List<Scored> good = ranked.subList(0, nGood);
        List<Scored> bad = ranked.subList(nGood, ranked.size());

        List<Density> goodDensity = new ArrayList<>();
        List<Density> badDensity = new ArrayList<>();
        for (SearchSpace.Dimension d : dimensions) {
            goodDensity.add(density(d, good));
            badDensity.add(density(d, bad));
        }
        Map<String, String> best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < PROPOSALS; c++) {
            Map<String, String> values = new LinkedHashMap<>();
            double score = 0;
            for (int i = 0; i < dimensions.size(); i++) {
                SearchSpace.Dimension d = dimensions.get(i);
                String v = goodDensity.get(i).sample(d, random);
                values.put(d.key(), v);
                double u = d.type().equals(SearchSpace.CHOICE) ? Double.NaN : unit(d, v);
                score += StrictMath.log(goodDensity.get(i).at(d, v, u)) - StrictMath.log(badDensity.get(i).at(d, v, u));
            }
            if (!seen.contains(values) && score > bestScore) {
                best = values;
                bestScore = score;
            }
        }
        return best;
    }

    /** A group's density over one dimension. */
    private interface Density {
        String sample(SearchSpace.Dimension d, SplittableRandom random);

        double at(SearchSpace.Dimension d, String value, double unit);
    }

    private static Density density(SearchSpace.Dimension d, List<Scored> group) {
        if (d.type().equals(SearchSpace.CHOICE)) {
            double[] weight = new double[d.values().size()];
            java.util.Arrays.fill(weight, 1.0);
            double total = weight.length;
            for (Scored s : group) {
                int index = d.values().indexOf(s.values().get(d.key()));
                if (index >= 0) {
                    weight[index]++;
                    total++;
                }
            }
            double sum = total;
            return new Density() {
                @Override
                public String sample(SearchSpace.Dimension dim, SplittableRandom random) {
                    double r = random.nextDouble() * sum;
                    for (int i = 0; i < weight.length; i++) {
                        r -= weight[i];
                        if (r < 0) {
                            return dim.values().get(i);
                        }
                    }
                    return dim.values().get(weight.length - 1);
                }

                @Override
                public double at(SearchSpace.Dimension dim, String value, double unit) {
                    int index = dim.values().indexOf(value);
                    return index < 0 ? 1.0 / sum : weight[index] / sum;
                }
            };
        }
        double[] mu = new double[group.size()];
        for (int i = 0; i < mu.length; i++) {
            String v = group.get(i).values().get(d.key());
            mu[i] = v == null ? 0.5 : clamp(unit(d, v));
        }
        java.util.Arrays.sort(mu);
        double minSigma = 1.0 / (mu.length + 1);
        double[] sigma = new double[mu.length];
        double[] mass = new double[mu.length];
        for (int i = 0; i < mu.length; i++) {
            double left = mu[i] - (i == 0 ? 0.0 : mu[i - 1]);
            double right = (i == mu.length - 1 ? 1.0 : mu[i + 1]) - mu[i];
            sigma[i] = Math.min(1.0, Math.max(minSigma, Math.max(left, right)));
            mass[i] = Math.max(1e-12, normalCdf((1.0 - mu[i]) / sigma[i]) - normalCdf(-mu[i] / sigma[i]));
        }
        return new Density() {
            @Override
            public String sample(SearchSpace.Dimension dim, SplittableRandom random) {
                int component = random.nextInt(mu.length + 1);
                double u;
                if (component == mu.length) {
                    u = random.nextDouble();
                } else {
                    u = Double.NaN;
                    for (int attempt = 0; attempt < 64 && !(u >= 0 && u < 1); attempt++) {
                        u = mu[component] + sigma[component] * gaussian(random);
                    }
                    u = clamp(u);
                }
                return value(dim, u);
            }

            @Override
            public double at(SearchSpace.Dimension dim, String value, double unit) {
                double u = clamp(unit);
                double sum = 1.0;
                for (int i = 0; i < mu.length; i++) {
                    double z = (u - mu[i]) / sigma[i];
                    sum += StrictMath.exp(-0.5 * z * z) / (sigma[i] * StrictMath.sqrt(2 * StrictMath.PI)) / mass[i];
                }
                return sum / (mu.length + 1);
            }
        };
    }

    /** A standard normal draw (Box–Muller with StrictMath, so the same on every platform). */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    /** Standard normal CDF via an erf approximation (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
    static double normalCdf(double z) {
        double x = Math.abs(z) / StrictMath.sqrt(2.0);
        double t = 1.0 / (1.0 + 0.3275911 * x);
        double erf = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                + 0.254829592) * t * StrictMath.exp(-x * x);
        return z >= 0 ? 0.5 * (1.0 + erf) : 0.5 * (1.0 - erf);
    }

    private static double clamp(double u) {
        return Math.min(Math.max(u, 0.0), Math.nextDown(1.0));
    }

    /** Where {@code value} sits in the dimension's unit interval (int values at the middle of their bin). */
    static double unit(SearchSpace.Dimension d, String value) {
        double x = Double.parseDouble(value);
        return switch (d.type()) {
            case SearchSpace.INT -> (x - d.low() + 0.5) / (d.high() - d.low() + 1);
            case SearchSpace.REAL -> d.high() == d.low() ? 0.5 : (x - d.low()) / (d.high() - d.low());
            case SearchSpace.LOG_REAL -> d.high() == d.low() ? 0.5
                    : (StrictMath.log(x) - StrictMath.log(d.low())) / (StrictMath.log(d.high()) - StrictMath.log(d.low()));
            default -> throw new IllegalArgumentException("a choice dimension has no unit interval");
        };
    }

    /** The value at {@code u} in [0, 1) of a numeric dimension, as the string the hyperparameter takes. */
    static String value(SearchSpace.Dimension d, double u) {
        switch (d.type()) {
            case SearchSpace.INT -> {
                long width = (long) (d.high() - d.low()) + 1;
                long x = (long) d.low() + Math.min(width - 1, (long) Math.floor(u * width));
                return Long.toString(x);
            }
            case SearchSpace.REAL -> {
                return rounded(d, d.low() + u * (d.high() - d.low()));
            }
            case SearchSpace.LOG_REAL -> {
                double log = StrictMath.log(d.low()) + u * (StrictMath.log(d.high()) - StrictMath.log(d.low()));
                return rounded(d, StrictMath.exp(log));
            }
            default -> throw new IllegalArgumentException("a choice dimension has no unit interval");
        }
    }

    /** {@code x} to {@value #SIGNIFICANT_DIGITS} significant digits, kept within the dimension's bounds. */
    private static String rounded(SearchSpace.Dimension d, double x) {
        BigDecimal r = new BigDecimal(x).round(new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN));
        if (r.doubleValue() < d.low()) {
            r = BigDecimal.valueOf(d.low());
        } else if (r.doubleValue() > d.high()) {
            r = BigDecimal.valueOf(d.high());
        }
        String s = r.stripTrailingZeros().toPlainString();
        return s;
    }
}
