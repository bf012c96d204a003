package dev.churnops.cdk.constructs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sagemaker.CfnFeatureGroup;
import software.constructs.Construct;

/**
 * The customers' features in SageMaker Feature Store: one feature group with an online store (the
 * latest values per customer, for scoring by id) and an offline store writing Parquet under the
 * lake's {@code features/} prefix (point-in-time training sets). Both use the lake's KMS key when
 * it has one. No Glue table is created: the offline files are read by key, not through Athena.
 */
public final class FeatureStore extends Construct {

    /** A feature group's column types. */
    public enum FeatureType { STRING, INTEGRAL, FRACTIONAL }

    /**
     * The customer table the built-in synthetic data and the scoring API's examples use (the
     * columns of {@code churnops generate-table}); a deployment with another table passes its own.
     */
    public static final Map<String, FeatureType> CUSTOMER_FEATURES = customerFeatures();

    /**
     * @param featureGroupName 1-64 letters, digits and inner hyphens
     * @param recordIdentifier the column naming the customer
     * @param eventTime the ISO-8601 timestamp column that orders a customer's records
     * @param features every column, the identifier and the event time included, with its type
     * @param lake where the offline store writes, and its key
     * @param removalPolicy what deleting the stack does to the feature group
     */
    public record Props(String featureGroupName, String recordIdentifier, String eventTime,
                        Map<String, FeatureType> features, DataLake lake, RemovalPolicy removalPolicy) {
        public Props {
            if (featureGroupName == null || !featureGroupName.matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}")) {
                throw new IllegalArgumentException("FeatureStore.Props.featureGroupName is '" + featureGroupName
                        + "' but must be 1-64 letters, digits and inner hyphens.");
            }
            features = Map.copyOf(features);
            if (!features.containsKey(recordIdentifier) || !features.containsKey(eventTime)) {
                throw new IllegalArgumentException("FeatureStore.Props.features must hold the record identifier '"
                        + recordIdentifier + "' and the event time '" + eventTime + "'; it holds " + features.keySet() + ".");
            }
            Objects.requireNonNull(lake, "FeatureStore.Props.lake");
            Objects.requireNonNull(removalPolicy, "FeatureStore.Props.removalPolicy");
        }

        /** Defaults: group churnops-customers, {@link #CUSTOMER_FEATURES} keyed by customer_id at event_time, RETAIN. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String featureGroupName = "churnops-customers";
            private String recordIdentifier = "customer_id";
            private String eventTime = "event_time";
            private Map<String, FeatureType> features = CUSTOMER_FEATURES;
            private DataLake lake;
            private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;

            public Builder featureGroupName(String value) {
                featureGroupName = value;
                return this;
            }

            public Builder recordIdentifier(String value) {
                recordIdentifier = value;
                return this;
            }

            public Builder eventTime(String value) {
                eventTime = value;
                return this;
            }

            public Builder features(Map<String, FeatureType> value) {
                features = value;
                return this;
            }

            public Builder lake(DataLake value) {
                lake = value;
                return this;
            }

            public Builder removalPolicy(RemovalPolicy value) {
                removalPolicy = value;
                return this;
            }

            public Props build() {
                return new Props(featureGroupName, recordIdentifier, eventTime, features, lake, removalPolicy);
            }
        }
    }

    private final CfnFeatureGroup featureGroup;
    private final Role role;

    public FeatureStore(Construct scope, String id, Props props) {
        super(scope, id);
        DataLake lake = props.lake();
        // The role Feature Store assumes to write the offline store.
        role = Role.Builder.create(this, "OfflineStoreRole")
                .assumedBy(new ServicePrincipal("sagemaker.amazonaws.com"))
                .description("SageMaker Feature Store: writes the offline store under features/ in the lake")
                .build();
        role.addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("s3:GetBucketAcl")).resources(List.of(lake.bucket().getBucketArn())).build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("s3:PutObject", "s3:PutObjectAcl", "s3:GetObject"))
                .resources(lake.objectArns(Set.of(LakePrefix.FEATURES))).build());
        if (lake.key() != null) {
            role.addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                    .actions(List.of("kms:Decrypt", "kms:GenerateDataKey")).resources(List.of(lake.key().getKeyArn())).build());
        }

        List<Object> definitions = props.features().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> (Object) CfnFeatureGroup.FeatureDefinitionProperty.builder()
                        .featureName(e.getKey())
                        .featureType(switch (e.getValue()) {
                            case STRING -> "String";
                            case INTEGRAL -> "Integral";
                            case FRACTIONAL -> "Fractional";
                        })
                        .build())
                .toList();
        // Both configurations are plain JSON in the resource's schema, so they are written with its key names.
        Map<String, Object> s3 = new LinkedHashMap<>();
        s3.put("S3Uri", "s3://" + lake.bucket().getBucketName() + "/" + LakePrefix.FEATURES.prefix() + "offline");
        Map<String, Object> online = new LinkedHashMap<>();
        online.put("EnableOnlineStore", true);
        if (lake.key() != null) {
            s3.put("KmsKeyId", lake.key().getKeyArn());
            online.put("SecurityConfig", Map.of("KmsKeyId", lake.key().getKeyArn()));
        }
        Map<String, Object> offline = new LinkedHashMap<>();
        offline.put("S3StorageConfig", s3);
        offline.put("DisableGlueTableCreation", true);
        featureGroup = CfnFeatureGroup.Builder.create(this, "FeatureGroup")
                .featureGroupName(props.featureGroupName())
                .description("ChurnOps customer features: online for scoring by id, offline for training sets")
                .recordIdentifierFeatureName(props.recordIdentifier())
                .eventTimeFeatureName(props.eventTime())
                .featureDefinitions(definitions)
                .onlineStoreConfig(online)
                .offlineStoreConfig(offline)
                .roleArn(role.getRoleArn())
                .build();
        featureGroup.applyRemovalPolicy(props.removalPolicy());
        // The role's policy must exist before Feature Store checks it can write the offline store.
        featureGroup.getNode().addDependency(role);
    }

    private static Map<String, FeatureType> customerFeatures() {
        Map<String, FeatureType> m = new LinkedHashMap<>();
        m.put("customer_id", FeatureType.STRING);
        m.put("event_time", FeatureType.STRING);
        m.put("signup_channel", FeatureType.STRING);
        m.put("plan", FeatureType.STRING);
        m.put("tenure_months", FeatureType.INTEGRAL);
        m.put("monthly_spend", FeatureType.FRACTIONAL);
        m.put("orders_90d", FeatureType.INTEGRAL);
        m.put("days_since_last_order", FeatureType.INTEGRAL);
        m.put("support_tickets_90d", FeatureType.INTEGRAL);
        m.put("email_opt_in", FeatureType.STRING);
        m.put("app_user", FeatureType.STRING);
        m.put("payment_method", FeatureType.STRING);
        return Map.copyOf(m);
    }

    public CfnFeatureGroup featureGroup() {
        return featureGroup;
    }

    public String featureGroupName() {
        return featureGroup.getFeatureGroupName();
    }
}
