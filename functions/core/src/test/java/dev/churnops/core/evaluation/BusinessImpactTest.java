package dev.churnops.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BusinessImpactTest {

    private static final double EPS = 1e-12;

    /** Recall 1/5 = 20%, flagged (1 + 3) / 20 = 20%. */
    private static final ConfusionMatrix RECALL_20 = new ConfusionMatrix(1, 3, 12, 4);

    @Test
    void defaultsAreTheDocumentedOnes() {
        BusinessAssumptions a = BusinessAssumptions.defaults();
        assertEquals(new BusinessAssumptions(0.08, 0.8, 10.0, 500.0, 10_000), a);
    }

    @Test
    void referenceExampleReachesOnePointSixPercentAndSavesOnePointTwoEightPercent() {
        BusinessImpact impact = BusinessImpact.compute(BusinessAssumptions.defaults(), RECALL_20);
        // 8% churn x 20% recall = 1.6% of the base is reached; x 80% offer success = 1.28% saved.
        assertEquals(0.016, impact.reachedShareOfBase(), EPS);
        assertEquals(0.0128, impact.savedShareOfBase(), EPS);
    }

    @Test
    void savedShareIsOnePointSixPercentAtTwentyFivePercentRecall() {
        // 8% x 25% x 80% = 1.6% exactly.
        BusinessImpact impact = BusinessImpact.compute(BusinessAssumptions.defaults(), new ConfusionMatrix(1, 0, 0, 3));
        assertEquals(0.016, impact.savedShareOfBase(), EPS);
    }

    @Test
    void computesCountsMoneyAndRoiFromTheMatrix() {
        BusinessImpact impact = BusinessImpact.compute(BusinessAssumptions.defaults(), RECALL_20);
        assertEquals(0.2, impact.flaggedShare(), EPS);
        assertEquals(0.2, impact.recall(), EPS);
        assertEquals(2_000, impact.customersFlagged(), 1e-9);
        assertEquals(800, impact.expectedChurners(), 1e-9);
        assertEquals(160, impact.churnersReached(), 1e-9);
        assertEquals(128, impact.customersSaved(), 1e-9);
        assertEquals(20_000, impact.cost(), 1e-9);
        assertEquals(64_000, impact.value(), 1e-9);
        assertEquals(44_000, impact.netValue(), 1e-9);
        assertEquals(2.2, impact.roi(), EPS);
    }

    @Test
    void roiIsZeroWhenNothingIsSpent() {
        BusinessAssumptions freeOffers = BusinessAssumptions.builder().offerCostPerCustomer(0.0).build();
        BusinessImpact impact = BusinessImpact.compute(freeOffers, RECALL_20);
        assertEquals(0.0, impact.cost());
        assertEquals(0.0, impact.roi());
        assertTrue(impact.formula().contains("ROI = net value / cost = 0 (no offers are sent"), impact.formula());
    }

    @Test
    void formulaStatesEachStepWithItsNumbers() {
        String formula = BusinessImpact.compute(BusinessAssumptions.defaults(), RECALL_20).formula();
        assertTrue(formula.contains("Flagged share = (TP + FP) / N = (1 + 3) / 20 = 20.00%"), formula);
        assertTrue(formula.contains("Customers flagged = customer base \u00d7 flagged share = 10,000 \u00d7 20.00% = 2,000"),
                formula);
        assertTrue(formula.contains("Saved share of base = base churn rate \u00d7 recall \u00d7 offer success rate"
                + " = 8.00% \u00d7 20.00% \u00d7 80.00% = 1.28%"), formula);
        assertTrue(formula.contains("Net value = value \u2212 cost = 64,000.00 \u2212 20,000.00 = 44,000.00"), formula);
        assertTrue(formula.contains("ROI = net value / cost = 44,000.00 / 20,000.00 = 2.2 (220.00%)"), formula);
        assertEquals(11, formula.split("\n").length);
    }

    @Test
    void builderOverridesOnlyWhatIsSet() {
        BusinessAssumptions a = BusinessAssumptions.builder().baseChurnRate(0.05).customerBase(2_500).build();
        assertEquals(0.05, a.baseChurnRate());
        assertEquals(2_500, a.customerBase());
        assertEquals(BusinessAssumptions.DEFAULT_OFFER_SUCCESS_RATE, a.offerSuccessRate());
    }

    @Test
    void rejectsRateOutsideUnitIntervalNamingFieldValueAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BusinessAssumptions.builder().baseChurnRate(1.5).build());
        assertEquals("BusinessAssumptions.baseChurnRate is 1.5 but must be a fraction in [0, 1],"
                + " for example 0.08 for 8% of customers per month.", e.getMessage());
    }

    @Test
    void rejectsNegativeMoney() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BusinessAssumptions.builder().retainedCustomerValue(-1).build());
        assertEquals("BusinessAssumptions.retainedCustomerValue is -1.0 but must be a finite amount >= 0.",
                e.getMessage());
    }

    @Test
    void rejectsNaNOfferSuccessRate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BusinessAssumptions.builder().offerSuccessRate(Double.NaN).build());
        assertTrue(e.getMessage().startsWith("BusinessAssumptions.offerSuccessRate is NaN"), e.getMessage());
    }

    @Test
    void rejectsEmptyCustomerBase() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BusinessAssumptions.builder().customerBase(0).build());
        assertEquals("BusinessAssumptions.customerBase is 0 but must be a number of customers >= 1.", e.getMessage());
    }

    @Test
    void rejectsEmptyConfusionMatrix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BusinessImpact.compute(BusinessAssumptions.defaults(), new ConfusionMatrix(0, 0, 0, 0)));
        assertTrue(e.getMessage().startsWith("atThreshold is an empty confusion matrix"), e.getMessage());
    }
}
