package dev.churnops.cdk.constructs;

import dev.churnops.cdk.config.StageConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.IApiKey;
import software.amazon.awscdk.services.apigateway.ApiKeyOptions;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.JsonSchema;
import software.amazon.awscdk.services.apigateway.JsonSchemaType;
import software.amazon.awscdk.services.apigateway.JsonSchemaVersion;
import software.amazon.awscdk.services.apigateway.JsonWithStandardFieldProps;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.Model;
import software.amazon.awscdk.services.apigateway.ModelOptions;
import software.amazon.awscdk.services.apigateway.Period;
import software.amazon.awscdk.services.apigateway.QuotaSettings;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.Resource;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.apigateway.ThrottleSettings;
import software.amazon.awscdk.services.apigateway.UsagePlan;
import software.amazon.awscdk.services.apigateway.UsagePlanPerApiStage;
import software.amazon.awscdk.services.apigateway.UsagePlanProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CreateAlarmOptions;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.codedeploy.AutoRollbackConfig;
import software.amazon.awscdk.services.codedeploy.LambdaDeploymentConfig;
import software.amazon.awscdk.services.codedeploy.LambdaDeploymentGroup;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The scoring API: the scoring function (Java 21, SnapStart on published versions) behind the
 * alias {@value #ALIAS}, served by an API Gateway REST API that checks API keys (one key, in a
 * usage plan with throttling and a daily quota), validates requests before they reach the
 * function, and writes JSON access logs. Every change of the function is deployed by CodeDeploy
 * as a canary (10% of traffic for 5 minutes) and rolled back automatically when an alarm on the
 * version being deployed fires: its error rate, its p99 duration, or the population stability index
 * of its scores against its model's training scores ({@value #SCORE_PSI_METRIC}, which the function
 * publishes); the alarms also notify the alert topic. The function reads
 * models under {@code models/}, writes a sample of its scores under {@code capture/} for
 * monitoring, and looks customers given by id up in the online feature store.
 *
 * <p>The routes are those of {@code api/openapi.json}. Errors API Gateway answers itself (unknown
 * route, missing or wrong key, throttling, an invalid body) have the API's one error shape.
 */
public final class Scoring extends Construct {

    public static final String HANDLER = "dev.churnops.handlers.scoring.ScoringHandler::handleRequest";
    public static final String ALIAS = "live";
    /** The function's metric of its running score PSI (ScorePsiMetric in functions/handlers), and its dimensions. */
    public static final String SCORE_PSI_METRIC = "ScorePsi";
    static final String MODEL_DIMENSION = "Model";
    static final String FUNCTION_VERSION_DIMENSION = "FunctionVersion";
    /** What the function uses when its environment names no namespace (AwsSettings) or model (ScoringSettings). */
    static final String DEFAULT_METRICS_NAMESPACE = "ChurnOps";
    static final String DEFAULT_MODEL_NAME = "churn";

