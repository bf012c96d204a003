package dev.churnops.core.monitoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The distances and tests against values worked out by hand or published. Reference numbers marked
 * "scipy" were computed with scipy 1.17.1 (scipy.stats / scipy.special / scipy.spatial.distance,
 * function named next to each); chi-squared critical values are the usual table values.
 */
class DriftStatisticsTest {

    // Baseline (0.5, 0.5), current (0.9, 0.1), as counts.
    private static final double[] EVEN = {50, 50};
    private static final double[] SKEWED = {90, 10};

    @Test
    void psiMatchesTheHandComputedValue() {
        // (0.9-0.5) ln(0.9/0.5) + (0.1-0.5) ln(0.1/0.5) = 0.4 * 0.587787 + 0.4 * 1.609438 = 0.878890
        assertEquals(0.8788898309344878, DriftStatistics.psi(EVEN, SKEWED, 0), 1e-12);
    }

    @Test
    void psiIsTheSumOfBothKullbackLeiblerDirections() {
        double both = DriftStatistics.kullbackLeibler(EVEN, SKEWED, 0) + DriftStatistics.kullbackLeibler(SKEWED, EVEN, 0);
        assertEquals(DriftStatistics.psi(EVEN, SKEWED, 0), both, 1e-12);
    }

    @Test
    void klIsOfTheCurrentDistributionFromTheBaseline() {
        // 0.9 ln 1.8 + 0.1 ln 0.2 = 0.529008 - 0.160944; scipy.stats.entropy([0.9, 0.1], [0.5, 0.5]) = 0.3680642071684971
        assertEquals(0.3680642071684971, DriftStatistics.kullbackLeibler(EVEN, SKEWED, 0), 1e-12);
    }

    @Test
    void smoothingKeepsAnEmptiedBucketFinite() {
        double[] emptied = {100, 0};
        // p' = (p + eps) / (1 + 2 eps): baseline (0.5, 0.5), current (1.0001, 0.0001) / 1.0002.
        double eps = 1e-4;
        double a0 = 1.0001 / 1.0002;
        double a1 = 0.0001 / 1.0002;
        double e = 0.5001 / 1.0002;
        double expected = (a0 - e) * Math.log(a0 / e) + (a1 - e) * Math.log(a1 / e);
        assertEquals(expected, DriftStatistics.psi(EVEN, emptied, eps), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, DriftStatistics.psi(EVEN, emptied, 0));
    }

    @Test
    void jensenShannonDistanceUsesBaseTwoAndLiesBetweenZeroAndOne() {
        // scipy.spatial.distance.jensenshannon([0.5, 0.5], [0.9, 0.1], base=2) = 0.3831358798599423
        assertEquals(0.3831358798599423, DriftStatistics.jensenShannonDistance(EVEN, SKEWED), 1e-12);
        // scipy.spatial.distance.jensenshannon([1, 2, 1], [1, 1, 2], base=2) = 0.24754418688212584
        assertEquals(0.24754418688212584, DriftStatistics.jensenShannonDistance(new double[] {1, 2, 1},
                new double[] {1, 1, 2}), 1e-12);
        assertEquals(0.0, DriftStatistics.jensenShannonDistance(EVEN, EVEN), 1e-12);
        assertEquals(1.0, DriftStatistics.jensenShannonDistance(new double[] {5, 0}, new double[] {0, 7}), 1e-12);
    }

    @Test
    void wassersteinMatchesScipy() {
        // scipy.stats.wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5.0 (the example in scipy's docs)
        assertEquals(5.0, DriftStatistics.wasserstein(new double[] {0, 1, 3}, new double[] {5, 6, 8}), 1e-12);
        // scipy.stats.wasserstein_distance([3.4, 3.9, 7.5, 7.8], [4.5, 1.4]) = 2.7
        assertEquals(2.7, DriftStatistics.wasserstein(new double[] {3.4, 3.9, 7.5, 7.8}, new double[] {4.5, 1.4}), 1e-12);
        // Equal-size samples: the mean absolute difference of the sorted values.
        assertEquals(1.0, DriftStatistics.wasserstein(new double[] {1, 2, 3}, new double[] {2, 3, 4}), 1e-12);
    }

