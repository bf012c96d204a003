package dev.churnops.cdk.constructs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CreateAlarmOptions;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.events.Rule;
import software.constructs.Construct;

/**
 * What the team looks at and what wakes it: one CloudWatch dashboard (scoring requests, latency
 * and errors; score distribution; drift per feature; business KPIs; data quality; workflow
 * executions) and the platform's alarms, each notifying the alert topic: a workflow execution
 * failed or timed out, the API's 5xx rate or p99 latency is too high, or an upload under raw/
 * could not start ingestion.
 *
 * <p>The functions' own metrics live in the stage's namespace ({@link Props#namespace()}).
 * Data quality (RowsIn, RowsValid, RowsQuarantined, QuarantineRate by Source) is emitted today by
 * PublishDataQuality; the score-distribution, drift and KPI widgets read the metric names in
 * {@link #SCORE_METRICS}, {@link #DRIFT_METRIC} and {@link #KPI_METRICS}, which the monitoring
 * workflow is to emit. The widgets use SEARCH expressions, so they show whatever dimensions the
 * emitters use (a segment, a feature, a model).
 */
public final class Observability extends Construct {

    /** Score distribution: customers scored per risk segment (dimension Segment), and the probabilities. */
    public static final List<String> SCORE_METRICS = List.of("ScoredCustomers", "ChurnProbability");
    /** Drift per feature (dimension Feature): the drift statistic against the training baseline. */
    public static final String DRIFT_METRIC = "FeatureDrift";
    /** Business KPIs. */
    public static final List<String> KPI_METRICS = List.of("HighRiskCustomers", "ObservedChurnRate", "RetentionNetValue");
    /** Data quality, from PublishDataQualityFunction. */
    public static final List<String> DATA_QUALITY_METRICS = List.of("RowsIn", "RowsValid", "RowsQuarantined", "QuarantineRate");