    /**
     * @param namePrefix resource names start with it, such as churnops-dev
     * @param stageName the API stage, part of its URL
     * @param code the scoring jar (churnops-scoring.jar)
     * @param memoryMb the function's memory
     * @param timeout the function's timeout (API Gateway gives up after 29 s)
     * @param environment the function's environment
     * @param lake the lake, whose models/ the function reads
     * @param featureStore the online feature store, where the function looks customers up by id
     * @param alerts where the canary alarms go
     * @param api throttling, quota and the canary's alarm thresholds
     * @param logRetention how long function and access logs are kept
     * @param removalPolicy what deleting the stack does to the log groups
     * @param captureRate the share of scored customers captured for monitoring under {@code capture/}, 0 to 1
     */
    public record Props(String namePrefix, String stageName, Code code, int memoryMb, Duration timeout,
                        Map<String, String> environment, DataLake lake, FeatureStore featureStore, Alerts alerts,
                        StageConfig.Api api,
                        RetentionDays logRetention, RemovalPolicy removalPolicy, double captureRate) {
        public Props {
            Objects.requireNonNull(namePrefix, "Scoring.Props.namePrefix");
            Objects.requireNonNull(stageName, "Scoring.Props.stageName");
            Objects.requireNonNull(code, "Scoring.Props.code");
            Objects.requireNonNull(timeout, "Scoring.Props.timeout");
            environment = Map.copyOf(environment);
            Objects.requireNonNull(lake, "Scoring.Props.lake");
            Objects.requireNonNull(featureStore, "Scoring.Props.featureStore");
            Objects.requireNonNull(alerts, "Scoring.Props.alerts");
            Objects.requireNonNull(api, "Scoring.Props.api");
            Objects.requireNonNull(logRetention, "Scoring.Props.logRetention");
            Objects.requireNonNull(removalPolicy, "Scoring.Props.removalPolicy");
            if (!(captureRate >= 0 && captureRate <= 1)) {
                throw new IllegalArgumentException("Scoring.Props.captureRate is " + captureRate
                        + " but must be a share from 0 (capture off) to 1 (every score).");
            }
        }

        /**
         * Defaults: prefix churnops, stage api, 1024 MB, 10 s, the prod API limits, logs a month, RETAIN,
         * 10% of scores captured.
         */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String namePrefix = "churnops";
            private String stageName = "api";
            private Code code;
            private int memoryMb = 1024;
            private Duration timeout = Duration.seconds(10);
            private Map<String, String> environment = Map.of();
            private DataLake lake;
            private FeatureStore featureStore;
            private Alerts alerts;
            private StageConfig.Api api = StageConfig.of("prod").api();
            private RetentionDays logRetention = RetentionDays.ONE_MONTH;
            private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;
            private double captureRate = 0.1;

            public Builder namePrefix(String value) {
                namePrefix = value;
                return this;
            }

            public Builder stageName(String value) {
                stageName = value;
                return this;
            }

            public Builder code(Code value) {
                code = value;
                return this;
            }

            public Builder memoryMb(int value) {
                memoryMb = value;
                return this;
            }

            public Builder timeout(Duration value) {
                timeout = value;
                return this;
            }

            public Builder environment(Map<String, String> value) {
                environment = value;
                return this;
            }

            public Builder lake(DataLake value) {
                lake = value;
                return this;
            }

            public Builder featureStore(FeatureStore value) {
                featureStore = value;
                return this;
            }

            public Builder alerts(Alerts value) {
                alerts = value;
                return this;
            }

            public Builder api(StageConfig.Api value) {
                api = value;
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

            public Builder captureRate(double value) {
                captureRate = value;
                return this;
            }

            public Props build() {
                return new Props(namePrefix, stageName, code, memoryMb, timeout, environment, lake, featureStore, alerts, api,
                        logRetention, removalPolicy, captureRate);
            }
        }
    }

    private final JavaFunction function;
    private final Alias alias;
    private final RestApi restApi;
    private final IApiKey apiKey;
    private final UsagePlan usagePlan;
    private final LambdaDeploymentGroup deployment;
    private final Alarm errorRateAlarm;
    private final Alarm latencyAlarm;
    private final Alarm scorePsiAlarm;

    /**
     * API Gateway checks every keyed route's {@code x-api-key} against the usage plan, so the
     * function holds no keys: it only insists that a request carries the key API Gateway accepted.
     */
    private static Map<String, String> withGatewayKeyCheck(Map<String, String> environment) {
        Map<String, String> env = new TreeMap<>(environment);
        env.put("CHURNOPS_API_KEY_CHECK", "api-gateway");
        return env;
    }

    /**
     * The share of scored customers the function captures under {@code capture/} (CaptureSettings
     * in functions/handlers; its other settings keep their defaults: 1,000 lines per object, 60 s,
     * 5,000 lines held at most).
     */
    private static Map<String, String> withCapture(Map<String, String> environment, double captureRate) {
        Map<String, String> env = new TreeMap<>(environment);
        env.put("CHURNOPS_CAPTURE_RATE", Double.toString(captureRate));
        return env;
    }

