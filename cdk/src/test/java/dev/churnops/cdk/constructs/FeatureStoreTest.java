package dev.churnops.cdk.constructs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.cdk.SynthesizedStage;
import dev.churnops.cdk.config.StageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;

/** Reading the feature registry, and the feature group and grants built from it. */
class FeatureStoreTest {

    private static final Path REGISTRY = Path.of(SynthesizedStage.FEATURE_REGISTRY);

    private static Path registry(String json) {
        try {
            Path file = SynthesizedStage.tempDir("registry").resolve("customer-features.json");
            Files.writeString(file, json);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String oneFeature(String name, String type) {
        return "{\"version\": 1, \"views\": [{\"name\": \"customer_behaviour\"}], \"features\": [{\"name\": \"" + name
                + "\", \"type\": \"" + type + "\", \"view\": \"customer_behaviour\", \"unit\": \"ignored\"}]}";
    }

    private static FeatureStore.Props.Builder props(Map<String, FeatureStore.FeatureType> features) {
        App app = App.Builder.create().outdir(SynthesizedStage.tempDir("feature-store").toString()).build();
        Stack stack = new Stack(app, "Features");
        return FeatureStore.Props.builder().features(features).lake(new DataLake(stack, "Lake", DataLake.Props.builder().build()));
    }

    @Test
    void readsEachViewsFeaturesInTheRegistrysOrder() {
        FeatureRegistry registry = FeatureRegistry.read(REGISTRY);
        assertEquals(1, registry.version());
        assertEquals(List.of("customer_behaviour", "support_history"), List.copyOf(registry.viewNames()));
        Map<String, FeatureStore.FeatureType> expected = new LinkedHashMap<>();
        expected.put("orders_90d", FeatureStore.FeatureType.FRACTIONAL);
        expected.put("days_since_last_order", FeatureStore.FeatureType.FRACTIONAL);
        expected.put("plan", FeatureStore.FeatureType.STRING);
        expected.put("sessions_30d", FeatureStore.FeatureType.FRACTIONAL);
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(registry.view(FeatureStore.VIEW).entrySet()));
    }

    @Test
    void missingRegistryFailsNamingItsPath() {
        Path missing = Path.of("no", "such", "customer-features.json");
        var e = assertThrows(UncheckedIOException.class, () -> FeatureRegistry.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void rejectsAnUnknownTypeNamingTheFeatureTheTypeAndTheFile() {
        Path file = registry(oneFeature("tenure_months", "integer"));
        var e = assertThrows(IllegalArgumentException.class, () -> FeatureRegistry.read(file));
        assertTrue(e.getMessage().contains("'tenure_months'") && e.getMessage().contains("'integer'")
                && e.getMessage().contains(file.toString()) && e.getMessage().contains("double or string"), e.getMessage());
    }

    @Test
    void rejectsAFeatureOfAnUndeclaredView() {
        Path file = registry("{\"version\": 1, \"views\": [{\"name\": \"customer_behaviour\"}], "
                + "\"features\": [{\"name\": \"plan\", \"type\": \"string\", \"view\": \"customer_profile\"}]}");
        var e = assertThrows(IllegalArgumentException.class, () -> FeatureRegistry.read(file));
        assertTrue(e.getMessage().contains("'plan'") && e.getMessage().contains("'customer_profile'")
                && e.getMessage().contains("[customer_behaviour]"), e.getMessage());
    }

    @Test
    void rejectsInvalidJsonNamingTheFile() {
        Path file = registry("{\"version\": 1, \"views\": [");
        var e = assertThrows(IllegalArgumentException.class, () -> FeatureRegistry.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void rejectsARegistryWithoutTheFeatureGroupsView() {
        Path file = registry("{\"version\": 1, \"views\": [{\"name\": \"support_history\"}], "
                + "\"features\": [{\"name\": \"tickets_open\", \"type\": \"double\", \"view\": \"support_history\"}]}");
        var e = assertThrows(IllegalArgumentException.class, () -> FeatureRegistry.read(file).view(FeatureStore.VIEW));
        assertTrue(e.getMessage().contains("no view 'customer_behaviour'") && e.getMessage().contains("[support_history]"),
                e.getMessage());
    }

    @Test
    void rejectsFeatureNamesSageMakerRefusesNamingThem() {
        for (String name : List.of("orders 90d", "_orders", "orders_", "orders.90d", "is_deleted", "write_time",
                "api_invocation_time", "x".repeat(65))) {
            Path file = registry(oneFeature(name, "double"));
            var builder = props(FeatureRegistry.read(file).view(FeatureStore.VIEW));
            var e = assertThrows(IllegalArgumentException.class, builder::build, name);
            assertTrue(e.getMessage().contains("'" + name + "'") && e.getMessage().contains("SageMaker"), e.getMessage());
        }
        // Underscores and hyphens between letters and digits, up to 64 characters, are accepted.
        for (String name : List.of("orders_90d", "days-since-last-order", "A1", "x".repeat(64))) {
            props(Map.of(name, FeatureStore.FeatureType.FRACTIONAL)).build();
        }
    }

    @Test
    void rejectsAFeatureNamedLikeTheRecordIdentifier() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> props(Map.of("customer_id", FeatureStore.FeatureType.STRING)).build());
        assertTrue(e.getMessage().contains("'customer_id'") && e.getMessage().contains("record identifier"), e.getMessage());
    }

    @Test
    void onlineStoreUsesTheLakesKeyAndGrantsReachOnlyTheGroup() {
        App app = App.Builder.create().outdir(SynthesizedStage.tempDir("feature-store-kms").toString()).build();
        Stack stack = new Stack(app, "Features");
        DataLake lake = new DataLake(stack, "Lake", DataLake.Props.builder().encryption(StageConfig.LakeEncryption.KMS).build());
        FeatureStore store = new FeatureStore(stack, "Store", FeatureStore.Props.builder()
                .featureGroupName("churnops-test-customers")
                .features(FeatureRegistry.read(REGISTRY))
                .lake(lake)
                .build());
        Role writer = Role.Builder.create(stack, "Writer").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
        Role reader = Role.Builder.create(stack, "Reader").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
        Role neither = Role.Builder.create(stack, "Neither").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
        store.grant(writer, FeatureStore.Access.WRITE);
        store.grant(reader, FeatureStore.Access.READ);
        store.grant(neither, FeatureStore.Access.NONE);

        Template t = Template.fromStack(stack);
        t.hasResourceProperties("AWS::SageMaker::FeatureGroup", Match.objectLike(Map.of(
                "OnlineStoreConfig", Map.of("EnableOnlineStore", true,
                        "SecurityConfig", Map.of("KmsKeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("LakeKey.*"), "Arn")))),
                "OfflineStoreConfig", Match.absent())));
        Object group = Match.objectLike(Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                Match.stringLikeRegexp(".*:feature-group/churnops-test-customers"))))));
        Object decrypt = Match.objectLike(Map.of("Action", "kms:Decrypt",
                "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("LakeKey.*"), "Arn"))));
        t.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("Writer.*"))),
                "PolicyDocument", Match.objectLike(Map.of("Statement", List.of(
                        Match.objectLike(Map.of("Action", "sagemaker:PutRecord", "Resource", group)), decrypt))))));
        t.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("Reader.*"))),
                "PolicyDocument", Match.objectLike(Map.of("Statement", List.of(
                        Match.objectLike(Map.of("Action", List.of("sagemaker:GetRecord", "sagemaker:BatchGetRecord"),
                                "Resource", group)), decrypt))))));
        // Two policies: the writer's and the reader's; nothing for the role granted NONE.
        t.resourceCountIs("AWS::IAM::Policy", 2);
    }
}
