package dev.churnops.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.port.ExperimentTracker;
import dev.churnops.core.port.Notification;
import dev.churnops.core.registry.ApprovalStatus;
import dev.churnops.core.registry.ModelVersion;
import dev.churnops.handlers.Services;
import dev.churnops.handlers.ServicesFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;
import software.amazon.awssdk.services.sns.SnsClient;

class AwsServicesFactoryTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T06:30:00Z"), ZoneOffset.UTC);

    private final FakeHttp http = new FakeHttp();
    /** The clients built, in order: each adapter must build its own on first use, and no other. */
    private final List<String> built = new ArrayList<>();
    private final AwsClients clients = new AwsClients() {
        @Override
        public S3Client s3() {
            built.add("s3");
            return TestClients.s3(http);
        }

        @Override
        public SnsClient sns() {
            built.add("sns");
            return TestClients.sns(http);
        }

        @Override
        public SageMakerClient sageMaker() {
            built.add("sagemaker");
            return TestClients.sageMaker(http);
        }

        @Override
        public SageMakerFeatureStoreRuntimeClient featureStoreRuntime() {
            built.add("featurestore");
            return TestClients.featureStore(http);
        }
    };

    private Services services() {
        return AwsServicesFactory.create(AwsSettings.from(AwsSettingsTest.required()), clients, ExperimentTracker.NONE, CLOCK);
    }

    @Test
    void theOnlineStoreIsTheFeatureGroupNamedByTheEnvironmentBuiltOnFirstUse() {
        var env = new java.util.HashMap<>(AwsSettingsTest.required());
        env.put("CHURNOPS_FEATURE_GROUP", "churnops-dev-customers");
        Services services = AwsServicesFactory.create(AwsSettings.from(env), clients, ExperimentTracker.NONE, CLOCK);
        assertEquals(List.of(), built);

        var online = services.features().online();

        assertInstanceOf(SageMakerOnlineStore.class, online);
        assertEquals(List.of("featurestore"), built);
        assertInstanceOf(dev.churnops.featurestore.ParquetOfflineStore.class, services.features().offline());
    }

    @Test
    void withoutAFeatureGroupTheOnlineStoreFailsNamingTheVariable() {
        Services services = services();

        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> services.features().online());

        assertTrue(e.getMessage().contains("CHURNOPS_FEATURE_GROUP"), e::getMessage);
    }

    @Test
    void isTheAdapterSetNamedAwsOnTheClassPath() {
        List<String> names = ServiceLoader.load(ServicesFactory.class).stream().map(p -> p.get().name()).toList();

        assertTrue(names.contains("aws"), names::toString);
    }

    @Test
    void buildingTheServicesBuildsNoClientAndSendsNothing() {
        Services services = services();

        assertEquals(List.of(), built);
        assertEquals(List.of(), http.sent());
        assertEquals("ChurnOps", assertInstanceOf(EmfMetrics.class, services.metrics()).namespace());
    }

    @Test
    void blobsAreInTheBucketAndBuildOnlyTheS3ClientOnce() {
        http.respond(200, "");
        Services services = services();

        services.blobs().put("raw/customers/dt=2026-12-01/a.csv", new byte[] {1});
        services.blobs().put("raw/customers/dt=2026-12-01/b.csv", new byte[] {2});

        assertEquals(List.of("s3"), built);
        assertEquals("churnops-data-dev.s3.eu-west-1.amazonaws.com", http.sent().get(1).host());
        assertEquals("/raw/customers/dt%3D2026-12-01/b.csv", http.sent().get(1).path());
    }

    @Test
    void theRegistryClaimsVersionsInTheBucketWithConditionalWrites() {
        String empty = "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>churnops-data-dev</Name>"
                + "<KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>";
        http.respond(200, empty).respond(200, "", "ETag", "\"a\"");

        ModelVersion v = services().registry().register("churn", n -> new byte[] {(byte) n}, ApprovalStatus.Approved, "first");

        assertEquals(1, v.version());
        List<FakeHttp.Sent> sent = http.sent();
        assertEquals("models/churn/", sent.get(0).query("prefix"));
        assertEquals("/models/churn/1/model.tar.gz", sent.get(1).path());
        assertEquals("*", sent.get(1).header("If-None-Match"));
        assertEquals("/models/churn/1/version.json", sent.get(2).path());
        assertEquals(List.of("s3"), built);
    }

    @Test
    void publishingBuildsOnlyTheSnsClient() {
        http.respond(200, "<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>");

        String id = services().notifier().publish(new Notification("Drift", Notification.Severity.WARNING, Map.of(), Map.of()));

        assertEquals("m-1", id);
        assertEquals(List.of("sns"), built);
        assertEquals("arn:aws:sns:eu-west-1:123456789012:churnops-alerts", http.only().form().get("TopicArn"));
    }

    @Test
    void describingATrainingJobBuildsOnlyTheSageMakerClient() {
        http.respond(200, "{\"TrainingJobName\":\"churnops-exec-1\",\"TrainingJobStatus\":\"InProgress\"}");

        assertEquals("InProgress", services().trainingJobs().describe("churnops-exec-1").status());
        assertEquals(List.of("sagemaker"), built);
    }

    @Test
    void launchingWithoutTheRoleFailsNamingTheVariable() {
        Services services = services();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> services.trainingJobs().launch(
                new dev.churnops.core.port.TrainingJobRequest("churnops-exec-1", Map.of(), Map.of("train", "t/"), "training-jobs/")));

        assertTrue(e.getMessage().startsWith("CHURNOPS_TRAINING_IMAGE is not set")
                || e.getMessage().startsWith("CHURNOPS_SAGEMAKER_ROLE_ARN is not set"), e::getMessage);
        assertEquals(List.of(), http.sent());
    }

    @Test
    void theFactoryFailsNamingAMissingVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AwsServicesFactory().create(Map.of("CHURNOPS_ALERT_TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:a")));

        assertTrue(e.getMessage().startsWith("CHURNOPS_BUCKET is not set"), e::getMessage);
    }

    @Test
    void theFactoryBuildsFromTheEnvironmentWithoutCallingAws() {
        Map<String, String> env = new java.util.HashMap<>(AwsSettingsTest.required());
        env.put("AWS_REGION", "eu-west-1");

        Services services = new AwsServicesFactory().create(env);

        assertEquals(Services.Settings.DEFAULTS, services.settings());
        assertEquals(ExperimentTracker.NONE, services.experiments());
    }
}
