package dev.churnops.cdk.stacks;

import dev.churnops.cdk.AppInputs;
import dev.churnops.cdk.config.StageConfig;
import dev.churnops.cdk.constructs.AslStateMachine;
import dev.churnops.cdk.constructs.Ingestion;
import dev.churnops.cdk.constructs.Monitoring;
import dev.churnops.cdk.constructs.ScheduledWorkflow;
import dev.churnops.cdk.constructs.Step;
import dev.churnops.cdk.constructs.Training;
import dev.churnops.cdk.constructs.WorkflowFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * A stage's workflows: the step functions, and the ingestion, feature-materialization, training,
 * batch-scoring (and, once its definition exists, monitoring) state machines with their triggers,
 * from the files in statemachines/. Each step function gets the lake access, registry access and
 * online-store access its {@link Step} declares.
 */
public final class WorkflowsStack extends Stack {

    private final WorkflowFunctions functions;
    private final Ingestion ingestion;
    private final Training training;
    private final ScheduledWorkflow featureMaterialization;
    private final ScheduledWorkflow batchScoring;
    private final Optional<ScheduledWorkflow> monitoring;

    public WorkflowsStack(Construct scope, String id, StackProps props, AppInputs inputs, DataStack data) {
        super(scope, id, props);
        StageConfig stage = inputs.stage();
        var lake = data.lake();
        var alerts = data.alerts();
        var featureStore = data.featureStore();
        var machines = inputs.repoRoot().resolve("statemachines");
        functions = new WorkflowFunctions(this, "Functions", WorkflowFunctions.Props.builder()
                .namePrefix(stage.prefix())
                .code(Code.fromAsset(inputs.functionsJar().toString()))
                .memoryMb(stage.functions().stepMemoryMb())
                .timeout(Duration.seconds(stage.functions().stepTimeoutSeconds()))
                .environment(FunctionEnvironment.of(stage, lake, featureStore, alerts, inputs.codeVersion(),
                        "churnops-workflows"))
                .lake(lake)
                .logRetention(stage.logRetention())
                .removalPolicy(stage.removalPolicy())
                .build());
        for (Step step : Step.values()) {
            featureStore.grant(functions.get(step).role(), step.onlineStore());
        }
        training = new Training(this, "Training", Training.Props.builder()
                .namePrefix(stage.prefix())
                .trainingDirectory(inputs.repoRoot().resolve("functions/training"))
                .definitionFile(machines.resolve("training.asl.json"))
                .functions(functions)
                .alerts(alerts)
                .lake(lake)
                .job(stage.training())
                .schedule(stage.schedules().training())
                .scheduleEnabled(stage.schedules().enabled())
                .logRetention(stage.logRetention())
                .removalPolicy(stage.removalPolicy())
                .build());
        ingestion = new Ingestion(this, "Ingestion", Ingestion.Props.builder()
                .workflow(AslStateMachine.Props.builder()
                        .stateMachineName(stage.prefix() + "-ingestion")
                        .definitionFile(machines.resolve("ingestion.asl.json"))
                        .functions(functions)
                        .alerts(alerts)
                        .timeout(Duration.hours(1))
                        .logRetention(stage.logRetention())
                        .removalPolicy(stage.removalPolicy())
                        .build())
                .lake(lake)
                .build());
        featureMaterialization = scheduled("FeatureMaterialization", "feature-materialization", Duration.hours(1),
                stage.schedules().featureMaterialization(), stage, machines, alerts);
        batchScoring = scheduled("BatchScoring", "batch-scoring", Duration.hours(6), stage.schedules().batchScoring(), stage,
                machines, alerts);
        monitoring = Monitoring.ifDefined(this, "Monitoring", inputs.repoRoot(), AslStateMachine.Props.builder()
                .stateMachineName(stage.prefix() + "-monitoring")
                .functions(functions)
                .alerts(alerts)
                .startable(Map.of("TrainingStateMachineArn", training.workflow().workflow().stateMachine()))
                .timeout(Duration.hours(2))
                .logRetention(stage.logRetention())
                .removalPolicy(stage.removalPolicy()),
                stage.schedules().monitoring(), stage.schedules().enabled());
    }

    /** A state machine of {@code statemachines/<machine>.asl.json} that an EventBridge schedule starts. */
    private ScheduledWorkflow scheduled(String id, String machine, Duration timeout, String schedule, StageConfig stage,
                                        java.nio.file.Path machines, dev.churnops.cdk.constructs.Alerts alerts) {
        return new ScheduledWorkflow(this, id, ScheduledWorkflow.Props.builder()
                .workflow(AslStateMachine.Props.builder()
                        .stateMachineName(stage.prefix() + "-" + machine)
                        .definitionFile(machines.resolve(machine + ".asl.json"))
                        .functions(functions)
                        .alerts(alerts)
                        .timeout(timeout)
                        .logRetention(stage.logRetention())
                        .removalPolicy(stage.removalPolicy())
                        .build())
                .schedule(schedule)
                .scheduleEnabled(stage.schedules().enabled())
                .build());
    }

    public WorkflowFunctions functions() {
        return functions;
    }

    public Ingestion ingestion() {
        return ingestion;
    }

    public Training training() {
        return training;
    }

    public ScheduledWorkflow featureMaterialization() {
        return featureMaterialization;
    }

    public ScheduledWorkflow batchScoring() {
        return batchScoring;
    }

    public Optional<ScheduledWorkflow> monitoring() {
        return monitoring;
    }

    /** Every state machine of the stage. */
    public List<AslStateMachine> workflows() {
        List<AslStateMachine> all = new ArrayList<>(List.of(ingestion.workflow(), featureMaterialization.workflow(),
                training.workflow().workflow(), batchScoring.workflow()));
        monitoring.ifPresent(m -> all.add(m.workflow()));
        return all;
    }
}
