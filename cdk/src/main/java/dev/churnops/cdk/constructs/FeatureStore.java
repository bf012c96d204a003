package dev.churnops.cdk.constructs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.sagemaker.CfnFeatureGroup;
import software.constructs.Construct;

/**
 * The customers' online features in SageMaker Feature Store: one feature group with an online
 * store only, holding the latest values per customer for scoring by id. Its columns are the
 * record identifier and the event time (both strings, the event time ISO-8601) followed by the
 * features of one view of the repository's feature registry ({@link FeatureRegistry}). There is
 * no Feature Store offline store: the offline store is ChurnOps' own Parquet under the lake's
 * {@code features/offline/}, which MaterializeFeatures appends to and training sets read point in
 * time, so no role for Feature Store to write S3 and no Glue table exist. The online store uses
 * the lake's KMS key when it has one. {@link #grant} gives a function the record calls it makes.
 */
public final class FeatureStore extends Construct {

    /** A feature group's column types; the registry's doubles are FRACTIONAL, its strings STRING. */
    public enum FeatureType { STRING, FRACTIONAL }

    /** What a function does with the feature group's records. */
    public enum Access {
        NONE(List.of()),
        /** Looks customers up by id. */
        READ(List.of("sagemaker:GetRecord", "sagemaker:BatchGetRecord")),
        /** Puts each customer's latest record. */
        WRITE(List.of("sagemaker:PutRecord"));

        private final List<String> actions;

        Access(List<String> actions) {
            this.actions = actions;
        }

        /** The IAM actions on the feature group. */
        public List<String> actions() {
            return actions;
        }
    }

    /** The view of the registry whose features the group holds. */
    public static final String VIEW = "customer_behaviour";

    /** SageMaker's rule for a feature name: alphanumerics, with hyphens and underscores between them. */
    private static final Pattern FEATURE_NAME = Pattern.compile("[a-zA-Z0-9]([-_]*[a-zA-Z0-9])*");
    /** Names SageMaker keeps for the columns it adds itself. */
    private static final Set<String> RESERVED = Set.of("is_deleted", "write_time", "api_invocation_time");
    /** SageMaker's limit on feature definitions per group. */
    private static final int MAX_FEATURES = 2500;

    /**
     * @param featureGroupName 1-64 letters, digits and inner hyphens
     * @param recordIdentifier the column naming the customer (a string)
     * @param eventTime the ISO-8601 timestamp column that orders a customer's records (a string)
     * @param features the feature columns after those two, in order, each with its type
     * @param lake whose KMS key, if any, encrypts the online store
     * @param removalPolicy what deleting the stack does to the feature group
     */
    public record Props(String featureGroupName, String recordIdentifier, String eventTime,
                        Map<String, FeatureType> features, DataLake lake, RemovalPolicy removalPolicy) {
        public Props {
            if (featureGroupName == null || !featureGroupName.matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}")) {
                throw new IllegalArgumentException("FeatureStore.Props.featureGroupName is '" + featureGroupName
                        + "' but must be 1-64 letters, digits and inner hyphens.");
            }
            checkName("FeatureStore.Props.recordIdentifier", recordIdentifier);
            checkName("FeatureStore.Props.eventTime", eventTime);
            Objects.requireNonNull(features, "FeatureStore.Props.features");
            if (features.isEmpty() || features.size() + 2 > MAX_FEATURES) {
                throw new IllegalArgumentException("FeatureStore.Props.features holds " + features.size()
                        + " features but must hold 1 to " + (MAX_FEATURES - 2) + " (SageMaker allows " + MAX_FEATURES
                        + " columns per feature group, the identifier and the event time included).");
            }
            for (var feature : features.entrySet()) {
                checkName("feature", feature.getKey());
                Objects.requireNonNull(feature.getValue(), () -> "FeatureStore.Props.features: type of " + feature.getKey());
                if (feature.getKey().equals(recordIdentifier) || feature.getKey().equals(eventTime)) {
                    throw new IllegalArgumentException("feature '" + feature.getKey() + "' has the name of the feature "
                            + "group's " + (feature.getKey().equals(recordIdentifier) ? "record identifier" : "event time")
                            + ", which the group defines itself: rename the feature.");
                }
            }
            features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
            Objects.requireNonNull(lake, "FeatureStore.Props.lake");
            Objects.requireNonNull(removalPolicy, "FeatureStore.Props.removalPolicy");
        }

