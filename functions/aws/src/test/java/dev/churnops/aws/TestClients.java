package dev.churnops.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** Real SDK clients over a {@link FakeHttp}: region eu-west-1, fixed credentials, and no SDK retries unless asked. */
final class TestClients {

    static final Region REGION = Region.EU_WEST_1;
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));

    private TestClients() {
    }

    static S3Client s3(FakeHttp http) {
        return S3Client.builder().region(REGION).credentialsProvider(CREDENTIALS).httpClient(http)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    /** With the SDK's default retries, to show what is left once they are spent. */
    static S3Client s3WithRetries(FakeHttp http) {
        return S3Client.builder().region(REGION).credentialsProvider(CREDENTIALS).httpClient(http).build();
    }

    static SnsClient sns(FakeHttp http) {
        return SnsClient.builder().region(REGION).credentialsProvider(CREDENTIALS).httpClient(http)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    static SageMakerClient sageMaker(FakeHttp http) {
        return SageMakerClient.builder().region(REGION).credentialsProvider(CREDENTIALS).httpClient(http)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    static SageMakerFeatureStoreRuntimeClient featureStore(FakeHttp http) {
        return SageMakerFeatureStoreRuntimeClient.builder().region(REGION).credentialsProvider(CREDENTIALS).httpClient(http)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }
}
