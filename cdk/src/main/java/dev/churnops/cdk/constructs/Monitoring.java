package dev.churnops.cdk.constructs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import software.constructs.Construct;

/**
 * The place of the monitoring workflow (drift against the training baseline, performance on
 * labels that arrived, business KPIs; ARCHITECTURE.md, workflow 4). Its definition,
 * {@code statemachines/monitoring.asl.json}, and its step functions come with the monitoring
 * change; until the file exists no monitoring state machine or schedule is created. When it
 * arrives, each {@code ${<Name>Function}} it names must be added to {@link Step} (with its lake
 * access), or synthesis fails naming the missing function.
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