    @Test
    void ksStatisticIsTheLargestCdfGap() {
        // At 5: F_a = 5/5, F_b = 3/6; scipy.stats.ks_2samp([1..5], [3..8]).statistic = 0.5
        assertEquals(0.5, DriftStatistics.ksStatistic(new double[] {1, 2, 3, 4, 5}, new double[] {3, 4, 5, 6, 7, 8}), 1e-12);
        assertEquals(0.0, DriftStatistics.ksStatistic(new double[] {1, 2, 2}, new double[] {2, 1, 2}), 1e-12);
        assertEquals(1.0, DriftStatistics.ksStatistic(new double[] {1, 2}, new double[] {3, 4}), 1e-12);
    }

    @Test
    void kolmogorovSurvivalMatchesPublishedValues() {
        // scipy.special.kolmogorov(1.0) = 0.26999967167735456; the others are the classic critical
        // values of the Kolmogorov distribution for 10%, 5% and 1% (scipy: 0.100023, 0.0499996, 0.0100015).
        assertEquals(0.26999967167735456, DriftStatistics.kolmogorovSurvival(1.0), 1e-12);
        assertEquals(0.9639452436648751, DriftStatistics.kolmogorovSurvival(0.5), 1e-12);
        assertEquals(0.10002342783567782, DriftStatistics.kolmogorovSurvival(1.2238), 1e-12);
        assertEquals(0.0499996304316674, DriftStatistics.kolmogorovSurvival(1.3581), 1e-12);
        assertEquals(0.010001537333060776, DriftStatistics.kolmogorovSurvival(1.6276), 1e-12);
        assertEquals(0.0006709252557796953, DriftStatistics.kolmogorovSurvival(2.0), 1e-12);
        assertEquals(1.0, DriftStatistics.kolmogorovSurvival(0));
    }

    @Test
    void ksPValueIsWithinOneHundredthOfTheExactOneForModerateSamples() {
        // scipy.stats.ks_2samp(..., method='exact'): n=m=100, D=0.2 -> 0.036384; n=50, m=80, D=0.2675 -> 0.019845
        assertEquals(0.03638428787491733, DriftStatistics.ksPValue(0.2, 100, 100), 0.01);
        assertEquals(0.019845335842875747, DriftStatistics.ksPValue(0.2675, 50, 80), 0.01);
        // And it is exactly the corrected asymptotic formula: ne = 50, lambda = (sqrt 50 + 0.12 + 0.11 / sqrt 50) 0.2.
        assertEquals(0.03137665215307253, DriftStatistics.ksPValue(0.2, 100, 100), 1e-12);
    }

    @Test
    void chiSquaredSurvivalMatchesTableValues() {
        assertEquals(0.05, DriftStatistics.chiSquaredSurvival(3.841, 1), 1e-4);
        assertEquals(0.05, DriftStatistics.chiSquaredSurvival(5.991, 2), 1e-4);
        assertEquals(0.05, DriftStatistics.chiSquaredSurvival(18.307, 10), 1e-4);
        assertEquals(0.01, DriftStatistics.chiSquaredSurvival(6.635, 1), 1e-4);
        assertEquals(0.01, DriftStatistics.chiSquaredSurvival(23.209, 10), 1e-4);
        // scipy.stats.chi2.sf: (3.841, 1) = 0.050013683763956804, (1.0, 3) = 0.8012519569012009, (100, 50) = 3.454931382984871e-05
        assertEquals(0.050013683763956804, DriftStatistics.chiSquaredSurvival(3.841, 1), 1e-12);
        assertEquals(0.8012519569012009, DriftStatistics.chiSquaredSurvival(1.0, 3), 1e-12);
        assertEquals(3.454931382984871e-05, DriftStatistics.chiSquaredSurvival(100, 50), 1e-15);
        // Closed forms: df 2 is exp(-x/2).
        assertEquals(Math.exp(-2.9955), DriftStatistics.chiSquaredSurvival(5.991, 2), 1e-12);
    }

