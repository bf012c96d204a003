package dev.churnops.cdk.stacks;

import dev.churnops.cdk.AppInputs;
import dev.churnops.cdk.config.StageConfig;
import dev.churnops.cdk.constructs.Scoring;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/** A stage's scoring API: the function, its canary deployment, and the REST API in front of it. */
public final class ServingStack extends Stack {

    private final Scoring scoring;

    public ServingStack(Construct scope, String id, StackProps props, AppInputs inputs, DataStack data,
                        String modelPackageGroup) {
        super(scope, id, props);
        StageConfig stage = inputs.stage();
        Map<String, String> env = new LinkedHashMap<>(FunctionEnvironment.of(stage, data.lake(), data.featureStore(), data.alerts(),
                inputs.codeVersion(), "churnops-scoring"));
        // Read only when registering a model; set so that the function's settings match the workflows'.
        env.put("CHURNOPS_MODEL_PACKAGE_GROUP", modelPackageGroup);
        // No CHURNOPS_API_KEYS: API Gateway checks the x-api-key header against the usage plan's
        // keys, and the function's own check (ScoringSettings) takes the keys only from this plain
        // environment variable, where a secret does not belong (README, "Deploy to AWS").
        scoring = new Scoring(this, "Scoring", Scoring.Props.builder()
                .namePrefix(stage.prefix())
                .stageName(stage.name())
                .code(Code.fromAsset(inputs.scoringJar().toString()))
                .memoryMb(stage.functions().scoringMemoryMb())
                .timeout(Duration.seconds(stage.functions().scoringTimeoutSeconds()))
                .environment(env)
                .lake(data.lake())
                .featureStore(data.featureStore())
                .alerts(data.alerts())
                .api(stage.api())
                .logRetention(stage.logRetention())
                .removalPolicy(stage.removalPolicy())
                .build());
        CfnOutput.Builder.create(this, "ApiUrl").value(scoring.restApi().getUrl())
                .description("The scoring API's base URL; routes as in api/openapi.json").build();
        CfnOutput.Builder.create(this, "ApiKeyId").value(scoring.apiKey().getKeyId())
                .description("aws apigateway get-api-key --include-value --api-key <this> prints the key").build();
    }

    public Scoring scoring() {
        return scoring;
    }
}
