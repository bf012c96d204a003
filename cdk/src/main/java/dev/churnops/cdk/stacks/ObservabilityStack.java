package dev.churnops.cdk.stacks;

import dev.churnops.cdk.config.StageConfig;
import dev.churnops.cdk.constructs.Observability;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/** A stage's dashboard and platform alarms. */
public final class ObservabilityStack extends Stack {

    private final Observability observability;

    public ObservabilityStack(Construct scope, String id, StackProps props, StageConfig stage, DataStack data,
                              WorkflowsStack workflows, ServingStack serving) {
        super(scope, id, props);
        observability = new Observability(this, "Observability", Observability.Props.builder()
                .namePrefix(stage.prefix())
                .namespace(stage.metricsNamespace())
                .alerts(data.alerts())
                .workflows(workflows.workflows())
                .ingestionTrigger(workflows.ingestion().trigger())
                .scoring(serving.scoring())
                .apiErrorRatePercent(stage.api().errorRatePercentAlarm())
                .apiP99LatencyMs(stage.api().p99LatencyMsAlarm())
                .build());
    }

    public Observability observability() {
        return observability;
    }
}
