package dev.churnops.cdk.constructs;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.constructs.Construct;

/**
 * The ingestion workflow: {@code statemachines/ingestion.asl.json}, started by EventBridge for
 * every object created under {@code raw/} in the lake. Its input is the S3 "Object Created" event
 * as EventBridge delivers it (events/eventbridge/s3-object-created.json).
 */
public final class Ingestion extends Construct {

    /**
     * @param workflow the state machine of statemachines/ingestion.asl.json
     * @param lake the bucket whose raw/ uploads start it
     */
    public record Props(AslStateMachine.Props workflow, DataLake lake) {
        public Props {
            Objects.requireNonNull(workflow, "Ingestion.Props.workflow");
            Objects.requireNonNull(lake, "Ingestion.Props.lake");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private AslStateMachine.Props workflow;
            private DataLake lake;

            public Builder workflow(AslStateMachine.Props value) {
                workflow = value;
                return this;
            }

            public Builder lake(DataLake value) {
                lake = value;
                return this;
            }

            public Props build() {
                return new Props(workflow, lake);
            }
        }
    }

    private final AslStateMachine workflow;
    private final Rule trigger;

    public Ingestion(Construct scope, String id, Props props) {
        super(scope, id);
        workflow = new AslStateMachine(this, "Workflow", props.workflow());
        trigger = Rule.Builder.create(this, "OnRawObjectCreated")
                .description("Starts " + props.workflow().stateMachineName() + " for each object created under raw/ in the lake")
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
