package dev.churnops.core.pipeline;

import dev.churnops.core.monitoring.BusinessConfig;
import dev.churnops.core.monitoring.BusinessKpis;
import dev.churnops.core.monitoring.BusinessReport;
import dev.churnops.core.monitoring.Finding;
import dev.churnops.core.monitoring.Labels;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.Notification.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The business check of a monitoring run: risk segments, the churn rate against training, revenue
 * at risk, expected saves and campaign return ({@link BusinessKpis}). Writes {@code business.json}
 * and reports a finding when the churn rate rose by the configured relative amount. With no config
 * it takes revenue from {@code MonthlyCharges}, or, for the shop's feature view, from the 90-day
 * spend over three months.
 */
public final class CheckBusiness {

    public static final String REPORT = "business.json";
    /** The shop feature view's spend column, and the months it covers. */
    static final String SHOP_SPEND = "spend_90d";

    private final BlobStore blobs;

    public CheckBusiness(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** {@code config} null means the defaults, with the revenue column chosen from the window's features. */
    public CheckResult run(MonitoringRun run, String labelsKey, BusinessConfig config) {
        if (config == null) {
            List<String> features = run.window().featureNames();
            config = !features.contains(BusinessConfig.DEFAULT_REVENUE_FEATURE) && features.contains(SHOP_SPEND)
                    ? BusinessConfig.revenueFrom(SHOP_SPEND, 3) : BusinessConfig.defaults();
        }
        Labels labels = labelsKey == null ? null : Labels.parse(blobs.get(labelsKey), labelsKey);
        BusinessReport report = new BusinessKpis(config).evaluate(run.card(), run.baseline(),
                run.window().capturedScores(run.modelName()), labels);
        blobs.put(run.key(REPORT), report.toJson());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("customers", report.customers());
        summary.put("segments", report.segments());
        summary.put("predicted_churn_rate", report.predictedChurnRate());
        summary.put("observed_churn_rate", report.observedChurnRate());
        summary.put("baseline_churn_rate", report.baselineChurnRate());
        summary.put("revenue", report.revenue());
        summary.put("revenue_note", report.revenueNote());
        summary.put("campaign", report.campaign());
        summary.put("report_key", run.key(REPORT));
        List<Finding> findings = new ArrayList<>();
        if (report.churnRateAlert()) {
            boolean observed = report.observedRelativeChange() != null
                    && report.observedRelativeChange() >= config.churnRateAlertRelative();
            double rate = observed ? report.observedChurnRate() : report.predictedChurnRate();
            double bound = report.baselineChurnRate() * (1 + config.churnRateAlertRelative());
            findings.add(Finding.of(Finding.Kind.BUSINESS, "churn_rate", Severity.WARNING,
                    String.format(java.util.Locale.ROOT, "%s churn rate rose to %.1f%%", observed ? "Observed" : "Predicted",
                            100 * rate), rate, bound, Finding.Comparison.ABOVE, List.of("high", "medium", "low"))
                    .withDetail(report.alertReason()));
        }
        return new CheckResult("business", findings, summary);
    }
}
