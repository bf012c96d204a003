package dev.churnops.cdk.constructs;

import dev.churnops.cdk.config.StageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecr.assets.DockerImageAsset;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * Training: the training container image (built from functions/training/Dockerfile as a CDK
 * image asset), the role SageMaker assumes to run it (reads training-sets/, writes
 * training-jobs/), the model registry's package group, and the training workflow
 * ({@code statemachines/training.asl.json}) on a schedule. It wires these into the workflow
 * functions: their CHURNOPS_TRAINING_* variables, SageMaker job rights for the launch and describe
 * functions, and the registry for the steps that read or write it.
 */
public final class Training extends Construct {

    /**
     * What the training image's asset leaves out of functions/training: everything but what the
     * Dockerfile copies, so the image's hash (and tag) changes with the jar and the Dockerfile only,
     * and synthesis copies nothing else (.dockerignore syntax).
     */
    public static final List<String> IMAGE_EXCLUDES = List.of("*", "!Dockerfile", "!target", "target/*",
            "!target/churnops-training.jar");

    /** SageMaker job names start with this (LaunchTraining names each job after its execution). */
    public static final String JOB_NAME_PREFIX = "churnops-";

    /**
     * @param namePrefix resource names start with it, such as churnops-dev
     * @param trainingDirectory functions/training: its Dockerfile and target/churnops-training.jar
     * @param definitionFile statemachines/training.asl.json
     * @param functions the workflow functions
     * @param alerts the alert topic
     * @param lake the data lake
     * @param job the training job's instance, volume and time limit
     * @param schedule when the workflow runs
     * @param scheduleEnabled false creates the schedule rule disabled
     * @param logRetention how long execution logs are kept
     * @param removalPolicy what deleting the stack does to the model package group and the logs
     */
    public record Props(String namePrefix, Path trainingDirectory, Path definitionFile, WorkflowFunctions functions,
                        Alerts alerts, DataLake lake, StageConfig.Training job, String schedule, boolean scheduleEnabled,
                        RetentionDays logRetention, RemovalPolicy removalPolicy) {
        public Props {
            Objects.requireNonNull(namePrefix, "Training.Props.namePrefix");
            Objects.requireNonNull(trainingDirectory, "Training.Props.trainingDirectory");
            Objects.requireNonNull(definitionFile, "Training.Props.definitionFile");
            Objects.requireNonNull(functions, "Training.Props.functions");
            Objects.requireNonNull(alerts, "Training.Props.alerts");
            Objects.requireNonNull(lake, "Training.Props.lake");
            Objects.requireNonNull(job, "Training.Props.job");
            Objects.requireNonNull(schedule, "Training.Props.schedule");
            Objects.requireNonNull(logRetention, "Training.Props.logRetention");
            Objects.requireNonNull(removalPolicy, "Training.Props.removalPolicy");
        }

        /** Defaults: prefix churnops, ml.m5.large for at most an hour, weekly on Monday 04:00 UTC, logs a month, RETAIN. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String namePrefix = "churnops";
            private Path trainingDirectory;
            private Path definitionFile;
            private WorkflowFunctions functions;
            private Alerts alerts;
            private DataLake lake;
            private StageConfig.Training job = new StageConfig.Training("ml.m5.large", 10, 3600);
            private String schedule = "cron(0 4 ? * MON *)";
            private boolean scheduleEnabled = true;
            private RetentionDays logRetention = RetentionDays.ONE_MONTH;
            private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;

            public Builder namePrefix(String value) {
                namePrefix = value;
                return this;
            }

            public Builder trainingDirectory(Path value) {
                trainingDirectory = value;
                return this;
            }

            public Builder definitionFile(Path value) {
                definitionFile = value;
                return this;
            }

            public Builder functions(WorkflowFunctions value) {
                functions = value;
                return this;
            }

            public Builder alerts(Alerts value) {
                alerts = value;
                return this;
            }

            public Builder lake(DataLake value) {
                lake = value;
                return this;
            }

            public Builder job(StageConfig.Training value) {
                job = value;
                return this;
            }

            public Builder schedule(String value) {
                schedule = value;
                return this;
            }

            public Builder scheduleEnabled(boolean value) {
                scheduleEnabled = value;
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

            public Props build() {
                return new Props(namePrefix, trainingDirectory, definitionFile, functions, alerts, lake, job, schedule,
                        scheduleEnabled, logRetention, removalPolicy);
            }
        }
    }

    private final DockerImageAsset image;
    private final Role sageMakerRole;
    private final ModelRegistry registry;
    private final ScheduledWorkflow workflow;

    public Training(Construct scope, String id, Props props) {
        super(scope, id);
        DataLake lake = props.lake();
        image = DockerImageAsset.Builder.create(this, "Image")
                .directory(props.trainingDirectory().toString())
                .exclude(IMAGE_EXCLUDES)
                // SageMaker's ml.m5 / ml.c5 instances are x86_64, whatever machine builds the image.
                .platform(Platform.LINUX_AMD64)
                .build();
        if (!Files.isRegularFile(props.trainingDirectory().resolve("target/churnops-training.jar"))) {
            // Synthesis only fingerprints the directory; the Docker build at deployment needs the jar.
            Annotations.of(image).addWarningV2("churnops:trainingJarMissing", props.trainingDirectory()
                    + "/target/churnops-training.jar does not exist, so the training image cannot be built at deployment: "
                    + "run `mvn -pl functions/training -am package` first.");
        }

        sageMakerRole = Role.Builder.create(this, "SageMakerRole")
                .assumedBy(new ServicePrincipal("sagemaker.amazonaws.com"))
                .description("SageMaker training jobs of " + props.namePrefix() + ": reads training-sets/, writes training-jobs/")
                .build();
        lake.grant(sageMakerRole, LakeAccess.reads(LakePrefix.TRAINING_SETS).andWrites(LakePrefix.TRAINING_JOBS));
        if (lake.key() != null) {
            // CHURNOPS_KMS_KEY_ARN encrypts the job's output and volume: SageMaker encrypts with the role's rights.
            sageMakerRole.addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                    .actions(List.of("kms:Encrypt", "kms:DescribeKey", "kms:CreateGrant"))
                    .resources(List.of(lake.key().getKeyArn()))
                    .build());
        }
        image.getRepository().grantPull(sageMakerRole);
        Stack stack = Stack.of(this);
        sageMakerRole.addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"))
                .resources(List.of(stack.formatArn(ArnComponents.builder().service("logs").resource("log-group")
                        .resourceName("/aws/sagemaker/TrainingJobs:*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build())))
                .build());
        sageMakerRole.addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("cloudwatch:PutMetricData"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace", "/aws/sagemaker/TrainingJobs")))
                .build());

        registry = new ModelRegistry(this, "Registry", ModelRegistry.Props.builder()
                .groupName(props.namePrefix() + "-churn")
                .removalPolicy(props.removalPolicy())
                .build());

        WorkflowFunctions functions = props.functions();
        functions.addEnvironment("CHURNOPS_TRAINING_IMAGE", image.getImageUri());
        functions.addEnvironment("CHURNOPS_SAGEMAKER_ROLE_ARN", sageMakerRole.getRoleArn());
        functions.addEnvironment("CHURNOPS_TRAINING_INSTANCE_TYPE", props.job().instanceType());
        functions.addEnvironment("CHURNOPS_TRAINING_VOLUME_GB", Integer.toString(props.job().volumeGb()));
        functions.addEnvironment("CHURNOPS_TRAINING_MAX_SECONDS", Integer.toString(props.job().maxSeconds()));
        functions.addEnvironment("CHURNOPS_MODEL_PACKAGE_GROUP", registry.groupName());
        if (lake.key() != null) {
            functions.addEnvironment("CHURNOPS_KMS_KEY_ARN", lake.key().getKeyArn());
        }

        String jobs = stack.formatArn(ArnComponents.builder().service("sagemaker").resource("training-job")
                .resourceName(JOB_NAME_PREFIX + "*").arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
        Role launch = functions.get(Step.LAUNCH_TRAINING).role();
        launch.addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("sagemaker:CreateTrainingJob")).resources(List.of(jobs)).build());
        launch.addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("iam:PassRole")).resources(List.of(sageMakerRole.getRoleArn()))
                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "sagemaker.amazonaws.com")))
                .build());
        functions.get(Step.DESCRIBE_TRAINING).role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW).actions(List.of("sagemaker:DescribeTrainingJob")).resources(List.of(jobs)).build());
        for (Step step : Step.values()) {
            registry.grant(functions.get(step).role(), step.registry());
        }

        workflow = new ScheduledWorkflow(this, "Workflow", ScheduledWorkflow.Props.builder()
                .workflow(AslStateMachine.Props.builder()
                        .stateMachineName(props.namePrefix() + "-training")
                        .definitionFile(props.definitionFile())
                        .functions(functions)
                        .alerts(props.alerts())
                        .timeout(Duration.seconds(props.job().maxSeconds() + 3600L))
                        .logRetention(props.logRetention())
                        .removalPolicy(props.removalPolicy())
                        .build())
                .schedule(props.schedule())
                .scheduleEnabled(props.scheduleEnabled())
                .build());
    }

    public DockerImageAsset image() {
        return image;
    }

    public Role sageMakerRole() {
        return sageMakerRole;
    }

    public ModelRegistry registry() {
        return registry;
    }

    public ScheduledWorkflow workflow() {
        return workflow;
    }
}
