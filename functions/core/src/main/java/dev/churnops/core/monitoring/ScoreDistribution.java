package dev.churnops.core.monitoring;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A model's scores while it serves, counted in the buckets of its own training score distribution
 * (the {@value MonitoringBaseline#SCORE_FEATURE} feature of its monitoring baseline), so the
 * population stability index of what it scores now against what it scored at training time is a
 * sum over a handful of buckets. Counting is a binary search over at most ten bounds and one array
 * increment, with atomics and no lock, so many request threads may record at once; a score above
 * the last bound counts in the last bucket and one below the first in the first, as the drift
 * detector counts them. One implementation serves both canaries: {@code churnops serve}'s, which
 * rolls back in-process, and the scoring function's, which publishes the PSI for the CodeDeploy
 * alarm.
 */
public final class ScoreDistribution {

    private final double[] upperBounds;
    private final double[] expected;
    private final AtomicLongArray counts;

    private ScoreDistribution(double[] upperBounds, double[] expected) {
        this.upperBounds = upperBounds;
        this.expected = expected;
        this.counts = new AtomicLongArray(upperBounds.length);
    }

    /**
     * The distribution to count against, from {@code baseline}'s score buckets; empty when the
     * baseline has no scores (an artifact trained before they were kept) or fewer than two buckets
     * (every training score equal, where PSI has nothing to compare).
     */
    public static Optional<ScoreDistribution> of(Optional<MonitoringBaseline> baseline) {
        Optional<List<BaselineStatistics.KllBucket>> buckets = baseline
                .flatMap(b -> b.statistics().feature(MonitoringBaseline.SCORE_FEATURE))
                .map(BaselineStatistics.Feature::numericalStatistics)
                .map(BaselineStatistics.NumericalStatistics::distribution)
                .map(d -> d.kll().buckets());
        if (buckets.isEmpty() || buckets.get().size() < 2) {
            return Optional.empty();
        }
        List<BaselineStatistics.KllBucket> list = buckets.get();
        double[] upper = new double[list.size()];
        double[] expected = new double[list.size()];
        for (int i = 0; i < upper.length; i++) {
            upper[i] = list.get(i).upperBound();
            expected[i] = list.get(i).count();
        }
        return Optional.of(new ScoreDistribution(upper, expected));
    }

    /** Counts one score; NaN, which no model should answer, is not counted rather than skewing a bucket. */
    public void record(double score) {
        if (Double.isNaN(score)) {
            return;
        }
        int i = Arrays.binarySearch(upperBounds, score);
        counts.incrementAndGet(i >= 0 ? i : Math.min(-i - 1, upperBounds.length - 1));
    }

    /** Scores counted so far. */
    public long count() {
        long n = 0;
        for (int i = 0; i < counts.length(); i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** PSI of the scores counted so far against the training distribution, smoothed as drift is; NaN before any score. */
    public double psi() {
        double[] actual = new double[counts.length()];
        double n = 0;
        for (int i = 0; i < actual.length; i++) {
            actual[i] = counts.get(i);
            n += actual[i];
        }
        return n == 0 ? Double.NaN : DriftStatistics.psi(expected, actual, DriftConfig.DEFAULT_SMOOTHING_EPSILON);
    }
}
