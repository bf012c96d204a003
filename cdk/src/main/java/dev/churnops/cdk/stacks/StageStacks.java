package dev.churnops.cdk.stacks;

import dev.churnops.cdk.AppInputs;
import dev.churnops.cdk.config.StageConfig;
import dev.churnops.cdk.constructs.FeatureRegistry;
import dev.churnops.cdk.nag.Nag;
import dev.churnops.cdk.nag.Suppressions;
import java.util.List;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * One stage's stacks, {@code ChurnOps-<stage>-Data}, {@code -Workflows}, {@code -Serving} and
 * {@code -Observability}, created in {@code scope}: the app itself for {@code -c stage=…}, or a
 * pipeline stage. cdk-nag's AwsSolutions checks run on all of them.
 *
 * @param data the lake, feature store and alert topic
 * @param workflows the step functions and state machines
 * @param serving the scoring API
 * @param observability the dashboard and alarms
 */
public record StageStacks(DataStack data, WorkflowsStack workflows, ServingStack serving,
                          ObservabilityStack observability) {

    public static StageStacks create(Construct scope, AppInputs inputs) {
        StageConfig stage = inputs.stage();
        String prefix = stage.stackPrefix();
        DataStack data = new DataStack(scope, prefix + "-Data", props(stage, prefix + "-Data",
                "ChurnOps " + stage.name() + ": data lake, feature store, alert topic"), stage,
                FeatureRegistry.read(inputs.featureRegistry()));
        WorkflowsStack workflows = new WorkflowsStack(scope, prefix + "-Workflows", props(stage, prefix + "-Workflows",
                "ChurnOps " + stage.name() + ": step functions, ingestion, features, training, batch scoring"), inputs, data);
        ServingStack serving = new ServingStack(scope, prefix + "-Serving", props(stage, prefix + "-Serving",
                "ChurnOps " + stage.name() + ": scoring API with canary deployments"), inputs, data,
                workflows.training().registry().groupName());
        ObservabilityStack observability = new ObservabilityStack(scope, prefix + "-Observability",
                props(stage, prefix + "-Observability", "ChurnOps " + stage.name() + ": dashboard and alarms"), stage, data,
                workflows, serving);
        StageStacks stacks = new StageStacks(data, workflows, serving, observability);
        for (Stack stack : stacks.all()) {
            Tags.of(stack).add("project", "churnops");
            Tags.of(stack).add("stage", stage.name());
            Nag.check(stack);
        }
        workflows.functions().all().values().forEach(f -> Suppressions.javaRuntime(f.function()));
        var scoring = serving.scoring();
        Suppressions.javaRuntime(scoring.function().function());
        Suppressions.apiKeyAuthorization(scoring.restApi());
        Suppressions.serviceRolePolicy(scoring.deployment().getRole());
        Suppressions.serviceRolePolicy(scoring.restApi().getNode().findChild("CloudWatchRole"));
        return stacks;
    }

    public List<Stack> all() {
        return List.of(data, workflows, serving, observability);
    }

    private static StackProps props(StageConfig stage, String name, String description) {
        StackProps.Builder b = StackProps.builder().stackName(name).description(description)
                .terminationProtection(stage.removalPolicy() == RemovalPolicy.RETAIN);
        String account = stage.account() != null ? stage.account() : System.getenv("CDK_DEFAULT_ACCOUNT");
        String region = stage.region() != null ? stage.region() : System.getenv("CDK_DEFAULT_REGION");
        if (account != null || region != null) {
            b.env(Environment.builder().account(account).region(region).build());
        }
        return b.build();
    }
}