        /** Defaults: group churnops-customers keyed by customer_id at event_time, RETAIN; features and lake required. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String featureGroupName = "churnops-customers";
            private String recordIdentifier = "customer_id";
            private String eventTime = "event_time";
            private Map<String, FeatureType> features;
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

            /** The features of {@link #VIEW} in {@code registry}. */
            public Builder features(FeatureRegistry registry) {
                features = registry.view(VIEW);
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

    /**
     * Fails naming {@code name} when SageMaker would refuse it as a feature name (CloudFormation's
     * FeatureDefinition: 1-64 characters, starting with an alphanumeric, alphanumerics, hyphens and
     * underscores only, none of its own column names). The schema's pattern lists no underscore
     * though its text allows it and SageMaker accepts it; this checks the API's form, where hyphens
     * and underscores sit between alphanumerics.
     */
    private static void checkName(String field, String name) {
        if (name == null || name.isEmpty() || name.length() > 64 || !FEATURE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(field + " '" + name + "' is not a name SageMaker Feature Store accepts: "
                    + "it must be 1-64 characters, letters, digits, hyphens and underscores, starting and ending with a "
                    + "letter or digit.");
        }
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException(field + " '" + name + "' is a name SageMaker Feature Store keeps for its own "
                    + "columns (" + RESERVED.stream().sorted().toList() + "): rename it.");
        }
    }

    private final CfnFeatureGroup featureGroup;
    private final String featureGroupName;
    private final String featureGroupArn;
    private final DataLake lake;

    public FeatureStore(Construct scope, String id, Props props) {
        super(scope, id);
        lake = props.lake();
        featureGroupName = props.featureGroupName();
        List<Object> definitions = new ArrayList<>();
        definitions.add(definition(props.recordIdentifier(), FeatureType.STRING));
        definitions.add(definition(props.eventTime(), FeatureType.STRING));
        props.features().forEach((name, type) -> definitions.add(definition(name, type)));
        // Plain JSON in the resource's schema, so it is written with its key names.
        Map<String, Object> online = new LinkedHashMap<>();
        online.put("EnableOnlineStore", true);
        if (lake.key() != null) {
            online.put("SecurityConfig", Map.of("KmsKeyId", lake.key().getKeyArn()));
        }
        featureGroup = CfnFeatureGroup.Builder.create(this, "FeatureGroup")
                .featureGroupName(featureGroupName)
                // At most 128 characters.
                .description("ChurnOps customer features for scoring by id (online only; offline store: features/offline/ in the lake)")
                .recordIdentifierFeatureName(props.recordIdentifier())
                .eventTimeFeatureName(props.eventTime())
                .featureDefinitions(definitions)
                .onlineStoreConfig(online)
                .build();
        featureGroup.applyRemovalPolicy(props.removalPolicy());
        // CfnFeatureGroup has no ARN attribute; the name is a literal, so the ARN needs no reference to this stack.
        featureGroupArn = Stack.of(this).formatArn(ArnComponents.builder().service("sagemaker").resource("feature-group")
                .resourceName(featureGroupName).arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
    }

    private static CfnFeatureGroup.FeatureDefinitionProperty definition(String name, FeatureType type) {
        return CfnFeatureGroup.FeatureDefinitionProperty.builder()
                .featureName(name)
                .featureType(switch (type) {
                    case STRING -> "String";
                    case FRACTIONAL -> "Fractional";
                })
                .build();
    }

    /**
     * Lets {@code grantee} make the record calls of {@code access} on this feature group only, and
     * decrypt with the online store's key when there is one (every data-plane call needs it).
     */
    public void grant(IGrantable grantee, Access access) {
        if (access == Access.NONE) {
            return;
        }
        var principal = grantee.getGrantPrincipal();
        principal.addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(access.actions()).resources(List.of(featureGroupArn)).build());
        if (lake.key() != null) {
            principal.addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                    .actions(List.of("kms:Decrypt")).resources(List.of(lake.key().getKeyArn())).build());
        }
    }

    public CfnFeatureGroup featureGroup() {
        return featureGroup;
    }

    /** The group's name (CHURNOPS_FEATURE_GROUP of the functions). */
    public String featureGroupName() {
        return featureGroupName;
    }

    /** {@code arn:…:sagemaker:<region>:<account>:feature-group/<name>}. */
    public String featureGroupArn() {
        return featureGroupArn;
    }
}
