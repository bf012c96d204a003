package dev.churnops.cdk.constructs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.cdk.SynthesizedStage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/** Loading the definition files, and the place the monitoring workflow will take. */
class AslStateMachineTest {

    private Stack stack;
    private WorkflowFunctions functions;
    private Alerts alerts;

    @BeforeEach
    void stack() {
        App app = App.Builder.create().outdir(SynthesizedStage.tempDir("asl").toString())
                .context(SynthesizedStage.context(Map.of())).build();
        stack = new Stack(app, "Asl");
        DataLake lake = new DataLake(stack, "Lake", DataLake.Props.builder().build());
        alerts = new Alerts(stack, "Alerts", Alerts.Props.builder().build());
        functions = new WorkflowFunctions(stack, "Functions", WorkflowFunctions.Props.builder()
                .code(Code.fromAsset(System.getProperty("churnops.functionsJar"))).lake(lake).build());
    }

    private AslStateMachine machine(Construct scope, Path file) {
        return new AslStateMachine(scope, "Machine", AslStateMachine.Props.builder()
                .stateMachineName("test").definitionFile(file).functions(functions).alerts(alerts).build());
    }

    @Test
    void invokesExactlyTheStepsItsFileNames() {
        AslStateMachine ingestion = machine(stack, Path.of("..", "statemachines", "ingestion.asl.json"));
        assertEquals(Set.of(Step.VALIDATE_DATA, Step.PUBLISH_DATA_QUALITY, Step.UPDATE_FEATURES), ingestion.invokedSteps());
        AslStateMachine materialization = new AslStateMachine(stack, "Materialization", AslStateMachine.Props.builder()
                .stateMachineName("test-materialization").definitionFile(Path.of("..", "statemachines",
                        "feature-materialization.asl.json")).functions(functions).alerts(alerts).build());
        assertEquals(Set.of(Step.MATERIALIZE_FEATURES), materialization.invokedSteps());
    }

    @Test
    void failsNamingAVariableNothingProvides() throws IOException {
        Path file = SynthesizedStage.tempDir("asl-unknown").resolve("monitoring.asl.json");
        Files.writeString(file, "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", "
                + "\"Resource\": \"arn:aws:states:::lambda:invoke\", \"Parameters\": {\"FunctionName\": \"${DetectDriftFunction}\"}, "
                + "\"End\": true}}}");
        var e = assertThrows(IllegalArgumentException.class, () -> machine(stack, file));
        assertTrue(e.getMessage().contains("monitoring.asl.json") && e.getMessage().contains("${DetectDriftFunction}")
                && e.getMessage().contains("Step"), e.getMessage());
    }

    @Test
    void monitoringIsCreatedOnlyOnceItsDefinitionExists() throws IOException {
        Path repo = SynthesizedStage.tempDir("asl-repo");
        AslStateMachine.Props.Builder props = AslStateMachine.Props.builder().stateMachineName("churnops-monitoring")
                .functions(functions).alerts(alerts);
        assertTrue(Monitoring.ifDefined(stack, "None", repo, props, "cron(0 5 * * ? *)", true).isEmpty());
        Files.createDirectories(repo.resolve("statemachines"));
        Files.writeString(repo.resolve(Monitoring.DEFINITION), "{\"StartAt\": \"Alert\", \"States\": {\"Alert\": {\"Type\": \"Task\", "
                + "\"Resource\": \"arn:aws:states:::sns:publish\", \"Parameters\": {\"TopicArn\": \"${AlertTopicArn}\", "
                + "\"Message\": \"drift\"}, \"End\": true}}}");
        var monitoring = Monitoring.ifDefined(stack, "Monitoring", repo, props, "cron(0 5 * * ? *)", true);
        assertTrue(monitoring.isPresent());
        assertEquals(Set.of(), monitoring.get().workflow().invokedSteps());
    }
}
