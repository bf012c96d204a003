package dev.churnops.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.cdk.config.StageConfig;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The scoring function, its canary deployment and the REST API, in every stage. */
class ServingStackTest {

    private static Template serving(String stage) {
        SynthesizedStage s = SynthesizedStage.of(stage);
        return s.assertions(s.stacks().serving());
    }

    private static JsonNode template(String stage) {
        SynthesizedStage s = SynthesizedStage.of(stage);
        return s.template(s.stacks().serving());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void scoringRunsOnJava21WithSnapStartOnPublishedVersions(String stage) {
        Template t = serving(stage);
        t.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "FunctionName", "churnops-" + stage + "-scoring",
                "Handler", "dev.churnops.handlers.scoring.ScoringHandler::handleRequest",
                "Runtime", "java21",
                "MemorySize", StageConfig.of(stage).functions().scoringMemoryMb(),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"))));
        t.resourceCountIs("AWS::Lambda::Version", 1);
        t.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", "live",
                "FunctionName", Match.anyValue(), "FunctionVersion", Match.anyValue()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void scoringFunctionHoldsNoApiKeysAndNoTrainingSettings(String stage) {
        JsonNode fn = Templates.resources(template(stage), "AWS::Lambda::Function").values().iterator().next();
        JsonNode vars = fn.path("Properties").path("Environment").path("Variables");
        assertTrue(vars.path("CHURNOPS_API_KEYS").isMissingNode(), "an API key list in a plain environment variable");
        assertEquals("api-gateway", vars.path("CHURNOPS_API_KEY_CHECK").asText(), "keys are API Gateway's to check");
        assertTrue(vars.path("CHURNOPS_TRAINING_IMAGE").isMissingNode());
        assertEquals("aws", vars.path("CHURNOPS_ADAPTERS").asText());
        assertFalse(vars.path("CHURNOPS_BUCKET").isMissingNode());
        assertFalse(vars.path("CHURNOPS_ALERT_TOPIC_ARN").isMissingNode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void scoringReadsOnlyModelsAndWritesOnlyCapturedScoresAndSamplesATenth(String stage) {
        JsonNode template = template(stage);
        Template t = serving(stage);
        t.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "FunctionName", "churnops-" + stage + "-scoring",
                "Environment", Map.of("Variables", Match.objectLike(Map.of("CHURNOPS_CAPTURE_RATE", "0.1",
                        "CHURNOPS_FEATURE_GROUP", "churnops-" + stage + "-customers"))))));
        List<Templates.Statement> s3 = Templates.identityStatements("serving", template).stream()
                .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("s3:"))).toList();
        Map<String, List<String>> byAction = new java.util.TreeMap<>();
        for (Templates.Statement s : s3) {
            for (String action : s.actions()) {
                byAction.computeIfAbsent(action, a -> new java.util.ArrayList<>())
                        .addAll(s.resources().stream().map(Templates::literalText).toList());
            }
        }
        assertEquals(Map.of("s3:GetObject", List.of("<ref>/models/*"), "s3:PutObject", List.of("<ref>/capture/*"),
                "s3:ListBucket", List.of("<ref>")), byAction, s3::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void deploysByCanaryAndRollsBackOnTheErrorRateLatencyAndScorePsiAlarms(String stage) {
        Template t = serving(stage);
        t.hasResourceProperties("AWS::CodeDeploy::DeploymentGroup", Match.objectLike(Map.of(
                "DeploymentConfigName", "CodeDeployDefault.LambdaCanary10Percent5Minutes",
                "AlarmConfiguration", Map.of("Enabled", true, "Alarms", List.of(
                        Map.of("Name", Match.anyValue()), Map.of("Name", Match.anyValue()), Map.of("Name", Match.anyValue()))),
                "AutoRollbackConfiguration", Map.of("Enabled", true, "Events", Match.arrayWith(List.of(
                        "DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_REQUEST", "DEPLOYMENT_STOP_ON_ALARM"))))));
        StageConfig.Api api = StageConfig.of(stage).api();
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "churnops-" + stage + "-scoring-error-rate", "Threshold", api.errorRatePercentAlarm())));
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "churnops-" + stage + "-scoring-p99-duration", "Threshold", api.p99LatencyMsAlarm(),
                "ExtendedStatistic", "p99")));
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "churnops-" + stage + "-scoring-score-psi", "Threshold", api.scorePsiAlarm())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void theCanaryAlarmsWatchTheDeployedVersionNotTheAliasMix(String stage) {
        Template t = serving(stage);
        Object deployedVersion = Map.of("Fn::GetAtt", Match.arrayWith(List.of("Version")));
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "churnops-" + stage + "-scoring-score-psi",
                "Namespace", "ChurnOps/" + stage,
                "MetricName", "ScorePsi",
                "Statistic", "Average",
                "Period", 60,
                "ComparisonOperator", "GreaterThanThreshold",
                "Dimensions", Match.arrayWith(List.of(Map.of("Name", "FunctionVersion", "Value", deployedVersion))))));
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "churnops-" + stage + "-scoring-score-psi",
                "Dimensions", Match.arrayWith(List.of(Map.of("Name", "Model", "Value", "churn"))))));
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "churnops-" + stage + "-scoring-p99-duration",
                "Dimensions", Match.arrayWith(List.of(Map.of("Name", "ExecutedVersion", "Value", deployedVersion))))));
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "churnops-" + stage + "-scoring-error-rate",
                "Metrics", Match.arrayWith(List.of(Match.objectLike(Map.of("MetricStat", Match.objectLike(Map.of(
                        "Metric", Match.objectLike(Map.of("MetricName", "Errors", "Dimensions", Match.arrayWith(List.of(
                                Map.of("Name", "ExecutedVersion", "Value", deployedVersion))))))))))))));
        // The alias update starts the deployment: the group, with the moved alarms, is updated first.
        t.hasResource("AWS::Lambda::Alias", Match.objectLike(Map.of(
                "DependsOn", Match.arrayWith(List.of(Match.stringLikeRegexp("ScoringDeployment.*"))))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyRouteButHealthRequiresAnApiKeyAndIsValidated(String stage) {
        JsonNode template = template(stage);
        var methods = Templates.resources(template, "AWS::ApiGateway::Method");
        assertEquals(4, methods.size());
        for (var e : methods.entrySet()) {
            JsonNode p = e.getValue().path("Properties");
            boolean health = e.getKey().contains("health");
            assertEquals(!health, p.path("ApiKeyRequired").asBoolean(), e.getKey());
            assertFalse(p.path("RequestValidatorId").isMissingNode(), e.getKey() + " has no request validator");
            assertEquals("AWS_PROXY", p.path("Integration").path("Type").asText());
        }
        Template t = serving(stage);
        t.hasResourceProperties("AWS::ApiGateway::RequestValidator", Map.of("RestApiId", Match.anyValue(),
                "Name", Match.anyValue(), "ValidateRequestBody", true, "ValidateRequestParameters", true));
        t.hasResourceProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of("HttpMethod", "POST",
                "RequestModels", Map.of("application/json", Match.anyValue()))));
        t.hasResourceProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of("HttpMethod", "GET",
                "RequestParameters", Map.of("method.request.path.id", true))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void usagePlanThrottlesAndLimitsTheApiKey(String stage) {
        StageConfig.Api api = StageConfig.of(stage).api();
        Template t = serving(stage);
        t.hasResourceProperties("AWS::ApiGateway::UsagePlan", Match.objectLike(Map.of(
                "Throttle", Map.of("RateLimit", api.throttleRatePerSecond(), "BurstLimit", api.throttleBurst()),
                "Quota", Map.of("Limit", api.quotaPerDay(), "Period", "DAY"),
                "ApiStages", List.of(Match.objectLike(Map.of("Stage", Match.anyValue()))))));
        t.resourceCountIs("AWS::ApiGateway::ApiKey", 1);
        t.resourceCountIs("AWS::ApiGateway::UsagePlanKey", 1);
        t.hasResourceProperties("AWS::ApiGateway::ApiKey", Match.objectLike(Map.of("Value", Match.absent())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void stageWritesJsonAccessLogsAndNeverLogsBodies(String stage) {
        StageConfig.Api api = StageConfig.of(stage).api();
        serving(stage).hasResourceProperties("AWS::ApiGateway::Stage", Match.objectLike(Map.of(
                "StageName", stage,
                "TracingEnabled", true,
                "AccessLogSetting", Map.of("DestinationArn", Match.anyValue(), "Format", Match.stringLikeRegexp(".*requestId.*")),
                "MethodSettings", List.of(Match.objectLike(Map.of("LoggingLevel", "ERROR", "DataTraceEnabled", false,
                        "MetricsEnabled", true, "ThrottlingRateLimit", api.throttleRatePerSecond(),
                        "ThrottlingBurstLimit", api.throttleBurst()))))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void gatewayErrorsHaveTheApisErrorShape(String stage) {
        Template t = serving(stage);
        t.resourceCountIs("AWS::ApiGateway::GatewayResponse", 6);
        t.hasResourceProperties("AWS::ApiGateway::GatewayResponse", Map.of(
                "ResponseType", "MISSING_AUTHENTICATION_TOKEN", "RestApiId", Match.anyValue(), "StatusCode", "404",
                "ResponseTemplates", Map.of("application/json", Match.stringLikeRegexp(".*\"code\": \"not_found\".*"))));
        t.hasResourceProperties("AWS::ApiGateway::GatewayResponse", Map.of(
                "ResponseType", "INVALID_API_KEY", "RestApiId", Match.anyValue(), "StatusCode", "403",
                "ResponseTemplates", Map.of("application/json", Match.stringLikeRegexp(".*\"code\": \"forbidden\".*"))));
    }

    @Test
    void scoringPackageStaysWithin20Megabytes() throws IOException {
        File jar = new File(System.getProperty("churnops.scoringJar"));
        assertTrue(jar.length() <= 20L * 1024 * 1024, () -> jar + " is " + jar.length() + " bytes, over 20 MB");
        try (ZipFile zip = new ZipFile(jar)) {
            assertTrue(zip.getEntry("dev/churnops/handlers/scoring/ScoringHandler.class") != null, "no ScoringHandler in " + jar);
        }
    }
}
