package dev.churnops.cdk.constructs;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The ingestion workflow: {@code statemachines/ingestion.asl.json}, started by EventBridge for
 * every object created under {@code raw/} in the lake. Its input is the S3 "Object Created" event
 * as EventBridge delivers it (events/eventbridge/s3-object-created.json).
 */
public final class Ingestion extends Construct {

    /**
     * @param stateMachineName the state machine's name
     * @param definitionFile statemachines/ingestion.asl.json
     * @param functions the step functions it invokes
     * @param alerts the alert topic
     * @param lake the bucket whose raw/ uploads start it
     * @param logRetention how long execution logs are kept
     * @param removalPolicy what deleting the stack does to the log group
     */
    public record Props(String stateMachineName, Path definitionFile, WorkflowFunctions functions, Alerts alerts,
                        DataLake lake, RetentionDays logRetention, RemovalPolicy removalPolicy) {
        public Props {
            Objects.requireNonNull(stateMachineName, "Ingestion.Props.stateMachineName");
            Objects.requireNonNull(definitionFile, "Ingestion.Props.definitionFile");
            Objects.requireNonNull(functions, "Ingestion.Props.functions");
            Objects.requireNonNull(alerts, "Ingestion.Props.alerts");
            Objects.requireNonNull(lake, "Ingestion.Props.lake");
            Objects.requireNonNull(logRetention, "Ingestion.Props.logRetention");
            Objects.requireNonNull(removalPolicy, "Ingestion.Props.removalPolicy");
        }

        /** Defaults: name churnops-ingestion, logs kept a month and retained. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String stateMachineName = "churnops-ingestion";
            private Path definitionFile;
            private WorkflowFunctions functions;
            private Alerts alerts;
            private DataLake lake;
            private RetentionDays logRetention = RetentionDays.ONE_MONTH;
            private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;

            public Builder stateMachineName(String value) {
                stateMachineName = value;
                return this;
            }

            public Builder definitionFile(Path value) {
                definitionFile = value;
                return this;
            }

            public Builder functions(WorkflowFunctions value) {
                functions = value;
                return this;
            }

            public Builder alerts(Alerts value) {
                alerts = value;
                return this;
            }

            public Builder lake(DataLake value) {
                lake = value;
                return this;
            }

            public Builder logRetention(RetentionDays value) {
                logRetention = value;
                return this;
            }

            public Builder removalPolicy(RemovalPolicy value) {
                removalPolicy = value;
                return this;
            }

            public Props build() {
                return new Props(stateMachineName, definitionFile, functions, alerts, lake, logRetention, removalPolicy);
            }
        }
    }

    private final AslStateMachine workflow;
    private final Rule trigger;

    public Ingestion(Construct scope, String id, Props props) {
        super(scope, id);
        workflow = new AslStateMachine(this, "Workflow", AslStateMachine.Props.builder()
                .stateMachineName(props.stateMachineName())
                .definitionFile(props.definitionFile())
                .functions(props.functions())
                .alerts(props.alerts())
                .timeout(Duration.hours(1))
                .logRetention(props.logRetention())
                .removalPolicy(props.removalPolicy())
                .build());
        trigger = Rule.Builder.create(this, "OnRawObjectCreated")
                .description("Starts " + props.stateMachineName() + " for each object created under raw/ in the lake")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.s3"))
                        .detailType(List.of("Object Created"))
                        .detail(Map.of(
                                "bucket", Map.of("name", List.of(props.lake().bucket().getBucketName())),
                                "object", Map.of("key", List.of(Map.of("prefix", LakePrefix.RAW.prefix())))))
                        .build())
                .targets(List.of(SfnStateMachine.Builder.create(workflow.stateMachine())
                        .retryAttempts(8).maxEventAge(Duration.hours(24)).build()))
                .build();
    }

    public AslStateMachine workflow() {
        return workflow;
    }

    /** The rule on S3 "Object Created" events under raw/. */
    public Rule trigger() {
        return trigger;
    }
}
