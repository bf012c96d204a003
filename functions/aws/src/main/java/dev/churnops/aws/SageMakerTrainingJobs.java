package dev.churnops.aws;

import dev.churnops.core.port.TrainingJobRequest;
import dev.churnops.core.port.TrainingJobStatus;
import dev.churnops.core.port.TrainingJobs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.MetricData;
import software.amazon.awssdk.services.sagemaker.model.S3DataDistribution;
import software.amazon.awssdk.services.sagemaker.model.S3DataType;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;

/**
 * Training jobs on AWS: SageMaker {@code CreateTrainingJob} running the ChurnOps training image on
 * one instance, and {@code DescribeTrainingJob} mapped to the port's {@link TrainingJobStatus}. Each
 * input channel is an S3 prefix of the data bucket copied to the container in File mode; the model
 * goes to {@code s3://<bucket>/<outputPrefix><job>/output/model.tar.gz}, which is the key the local
 * runner writes too. The container runs with network isolation (it needs no network: SageMaker
 * moves its data), and with the KMS key of {@link TrainingSettings} when there is one. A retried
 * launch of a job that already exists does nothing, as locally: job names come from the execution,
 * so the same name is the same launch.
 */
public final class SageMakerTrainingJobs implements TrainingJobs {

    private final SageMakerClient sageMaker;
    private final TrainingSettings settings;

    public SageMakerTrainingJobs(SageMakerClient sageMaker, TrainingSettings settings) {
        this.sageMaker = Objects.requireNonNull(sageMaker, "sageMaker");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void launch(TrainingJobRequest request) {
        settings.requireForLaunch(request.jobName());
        try {
            sageMaker.createTrainingJob(createRequest(request));
        } catch (SdkException e) {
            if (alreadyExists(e)) {
                return;
            }
            throw AwsFailures.of("SageMaker CreateTrainingJob '" + request.jobName() + "'", e);
        }
    }

    CreateTrainingJobRequest createRequest(TrainingJobRequest request) {
        List<Channel> channels = new ArrayList<>();
        // Sorted, so the same request is always sent the same way.
        new TreeMap<>(request.channels()).forEach((name, prefix) -> channels.add(Channel.builder().channelName(name)
                .dataSource(d -> d.s3DataSource(s -> s.s3DataType(S3DataType.S3_PREFIX).s3Uri(s3Uri(prefix))
                        .s3DataDistributionType(S3DataDistribution.FULLY_REPLICATED)))
                .build()));
        return CreateTrainingJobRequest.builder()
                .trainingJobName(request.jobName())
                .algorithmSpecification(a -> a.trainingImage(settings.trainingImage()).trainingInputMode(TrainingInputMode.FILE))
                .roleArn(settings.roleArn())
                .hyperParameters(new TreeMap<>(request.hyperparameters()))
                .inputDataConfig(channels)
                .outputDataConfig(o -> o.s3OutputPath(s3Uri(request.outputPrefix())).kmsKeyId(settings.kmsKeyArn()))
                .resourceConfig(r -> r.instanceType(settings.instanceType()).instanceCount(1)
                        .volumeSizeInGB(settings.volumeSizeGb()).volumeKmsKeyId(settings.kmsKeyArn()))
                .stoppingCondition(s -> s.maxRuntimeInSeconds(settings.maxRuntimeSeconds()))
                .enableNetworkIsolation(true)
                .build();
    }

    @Override
    public TrainingJobStatus describe(String jobName) {
        DescribeTrainingJobResponse job;
        try {
            job = sageMaker.describeTrainingJob(b -> b.trainingJobName(jobName));
        } catch (SdkException e) {
            if ("ValidationException".equals(AwsFailures.errorCode(e)) && String.valueOf(e.getMessage()).contains("not found")) {
                throw new IllegalArgumentException("no training job named '" + jobName + "': " + AwsFailures.describe(e), e);
            }
            throw AwsFailures.of("SageMaker DescribeTrainingJob '" + jobName + "'", e);
        }
        String artifact = job.modelArtifacts() == null ? null : job.modelArtifacts().s3ModelArtifacts();
        return new TrainingJobStatus(jobName, job.trainingJobStatusAsString(),
                artifact == null ? null : keyInBucket(jobName, artifact), job.failureReason(), metrics(job.finalMetricDataList()));
    }

    /** The blob key of an {@code s3://} URI in the data bucket; fails naming the job and both buckets otherwise. */
    private String keyInBucket(String jobName, String uri) {
        String expected = "s3://" + settings.bucket() + "/";
        if (!uri.startsWith(expected) || uri.length() == expected.length()) {
            throw new IllegalStateException("training job '" + jobName + "' wrote its model to " + uri
                    + ", expected an object under " + expected + " (CHURNOPS_BUCKET), where the pipeline reads models");
        }
        return uri.substring(expected.length());
    }

    private static Map<String, Double> metrics(List<MetricData> data) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (MetricData m : data) {
            if (m.metricName() != null && m.value() != null) {
                // Through its decimal form: SageMaker's 0.85f is 0.85, not 0.8500000238418579.
                metrics.put(m.metricName(), Double.parseDouble(Float.toString(m.value())));
            }
        }
        return metrics;
    }

    private String s3Uri(String prefix) {
        return "s3://" + settings.bucket() + "/" + prefix;
    }

    private static boolean alreadyExists(SdkException e) {
        String code = AwsFailures.errorCode(e);
        return "ResourceInUse".equals(code)
                || "ValidationException".equals(code) && String.valueOf(e.getMessage()).contains("already exists");
    }
}
