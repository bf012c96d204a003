package dev.churnops.cdk.constructs;

import java.nio.file.Path;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * A workflow an EventBridge schedule starts: batch scoring (statemachines/batch-scoring.asl.json)
 * and monitoring. The scheduled event is the execution input; the definitions recognise it by its
 * {@code detail-type} and run with their defaults.
 */
public final class ScheduledWorkflow extends Construct {

    /**
     * @param stateMachineName the state machine's name
     * @param definitionFile the .asl.json file
     * @param functions the step functions it invokes
     * @param alerts the alert topic
     * @param schedule an EventBridge schedule expression
     * @param scheduleEnabled false creates the rule disabled
     * @param timeout how long one execution may run
     * @param logRetention how long execution logs are kept
     * @param removalPolicy what deleting the stack does to the log group
     */
    public record Props(String stateMachineName, Path definitionFile, WorkflowFunctions functions, Alerts alerts,
                        String schedule, boolean scheduleEnabled, Duration timeout, RetentionDays logRetention,
                        RemovalPolicy removalPolicy) {
        public Props {
            Objects.requireNonNull(stateMachineName, "ScheduledWorkflow.Props.stateMachineName");
            Objects.requireNonNull(definitionFile, "ScheduledWorkflow.Props.definitionFile");
            Objects.requireNonNull(functions, "ScheduledWorkflow.Props.functions");
            Objects.requireNonNull(alerts, "ScheduledWorkflow.Props.alerts");
            Objects.requireNonNull(schedule, "ScheduledWorkflow.Props.schedule");
            Objects.requireNonNull(timeout, "ScheduledWorkflow.Props.timeout");
            Objects.requireNonNull(logRetention, "ScheduledWorkflow.Props.logRetention");
            Objects.requireNonNull(removalPolicy, "ScheduledWorkflow.Props.removalPolicy");
        }

        /** Defaults: daily at 05:00 UTC, enabled, a 6-hour timeout, logs kept a month and retained. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String stateMachineName;
            private Path definitionFile;
            private WorkflowFunctions functions;
            private Alerts alerts;
            private String schedule = "cron(0 5 * * ? *)";
            private boolean scheduleEnabled = true;
            private Duration timeout = Duration.hours(6);
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

            public Builder schedule(String value) {
                schedule = value;
                return this;
            }

            public Builder scheduleEnabled(boolean value) {
                scheduleEnabled = value;
                return this;
            }

            public Builder timeout(Duration value) {
                timeout = value;
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
                return new Props(stateMachineName, definitionFile, functions, alerts, schedule, scheduleEnabled, timeout,
                        logRetention, removalPolicy);
            }
        }
    }

    private final AslStateMachine workflow;
    private final Rule schedule;

    public ScheduledWorkflow(Construct scope, String id, Props props) {
        super(scope, id);
        workflow = new AslStateMachine(this, "Workflow", AslStateMachine.Props.builder()
                .stateMachineName(props.stateMachineName())
                .definitionFile(props.definitionFile())
                .functions(props.functions())
                .alerts(props.alerts())
                .timeout(props.timeout())
                .logRetention(props.logRetention())
                .removalPolicy(props.removalPolicy())
                .build());
        schedule = workflow.schedule("Schedule", props.schedule(), props.scheduleEnabled());
    }

    public AslStateMachine workflow() {
        return workflow;
    }

    public Rule schedule() {
        return schedule;
    }
}
