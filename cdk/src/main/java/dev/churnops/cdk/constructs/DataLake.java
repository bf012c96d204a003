package dev.churnops.cdk.constructs;

import dev.churnops.cdk.config.StageConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

/**
 * The data lake: one versioned bucket holding every blob of the layout in {@link LakePrefix},
 * encrypted with a customer-managed KMS key or S3-managed keys, closed to the public, reachable
 * over TLS 1.2+ only, logging every access to a second bucket, and sending EventBridge events so
 * that an upload under {@code raw/} can start ingestion. Access is granted per principal and
 * prefix with {@link #grant}.
 */
public final class DataLake extends Construct {

    /**
     * @param encryption KMS (a key with yearly rotation, used as an S3 bucket key) or S3-managed
     * @param removalPolicy what deleting the stack does to the buckets and the key
     * @param lifecycle expiration and transition rules
     */
    public record Props(StageConfig.LakeEncryption encryption, RemovalPolicy removalPolicy, StageConfig.Lifecycle lifecycle) {
        public Props {
            Objects.requireNonNull(encryption, "DataLake.Props.encryption");
            Objects.requireNonNull(removalPolicy, "DataLake.Props.removalPolicy");
            Objects.requireNonNull(lifecycle, "DataLake.Props.lifecycle");
        }

        /** Defaults: KMS, RETAIN, the prod lifecycle. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private StageConfig.LakeEncryption encryption = StageConfig.LakeEncryption.KMS;
            private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;
            private StageConfig.Lifecycle lifecycle = StageConfig.of("prod").lifecycle();

            public Builder encryption(StageConfig.LakeEncryption value) {
                encryption = value;
                return this;
            }

            public Builder removalPolicy(RemovalPolicy value) {
                removalPolicy = value;
                return this;
            }

            public Builder lifecycle(StageConfig.Lifecycle value) {
                lifecycle = value;
                return this;
            }

            public Props build() {
                return new Props(encryption, removalPolicy, lifecycle);
            }
        }
    }

    private final Bucket bucket;
    private final Bucket accessLogs;
    private final Key key;

    public DataLake(Construct scope, String id, Props props) {
        super(scope, id);
        // Log delivery by bucket policy, not ACL: the buckets disable ACLs (bucket-owner-enforced).
        // Set here so the construct does not depend on the app's feature flags.
        getNode().setContext("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);
        key = props.encryption() == StageConfig.LakeEncryption.KMS
                ? Key.Builder.create(this, "Key")
                        .description("ChurnOps data lake: objects, feature store, training output")
                        .enableKeyRotation(true)
                        .pendingWindow(Duration.days(7))
                        .removalPolicy(props.removalPolicy())
                        .build()
                : null;
        // Server access logs cannot be delivered to a bucket encrypted with a customer-managed key.
        accessLogs = Bucket.Builder.create(this, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .lifecycleRules(List.of(LifecycleRule.builder().id("expire-access-logs")
                        .expiration(Duration.days(props.lifecycle().accessLogExpirationDays())).build()))
                .removalPolicy(props.removalPolicy())
                .build();
        Bucket.Builder lake = Bucket.Builder.create(this, "Bucket")
                .versioned(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("lake/")
                .lifecycleRules(lifecycleRules(props.lifecycle()))
                .removalPolicy(props.removalPolicy());
        if (key != null) {
            lake.encryption(BucketEncryption.KMS).encryptionKey(key).bucketKeyEnabled(true);
        } else {
            lake.encryption(BucketEncryption.S3_MANAGED);
        }
        bucket = lake.build();
        // EventBridge delivery set on the bucket resource itself: the construct's eventBridgeEnabled
        // goes through a notifications custom resource (a Lambda function of its own).
        ((CfnBucket) bucket.getNode().getDefaultChild()).addPropertyOverride(
                "NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled", true);
    }

    private static List<LifecycleRule> lifecycleRules(StageConfig.Lifecycle lifecycle) {
        List<LifecycleRule> rules = new ArrayList<>();
        rules.add(LifecycleRule.builder().id("noncurrent-versions")
                .noncurrentVersionExpiration(Duration.days(lifecycle.noncurrentVersionExpirationDays()))
                .expiredObjectDeleteMarker(true)
                .abortIncompleteMultipartUploadAfter(Duration.days(7))
                .build());
        rules.add(LifecycleRule.builder().id("raw-to-infrequent-access").prefix(LakePrefix.RAW.prefix())
                .transitions(List.of(Transition.builder().storageClass(StorageClass.INFREQUENT_ACCESS)
                        .transitionAfter(Duration.days(lifecycle.rawToInfrequentAccessDays())).build()))
                .build());
        rules.add(LifecycleRule.builder().id("expire-training-sets").prefix(LakePrefix.TRAINING_SETS.prefix())
                .expiration(Duration.days(lifecycle.trainingSetExpirationDays()))
                .build());
        // Captured requests hold customers' features: kept only as long as monitoring needs them.
        rules.add(LifecycleRule.builder().id("expire-capture").prefix(LakePrefix.CAPTURE.prefix())
                .expiration(Duration.days(lifecycle.captureExpirationDays())).build());
        return rules;
    }

    /**
     * Grants {@code grantee} {@code s3:GetObject} under the read prefixes, {@code s3:PutObject}
     * under the write prefixes, {@code s3:DeleteObject} under the delete prefixes (and nowhere
     * else), {@code s3:ListBucket} on the bucket, and the KMS use reads and writes need (a delete
     * needs none: S3 reads no object to place the delete marker).
     * Listing is not narrowed by prefix: S3 answers a read of a missing key with 404 only to a
     * caller that may list the bucket (403 otherwise), and the steps ask whether optional objects
     * exist. Key names hold sources, dates and execution ids, no customer data.
     */
    public void grant(IGrantable grantee, LakeAccess access) {
        if (access.isEmpty()) {
            return;
        }
        var principal = grantee.getGrantPrincipal();
        principal.addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("s3:ListBucket")).resources(List.of(bucket.getBucketArn())).build());
        if (!access.reads().isEmpty()) {
            principal.addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                    .actions(List.of("s3:GetObject")).resources(objectArns(access.reads())).build());
        }
        if (!access.writes().isEmpty()) {
            principal.addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                    .actions(List.of("s3:PutObject")).resources(objectArns(access.writes())).build());
        }
        if (!access.deletes().isEmpty()) {
            principal.addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                    .actions(List.of("s3:DeleteObject")).resources(objectArns(access.deletes())).build());
        }
        if (key != null && !(access.reads().isEmpty() && access.writes().isEmpty())) {
            List<String> actions = new ArrayList<>(List.of("kms:Decrypt"));
            if (!access.writes().isEmpty()) {
                actions.add("kms:GenerateDataKey");
            }
            principal.addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                    .actions(actions).resources(List.of(key.getKeyArn())).build());
        }
    }

    /** The object ARNs under the prefixes, {@code arn:…:bucket/raw/*}, in the enum's order. */
    public List<String> objectArns(Set<LakePrefix> prefixes) {
        return prefixes.stream().sorted(Comparator.naturalOrder())
                .map(p -> bucket.arnForObjects(p.prefix() + "*")).toList();
    }

    public Bucket bucket() {
        return bucket;
    }

    public Bucket accessLogs() {
        return accessLogs;
    }

    /** The lake's KMS key, or null when the bucket uses S3-managed keys. */
    public Key key() {
        return key;
    }
}
