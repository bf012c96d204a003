/**
 * The AWS adapter set: core's ports on AWS SDK v2 and Powertools, chosen on Lambda by
 * {@code CHURNOPS_ADAPTERS=aws} (the default) through {@link dev.churnops.aws.AwsServicesFactory}.
 * {@link dev.churnops.aws.S3BlobStore} keeps blobs, and with core's
 * {@link dev.churnops.core.registry.BlobModelRegistry} the model registry, in one bucket;
 * {@link dev.churnops.aws.SageMakerTrainingJobs} runs training jobs;
 * {@link dev.churnops.aws.SnsNotifier} publishes notifications; {@link dev.churnops.aws.EmfMetrics}
 * writes CloudWatch Embedded Metric Format. Throttling, 5xx answers and I/O errors become
 * {@link dev.churnops.core.port.TransientFailure}s, which the state machines retry; other
 * refusals {@link dev.churnops.aws.AwsRequestException}s naming the call and its target.
 *
 * <p>The environment, read once by {@link dev.churnops.aws.AwsSettings#from} (every message
 * names the variable, its value and what was expected):
 * <ul>
 *   <li>{@code CHURNOPS_BUCKET}, required: the data bucket's name.</li>
 *   <li>{@code CHURNOPS_ALERT_TOPIC_ARN}, required: the SNS topic notifications go to.</li>
 *   <li>{@code CHURNOPS_TRAINING_IMAGE} and {@code CHURNOPS_SAGEMAKER_ROLE_ARN}: the training
 *       image and the role SageMaker assumes; required only when a training job is launched, which
 *       then fails naming the one missing.</li>
 *   <li>{@code CHURNOPS_TRAINING_INSTANCE_TYPE} (default {@code ml.m5.large}),
 *       {@code CHURNOPS_TRAINING_VOLUME_GB} (default 10), {@code CHURNOPS_TRAINING_MAX_SECONDS}
 *       (default 3600).</li>
 *   <li>{@code CHURNOPS_KMS_KEY_ARN}, optional: encrypts training output and volume.</li>
 *   <li>{@code CHURNOPS_MODEL_PACKAGE_GROUP}, optional: checked, reserved for mirroring the
 *       registry to a SageMaker model package group, which is not implemented yet.</li>
 *   <li>{@code CHURNOPS_METRICS_NAMESPACE} (default {@code ChurnOps}).</li>
 *   <li>The handlers' {@code CHURNOPS_MODEL_NAME}, {@code CHURNOPS_CODE_VERSION},
 *       {@code CHURNOPS_MAX_QUARANTINE_RATE} and {@code MLFLOW_TRACKING_URI},
 *       {@code MLFLOW_TRACKING_TOKEN}, {@code MLFLOW_EXPERIMENT_NAME}.</li>
 *   <li>Set by Lambda: {@code AWS_REGION} (the clients' region) and
 *       {@code AWS_LAMBDA_FUNCTION_NAME} (EMF's Lambda environment); credentials come from the
 *       SDK's default chain.</li>
 * </ul>
 * {@code functions/aws/README.md} has the same contract as a table, with the IAM each adapter needs.
 */
package dev.churnops.aws;