    public Scoring(Construct scope, String id, Props props) {
        super(scope, id);
        function = new JavaFunction(this, "Function", JavaFunction.Props.builder()
                .functionName(props.namePrefix() + "-scoring")
                .description("ChurnOps scoring API (api/openapi.json)")
                .handler(HANDLER)
                .code(props.code())
                .memoryMb(props.memoryMb())
                .timeout(props.timeout())
                .environment(withCapture(withGatewayKeyCheck(props.environment()), props.captureRate()))
                .snapStart(true)
                .logRetention(props.logRetention())
                .removalPolicy(props.removalPolicy())
                .build());
        // The champion is read from the registry under models/, and sampled scores are written under
        // capture/; nothing else in the lake.
        props.lake().grant(function.role(), LakeAccess.reads(LakePrefix.MODELS).andWrites(LakePrefix.CAPTURE));
        // A customer given by id only is looked up in the online store: GetRecord, or BatchGetRecord for many.
        props.featureStore().grant(function.role(), FeatureStore.Access.READ);
        alias = Alias.Builder.create(this, "Alias")
                .aliasName(ALIAS)
                .version(function.function().getCurrentVersion())
                .build();

        // CodeDeploy shifts the alias between function versions. Every alarm watches the version the
        // stack deploys, whose number CloudFormation knows once the Version resource exists: Lambda's
        // own metrics of the alias by ExecutedVersion, and the function's ScorePsi by FunctionVersion.
        // A canary at 10% is judged on its own requests, not on a mix where 90% come from the stable
        // version. CloudFormation updates the alarms to the new version before the alias (whose update
        // starts the deployment, see the dependency below), and after the deployment they go on
        // watching the version that serves.
        String functionName = function.function().getFunctionName();
        String version = alias.getVersion().getVersion();
        Map<String, String> executed = Map.of("FunctionName", functionName, "Resource", functionName + ":" + ALIAS,
                "ExecutedVersion", version);
        errorRateAlarm = new MathExpression(software.amazon.awscdk.services.cloudwatch.MathExpressionProps.builder()
                .label("Error rate of the deployed version (%)")
                .expression("IF(invocations > 0, 100 * errors / invocations, 0)")
                .usingMetrics(Map.of(
                        "errors", lambdaMetric("Errors", "Sum", executed),
                        "invocations", lambdaMetric("Invocations", "Sum", executed)))
                .period(Duration.minutes(1))
                .build())
                .createAlarm(this, "ErrorRateAlarm", CreateAlarmOptions.builder()
                        .alarmName(props.namePrefix() + "-scoring-error-rate")
                        .alarmDescription("More than " + props.api().errorRatePercentAlarm() + "% of the deployed scoring "
                                + "version's invocations failed in 2 of 3 minutes: a canary deployment rolls back. Playbook: "
                                + "read the function's logs by request id; a rollback already restored the previous version.")
                        .threshold(props.api().errorRatePercentAlarm())
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                        .evaluationPeriods(3)
                        .datapointsToAlarm(2)
                        .treatMissingData(TreatMissingData.NOT_BREACHING)
                        .build());
        latencyAlarm = lambdaMetric("Duration", "p99", executed)
                .createAlarm(this, "LatencyAlarm", CreateAlarmOptions.builder()
                        .alarmName(props.namePrefix() + "-scoring-p99-duration")
                        .alarmDescription("The deployed scoring version's p99 duration exceeded " + props.api().p99LatencyMsAlarm()
                                + " ms in 2 of 3 minutes: a canary deployment rolls back. Playbook: compare the "
                                + "versions' Duration by ExecutedVersion; check the model's size and the memory setting.")
                        .threshold(props.api().p99LatencyMsAlarm())
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                        .evaluationPeriods(3)
                        .datapointsToAlarm(2)
                        .treatMissingData(TreatMissingData.NOT_BREACHING)
                        .build());
        // Each instance publishes the PSI of all the scores it has served (after 200, at most once a
        // minute); the average over instances is one figure per minute for the version. Too little
        // traffic for 200 scores per instance in the canary's 5 minutes leaves no data, which does not
        // breach: the other two alarms still judge the version.
        scorePsiAlarm = Metric.Builder.create()
                .namespace(props.environment().getOrDefault("CHURNOPS_METRICS_NAMESPACE", DEFAULT_METRICS_NAMESPACE))
                .metricName(SCORE_PSI_METRIC)
                .dimensionsMap(Map.of(
                        MODEL_DIMENSION, props.environment().getOrDefault("CHURNOPS_MODEL_NAME", DEFAULT_MODEL_NAME),
                        FUNCTION_VERSION_DIMENSION, version))
                .statistic("Average")
                .period(Duration.minutes(1))
                .build()
                .createAlarm(this, "ScorePsiAlarm", CreateAlarmOptions.builder()
                        .alarmName(props.namePrefix() + "-scoring-score-psi")
                        .alarmDescription("The deployed scoring version's scores moved away from its model's training "
                                + "scores (PSI above " + props.api().scorePsiAlarm() + ") in 2 of 3 minutes: a canary "
                                + "deployment rolls back. Playbook: compare the model version the function loaded with "
                                + "the champion; check the features the function reads against the training set's.")
                        .threshold(props.api().scorePsiAlarm())
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                        .evaluationPeriods(3)
                        .datapointsToAlarm(2)
                        .treatMissingData(TreatMissingData.NOT_BREACHING)
                        .build());
        props.alerts().notify(errorRateAlarm);
        props.alerts().notify(latencyAlarm);
        props.alerts().notify(scorePsiAlarm);
        deployment = LambdaDeploymentGroup.Builder.create(this, "Deployment")
                .alias(alias)
                .deploymentConfig(LambdaDeploymentConfig.CANARY_10_PERCENT_5_MINUTES)
                .alarms(List.of(errorRateAlarm, latencyAlarm, scorePsiAlarm))
                .autoRollback(AutoRollbackConfig.builder()
                        .failedDeployment(true).stoppedDeployment(true).deploymentInAlarm(true).build())
                .build();
        // The alias's update policy names the deployment group; the explicit dependency makes sure the
        // group (and so the alarms it lists, already moved to the new version) is updated before the
        // alias update starts the canary.
        alias.getNode().addDependency(deployment);

        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(props.logRetention())
                .removalPolicy(props.removalPolicy())
                .build();
        restApi = RestApi.Builder.create(this, "Api")
                .restApiName(props.namePrefix() + "-scoring")
                .description("ChurnOps scoring API: churn probabilities, risk segments and reasons (api/openapi.json)")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                // Execution logging (ERROR level, never request or response bodies) needs the account's
                // API Gateway CloudWatch role; the construct creates it and keeps it when the stack goes.
                .cloudWatchRole(true)
                .deployOptions(StageOptions.builder()
                        .stageName(props.stageName())
                        .accessLogDestination(new LogGroupLogDestination(accessLogs))
                        .accessLogFormat(AccessLogFormat.jsonWithStandardFields(JsonWithStandardFieldProps.builder()
                                .caller(false).httpMethod(true).ip(true).protocol(true).requestTime(true)
                                .resourcePath(true).responseLength(true).status(true).user(false).build()))
                        .loggingLevel(MethodLoggingLevel.ERROR)
                        .dataTraceEnabled(false)
                        .metricsEnabled(true)
                        .tracingEnabled(true)
                        .throttlingRateLimit(props.api().throttleRatePerSecond())
                        .throttlingBurstLimit(props.api().throttleBurst())
                        .build())
                .build();

        LambdaIntegration integration = LambdaIntegration.Builder.create(alias).proxy(true).allowTestInvoke(false).build();
        RequestValidator validator = restApi.addRequestValidator("Validator", RequestValidatorOptions.builder()
                .requestValidatorName(props.namePrefix() + "-scoring")
                .validateRequestBody(true)
                .validateRequestParameters(true)
                .build());
        Model scoreRequest = restApi.addModel("ScoreRequest", ModelOptions.builder()
                .contentType("application/json")
                .modelName("ScoreRequest")
                .description("The envelope of POST /v1/scores; the function checks each customer field by field")
                .schema(JsonSchema.builder()
                        .schema(JsonSchemaVersion.DRAFT4)
                        .type(JsonSchemaType.OBJECT)
                        .required(List.of("customers"))
                        .properties(Map.of("customers", JsonSchema.builder()
                                .type(JsonSchemaType.ARRAY)
                                .minItems(1)
                                .items(JsonSchema.builder().type(JsonSchemaType.OBJECT).build())
                                .build()))
                        .build())
                .build());

        MethodOptions keyed = MethodOptions.builder().apiKeyRequired(true).requestValidator(validator).build();
        Resource v1 = restApi.getRoot().addResource("v1");
        v1.addResource("scores").addMethod("POST", integration, MethodOptions.builder()
                .apiKeyRequired(true)
                .requestValidator(validator)
                .requestModels(Map.of("application/json", scoreRequest))
                .build());
        v1.addResource("customers").addResource("{id}").addResource("score").addMethod("GET", integration,
                MethodOptions.builder().apiKeyRequired(true).requestValidator(validator)
                        .requestParameters(Map.of("method.request.path.id", true)).build());
        v1.addResource("model").addMethod("GET", integration, keyed);
        restApi.getRoot().addResource("health").addMethod("GET", integration,
                MethodOptions.builder().apiKeyRequired(false).requestValidator(validator).build());

        usagePlan = restApi.addUsagePlan("UsagePlan", UsagePlanProps.builder()
                .name(props.namePrefix() + "-scoring")
                .throttle(ThrottleSettings.builder()
                        .rateLimit(props.api().throttleRatePerSecond())
                        .burstLimit(props.api().throttleBurst())
                        .build())
                .quota(QuotaSettings.builder().limit(props.api().quotaPerDay()).period(Period.DAY).build())
                .apiStages(List.of(UsagePlanPerApiStage.builder().api(restApi).stage(restApi.getDeploymentStage()).build()))
                .build());
        // API Gateway generates the key's value: it is in no template and no environment variable.
        apiKey = restApi.addApiKey("ApiKey", ApiKeyOptions.builder()
                .apiKeyName(props.namePrefix() + "-scoring-default")
                .description("The default client key of the ChurnOps scoring API; read it with aws apigateway get-api-key --include-value")
                .build());
        usagePlan.addApiKey(apiKey);
        addErrorResponses();
    }

