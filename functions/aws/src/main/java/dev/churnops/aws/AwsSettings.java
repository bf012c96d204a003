package dev.churnops.aws;

import dev.churnops.handlers.Services;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The AWS adapter set's configuration, read once from the environment by {@link #from(Map)} and
 * checked there; every message names the variable, its value and what was expected. The contract
 * (names, defaults, which are required) is in this package's documentation and
 * {@code functions/aws/README.md}.
 *
 * @param bucket the data bucket: blobs, the model registry, training input and output
 * @param alertTopicArn the SNS topic notifications are published to
 * @param training how training jobs run
 * @param modelPackageGroup the SageMaker model package group registrations are mirrored to; null for none
 * @param metricsNamespace the CloudWatch namespace of the EMF metrics
 * @param region the region Lambda runs in ({@code AWS_REGION}); null to let the SDK's default chain find it
 * @param inLambda whether this process is a Lambda function ({@code AWS_LAMBDA_FUNCTION_NAME} is set)
 * @param settings the handlers' settings ({@link Services.Settings#from})
 */
public record AwsSettings(String bucket, String alertTopicArn, TrainingSettings training, String modelPackageGroup,
                          String metricsNamespace, String region, boolean inLambda, Services.Settings settings,
                          String featureGroup) {

    public static final String DEFAULT_METRICS_NAMESPACE = "ChurnOps";

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern TOPIC_ARN = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");
    private static final Pattern PACKAGE_GROUP = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
    private static final Pattern FEATURE_GROUP = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}");

    /** Settings without a feature group: the online feature store is then not available. */
    public AwsSettings(String bucket, String alertTopicArn, TrainingSettings training, String modelPackageGroup,
                       String metricsNamespace, String region, boolean inLambda, Services.Settings settings) {
        this(bucket, alertTopicArn, training, modelPackageGroup, metricsNamespace, region, inLambda, settings, null);
    }

    public AwsSettings {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(alertTopicArn, "alertTopicArn");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(metricsNamespace, "metricsNamespace");
        Objects.requireNonNull(settings, "settings");
    }

    /**
     * Reads CHURNOPS_BUCKET and CHURNOPS_ALERT_TOPIC_ARN (required), the training variables of
     * {@link TrainingSettings#from}, CHURNOPS_MODEL_PACKAGE_GROUP, CHURNOPS_METRICS_NAMESPACE
     * (default {@value #DEFAULT_METRICS_NAMESPACE}), the handlers' CHURNOPS_MODEL_NAME,
     * CHURNOPS_CODE_VERSION and CHURNOPS_MAX_QUARANTINE_RATE, CHURNOPS_FEATURE_GROUP (the
     * SageMaker feature group of the online store; optional, but the steps that write or read the
     * online store fail naming it when it is missing), and Lambda's AWS_REGION and
     * AWS_LAMBDA_FUNCTION_NAME.
     *
     * @throws IllegalArgumentException a sentence naming the variable, its value and what was expected
     */
    public static AwsSettings from(Map<String, String> env) {
        String bucket = EnvVars.required(env, "CHURNOPS_BUCKET",
                "the name of the data bucket, such as churnops-data-dev (not an ARN or s3:// URI)");
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("CHURNOPS_BUCKET is '" + bucket + "': expected an S3 bucket name, 3-63 "
                    + "lowercase letters, digits, dots and hyphens (not an ARN or s3:// URI)");
        }
        String topic = EnvVars.required(env, "CHURNOPS_ALERT_TOPIC_ARN",
                "the ARN of the SNS topic alerts go to, such as arn:aws:sns:eu-west-1:123456789012:churnops-alerts");
        if (!TOPIC_ARN.matcher(topic).matches()) {
            throw new IllegalArgumentException("CHURNOPS_ALERT_TOPIC_ARN is '" + topic
                    + "': expected an SNS topic ARN such as arn:aws:sns:eu-west-1:123456789012:churnops-alerts");
        }
        TrainingSettings training = TrainingSettings.from(env);
        String group = EnvVars.optional(env, "CHURNOPS_MODEL_PACKAGE_GROUP");
        if (group != null && !PACKAGE_GROUP.matcher(group).matches()) {
            throw new IllegalArgumentException("CHURNOPS_MODEL_PACKAGE_GROUP is '" + group
                    + "': expected a model package group name, 1-63 letters, digits and inner hyphens, or no value");
        }
        String namespace = EnvVars.optional(env, "CHURNOPS_METRICS_NAMESPACE");
        if (namespace != null && (namespace.length() > 255 || !namespace.matches("[\\w.\\-/#:]+"))) {
            throw new IllegalArgumentException("CHURNOPS_METRICS_NAMESPACE is '" + namespace
                    + "': expected 1-255 letters, digits and . - _ / # : (default " + DEFAULT_METRICS_NAMESPACE + ")");
        }
        String featureGroup = EnvVars.optional(env, "CHURNOPS_FEATURE_GROUP");
        if (featureGroup != null && !FEATURE_GROUP.matcher(featureGroup).matches()) {
            throw new IllegalArgumentException("CHURNOPS_FEATURE_GROUP is '" + featureGroup
                    + "': expected a feature group name, 1-64 letters, digits and inner hyphens, or no value");
        }
        return new AwsSettings(bucket, topic, training, group, namespace == null ? DEFAULT_METRICS_NAMESPACE : namespace,
                EnvVars.optional(env, "AWS_REGION"), EnvVars.optional(env, "AWS_LAMBDA_FUNCTION_NAME") != null,
                Services.Settings.from(env), featureGroup);
    }
}
