package dev.churnops.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.TrainingJobRequest;
import dev.churnops.core.port.TrainingJobStatus;
import dev.churnops.core.port.TransientFailure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SageMakerTrainingJobsTest {

    private static final String BUCKET = "churnops-data-test";
    private static final String IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/churnops-training:1.0";
    private static final String ROLE = "arn:aws:iam::123456789012:role/churnops-training";
    private static final String KMS = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private final FakeHttp http = new FakeHttp();

    private SageMakerTrainingJobs jobs(TrainingSettings settings) {
        return new SageMakerTrainingJobs(TestClients.sageMaker(http), settings);
    }

    private static TrainingSettings.Builder settings() {
        return TrainingSettings.builder(BUCKET).trainingImage(IMAGE).roleArn(ROLE);
    }

    private static TrainingJobRequest request() {
        return new TrainingJobRequest("churnops-exec-42", Map.of("algorithms", "logistic_regression", "seed", "7"),
                Map.of("train", "training-sets/exec-42/train/", "validation", "training-sets/exec-42/validation/",
                        "config", "training-sets/exec-42/config/"),
                "training-jobs/");
    }

    private static JsonNode json(String text) {
        return Json.tree(text.getBytes(StandardCharsets.UTF_8), "json");
    }

    private static String channel(String name, String prefix) {
        return "{\"ChannelName\":\"" + name + "\",\"DataSource\":{\"S3DataSource\":{\"S3DataType\":\"S3Prefix\",\"S3Uri\":"
                + "\"s3://" + BUCKET + "/" + prefix + "\",\"S3DataDistributionType\":\"FullyReplicated\"}}}";
    }

    @Test
    void launchesTheTrainingImageOnOneInstanceWithOneS3ChannelPerInput() {
        http.respond(200, "{\"TrainingJobArn\":\"arn:aws:sagemaker:eu-west-1:123456789012:training-job/churnops-exec-42\"}");

        jobs(settings().build()).launch(request());

        FakeHttp.Sent sent = http.only();
        assertEquals("POST", sent.method());
        assertEquals("api.sagemaker.eu-west-1.amazonaws.com", sent.host());
        assertEquals("SageMaker.CreateTrainingJob", sent.header("X-Amz-Target"));
        assertEquals("application/x-amz-json-1.1", sent.header("Content-Type"));
        assertEquals(json("{\"TrainingJobName\":\"churnops-exec-42\","
                + "\"HyperParameters\":{\"algorithms\":\"logistic_regression\",\"seed\":\"7\"},"
                + "\"AlgorithmSpecification\":{\"TrainingImage\":\"" + IMAGE + "\",\"TrainingInputMode\":\"File\"},"
                + "\"RoleArn\":\"" + ROLE + "\","
                + "\"InputDataConfig\":[" + channel("config", "training-sets/exec-42/config/") + ","
                + channel("train", "training-sets/exec-42/train/") + ","
                + channel("validation", "training-sets/exec-42/validation/") + "],"
                + "\"OutputDataConfig\":{\"S3OutputPath\":\"s3://" + BUCKET + "/training-jobs/\"},"
                + "\"ResourceConfig\":{\"InstanceType\":\"ml.m5.large\",\"InstanceCount\":1,\"VolumeSizeInGB\":10},"
                + "\"StoppingCondition\":{\"MaxRuntimeInSeconds\":3600},"
                + "\"EnableNetworkIsolation\":true}"), json(sent.text()));
    }

    @Test
    void encryptsOutputAndVolumeWithTheKmsKeyAndUsesTheConfiguredResources() {
        http.respond(200, "{\"TrainingJobArn\":\"arn\"}");

        jobs(settings().kmsKeyArn(KMS).instanceType("ml.c5.2xlarge").volumeSizeGb(30).maxRuntimeSeconds(7200).build())
                .launch(request());

        JsonNode body = json(http.only().text());
        assertEquals(json("{\"S3OutputPath\":\"s3://" + BUCKET + "/training-jobs/\",\"KmsKeyId\":\"" + KMS + "\"}"),
                body.get("OutputDataConfig"));
        assertEquals(json("{\"InstanceType\":\"ml.c5.2xlarge\",\"InstanceCount\":1,\"VolumeSizeInGB\":30,"
                + "\"VolumeKmsKeyId\":\"" + KMS + "\"}"), body.get("ResourceConfig"));
        assertEquals(7200, body.get("StoppingCondition").get("MaxRuntimeInSeconds").asInt());
    }

    @Test
    void aRelaunchOfAJobThatExistsDoesNothing() {
        http.respond(400, "{\"__type\":\"ValidationException\",\"message\":\"Training job names must be unique within an AWS "
                + "account and region, and a training job with this name already exists (arn:aws:sagemaker:eu-west-1:"
                + "123456789012:training-job/churnops-exec-42)\"}");

        jobs(settings().build()).launch(request());

        assertEquals(1, http.sent().size());
    }

    @Test
    void anInvalidRequestIsNotRetried() {
        http.respond(400, "{\"__type\":\"ValidationException\",\"message\":\"1 validation error detected: Value 'ml.bad' "
                + "at 'resourceConfig.instanceType' failed to satisfy constraint\"}");

        AwsRequestException e = assertThrows(AwsRequestException.class, () -> jobs(settings().build()).launch(request()));

        assertTrue(e.getMessage().contains("SageMaker CreateTrainingJob 'churnops-exec-42' was refused: ValidationException"),
                e::getMessage);
    }

    @Test
    void throttlingAndServerErrorsAreTransientFailures() {
        http.respond(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")
                .respond(503, "{\"__type\":\"ServiceUnavailable\",\"message\":\"try later\"}");
        SageMakerTrainingJobs jobs = jobs(settings().build());

        TransientFailure throttled = assertThrows(TransientFailure.class, () -> jobs.launch(request()));
        TransientFailure unavailable = assertThrows(TransientFailure.class, () -> jobs.describe("churnops-exec-42"));

        assertTrue(throttled.getMessage().contains("ThrottlingException"), throttled::getMessage);
        assertTrue(unavailable.getMessage().contains("SageMaker DescribeTrainingJob 'churnops-exec-42'"), unavailable::getMessage);
    }

    @Test
    void launchingWithoutARoleNamesTheVariableAndSendsNothing() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> jobs(TrainingSettings.builder(BUCKET).trainingImage(IMAGE).build()).launch(request()));

        assertTrue(e.getMessage().startsWith("CHURNOPS_SAGEMAKER_ROLE_ARN is not set"), e::getMessage);
        assertTrue(e.getMessage().contains("'churnops-exec-42'"), e::getMessage);
        assertEquals(List.of(), http.sent());
    }

    @Test
    void launchingWithoutAnImageNamesTheVariable() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> jobs(TrainingSettings.builder(BUCKET).roleArn(ROLE).build()).launch(request()));

        assertTrue(e.getMessage().startsWith("CHURNOPS_TRAINING_IMAGE is not set"), e::getMessage);
    }

    @Test
    void describesACompletedJobWithItsArtifactKeyAndFinalMetrics() {
        http.respond(200, "{\"TrainingJobName\":\"churnops-exec-42\",\"TrainingJobStatus\":\"Completed\","
                + "\"SecondaryStatus\":\"Completed\",\"ModelArtifacts\":{\"S3ModelArtifacts\":\"s3://" + BUCKET
                + "/training-jobs/churnops-exec-42/output/model.tar.gz\"},"
                + "\"FinalMetricDataList\":[{\"MetricName\":\"train_seconds\",\"Value\":12.5,\"Timestamp\":1.7964E9},"
                + "{\"MetricName\":\"validation_roc_auc.logistic_regression\",\"Value\":0.85,\"Timestamp\":1.7964E9}]}");

        TrainingJobStatus status = jobs(settings().build()).describe("churnops-exec-42");

        assertEquals(new TrainingJobStatus("churnops-exec-42", TrainingJobStatus.COMPLETED,
                "training-jobs/churnops-exec-42/output/model.tar.gz", null,
                Map.of("train_seconds", 12.5, "validation_roc_auc.logistic_regression", 0.85)), status);
        FakeHttp.Sent sent = http.only();
        assertEquals("SageMaker.DescribeTrainingJob", sent.header("X-Amz-Target"));
        assertEquals(json("{\"TrainingJobName\":\"churnops-exec-42\"}"), json(sent.text()));
    }

    @Test
    void describesAFailedJobWithItsReason() {
        http.respond(200, "{\"TrainingJobName\":\"churnops-exec-42\",\"TrainingJobStatus\":\"Failed\","
                + "\"FailureReason\":\"AlgorithmError: no rows in channel train\"}");

        TrainingJobStatus status = jobs(settings().build()).describe("churnops-exec-42");

        assertEquals(TrainingJobStatus.FAILED, status.status());
        assertEquals("AlgorithmError: no rows in channel train", status.failureReason());
        assertNull(status.modelArtifactKey());
        assertEquals(Map.of(), status.finalMetrics());
    }

    @Test
    void refusesAModelWrittenToAnotherBucket() {
        http.respond(200, "{\"TrainingJobName\":\"churnops-exec-42\",\"TrainingJobStatus\":\"Completed\","
                + "\"ModelArtifacts\":{\"S3ModelArtifacts\":\"s3://someone-else/training-jobs/churnops-exec-42/output/model.tar.gz\"}}");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> jobs(settings().build()).describe("churnops-exec-42"));

        assertTrue(e.getMessage().contains("s3://someone-else/training-jobs/churnops-exec-42/output/model.tar.gz"), e::getMessage);
        assertTrue(e.getMessage().contains("s3://" + BUCKET + "/ (CHURNOPS_BUCKET)"), e::getMessage);
    }

    @Test
    void anUnknownJobIsABadJobName() {
        http.respond(400, "{\"__type\":\"ValidationException\",\"message\":\"Requested resource not found.\"}");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> jobs(settings().build()).describe("churnops-nope"));

        assertTrue(e.getMessage().startsWith("no training job named 'churnops-nope'"), e::getMessage);
    }
}