    @Test
    void incompleteGammaAndLnGammaMatchScipy() {
        // scipy.special.gammaincc(0.5, 2) = 0.04550026389635857 (= erfc(sqrt 2)), gammainc(3, 2) = 0.32332358381693654,
        // gammaincc(10, 5) = 0.9681719426937951; gammaln(0.5) = ln sqrt(pi), gammaln(10.5) = 13.940625219403763.
        assertEquals(0.04550026389635857, DriftStatistics.regularizedGammaQ(0.5, 2), 1e-13);
        assertEquals(0.32332358381693654, DriftStatistics.regularizedGammaP(3, 2), 1e-13);
        assertEquals(0.9681719426937951, DriftStatistics.regularizedGammaQ(10, 5), 1e-13);
        assertEquals(Math.log(Math.sqrt(Math.PI)), DriftStatistics.lnGamma(0.5), 1e-13);
        assertEquals(13.940625219403763, DriftStatistics.lnGamma(10.5), 1e-12);
        assertEquals(Math.log(24), DriftStatistics.lnGamma(5), 1e-13);
        assertEquals(1.0, DriftStatistics.regularizedGammaP(2, 1) + DriftStatistics.regularizedGammaQ(2, 1), 1e-15);
    }

    @Test
    void chiSquaredHomogeneityMatchesScipyContingency() {
        // scipy.stats.chi2_contingency([[10, 20], [20, 10]], correction=False): 6.666..., dof 1, p 0.009823274507519235
        DriftStatistics.ChiSquared two = DriftStatistics.chiSquaredHomogeneity(new double[] {10, 20}, new double[] {20, 10});
        assertEquals(20.0 / 3, two.statistic(), 1e-12);
        assertEquals(1, two.degreesOfFreedom());
        assertEquals(0.009823274507519235, two.pValue(), 1e-12);
        // chi2_contingency([[30, 50, 20], [10, 25, 25]], correction=False): 9.481481..., dof 2, p 0.008732175511066736
        DriftStatistics.ChiSquared three = DriftStatistics.chiSquaredHomogeneity(new double[] {30, 50, 20},
                new double[] {10, 25, 25});
        assertEquals(9.481481481481481, three.statistic(), 1e-12);
        assertEquals(2, three.degreesOfFreedom());
        assertEquals(0.008732175511066736, three.pValue(), 1e-12);
    }

    @Test
    void chiSquaredLeavesOutColumnsEmptyInBothRows() {
        DriftStatistics.ChiSquared padded = DriftStatistics.chiSquaredHomogeneity(new double[] {10, 0, 20},
                new double[] {20, 0, 10});
        assertEquals(1, padded.degreesOfFreedom());
        assertEquals(0.009823274507519235, padded.pValue(), 1e-12);
        assertEquals(1.0, DriftStatistics.chiSquaredHomogeneity(new double[] {5, 0}, new double[] {9, 0}).pValue());
    }

    @Test
    void benjaminiHochbergAndHolmAdjustInTheInputOrder() {
        double[] p = {0.01, 0.04, 0.03, 0.005};
        // Sorted 0.005, 0.01, 0.03, 0.04 -> m p / rank = 0.02, 0.02, 0.04, 0.04 (already monotone).
        assertArrayEquals(new double[] {0.02, 0.04, 0.04, 0.02}, DriftStatistics.benjaminiHochberg(p), 1e-12);
        // Holm: 4 x 0.005, 3 x 0.01, 2 x 0.03, 1 x 0.04 -> 0.02, 0.03, 0.06, max(0.06, 0.04).
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, DriftStatistics.holm(p), 1e-12);
        // 0.8 at rank 1 gives 1.6 but cannot exceed the 0.9 of rank 2.
        assertArrayEquals(new double[] {0.9, 0.9}, DriftStatistics.benjaminiHochberg(new double[] {0.9, 0.8}), 1e-12);
    }

    @Test
    void rejectsBadInputWithAMessage() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> DriftStatistics.psi(new double[] {0, 0}, EVEN, 1e-4));
        assertTrue(zero.getMessage().contains("all zero"), zero.getMessage());
        IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
                () -> DriftStatistics.jensenShannonDistance(EVEN, new double[] {1, 2, 3}));
        assertTrue(lengths.getMessage().contains("same buckets"), lengths.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> DriftStatistics.ksStatistic(new double[] {Double.NaN}, new double[] {1}));
        assertTrue(empty.getMessage().contains("no values"), empty.getMessage());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> DriftStatistics.benjaminiHochberg(new double[] {1.5}));
        assertTrue(p.getMessage().contains("1.5"), p.getMessage());
    }
}
