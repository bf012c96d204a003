package dev.churnops.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Builds the SDK clients the adapters use; each call builds a new one, and {@link AwsServicesFactory}
 * calls each at most once, on first use. Every client uses the JDK's URL connection as its HTTP
 * client (a smaller jar and a faster cold start than Apache's or Netty's, which are left out of the
 * build). In production the region and credentials come from the Lambda environment through the
 * SDK's default providers; tests hand in a region, fixed credentials and a fake HTTP client.
 */
interface AwsClients {

    S3Client s3();

    SnsClient sns();

    SageMakerClient sageMaker();

    SageMakerFeatureStoreRuntimeClient featureStoreRuntime();

    /** Clients for a Lambda function: {@code region} when known (Lambda sets AWS_REGION), else the default chain. */
    static AwsClients forRegion(Region region) {
        return configured(region, null, null);
    }

    /**
     * Clients with {@code region} (null: the default region chain), {@code credentials} (null: the
     * default credentials chain) and {@code http} (null: a new URL connection client per SDK client).
     */
    static AwsClients configured(Region region, AwsCredentialsProvider credentials, SdkHttpClient http) {
        return new AwsClients() {
            @Override
            public S3Client s3() {
                return configure(S3Client.builder()).build();
            }

            @Override
            public SnsClient sns() {
                return configure(SnsClient.builder()).build();
            }

            @Override
            public SageMakerClient sageMaker() {
                return configure(SageMakerClient.builder()).build();
            }

            @Override
            public SageMakerFeatureStoreRuntimeClient featureStoreRuntime() {
                return configure(SageMakerFeatureStoreRuntimeClient.builder()).build();
            }

            private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
                builder.httpClient(http != null ? http : UrlConnectionHttpClient.create());
                if (region != null) {
                    builder.region(region);
                }
                if (credentials != null) {
                    builder.credentialsProvider(credentials);
                }
                return builder;
            }
        };
    }
}
