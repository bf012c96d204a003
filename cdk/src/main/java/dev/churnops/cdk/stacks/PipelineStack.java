package dev.churnops.cdk.stacks;

import dev.churnops.cdk.AppInputs;
import dev.churnops.cdk.config.StageConfig;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.StageProps;
import software.amazon.awscdk.services.codebuild.BuildEnvironment;
import software.amazon.awscdk.services.codebuild.BuildSpec;
import software.amazon.awscdk.services.codebuild.ComputeType;
import software.amazon.awscdk.services.codebuild.LinuxBuildImage;
import software.amazon.awscdk.pipelines.AddStageOpts;
import software.amazon.awscdk.pipelines.CodeBuildStep;
import software.amazon.awscdk.pipelines.CodePipeline;
import software.amazon.awscdk.pipelines.CodePipelineSource;
import software.amazon.awscdk.pipelines.ConnectionSourceOptions;
import software.amazon.awscdk.pipelines.ManualApprovalStep;
import software.constructs.Construct;

/**
 * The delivery pipeline, ChurnOps-Pipeline (CDK Pipelines): on every push to the branch it builds
 * and tests the repository ({@code npm ci && mvn -B verify}, the README's test command, which
 * also synthesises and cdk-nags every stage), synthesises the app, updates itself, publishes the
 * Lambda jars and the training image, then deploys dev, then staging, then waits for a manual
 * approval and deploys prod. Built only with {@code -c pipeline=true}.
 */
public final class PipelineStack extends Stack {

    public static final String NAME = "ChurnOps-Pipeline";
    public static final String APPROVAL = "PromoteToProd";
    /** The CDK CLI the pipeline's self-update uses: the version package.json pins for the synth step. */
    public static final String CLI_VERSION = "2.1148.1";

    private final CodePipeline pipeline;

    public PipelineStack(Construct scope, String id, AppInputs inputs) {
        super(scope, id, StackProps.builder().stackName(NAME)
                .description("ChurnOps delivery pipeline: test, synthesise, dev, staging, approval, prod")
                .env(environment(inputs.stage()))
                .build());
        AppInputs.PipelineSettings settings = inputs.pipeline();
        String context = "-c pipeline=true -c pipelineConnectionArn=" + settings.connectionArn()
                + " -c pipelineRepository=" + settings.repository() + " -c pipelineBranch=" + settings.branch()
                + " -c codeVersion=$CODEBUILD_RESOLVED_SOURCE_VERSION";
        CodeBuildStep synth = CodeBuildStep.Builder.create("Synth")
                .input(CodePipelineSource.connection(settings.repository(), settings.branch(),
                        ConnectionSourceOptions.builder().connectionArn(settings.connectionArn()).build()))
                .partialBuildSpec(BuildSpec.fromObject(Map.of("phases", Map.of("install",
                        Map.of("runtime-versions", Map.of("java", "corretto21", "nodejs", "22"))))))
                .commands(List.of(
                        "npm ci --no-audit --no-fund",
                        "mvn -B verify",
                        "cd cdk && npx aws-cdk synth " + context))
                .primaryOutputDirectory("cdk/cdk.out")
                .buildEnvironment(BuildEnvironment.builder()
                        .buildImage(LinuxBuildImage.STANDARD_7_0)
                        .computeType(ComputeType.MEDIUM)
                        .build())
                .timeout(Duration.minutes(60))
                .build();
        pipeline = CodePipeline.Builder.create(this, "Pipeline")
                .pipelineName("churnops")
                .synth(synth)
                .cliVersion(CLI_VERSION)
                .crossAccountKeys(false)
                .build();
        for (String name : StageConfig.STAGES) {
            AppInputs stageInputs = inputs.withStage(name);
            ChurnOpsStage stage = new ChurnOpsStage(this, name, StageProps.builder()
                    .env(environment(stageInputs.stage())).build(), stageInputs);
            AddStageOpts.Builder opts = AddStageOpts.builder();
            if (name.equals("prod")) {
                opts.pre(List.of(ManualApprovalStep.Builder.create(APPROVAL)
                        .comment("Promote the build that passed dev and staging to prod").build()));
            }
            pipeline.addStage(stage, opts.build());
        }
    }

    private static Environment environment(StageConfig stage) {
        String account = stage.account() != null ? stage.account() : System.getenv("CDK_DEFAULT_ACCOUNT");
        String region = stage.region() != null ? stage.region() : System.getenv("CDK_DEFAULT_REGION");
        return Environment.builder().account(account).region(region).build();
    }

    public CodePipeline pipeline() {
        return pipeline;
    }

    /** One stage's stacks as a CDK Pipelines deployment unit. */
    public static final class ChurnOpsStage extends Stage {

        private final StageStacks stacks;

        ChurnOpsStage(Construct scope, String id, StageProps props, AppInputs inputs) {
            super(scope, id, props);
            stacks = StageStacks.create(this, inputs);
        }

        public StageStacks stacks() {
            return stacks;
        }
    }
}
