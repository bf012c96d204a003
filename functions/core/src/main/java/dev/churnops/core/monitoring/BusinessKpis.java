package dev.churnops.core.monitoring;

import dev.churnops.core.data.Cells;
import dev.churnops.core.registry.ModelCard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Computes the {@link BusinessReport} of a period's captured scores under a {@link BusinessConfig}.
 * Each customer counts once, by their latest score (anonymous scores once each), so a customer
 * scored daily does not weigh seven times in a week. Segments use the model card's cut-offs rather
 * than the segment stored with each score, so scores of several versions are cut the same way.
 * The baseline churn rate is, in order: the config's {@code baseline_churn_rate}; the mean of the
 * monitoring baseline's training scores ({@value MonitoringBaseline#SCORE_FEATURE}), which is what
 * the predicted rate should match when nothing changed; the card's medium risk cut-off when its
 * rule says that is the training churn rate. The model card holds no positive count, so the
 * training positive rate itself is not available here.
 */
public final class BusinessKpis {

    /** Rates are ratios of doubles: a rise of exactly the configured share must not miss by a rounding error. */
    private static final double TOLERANCE = 1e-12;

    private final BusinessConfig config;

    public BusinessKpis(BusinessConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("Business KPIs need a config: use BusinessConfig.defaults().");
        }
        this.config = config;
    }

    /**
     * @param card     the serving model's card (threshold and risk segments)
     * @param baseline the monitoring baseline, or null
     * @param scores   the period's captured scores, maybe empty
     * @param labels   the labels that arrived, or null / {@link Labels#none()}
     * @throws IllegalArgumentException when the card or the scores are null, or the card has no
     *                                  threshold or risk segments
     */
    public BusinessReport evaluate(ModelCard card, MonitoringBaseline baseline, List<CapturedScore> scores, Labels labels) {
        if (card == null || scores == null) {
            throw new IllegalArgumentException("Business KPIs need the model card and the captured scores (maybe empty).");
        }
        if (card.threshold() == null || card.riskSegments() == null) {
            throw new IllegalArgumentException("The model card of " + card.modelName() + " v" + card.version() + " has no "
                    + (card.threshold() == null ? "threshold" : "risk_segments") + ": the KPIs need both.");
        }
        List<CapturedScore> customers = latestPerCustomer(scores);
        long high = 0;
        long medium = 0;
        long low = 0;
        double sum = 0;
        long labelled = 0;
        long churned = 0;
        for (CapturedScore s : customers) {
            switch (card.riskSegments().segment(s.probability())) {
                case "high" -> high++;
                case "medium" -> medium++;
                default -> low++;
            }
            sum += s.probability();
            Labels.Label label = labels == null ? null : labels.of(s.customerId()).orElse(null);
            if (label != null) {
                labelled++;
                churned += label.churned() ? 1 : 0;
            }
        }
        int n = customers.size();
        Double predicted = n == 0 ? null : sum / n;
        Double observed = labelled == 0 ? null : (double) churned / labelled;

        Double baseRate = config.baselineChurnRate();
        String source = baseRate == null ? null : "config baseline_churn_rate";
        if (baseRate == null && baseline != null) {
            Double mean = baseline.statistics().feature(MonitoringBaseline.SCORE_FEATURE)
                    .map(f -> f.numericalStatistics() == null ? null : f.numericalStatistics().mean()).orElse(null);
            if (mean != null && mean > 0) {
                baseRate = mean;
                source = "mean training score of the monitoring baseline (" + MonitoringBaseline.SCORE_FEATURE + ")";
            }
        }
        if (baseRate == null && card.riskSegments().rule() != null
                && card.riskSegments().rule().contains("training churn rate") && card.riskSegments().medium() > 0) {
            baseRate = card.riskSegments().medium();
            source = "model card risk_segments.medium (the training churn rate)";
        }
        Double predictedChange = predicted == null || baseRate == null ? null : (predicted - baseRate) / baseRate;
        Double observedChange = observed == null || baseRate == null ? null : (observed - baseRate) / baseRate;
        boolean observedCounts = observedChange != null && labelled >= config.minLabelledCustomers();
        List<String> rises = new ArrayList<>();
        if (predictedChange != null && predictedChange >= config.churnRateAlertRelative() - TOLERANCE) {
            rises.add(String.format(Locale.ROOT, "the predicted churn rate %.4f is %+.1f%%", predicted, 100 * predictedChange));
        }
        if (observedCounts && observedChange >= config.churnRateAlertRelative() - TOLERANCE) {
            rises.add(String.format(Locale.ROOT, "the observed churn rate %.4f (%d labelled customers) is %+.1f%%",
                    observed, labelled, 100 * observedChange));
        }
        String reason;
        if (baseRate == null) {
            reason = "No baseline churn rate: give baseline_churn_rate, or a monitoring baseline with training scores.";
        } else if (n == 0) {
            reason = "No scores in the period: no churn rate to compare.";
        } else if (!rises.isEmpty()) {
            reason = "Churn rate up: " + String.join(" and ", rises) + String.format(Locale.ROOT,
                    " against the baseline %.4f, at least the alert's +%.1f%%.", baseRate, 100 * config.churnRateAlertRelative());
        } else {
            reason = String.format(Locale.ROOT, "Churn rate within +%.1f%% of the baseline %.4f: predicted %.4f (%+.1f%%)",
                    100 * config.churnRateAlertRelative(), baseRate, predicted, 100 * predictedChange)
                    + (observed == null ? "" : String.format(Locale.ROOT, ", observed %.4f (%+.1f%%, %d labelled%s)",
                    observed, 100 * observedChange, labelled,
                    observedCounts ? "" : ", fewer than min_labelled_customers " + config.minLabelledCustomers()))
                    + ".";
        }

        BusinessReport.Revenue revenue = null;
        String revenueNote = null;
        long withRevenue = 0;
        long carried = 0;
        double monthly = 0;
        double atRisk = 0;
        double lifetime = 0;
        for (CapturedScore s : customers) {
            if (s.features().containsKey(config.revenueFeature())) {
                carried++;
            }
            double value = number(s.features().get(config.revenueFeature()));
            if (Double.isNaN(value)) {
                continue;
            }
            double perMonth = value / config.revenueDivisor();
            withRevenue++;
            monthly += perMonth;
            atRisk += s.probability() * perMonth;
            double months = s.probability() <= 0 ? config.maxLifetimeMonths()
                    : Math.min(1 / s.probability(), config.maxLifetimeMonths());
            lifetime += perMonth * months;
        }
        if (n > 0 && carried == 0) {
            revenueNote = "No score carries the revenue feature '" + config.revenueFeature() + "': revenue at risk and"
                    + " lifetime value are not computed (set revenue_feature, e.g. spend_90d with revenue_divisor 3"
                    + " for the shop's features).";
        } else if (n > 0) {
            revenue = new BusinessReport.Revenue(config.revenueFeature(), config.revenueDivisor(), withRevenue,
                    n - withRevenue, monthly, atRisk, withRevenue == 0 ? 0 : lifetime / withRevenue);
            if (withRevenue < n) {
                revenueNote = (n - withRevenue) + " of " + n + " customers have no number in '" + config.revenueFeature()
                        + "': the revenue figures cover the other " + withRevenue + ".";
            }
        } else {
            revenueNote = "No scores in the period.";
        }

        double threshold = card.threshold().value();
        long targeted = 0;
        double expectedChurners = 0;
        for (CapturedScore s : customers) {
            if (s.probability() >= threshold) {
                targeted++;
                expectedChurners += s.probability();
            }
        }
        double saved = expectedChurners * config.offerSuccessRate();
        double cost = targeted * config.offerCostPerCustomer();
        double value = saved * config.retainedCustomerValue();
        BusinessReport.Campaign campaign = new BusinessReport.Campaign(threshold, targeted, expectedChurners, saved, cost,
                value, value - cost, cost == 0 ? 0 : (value - cost) / cost);

        return new BusinessReport(n, new BusinessReport.Segments(high, medium, low), predicted, observed, labelled,
                baseRate, source, predictedChange, observedChange, !rises.isEmpty() && baseRate != null, reason, revenue,
                revenueNote, campaign, config);
    }

    /** A number from a captured feature value, NaN when it holds none. */
    private static double number(Object value) {
        if (value instanceof Double d && Double.isFinite(d)) {
            return d;
        }
        if (value instanceof String text) {
            return Cells.parseNumber(text);
        }
        return Double.NaN;
    }

    /** The latest score of each customer id in first-seen order, plus every anonymous score. */
    static List<CapturedScore> latestPerCustomer(List<CapturedScore> scores) {
        Map<Object, CapturedScore> latest = new LinkedHashMap<>();
        int anonymous = 0;
        for (CapturedScore s : scores) {
            Object key = s.customerId() == null ? Integer.valueOf(anonymous++) : s.customerId();
            CapturedScore previous = latest.get(key);
            if (previous == null || !s.scoredAt().isBefore(previous.scoredAt())) {
                latest.put(key, s);
            }
        }
        return new ArrayList<>(latest.values());
    }
}
