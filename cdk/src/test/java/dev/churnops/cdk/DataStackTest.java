package dev.churnops.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.cdk.config.StageConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The data lake, the online feature store and the alert topic, in every stage. */
class DataStackTest {

    private static Template data(String stage) {
        SynthesizedStage s = SynthesizedStage.of(stage);
        return s.assertions(s.stacks().data());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void lakeBucketIsVersionedPrivateLoggedAndSendsEventsToEventBridge(String stage) {
        data(stage).hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "LoggingConfiguration", Match.objectLike(Map.of("LogFilePrefix", "lake/")),
                "NotificationConfiguration", Map.of("EventBridgeConfiguration", Map.of("EventBridgeEnabled", true)))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void lakeEncryptionFollowsTheStage(String stage) {
        boolean kms = StageConfig.of(stage).lakeEncryption() == StageConfig.LakeEncryption.KMS;
        Object rule = kms
                ? Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "aws:kms",
                        "KMSMasterKeyID", Match.anyValue()), "BucketKeyEnabled", true)
                : Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256"));
        data(stage).hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "LoggingConfiguration", Match.anyValue(),
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(rule)))));
        // Two keys with KMS (lake, alerts), one without (alerts); both rotate.
        data(stage).resourceCountIs("AWS::KMS::Key", kms ? 2 : 1);
        data(stage).allResourcesProperties("AWS::KMS::Key", Match.objectLike(Map.of("EnableKeyRotation", true)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void accessLogBucketUsesS3ManagedKeysAsServerAccessLoggingRequires(String stage) {
        data(stage).hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "LoggingConfiguration", Match.absent(),
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration",
                        List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyBucketRefusesRequestsWithoutTls(String stage) {
        data(stage).resourcePropertiesCountIs("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny", "Action", "s3:*",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))), 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void lifecycleMovesRawDataAndExpiresTrainingSetsCaptureAndOldVersions(String stage) {
        StageConfig.Lifecycle lifecycle = StageConfig.of(stage).lifecycle();
        data(stage).hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of("LifecycleConfiguration",
                Map.of("Rules", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Id", "noncurrent-versions", "NoncurrentVersionExpiration",
                                Map.of("NoncurrentDays", lifecycle.noncurrentVersionExpirationDays()))),
                        Match.objectLike(Map.of("Id", "raw-to-infrequent-access", "Prefix", "raw/", "Transitions",
                                List.of(Map.of("StorageClass", "STANDARD_IA",
                                        "TransitionInDays", lifecycle.rawToInfrequentAccessDays())))),
                        Match.objectLike(Map.of("Id", "expire-training-sets", "Prefix", "training-sets/",
                                "ExpirationInDays", lifecycle.trainingSetExpirationDays())),
                        Match.objectLike(Map.of("Id", "expire-capture", "Prefix", "capture/",
                                "ExpirationInDays", lifecycle.captureExpirationDays()))))))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void featureGroupIsOnlineOnlyWithTheRegistrysCustomerBehaviourFeatures(String stage) {
        boolean kms = StageConfig.of(stage).lakeEncryption() == StageConfig.LakeEncryption.KMS;
        Template t = data(stage);
        t.resourceCountIs("AWS::SageMaker::FeatureGroup", 1);
        t.hasResourceProperties("AWS::SageMaker::FeatureGroup", Match.objectLike(Map.of(
                "FeatureGroupName", "churnops-" + stage + "-customers",
                "RecordIdentifierFeatureName", "customer_id",
                "EventTimeFeatureName", "event_time",
                // The identifier and the event time, then the view's features in the registry's order;
                // support_history's tickets_open stays out.
                "FeatureDefinitions", List.of(
                        Map.of("FeatureName", "customer_id", "FeatureType", "String"),
                        Map.of("FeatureName", "event_time", "FeatureType", "String"),
                        Map.of("FeatureName", "orders_90d", "FeatureType", "Fractional"),
                        Map.of("FeatureName", "days_since_last_order", "FeatureType", "Fractional"),
                        Map.of("FeatureName", "plan", "FeatureType", "String"),
                        Map.of("FeatureName", "sessions_30d", "FeatureType", "Fractional")),
                "OnlineStoreConfig", kms
                        ? Map.of("EnableOnlineStore", true, "SecurityConfig", Map.of("KmsKeyId", Match.anyValue()))
                        : Map.of("EnableOnlineStore", true),
                "OfflineStoreConfig", Match.absent(),
                "RoleArn", Match.absent())));
        // Nothing in the data stack is for SageMaker to assume: the offline store is the lake's own Parquet.
        SynthesizedStage s = SynthesizedStage.of(stage);
        boolean sageMakerRole = Templates.resources(s.template(s.stacks().data()), "AWS::IAM::Role").values().stream()
                .anyMatch(r -> r.toString().contains("sagemaker.amazonaws.com"));
        assertTrue(!sageMakerRole, "a role SageMaker may assume in the data stack of " + stage);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void alertTopicIsEncryptedAndRefusesRequestsWithoutTls(String stage) {
        Template t = data(stage);
        t.hasResourceProperties("AWS::SNS::Topic", Map.of("TopicName", "churnops-" + stage + "-alerts",
                "KmsMasterKeyId", Match.anyValue()));
        t.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
        // CloudWatch may use the topic's key, or alarms could not notify an encrypted topic.
        SynthesizedStage s = SynthesizedStage.of(stage);
        boolean cloudWatch = Templates.resources(s.template(s.stacks().data()), "AWS::KMS::Key").values().stream()
                .anyMatch(k -> k.toString().contains("cloudwatch.amazonaws.com"));
        assertTrue(cloudWatch, "no KMS key lets cloudwatch.amazonaws.com use it");
    }
}
