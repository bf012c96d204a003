package dev.churnops.cdk.nag;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * Every accepted cdk-nag finding, in one place: eight suppressions, each naming its rule and why,
 * each as narrow as the rule allows (the IAM5 ones by the exact resource patterns they accept).
 * {@link #ALL} lists them for the tests and the README.
 */
public final class Suppressions {

    /** Object access by lake prefix: {@code <LakeBucket…Arn>/raw/*}, {@code …/features/state/*} and so on. */
    public static final NagPackSuppression LAKE_PREFIXES = NagPackSuppression.builder()
            .id("AwsSolutions-IAM5")
            .reason("Object access is granted per prefix of the lake layout (LakePrefix, BlobLayout): each step reads "
                    + "and writes only its own prefixes, and deletes only under features/state/, under keys it builds "
                    + "at run time from dates, sources, views and execution ids, so each object ARN ends in '<prefix>/*'.")
            // The bucket's ARN is a GetAtt in its own stack and a (weak) cross-stack reference in the others.
            .appliesTo(List.of(RegexAppliesTo.builder().regex("/^Resource::(<LakeBucket[A-Za-z0-9]+\\.Arn>|"
                    + "\\{\"Fn::GetStackOutput\":\\{\"StackName\":\"ChurnOps-[a-z0-9]+-Data\",.*\"OutputName\":"
                    + "\"[A-Za-z0-9]*LakeBucket[A-Za-z0-9]*Arn[A-Za-z0-9]*\"\\}\\})(\\/[a-z-]+)+\\/\\*$/g").build()))
            .build();

    /** Names SageMaker and the steps make at run time. */
    public static final NagPackSuppression RUN_TIME_NAMES = NagPackSuppression.builder()
            .id("AwsSolutions-IAM5")
            .reason("Resources named at run time, scoped by their fixed prefix: training jobs are named churnops-<execution> "
                    + "by LaunchTraining; a model package group's versions are <group>/<n>; SageMaker writes a job's logs "
                    + "to streams it names in the /aws/sagemaker/TrainingJobs log group.")
            .appliesTo(List.of(
                    arn("sagemaker", "training-job\\/churnops-\\*"),
                    arn("sagemaker", "model-package\\/churnops-[a-z0-9]+-churn\\/\\*"),
                    arn("logs", "log-group:\\/aws\\/sagemaker\\/TrainingJobs:\\*")))
            .build();

    /** Actions IAM cannot scope to a resource. */
    public static final NagPackSuppression NO_RESOURCE_LEVEL = NagPackSuppression.builder()
            .id("AwsSolutions-IAM5")
            .reason("Actions that support no resource-level permissions, so IAM requires Resource '*': X-Ray trace "
                    + "segments (Lambda and Step Functions tracing), CloudWatch Logs vended-log delivery (Step Functions "
                    + "logging), ecr:GetAuthorizationToken (pulling the training image) and cloudwatch:PutMetricData "
                    + "(conditioned on the SageMaker namespace). IamWildcardTest checks no data or model action uses it.")
            .appliesTo(List.of("Resource::*"))
            .build();

    /** AWS-maintained policies of two service roles. */
    public static final NagPackSuppression SERVICE_ROLE_POLICIES = NagPackSuppression.builder()
            .id("AwsSolutions-IAM4")
            .reason("AWS-maintained service-role policies, kept current by AWS for exactly these roles: CodeDeploy's "
                    + "role for Lambda canary deployments (AWSCodeDeployRoleForLambdaLimited: the alias and alarms) and "
                    + "API Gateway's account role for execution logs (AmazonAPIGatewayPushToCloudWatchLogs).")
            .appliesTo(List.of(
                    "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited",
                    "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"))
            .build();

    /** Java 21 rather than the newest Java runtime. */
    public static final NagPackSuppression JAVA_RUNTIME = NagPackSuppression.builder()
            .id("AwsSolutions-L1")
            .reason("The functions run on java21, the runtime the scoring function's SnapStart priming is built and "
                    + "measured on and which the issue pins; the jars are Java 17 bytecode. Moving to java25 is one "
                    + "constant (JavaFunction.RUNTIME) once SnapStart has been measured there.")
            .build();

    /** API keys rather than an authorizer. */
    public static final NagPackSuppression API_KEY_AUTH = NagPackSuppression.builder()
            .id("AwsSolutions-APIG4")
            .reason("The scoring API's clients are services, not people: every route but GET /health requires an API "
                    + "key of the usage plan (throttled, with a daily quota); GET /health answers only status and model "
                    + "version.")
            .build();

    /** No Cognito user pool. */
    public static final NagPackSuppression NO_COGNITO = NagPackSuppression.builder()
            .id("AwsSolutions-COG4")
            .reason("No end users sign in: callers are services holding API keys (see AwsSolutions-APIG4), so there is "
                    + "no Cognito user pool to authorise against.")
            .build();

    /** No WAF web ACL (a warning). */
    public static final NagPackSuppression NO_WAF = NagPackSuppression.builder()
            .id("AwsSolutions-APIG3")
            .reason("No WAF web ACL: the API is regional, keyed, throttled and quota-limited per key, and a web ACL "
                    + "costs at rest ($5 a month plus $1 per rule); associate one when the API faces untrusted networks.")
            .build();

    /** Every suppression this app applies. */
    public static final List<NagPackSuppression> ALL = List.of(LAKE_PREFIXES, RUN_TIME_NAMES, NO_RESOURCE_LEVEL,
            SERVICE_ROLE_POLICIES, JAVA_RUNTIME, API_KEY_AUTH, NO_COGNITO, NO_WAF);

    private Suppressions() {
    }

    /**
     * A finding on an ARN of {@code service} ending in {@code resource} (a regex): partition,
     * region and account are {@code <AWS::Region>} and the like in an environment-agnostic stack,
     * literal values in one deployed to a given account and region.
     */
    private static RegexAppliesTo arn(String service, String resource) {
        return RegexAppliesTo.builder().regex("/^Resource::arn:(<AWS::Partition>|aws[a-z-]*):" + service
                + ":(<AWS::Region>|[a-z0-9-]+):(<AWS::AccountId>|[0-9]{12}):" + resource + "$/g").build();
    }

    /** The IAM5 suppressions, on a whole stack: each accepts only the resource patterns it lists. */
    public static void iamWildcards(Stack stack) {
        NagSuppressions.addStackSuppressions(stack, List.of(LAKE_PREFIXES, RUN_TIME_NAMES, NO_RESOURCE_LEVEL));
    }

    /** On a Lambda function (its CfnFunction). */
    public static void javaRuntime(IConstruct function) {
        NagSuppressions.addResourceSuppressions(function, List.of(JAVA_RUNTIME));
    }

    /** On a service role with an AWS-maintained policy. */
    public static void serviceRolePolicy(IConstruct role) {
        NagSuppressions.addResourceSuppressions(role, List.of(SERVICE_ROLE_POLICIES));
    }

    /** On a REST API whose methods are authorised by API keys, and its stage. */
    public static void apiKeyAuthorization(IConstruct restApi) {
        NagSuppressions.addResourceSuppressions(restApi, List.of(API_KEY_AUTH, NO_COGNITO, NO_WAF), true);
    }
}
