package dev.churnops.core.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.LabeledTable;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scores counted against a model's training score distribution, as both canaries count them. */
class ScoreDistributionTest {

    private static final int ROWS = 500;

    /** A baseline whose training scores spread evenly over [0, 1), from a fixed seed. */
    private static MonitoringBaseline baseline() {
        LabeledTable table = DriftData.baseline(ROWS, 3);
        double[] scores = new double[table.size()];
        Random random = new Random(7);
        for (int i = 0; i < scores.length; i++) {
            scores[i] = random.nextDouble();
        }
        return MonitoringBaseline.of(table, scores);
    }

    @Test
    void scoresDrawnLikeTheTrainingScoresStayWellBelowTheAlarm() {
        ScoreDistribution d = ScoreDistribution.of(Optional.of(baseline())).orElseThrow();
        Random random = new Random(11);
        for (int i = 0; i < 1_000; i++) {
            d.record(random.nextDouble());
        }
        assertEquals(1_000, d.count());
        assertTrue(d.psi() < 0.05, "PSI of like scores: " + d.psi());
    }

    @Test
    void aModelScoringEveryoneHighCrossesTheUsualThreshold() {
        ScoreDistribution d = ScoreDistribution.of(Optional.of(baseline())).orElseThrow();
        for (int i = 0; i < 200; i++) {
            d.record(0.99);
        }
        assertTrue(d.psi() > 0.25, "PSI of all-0.99 scores: " + d.psi());
    }

    @Test
    void countsOutOfRangeScoresInTheEdgeBucketsAndSkipsNaN() {
        ScoreDistribution d = ScoreDistribution.of(Optional.of(baseline())).orElseThrow();
        assertTrue(Double.isNaN(d.psi()), "no score yet, no PSI");
        d.record(-3);
        d.record(7);
        d.record(Double.NaN);
        assertEquals(2, d.count());
        assertTrue(Double.isFinite(d.psi()));
    }

    @Test
    void isAbsentWithoutTrainingScores() {
        assertTrue(ScoreDistribution.of(Optional.empty()).isEmpty());
        assertTrue(ScoreDistribution.of(Optional.of(MonitoringBaseline.of(DriftData.baseline(ROWS, 3)))).isEmpty(),
                "a baseline without scores has nothing to compare");
        double[] same = new double[ROWS];
        java.util.Arrays.fill(same, 0.3);
        assertTrue(ScoreDistribution.of(Optional.of(MonitoringBaseline.of(DriftData.baseline(ROWS, 3), same))).isEmpty(),
                "equal training scores give one bucket");
    }
}
