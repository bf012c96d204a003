package dev.churnops.core.monitoring;

import static dev.churnops.core.monitoring.MonitoringFixtures.card;
import static dev.churnops.core.monitoring.MonitoringFixtures.score;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusinessKpisTest {

    private static final double EPS = 1e-9;

    private static BusinessConfig baseRate(double rate) {
        return new BusinessConfig(null, rate, 2, null, null, null, null, null, null);
    }

    @Test
    void countsSegmentsRevenueAtRiskAndTheCampaignPerCustomer() {
        List<CapturedScore> scores = List.of(
                score("a", "2026-03-01T00:00:00Z", 0.10, Map.of("MonthlyCharges", 50.0)),
                score("a", "2026-03-02T00:00:00Z", 0.80, Map.of("MonthlyCharges", 50.0)),
                score("b", "2026-03-02T00:00:00Z", 0.30, Map.of("MonthlyCharges", "100")),
                score("c", "2026-03-02T00:00:00Z", 0.01, Map.of("MonthlyCharges", 20.0)),
                score(null, "2026-03-02T00:00:00Z", 0.50, Map.of()));
        BusinessReport report = new BusinessKpis(baseRate(0.3)).evaluate(card(0.7), null, scores, null);
        assertEquals(4, report.customers(), "a counts once, by its latest score; the anonymous score once");
        assertEquals(new BusinessReport.Segments(2, 1, 1), report.segments());
        assertEquals((0.8 + 0.3 + 0.01 + 0.5) / 4, report.predictedChurnRate(), EPS);
        BusinessReport.Revenue revenue = report.revenue();
        assertEquals(3, revenue.customersWithRevenue());
        assertEquals(1, revenue.customersWithout());
        assertEquals(170.0, revenue.monthlyRevenue(), EPS);
        assertEquals(0.8 * 50 + 0.3 * 100 + 0.01 * 20, revenue.revenueAtRisk(), EPS);
        assertEquals((50 / 0.8 + 100 / 0.3 + 20 * 60) / 3, revenue.averageLifetimeValue(), EPS, "1/0.01 is capped at 60 months");
        assertTrue(report.revenueNote().contains("1 of 4 customers have no number in 'MonthlyCharges'"));
        BusinessReport.Campaign campaign = report.campaign();
        assertEquals(2, campaign.customersTargeted());
        assertEquals(1.3, campaign.expectedChurners(), EPS);
        assertEquals(1.3 * 0.8, campaign.customersSaved(), EPS);
        assertEquals(20.0, campaign.cost(), EPS);
        assertEquals((1.3 * 0.8 * 500 - 20) / 20, campaign.roi(), EPS);
    }

    @Test
    void alertsWhenThePredictedOrObservedChurnRateRisesByTheConfiguredShare() {
        List<CapturedScore> scores = List.of(score("a", "2026-03-02T00:00:00Z", 0.21),
                score("b", "2026-03-02T00:00:00Z", 0.21));
        BusinessReport steady = new BusinessKpis(baseRate(0.2)).evaluate(card(0.7), null, scores, null);
        assertEquals(0.05, steady.predictedRelativeChange(), 1e-12);
        assertTrue(steady.churnRateAlert(), "a 5% relative rise alerts: " + steady.alertReason());
        BusinessReport calm = new BusinessKpis(baseRate(0.205)).evaluate(card(0.7), null, scores, null);
        assertFalse(calm.churnRateAlert(), calm.alertReason());

        Labels labels = Labels.parse("customerId,churned\na,Yes\nb,No\n".getBytes(StandardCharsets.UTF_8), "l.csv");
        BusinessReport observed = new BusinessKpis(baseRate(0.3)).evaluate(card(0.7), null, scores, labels);
        assertEquals(0.5, observed.observedChurnRate());
        assertEquals(2, observed.labelledCustomers());
        assertTrue(observed.churnRateAlert());
        assertTrue(observed.alertReason().contains("the observed churn rate 0.5000 (2 labelled customers)"),
                observed.alertReason());
    }

    @Test
    void takesTheBaselineChurnRateFromTheTrainingScoresOrTheCard() {
        MonitoringBaseline baseline = MonitoringBaseline.of(DriftData.baseline(100, 1), new double[100]);
        List<CapturedScore> scores = List.of(score("a", "2026-03-02T00:00:00Z", 0.3));
        double[] training = new double[100];
        java.util.Arrays.fill(training, 0.25);
        MonitoringBaseline withScores = MonitoringBaseline.of(DriftData.baseline(100, 1), training);
        BusinessReport fromBaseline = new BusinessKpis(BusinessConfig.defaults()).evaluate(card(0.7), withScores, scores, null);
        assertEquals(0.25, fromBaseline.baselineChurnRate(), EPS);
        assertTrue(fromBaseline.baselineChurnRateSource().contains("mean training score"));
        BusinessReport fromCard = new BusinessKpis(BusinessConfig.defaults()).evaluate(card(0.7), baseline, scores, null);
        assertEquals(0.25, fromCard.baselineChurnRate(), EPS);
        assertTrue(fromCard.baselineChurnRateSource().contains("risk_segments.medium"), fromCard.baselineChurnRateSource());
    }

    @Test
    void saysSoWhenTheRevenueColumnIsAbsentAndReadsTheShopsColumn() {
        List<CapturedScore> scores = List.of(score("a", "2026-03-02T00:00:00Z", 0.5, Map.of("spend_90d", 300.0)));
        BusinessReport telco = new BusinessKpis(BusinessConfig.defaults()).evaluate(card(0.7), null, scores, null);
        assertNull(telco.revenue());
        assertTrue(telco.revenueNote().contains("No score carries the revenue feature 'MonthlyCharges'"));
        BusinessReport shop = new BusinessKpis(BusinessConfig.revenueFrom("spend_90d", 3)).evaluate(card(0.7), null, scores, null);
        assertEquals(100.0, shop.revenue().monthlyRevenue(), EPS);
        assertEquals(50.0, shop.revenue().revenueAtRisk(), EPS);
    }

    @Test
    void anEmptyPeriodGivesAReportWithoutRates() {
        BusinessReport report = new BusinessKpis(BusinessConfig.defaults()).evaluate(card(0.7), null, List.of(), Labels.none());
        assertEquals(0, report.customers());
        assertNull(report.predictedChurnRate());
        assertFalse(report.churnRateAlert());
        assertEquals(0, report.campaign().customersTargeted());
        assertTrue(new String(report.toJson(), StandardCharsets.UTF_8).contains("\"customers\" : 0"));
    }

    @Test
    void configReadsFromJsonAndNamesABadField() {
        BusinessConfig config = BusinessConfig.read(("{\"revenue_feature\": \"spend_90d\", \"revenue_divisor\": 3,"
                + " \"churn_rate_alert_relative\": 0.1, \"offer_cost_per_customer\": 5}").getBytes(StandardCharsets.UTF_8), "c");
        assertEquals("spend_90d", config.revenueFeature());
        assertEquals(3.0, config.revenueDivisor());
        assertEquals(5.0, config.assumptions().offerCostPerCustomer());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BusinessConfig.read("{\"revenue_divisor\": 0}".getBytes(StandardCharsets.UTF_8), "c"));
        assertTrue(e.getMessage().contains("'revenue_divisor' is 0.0"), e.getMessage());
        IllegalArgumentException offer = assertThrows(IllegalArgumentException.class,
                () -> BusinessConfig.read("{\"offer_success_rate\": 2}".getBytes(StandardCharsets.UTF_8), "c"));
        assertTrue(offer.getMessage().contains("offerSuccessRate is 2.0"), offer.getMessage());
    }
}