    /**
     * @param namePrefix names start with it, such as churnops-dev
     * @param namespace the functions' CloudWatch namespace, such as ChurnOps/dev
     * @param alerts where alarms go
     * @param workflows the state machines
     * @param ingestionTrigger the rule starting ingestion on uploads
     * @param scoring the scoring API
     * @param apiErrorRatePercent the API's 5xx rate alarm threshold, in percent
     * @param apiP99LatencyMs the API's p99 latency alarm threshold
     */
    public record Props(String namePrefix, String namespace, Alerts alerts, List<AslStateMachine> workflows,
                        Rule ingestionTrigger, Scoring scoring, double apiErrorRatePercent, int apiP99LatencyMs) {
        public Props {
            Objects.requireNonNull(namePrefix, "Observability.Props.namePrefix");
            Objects.requireNonNull(namespace, "Observability.Props.namespace");
            Objects.requireNonNull(alerts, "Observability.Props.alerts");
            workflows = List.copyOf(workflows);
            Objects.requireNonNull(ingestionTrigger, "Observability.Props.ingestionTrigger");
            Objects.requireNonNull(scoring, "Observability.Props.scoring");
        }

        /** Defaults: prefix churnops, namespace ChurnOps, alarms at 1% 5xx and 1000 ms p99. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String namePrefix = "churnops";
            private String namespace = "ChurnOps";
            private Alerts alerts;
            private List<AslStateMachine> workflows = List.of();
            private Rule ingestionTrigger;
            private Scoring scoring;
            private double apiErrorRatePercent = 1;
            private int apiP99LatencyMs = 1000;

            public Builder namePrefix(String value) {
                namePrefix = value;
                return this;
            }

            public Builder namespace(String value) {
                namespace = value;
                return this;
            }

            public Builder alerts(Alerts value) {
                alerts = value;
                return this;
            }

            public Builder workflows(List<AslStateMachine> value) {
                workflows = value;
                return this;
            }

            public Builder ingestionTrigger(Rule value) {
                ingestionTrigger = value;
                return this;
            }

            public Builder scoring(Scoring value) {
                scoring = value;
                return this;
            }

            public Builder apiErrorRatePercent(double value) {
                apiErrorRatePercent = value;
                return this;
            }

            public Builder apiP99LatencyMs(int value) {
                apiP99LatencyMs = value;
                return this;
            }

            public Props build() {
                return new Props(namePrefix, namespace, alerts, workflows, ingestionTrigger, scoring, apiErrorRatePercent,
                        apiP99LatencyMs);
            }
        }
    }

    private final Alerts alerts;
    private final Dashboard dashboard;
    private final List<Alarm> alarms = new ArrayList<>();

    public Observability(Construct scope, String id, Props props) {
        super(scope, id);
        alerts = props.alerts();
        Duration five = Duration.minutes(5);
        var api = props.scoring().restApi();
        var alias = props.scoring().alias();

        for (AslStateMachine workflow : props.workflows()) {
            var sm = workflow.stateMachine();
            alarm(new MathExpression(software.amazon.awscdk.services.cloudwatch.MathExpressionProps.builder()
                            .label("Failed or timed-out executions")
                            .expression("failed + timedOut")
                            .usingMetrics(Map.of("failed", sm.metricFailed(sum(five)), "timedOut", sm.metricTimedOut(sum(five))))
                            .period(five).build()),
                    workflow.name() + "-failed", "An execution of " + workflow.name() + " failed or timed out. Playbook: "
                            + "the failure path's alert holds the execution name; read its history in the Step Functions console.",
                    1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1);
        }
        alarm(new MathExpression(software.amazon.awscdk.services.cloudwatch.MathExpressionProps.builder()
                        .label("5xx rate (%)")
                        .expression("IF(requests > 0, 100 * errors / requests, 0)")
                        .usingMetrics(Map.of("errors", api.metricServerError(sum(five)), "requests", api.metricCount(sum(five))))
                        .period(five).build()),
                props.namePrefix() + "-api-5xx-rate", "More than " + props.apiErrorRatePercent() + "% of scoring API requests "
                        + "answered 5xx over 5 minutes. Playbook: the access log has each request id; the function's log the cause.",
                props.apiErrorRatePercent(), ComparisonOperator.GREATER_THAN_THRESHOLD, 1);
        alarm(api.metricLatency(MetricOptions.builder().statistic("p99").period(five).build()),
                props.namePrefix() + "-api-p99-latency", "The scoring API's p99 latency exceeded " + props.apiP99LatencyMs()
                        + " ms for 10 of the last 15 minutes. Playbook: compare IntegrationLatency; look for cold starts.",
                props.apiP99LatencyMs(), ComparisonOperator.GREATER_THAN_THRESHOLD, 2);
        alarm(Metric.Builder.create().namespace("AWS/Events").metricName("FailedInvocations")
                        .dimensionsMap(Map.of("RuleName", props.ingestionTrigger().getRuleName()))
                        .statistic("Sum").period(five).build(),
                props.namePrefix() + "-ingestion-trigger-failed", "EventBridge could not start ingestion for an upload under "
                        + "raw/ after its retries. Playbook: find the key in CloudTrail or the bucket's access log and "
                        + "start the ingestion state machine with an Object Created event for it.",
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1);

        String ns = props.namespace();
        List<List<? extends IWidget>> rows = new ArrayList<>();
        rows.add(List.of(TextWidget.Builder.create().width(24).height(2).markdown("# ChurnOps " + props.namePrefix()
                + "\nScoring API, model outputs, data and workflows. Alarms go to the alert topic.").build()));
        rows.add(List.of(
                graph("API requests", List.of(api.metricCount(sum(five))), List.of()),
                graph("API latency (ms)", List.of(
                        api.metricLatency(stat("p50", five)), api.metricLatency(stat("p90", five)),
                        api.metricLatency(stat("p99", five)), api.metricIntegrationLatency(stat("p99", five))), List.of()),
                graph("API errors", List.of(api.metricClientError(sum(five)), api.metricServerError(sum(five))), List.of()),
                graph("Scoring function", List.of(alias.metricInvocations(sum(five)), alias.metricErrors(sum(five)),
                        alias.metricThrottles(sum(five))), List.of(alias.metricDuration(stat("p99", five))))));
        rows.add(List.of(
                graph("Score distribution: customers per segment",
                        List.of(search(ns, SCORE_METRICS.get(0), "Sum", 3600, "Scored customers")), List.of()),
                graph("Churn probability", List.of(search(ns, SCORE_METRICS.get(1), "p50", 3600, "p50"),
                        search(ns, SCORE_METRICS.get(1), "p90", 3600, "p90")), List.of()),
                graph("Drift per feature", List.of(search(ns, DRIFT_METRIC, "Maximum", 86400, "Drift")), List.of()),
                graph("Business KPIs", List.of(search(ns, KPI_METRICS.get(0), "Maximum", 86400, "High-risk customers")),
                        List.of(search(ns, KPI_METRICS.get(1), "Average", 86400, "Observed churn rate"),
                                search(ns, KPI_METRICS.get(2), "Sum", 86400, "Retention net value")))));
        List<IMetric> started = new ArrayList<>();
        List<IMetric> failed = new ArrayList<>();
        for (AslStateMachine w : props.workflows()) {
            started.add(w.stateMachine().metricSucceeded(MetricOptions.builder().statistic("Sum").period(Duration.hours(1))
                    .label(w.name() + " succeeded").build()));
            failed.add(w.stateMachine().metricFailed(MetricOptions.builder().statistic("Sum").period(Duration.hours(1))
                    .label(w.name() + " failed").build()));
        }
        rows.add(List.of(
                graph("Data quality: rows", List.of(search(ns, "RowsIn", "Sum", 3600, "In"),
                        search(ns, "RowsValid", "Sum", 3600, "Valid"), search(ns, "RowsQuarantined", "Sum", 3600, "Quarantined")),
                        List.of()),
                graph("Data quality: quarantine rate", List.of(search(ns, "QuarantineRate", "Maximum", 3600, "Quarantine rate")),
                        List.of()),
                graph("Workflow executions", started, failed)));
        dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(props.namePrefix())
                .defaultInterval(Duration.days(7))
                .widgets(rows)
                .build();
    }

    private void alarm(IMetric metric, String name, String description, double threshold, ComparisonOperator operator,
                       int datapoints) {
        CreateAlarmOptions options = CreateAlarmOptions.builder()
                .alarmName(name)
                .alarmDescription(description)
                .threshold(threshold)
                .comparisonOperator(operator)
                .evaluationPeriods(datapoints == 1 ? 1 : 3)
                .datapointsToAlarm(datapoints)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        // IMetric has no createAlarm; both kinds used here have.
        Alarm alarm = metric instanceof MathExpression e ? e.createAlarm(this, name, options)
                : ((Metric) metric).createAlarm(this, name, options);
        alerts.notify(alarm);
        alarms.add(alarm);
    }

    private static MetricOptions sum(Duration period) {
        return MetricOptions.builder().statistic("Sum").period(period).build();
    }

    private static MetricOptions stat(String statistic, Duration period) {
        return MetricOptions.builder().statistic(statistic).period(period).label(statistic).build();
    }

    /** Every metric of that name in the namespace, whatever its dimensions. */
    private static MathExpression search(String namespace, String metric, String statistic, int periodSeconds, String label) {
        return MathExpression.Builder.create()
                .expression("SEARCH('Namespace=\"" + namespace + "\" MetricName=\"" + metric + "\"', '" + statistic + "', "
                        + periodSeconds + ")")
                .usingMetrics(Map.of())
                .label(label)
                .period(Duration.seconds(periodSeconds))
                .build();
    }

    private static GraphWidget graph(String title, List<? extends IMetric> left, List<? extends IMetric> right) {
        return GraphWidget.Builder.create().title(title).width(6).height(6).left(left).right(right).build();
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    /** The alarms this construct created, each notifying the alert topic. */
    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }
}