    /**
     * API Gateway's own errors in the function's error shape (api/openapi.json, Error), for the
     * cases the contract names. Throttling (429) keeps API Gateway's answer: the contract has no
     * code for it.
     */
    private void addErrorResponses() {
        record GatewayError(ResponseType type, int status, String code, String message) {
        }
        String gatewayMessage = "$context.error.messageString";
        List<GatewayError> errors = List.of(
                new GatewayError(ResponseType.MISSING_AUTHENTICATION_TOKEN, 404, "not_found",
                        "\"There is no such route. Routes: POST /v1/scores, GET /v1/customers/{id}/score, GET /v1/model, GET /health.\""),
                new GatewayError(ResponseType.INVALID_API_KEY, 403, "forbidden",
                        "\"The API key in the x-api-key header is missing or not valid.\""),
                new GatewayError(ResponseType.BAD_REQUEST_BODY, 400, "invalid_request", gatewayMessage),
                new GatewayError(ResponseType.BAD_REQUEST_PARAMETERS, 400, "invalid_request", gatewayMessage),
                new GatewayError(ResponseType.REQUEST_TOO_LARGE, 413, "payload_too_large", gatewayMessage),
                new GatewayError(ResponseType.UNSUPPORTED_MEDIA_TYPE, 415, "unsupported_media_type", gatewayMessage));
        for (GatewayError e : errors) {
            String body = "{\"error\": {\"status\": " + e.status() + ", \"code\": \"" + e.code() + "\", \"message\": "
                    + e.message() + ", \"errors\": [], \"requestId\": \"$context.requestId\"}}";
            restApi.addGatewayResponse(e.type().getResponseType(), GatewayResponseOptions.builder()
                    .type(e.type())
                    .statusCode(Integer.toString(e.status()))
                    .templates(Map.of("application/json", body))
                    .build());
        }
    }

    public JavaFunction function() {
        return function;
    }

    public Alias alias() {
        return alias;
    }

    public RestApi restApi() {
        return restApi;
    }

    public IApiKey apiKey() {
        return apiKey;
    }

    public UsagePlan usagePlan() {
        return usagePlan;
    }

    public LambdaDeploymentGroup deployment() {
        return deployment;
    }

    public Alarm errorRateAlarm() {
        return errorRateAlarm;
    }

    public Alarm latencyAlarm() {
        return latencyAlarm;
    }

    public Alarm scorePsiAlarm() {
        return scorePsiAlarm;
    }

    /** A metric Lambda publishes for invocations through the alias, by the version that ran them. */
    private static Metric lambdaMetric(String name, String statistic, Map<String, String> dimensions) {
        return Metric.Builder.create().namespace("AWS/Lambda").metricName(name).statistic(statistic)
                .dimensionsMap(dimensions).period(Duration.minutes(1)).build();
    }
}
