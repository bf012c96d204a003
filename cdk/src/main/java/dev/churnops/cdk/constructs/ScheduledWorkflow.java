package dev.churnops.cdk.constructs;

import java.util.Objects;
import software.amazon.awscdk.services.events.Rule;
import software.constructs.Construct;

/**
 * A workflow an EventBridge schedule starts: feature materialization
 * (statemachines/feature-materialization.asl.json), batch scoring (statemachines/batch-scoring.asl.json)
 * and monitoring. The scheduled event is the execution input; the definitions recognise it by its
 * {@code detail-type} and run with their defaults.
 */
public final class ScheduledWorkflow extends Construct {

    /**
     * @param workflow the state machine
     * @param schedule an EventBridge schedule expression
     * @param scheduleEnabled false creates the rule disabled
     */
    public record Props(AslStateMachine.Props workflow, String schedule, boolean scheduleEnabled) {
        public Props {
            Objects.requireNonNull(workflow, "ScheduledWorkflow.Props.workflow");
            Objects.requireNonNull(schedule, "ScheduledWorkflow.Props.schedule");
        }

        /** Defaults: daily at 05:00 UTC, enabled. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private AslStateMachine.Props workflow;
            private String schedule = "cron(0 5 * * ? *)";
            private boolean scheduleEnabled = true;

            public Builder workflow(AslStateMachine.Props value) {
                workflow = value;
                return this;
            }

            public Builder schedule(String value) {
                schedule = value;
                return this;
            }

            public Builder scheduleEnabled(boolean value) {
                scheduleEnabled = value;
                return this;
            }

            public Props build() {
                return new Props(workflow, schedule, scheduleEnabled);
            }
        }
    }

    private final AslStateMachine workflow;
    private final Rule schedule;

    public ScheduledWorkflow(Construct scope, String id, Props props) {
        super(scope, id);
        workflow = new AslStateMachine(this, "Workflow", props.workflow());
        schedule = workflow.schedule("Schedule", props.schedule(), props.scheduleEnabled());
    }

    public AslStateMachine workflow() {
        return workflow;
    }

    public Rule schedule() {
        return schedule;
    }
}
