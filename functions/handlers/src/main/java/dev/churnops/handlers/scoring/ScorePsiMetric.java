package dev.churnops.handlers.scoring;

import com.amazonaws.services.lambda.runtime.Context;
import dev.churnops.core.monitoring.ScoreDistribution;
import dev.churnops.core.port.Metrics;
import dev.churnops.core.scoring.CustomerScore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scoring function instance's running score distribution of the model version it serves,
 * against that version's training score distribution, published as the metric
 * {@value #METRIC} (unit None) with the dimensions {@value #MODEL_DIMENSION} (the model's name) and
 * {@value #VERSION_DIMENSION} (the Lambda function version that is executing, from the invocation
 * context). CodeDeploy's canary shifts traffic between function versions of the alias, and the
 * stack's score-PSI alarm watches the metric of the version being deployed, so a new version
 * whose model scores unlike its training scores rolls back on its own figures, not on the mix.
 *
 * <p>Off the hot path: a request only counts its scores (one binary search and one atomic
 * increment each) and then compares the clock with the next publication time. The PSI is
 * published at most once per {@code interval} per instance, and only once {@code minScores} have
 * been counted, because the PSI of a few scores is noise. Nothing about a customer leaves: the
 * metric holds one number per instance and interval. Requests without a function version (the
 * local server, SnapStart priming) publish nothing.
 */
final class ScorePsiMetric {

    static final String METRIC = "ScorePsi";
    static final String MODEL_DIMENSION = "Model";
    static final String VERSION_DIMENSION = "FunctionVersion";
    /** As many scores as {@code churnops serve}'s canary waits for by default before judging the distribution. */
    static final long DEFAULT_MIN_SCORES = 200;
    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    private final Metrics metrics;
    private final Clock clock;
    private final String modelName;
    private final int modelVersion;
    private final ScoreDistribution distribution;
    private final long minScores;
    private final long intervalMillis;
    /** The earliest time in epoch milliseconds at which the next PSI may be published. */
    private final AtomicLong nextPublication = new AtomicLong(Long.MIN_VALUE);

    /**
     * @param distribution the training score distribution of model {@code modelName} version
     *     {@code modelVersion}; scores of any other version are not counted
     * @param minScores scores counted before the first publication, at least 1
     * @param interval least time between two publications of one instance, at least one second
     */
    ScorePsiMetric(Metrics metrics, Clock clock, String modelName, int modelVersion, ScoreDistribution distribution,
                   long minScores, Duration interval) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.modelVersion = modelVersion;
        this.distribution = Objects.requireNonNull(distribution, "distribution");
        if (minScores < 1) {
            throw new IllegalArgumentException("ScorePsiMetric.minScores is " + minScores
                    + ": expected at least 1 score before the PSI is published.");
        }
        if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("ScorePsiMetric.interval is " + interval
                    + ": expected at least one second between publications, so no request publishes its own.");
        }
        this.minScores = minScores;
        this.intervalMillis = interval.toMillis();
    }

    /** Counts the scores of one answered request and publishes the PSI when it is due. */
    void scored(List<CustomerScore> scores, Context context) {
        for (CustomerScore s : scores) {
            if (s.modelVersion() == modelVersion) {
                distribution.record(s.probability());
            }
        }
        publishIfDue(context);
    }

    void scored(CustomerScore score, Context context) {
        scored(List.of(score), context);
    }

    private void publishIfDue(Context context) {
        String version = context == null ? null : context.getFunctionVersion();
        if (version == null || version.isBlank() || distribution.count() < minScores) {
            return;
        }
        long now = clock.millis();
        long due = nextPublication.get();
        // One thread of many wins the publication; the others go on without waiting.
        if (now < due || !nextPublication.compareAndSet(due, now + intervalMillis)) {
            return;
        }
        metrics.put(METRIC, distribution.psi(), "None", Map.of(MODEL_DIMENSION, modelName, VERSION_DIMENSION, version));
    }
}
