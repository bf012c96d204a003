package dev.churnops.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnops.cdk.config.StageConfig;
import dev.churnops.cdk.constructs.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The step functions, the state machines and their triggers, in every stage. */
class WorkflowsStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The variables the AWS adapter set and Powertools read; every step function gets exactly these. */
    private static final Set<String> STEP_ENVIRONMENT = Set.of("CHURNOPS_ADAPTERS", "CHURNOPS_BUCKET",
            "CHURNOPS_ALERT_TOPIC_ARN", "CHURNOPS_FEATURE_GROUP", "CHURNOPS_TRAINING_IMAGE", "CHURNOPS_SAGEMAKER_ROLE_ARN",
            "CHURNOPS_TRAINING_INSTANCE_TYPE", "CHURNOPS_TRAINING_VOLUME_GB", "CHURNOPS_TRAINING_MAX_SECONDS",
            "CHURNOPS_MODEL_PACKAGE_GROUP", "CHURNOPS_METRICS_NAMESPACE", "CHURNOPS_MODEL_NAME", "CHURNOPS_CODE_VERSION",
            "CHURNOPS_MAX_QUARANTINE_RATE", "POWERTOOLS_SERVICE_NAME", "POWERTOOLS_METRICS_NAMESPACE", "POWERTOOLS_LOG_LEVEL");

    private static SynthesizedStage synth(String stage) {
        return SynthesizedStage.of(stage);
    }

    private static Template workflows(String stage) {
        return synth(stage).assertions(synth(stage).stacks().workflows());
    }

    private static JsonNode template(String stage) {
        return synth(stage).template(synth(stage).stacks().workflows());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void buildsOneJava21FunctionPerStepFromTheFunctionsJar(String stage) {
        Template t = workflows(stage);
        t.resourceCountIs("AWS::Lambda::Function", Step.values().length);
        StageConfig config = StageConfig.of(stage);
        for (Step step : Step.values()) {
            t.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "FunctionName", "churnops-" + stage + "-" + step.shortName(),
                    "Handler", step.handler(),
                    "Runtime", "java21",
                    "Architectures", List.of("arm64"),
                    "MemorySize", config.functions().stepMemoryMb(),
                    "Timeout", config.functions().stepTimeoutSeconds(),
                    "TracingConfig", Map.of("Mode", "Active"),
                    "LoggingConfig", Map.of("LogGroup", Match.anyValue(), "LogFormat", "JSON"))));
        }
    }

    @Test
    void everyStepHandlerIsInTheFunctionsJarWithTheAwsAdapters() throws IOException {
        try (ZipFile jar = new ZipFile(System.getProperty("churnops.functionsJar"))) {
            for (Step step : Step.values()) {
                String entry = step.handler().replace("::handleRequest", "").replace('.', '/') + ".class";
                assertNotNull(jar.getEntry(entry), () -> "churnops-functions.jar lacks " + entry);
            }
            var services = jar.getEntry("META-INF/services/dev.churnops.handlers.ServicesFactory");
            assertNotNull(services, "churnops-functions.jar registers no ServicesFactory");
            String factories = new String(jar.getInputStream(services).readAllBytes());
            assertTrue(factories.contains("dev.churnops.aws.AwsServicesFactory"), factories);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyStepFunctionGetsTheAdapterEnvironment(String stage) {
        boolean kms = StageConfig.of(stage).lakeEncryption() == StageConfig.LakeEncryption.KMS;
        Set<String> expected = new TreeSet<>(STEP_ENVIRONMENT);
        if (kms) {
            expected.add("CHURNOPS_KMS_KEY_ARN");
        }
        for (var e : Templates.resources(template(stage), "AWS::Lambda::Function").entrySet()) {
            JsonNode vars = e.getValue().path("Properties").path("Environment").path("Variables");
            Set<String> names = new TreeSet<>();
            vars.fieldNames().forEachRemaining(names::add);
            assertEquals(expected, names, e.getKey());
            assertEquals("aws", vars.path("CHURNOPS_ADAPTERS").asText());
            assertEquals("ChurnOps/" + stage, vars.path("CHURNOPS_METRICS_NAMESPACE").asText());
            assertEquals("churnops-" + stage + "-churn", vars.path("CHURNOPS_MODEL_PACKAGE_GROUP").asText());
            assertEquals("churnops-" + stage + "-customers", vars.path("CHURNOPS_FEATURE_GROUP").asText());
            assertEquals(StageConfig.of(stage).training().instanceType(), vars.path("CHURNOPS_TRAINING_INSTANCE_TYPE").asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void stateMachinesTraceAndLogEveryEventWithoutExecutionData(String stage) {
        Template t = workflows(stage);
        t.resourceCountIs("AWS::StepFunctions::StateMachine", 5);
        for (String name : List.of("ingestion", "feature-materialization", "training", "batch-scoring", "monitoring")) {
            t.hasResourceProperties("AWS::StepFunctions::StateMachine", Match.objectLike(Map.of(
                    "StateMachineName", "churnops-" + stage + "-" + name,
                    "TracingConfiguration", Map.of("Enabled", true),
                    "LoggingConfiguration", Match.objectLike(Map.of("Level", "ALL", "IncludeExecutionData", false)))));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void definitionsAreTheRepositoryFilesWithEverySubstitutionResolved(String stage) throws IOException {
        JsonNode template = template(stage);
        Map<String, JsonNode> functions = Templates.resources(template, "AWS::Lambda::Function");
        for (var sm : Templates.resources(template, "AWS::StepFunctions::StateMachine").entrySet()) {
            JsonNode definition = sm.getValue().path("Properties").path("DefinitionString");
            String literal = Templates.literalText(definition);
            assertFalse(literal.contains("${"), () -> sm.getKey() + " keeps an unresolved ${…}: " + literal);
            assertTrue(sm.getValue().path("Properties").path("DefinitionSubstitutions").isMissingNode(), sm.getKey());
            // Each reference sits where the file has a ${Name}: the file's text with the references put back.
            String name = sm.getValue().path("Properties").path("StateMachineName").asText().replace("churnops-" + stage + "-", "");
            String file = Files.readString(Path.of("..", "statemachines", name + ".asl.json"));
            assertEquals(file.replaceAll("\\$\\{[A-Za-z]+}", "<ref>"), literal, sm.getKey());
            JSON.readTree(literal.replace("<ref>", "x"));

            Set<String> invoked = new TreeSet<>();
            for (JsonNode ref : Templates.joinedReferences(definition)) {
                if (ref.has("Fn::GetAtt")) {
                    String target = ref.get("Fn::GetAtt").get(0).asText();
                    assertTrue(functions.containsKey(target), () -> sm.getKey() + " names " + ref + ", not a function of " + stage);
                    assertEquals("Arn", ref.get("Fn::GetAtt").get(1).asText());
                    String fnName = functions.get(target).path("Properties").path("FunctionName").asText();
                    assertTrue(fnName.startsWith("churnops-" + stage + "-"), fnName);
                    invoked.add(target);
                } else if (ref.has("Ref") && ref.get("Ref").asText().startsWith("TrainingWorkflowStateMachine")) {
                    // Monitoring starts training: the one state machine another may start.
                    assertTrue(sm.getKey().startsWith("MonitoringWorkflowStateMachine"), () -> sm.getKey() + " starts training");
                    assertTrue(mayStart(template, sm.getValue(), ref.get("Ref").asText()), sm.getKey() + " may start " + ref);
                } else {
                    // The only other reference is the alert topic, from this stage's data stack.
                    assertTrue(ref.toString().contains("ChurnOps-" + stage + "-Data") && ref.toString().contains("AlertsTopic"),
                            () -> sm.getKey() + " references " + ref);
                }
            }
            assertFalse(invoked.isEmpty(), sm.getKey());
            assertEquals(invoked, invokableFunctions(template, sm.getValue()), sm.getKey() + " may invoke exactly the functions it names");
        }
    }

    /** Whether a state machine's role may start {@code target} (states:StartExecution on exactly its ARN). */
    private static boolean mayStart(JsonNode template, JsonNode stateMachine, String target) {
        String role = stateMachine.path("Properties").path("RoleArn").path("Fn::GetAtt").get(0).asText();
        for (JsonNode policy : Templates.resources(template, "AWS::IAM::Policy").values()) {
            if (!policy.path("Properties").path("Roles").toString().contains("\"" + role + "\"")) {
                continue;
            }
            for (JsonNode s : policy.path("Properties").path("PolicyDocument").path("Statement")) {
                if (Templates.strings(s.path("Action")).contains("states:StartExecution")
                        && s.path("Resource").toString().equals("{\"Ref\":\"" + target + "\"}")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The functions a state machine's role may invoke. */
    private static Set<String> invokableFunctions(JsonNode template, JsonNode stateMachine) {
        String role = stateMachine.path("Properties").path("RoleArn").path("Fn::GetAtt").get(0).asText();
        Set<String> functions = new TreeSet<>();
        for (JsonNode policy : Templates.resources(template, "AWS::IAM::Policy").values()) {
            boolean forRole = policy.path("Properties").path("Roles").toString().contains("\"" + role + "\"");
            if (!forRole) {
                continue;
            }
            for (JsonNode s : policy.path("Properties").path("PolicyDocument").path("Statement")) {
                if (Templates.strings(s.path("Action")).contains("lambda:InvokeFunction")) {
                    for (JsonNode r : s.path("Resource").isArray() ? s.path("Resource") : JSON.createArrayNode().add(s.path("Resource"))) {
                        functions.add(r.path("Fn::GetAtt").get(0).asText());
                    }
                }
            }
        }
        return functions;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void ingestionStartsOnObjectsCreatedUnderRaw(String stage) {
        workflows(stage).hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "State", "ENABLED",
                "EventPattern", Map.of(
                        "source", List.of("aws.s3"),
                        "detail-type", List.of("Object Created"),
                        "detail", Map.of("bucket", Map.of("name", List.of(Match.anyValue())),
                                "object", Map.of("key", List.of(Map.of("prefix", "raw/"))))),
                "Targets", List.of(Match.objectLike(Map.of("RetryPolicy", Match.anyValue()))))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void trainingFeatureMaterializationBatchScoringAndMonitoringRunOnTheStagesSchedules(String stage) {
        StageConfig.Schedules schedules = StageConfig.of(stage).schedules();
        String state = schedules.enabled() ? "ENABLED" : "DISABLED";
        Template t = workflows(stage);
        t.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", schedules.training(), "State", state)));
        t.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", schedules.batchScoring(), "State", state)));
        t.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", schedules.featureMaterialization(), "State", state,
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", Match.stringLikeRegexp(
                        "FeatureMaterializationWorkflowStateMachine.*"))))))));
        t.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", schedules.monitoring(), "State", state,
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", Match.stringLikeRegexp(
                        "MonitoringWorkflowStateMachine.*"))))))));
        t.resourceCountIs("AWS::Events::Rule", 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void trainingHasAModelPackageGroupAndASageMakerRoleThatOnlyLaunchMayPass(String stage) {
        Template t = workflows(stage);
        t.hasResourceProperties("AWS::SageMaker::ModelPackageGroup", Map.of(
                "ModelPackageGroupName", "churnops-" + stage + "-churn", "ModelPackageGroupDescription", Match.anyValue()));
        t.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of("AssumeRolePolicyDocument", Map.of(
                "Statement", List.of(Match.objectLike(Map.of("Principal", Map.of("Service", "sagemaker.amazonaws.com")))),
                "Version", "2012-10-17"))));
        List<String> passers = new ArrayList<>();
        for (Templates.Statement s : Templates.identityStatements("Workflows", template(stage))) {
            if (s.actions().contains("iam:PassRole")) {
                passers.add(s.policy());
                assertEquals("sagemaker.amazonaws.com", s.json().path("Condition").path("StringEquals").path("iam:PassedToService").asText());
            }
        }
        assertEquals(1, passers.size(), passers.toString());
        assertTrue(passers.get(0).contains("LaunchTraining"), passers.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void trainingImageComesFromTheTrainingDockerfile(String stage) {
        JsonNode fn = Templates.resources(template(stage), "AWS::Lambda::Function").values().iterator().next();
        String image = fn.path("Properties").path("Environment").path("Variables").path("CHURNOPS_TRAINING_IMAGE").toString();
        Matcher m = Pattern.compile("container-assets-\\$\\{AWS::AccountId}-\\$\\{AWS::Region}:([0-9a-f]{64})").matcher(image);
        assertTrue(m.find(), image);
    }
}
