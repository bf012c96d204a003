package dev.churnops.core.monitoring;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The distances and tests drift is judged with, as pure functions of counts or samples. Histogram
 * inputs are bucket counts of the baseline ({@code expected}) and the current data
 * ({@code actual}) over the same buckets; they are normalised here. Logarithms are natural except in
 * Jensen-Shannon, which uses base 2 so that its distance lies in [0, 1]. Smoothing adds
 * {@code epsilon} to every proportion and renormalises ({@code p' = (p + eps) / (1 + k eps)}), so an
 * empty bucket gives a large but finite term instead of an infinite one.
 */
public final class DriftStatistics {

    private DriftStatistics() {
    }

    /**
     * Population stability index: {@code sum (a - e) ln(a / e)} over smoothed proportions; the
     * symmetric form of Kullback-Leibler divergence (it equals KL(a||e) + KL(e||a)).
     */
    public static double psi(double[] expected, double[] actual, double epsilon) {
        double[][] pq = smoothed(expected, actual, epsilon);
        double sum = 0;
        for (int i = 0; i < pq[0].length; i++) {
            double e = pq[0][i];
            double a = pq[1][i];
            if (a != e) {
                sum += (a - e) * Math.log(a / e);
            }
        }
        return sum;
    }

    /**
     * Kullback-Leibler divergence of the current distribution from the baseline,
     * {@code KL(actual || expected) = sum a ln(a / e)} over smoothed proportions, in nats.
     */
    public static double kullbackLeibler(double[] expected, double[] actual, double epsilon) {
        double[][] pq = smoothed(expected, actual, epsilon);
        double sum = 0;
        for (int i = 0; i < pq[0].length; i++) {
            double a = pq[1][i];
            if (a > 0) {
                sum += a * Math.log(a / pq[0][i]);
            }
        }
        return Math.max(0, sum);
    }

    /**
     * Jensen-Shannon distance: the square root of the Jensen-Shannon divergence with base-2
     * logarithms, in [0, 1] (0 for equal distributions, 1 for disjoint ones). Needs no smoothing,
     * so none is applied.
     */
    public static double jensenShannonDistance(double[] expected, double[] actual) {
        double[] p = proportions(expected, "expected");
        double[] q = proportions(actual, "actual");
        checkSameLength(p, q);
        double divergence = 0;
        for (int i = 0; i < p.length; i++) {
            double m = (p[i] + q[i]) / 2;
            if (p[i] > 0) {
                divergence += 0.5 * p[i] * log2(p[i] / m);
            }
            if (q[i] > 0) {
                divergence += 0.5 * q[i] * log2(q[i] / m);
            }
        }
        return Math.sqrt(Math.min(1, Math.max(0, divergence)));
    }

    /**
     * Wasserstein-1 (earth mover's) distance between two samples with equal weights per value:
     * the integral of |F_a - F_b| over the line, computed exactly from the empirical CDFs (as
     * scipy.stats.wasserstein_distance does). In the samples' units.
     */
    public static double wasserstein(double[] a, double[] b) {
        double[] x = sortedPresent(a, "a");
        double[] y = sortedPresent(b, "b");
        double[] all = new double[x.length + y.length];
        System.arraycopy(x, 0, all, 0, x.length);
        System.arraycopy(y, 0, all, x.length, y.length);
        Arrays.sort(all);
        double sum = 0;
        int i = 0;
        int j = 0;
        for (int k = 0; k < all.length - 1; k++) {
            while (i < x.length && x[i] <= all[k]) {
                i++;
            }
            while (j < y.length && y[j] <= all[k]) {
                j++;
            }
            sum += Math.abs((double) i / x.length - (double) j / y.length) * (all[k + 1] - all[k]);
        }
        return sum;
    }

    /** Two-sample Kolmogorov-Smirnov statistic: the largest gap between the samples' empirical CDFs. */
    public static double ksStatistic(double[] a, double[] b) {
        double[] x = sortedPresent(a, "a");
        double[] y = sortedPresent(b, "b");
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] <= v) {
                i++;
            }
            while (j < y.length && y[j] <= v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }

    /**
     * p-value of a two-sample KS statistic {@code d} from samples of sizes {@code n} and {@code m}:
     * the asymptotic Kolmogorov distribution at {@code (sqrt(ne) + 0.12 + 0.11 / sqrt(ne)) d} with
     * {@code ne = n m / (n + m)} (Stephens' small-sample correction, as in Numerical Recipes); within
     * about 0.01 of the exact p-value for ne of 20 or more.
     */
    public static double ksPValue(double d, long n, long m) {
        if (n <= 0 || m <= 0) {
            throw new IllegalArgumentException("KS sample sizes must be positive, got n=" + n + " and m=" + m + ".");
        }
        double ne = (double) n * m / (n + m);
        double root = Math.sqrt(ne);
        return kolmogorovSurvival((root + 0.12 + 0.11 / root) * d);
    }

    /**
     * Survival function of the Kolmogorov distribution, {@code Q(x) = 2 sum_{k>=1} (-1)^(k-1)
     * exp(-2 k^2 x^2)}; below x = 1.18 the equivalent theta-function series
     * {@code 1 - sqrt(2 pi) / x sum exp(-(2k-1)^2 pi^2 / (8 x^2))}, which converges fast there.
     */
    public static double kolmogorovSurvival(double x) {
        if (x <= 0) {
            return 1;
        }
        if (x < 1.18) {
            double sum = 0;
            double factor = -Math.PI * Math.PI / (8 * x * x);
            for (int k = 1; k <= 20; k++) {
                double odd = 2 * k - 1;
                double term = Math.exp(factor * odd * odd);
                sum += term;
                if (term < 1e-17 * sum) {
                    break;
                }
            }
            return Math.min(1, Math.max(0, 1 - Math.sqrt(2 * Math.PI) / x * sum));
        }
        double sum = 0;
        for (int k = 1; k <= 100; k++) {
            double term = Math.exp(-2.0 * k * k * x * x);
            sum += (k % 2 == 1 ? term : -term);
            if (term < 1e-17) {
                break;
            }
        }
        return Math.min(1, Math.max(0, 2 * sum));
    }

    /** A chi-squared test result: statistic, degrees of freedom and upper-tail p-value. */
    public record ChiSquared(double statistic, int degreesOfFreedom, double pValue) {
    }

    /**
     * Chi-squared test of homogeneity of the 2 x k table whose rows are {@code expected} and
     * {@code actual} counts (no continuity correction). Columns empty in both rows are left out;
     * with fewer than two columns left there is nothing to test (statistic 0, 0 degrees of freedom,
     * p-value 1).
     */
    public static ChiSquared chiSquaredHomogeneity(double[] expected, double[] actual) {
        checkSameLength(expected, actual);
        double rowE = total(expected, "expected");
        double rowA = total(actual, "actual");
        double all = rowE + rowA;
        double statistic = 0;
        int columns = 0;
        for (int i = 0; i < expected.length; i++) {
            double column = expected[i] + actual[i];
            if (column == 0) {
                continue;
            }
            columns++;
            double fitE = rowE * column / all;
            double fitA = rowA * column / all;
            if (fitE > 0) {
                statistic += (expected[i] - fitE) * (expected[i] - fitE) / fitE;
            }
            if (fitA > 0) {
                statistic += (actual[i] - fitA) * (actual[i] - fitA) / fitA;
            }
        }
        if (columns < 2 || rowE == 0 || rowA == 0) {
            return new ChiSquared(0, 0, 1);
        }
        int df = columns - 1;
        return new ChiSquared(statistic, df, chiSquaredSurvival(statistic, df));
    }

    /** Upper tail of the chi-squared distribution: {@code Q(df / 2, x / 2)}, the regularized upper incomplete gamma. */
    public static double chiSquaredSurvival(double x, int degreesOfFreedom) {
        if (degreesOfFreedom <= 0) {
            throw new IllegalArgumentException("Chi-squared degrees of freedom must be positive, got " + degreesOfFreedom + ".");
        }
        return x <= 0 ? 1 : regularizedGammaQ(degreesOfFreedom / 2.0, x / 2);
    }

    /**
     * Regularized lower incomplete gamma {@code P(a, x) = gamma(a, x) / Gamma(a)}: its power series
     * when {@code x < a + 1}, otherwise 1 - Q from the continued fraction (each converges fast in
     * its region; Numerical Recipes' split).
     */
    public static double regularizedGammaP(double a, double x) {
        checkGammaArguments(a, x);
        if (x == 0) {
            return 0;
        }
        return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
    }

    /** Regularized upper incomplete gamma {@code Q(a, x) = 1 - P(a, x)}, computed without cancellation. */
    public static double regularizedGammaQ(double a, double x) {
        checkGammaArguments(a, x);
        if (x == 0) {
            return 1;
        }
        return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
    }

    private static void checkGammaArguments(double a, double x) {
        if (!(a > 0) || !(x >= 0) || Double.isInfinite(a)) {
            throw new IllegalArgumentException("The incomplete gamma function needs a > 0 and x >= 0, got a=" + a
                    + " and x=" + x + ".");
        }
    }

    private static double gammaSeries(double a, double x) {
        double ap = a;
        double term = 1 / a;
        double sum = term;
        for (int n = 0; n < 10_000; n++) {
            ap++;
            term *= x / ap;
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * 1e-16) {
                return sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
            }
        }
        throw new IllegalStateException("The incomplete gamma series did not converge for a=" + a + ", x=" + x + ".");
    }

    private static double gammaContinuedFraction(double a, double x) {
        // Modified Lentz evaluation of the continued fraction for Q(a, x).
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 10_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = b + an / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
            }
        }
        throw new IllegalStateException("The incomplete gamma continued fraction did not converge for a=" + a
                + ", x=" + x + ".");
    }

    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
        9.9843695780195716e-6, 1.5056327351493116e-7};

    /** Natural logarithm of the gamma function for x > 0 (Lanczos, g = 7; about 15 significant digits). */
    public static double lnGamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("lnGamma needs x > 0, got " + x + ".");
        }
        if (x < 0.5) {
            // Reflection keeps the approximation in the region where it is accurate.
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /**
     * Benjamini-Hochberg adjusted p-values (false discovery rate), in the input order:
     * {@code adj(i) = min over ranks j >= rank(i) of m p(j) / j}, capped at 1.
     */
    public static double[] benjaminiHochberg(double[] pValues) {
        int m = pValues.length;
        Integer[] order = order(pValues);
        double[] adjusted = new double[m];
        double running = 1;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, pValues[i] * m / rank);
            adjusted[i] = Math.min(1, running);
        }
        return adjusted;
    }

    /**
     * Holm step-down adjusted p-values (family-wise error), in the input order:
     * {@code adj(i) = max over ranks j <= rank(i) of (m - j + 1) p(j)}, capped at 1.
     */
    public static double[] holm(double[] pValues) {
        int m = pValues.length;
        Integer[] order = order(pValues);
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 1; rank <= m; rank++) {
            int i = order[rank - 1];
            running = Math.max(running, Math.min(1, pValues[i] * (m - rank + 1)));
            adjusted[i] = running;
        }
        return adjusted;
    }

    private static Integer[] order(double[] pValues) {
        for (double p : pValues) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("p-values must lie in [0, 1], got " + p + ".");
            }
        }
        // Ties keep their input order, so the adjustment is deterministic.
        return IntStream.range(0, pValues.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> pValues[i]).thenComparingInt(i -> i))
                .toArray(Integer[]::new);
    }

    private static double[][] smoothed(double[] expected, double[] actual, double epsilon) {
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("The smoothing epsilon must be >= 0, got " + epsilon + ".");
        }
        double[] p = proportions(expected, "expected");
        double[] q = proportions(actual, "actual");
        checkSameLength(p, q);
        double norm = 1 + p.length * epsilon;
        for (int i = 0; i < p.length; i++) {
            p[i] = (p[i] + epsilon) / norm;
            q[i] = (q[i] + epsilon) / norm;
        }
        return new double[][] {p, q};
    }

    private static double[] proportions(double[] counts, String what) {
        double total = total(counts, what);
        if (total == 0) {
            throw new IllegalArgumentException("The " + what + " counts are all zero: a distribution needs at least one value.");
        }
        double[] p = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            p[i] = counts[i] / total;
        }
        return p;
    }

    private static double total(double[] counts, String what) {
        double total = 0;
        for (double c : counts) {
            if (!(c >= 0) || Double.isInfinite(c)) {
                throw new IllegalArgumentException("The " + what + " counts must be finite and >= 0, got " + c + ".");
            }
            total += c;
        }
        return total;
    }

    private static void checkSameLength(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Both distributions need the same buckets, got " + a.length + " and "
                    + b.length + " buckets.");
        }
    }

    private static double[] sortedPresent(double[] values, String what) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (present.length == 0) {
            throw new IllegalArgumentException("Sample " + what + " has no values (empty or all NaN).");
        }
        return present;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
