package dev.churnops.cdk.constructs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import software.constructs.Construct;

/**
 * The monitoring workflow (drift against the training baseline, performance on labels that
 * arrived, business KPIs, anomalies; ARCHITECTURE.md, workflow 4), on its schedule. Its definition
 * is {@code statemachines/monitoring.asl.json}; each {@code ${<Name>Function}} it names is a
 * {@link Step}, and {@code ${TrainingStateMachineArn}} the training workflow it may start, given as
 * a startable state machine. Without the file no monitoring state machine or schedule is created,
 * so a fork that removes the workflow still synthesises.
 */
public final class Monitoring {

    /** The definition file, relative to the repository root. */
    public static final String DEFINITION = "statemachines/monitoring.asl.json";

    private Monitoring() {
    }

    /**
     * The scheduled monitoring workflow when {@link #DEFINITION} exists under {@code repoRoot},
     * otherwise none.
     */
    public static Optional<ScheduledWorkflow> ifDefined(Construct scope, String id, Path repoRoot,
                                                        AslStateMachine.Props.Builder workflow, String schedule,
                                                        boolean scheduleEnabled) {
        Path definition = repoRoot.resolve(DEFINITION);
        if (!Files.isRegularFile(definition)) {
            return Optional.empty();
        }
        return Optional.of(new ScheduledWorkflow(scope, id, ScheduledWorkflow.Props.builder()
                .workflow(workflow.definitionFile(definition).build())
                .schedule(schedule).scheduleEnabled(scheduleEnabled).build()));
    }
}
