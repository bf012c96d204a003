package dev.churnops.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

/** Reading the app's CDK context. */
class AppInputsTest {

    private static AppInputs read(Map<String, String> context) {
        App app = App.Builder.create().context(SynthesizedStage.context(context)).build();
        return AppInputs.fromContext(app.getNode());
    }

    @Test
    void missingJarFailsNamingTheContextKeyAndTheBuildCommand() {
        var e = assertThrows(IllegalArgumentException.class, () -> read(Map.of("scoringJar", "no/such/churnops-scoring.jar")));
        assertTrue(e.getMessage().contains("context scoringJar") && e.getMessage().contains(AppInputs.BUILD_JARS)
                && e.getMessage().contains("-c scoringJar=PATH"), e.getMessage());
    }

    @Test
    void missingFeatureRegistryFailsNamingThePath() {
        var e = assertThrows(IllegalArgumentException.class, () -> read(Map.of("featureRegistry", "no/such/features.json")));
        assertTrue(e.getMessage().contains("no/such/features.json") && e.getMessage().contains("-c featureRegistry=PATH"),
                e.getMessage());
    }

    @Test
    void featureRegistryDefaultsToTheDomainsFileUnderTheRepositoryRoot() {
        App app = App.Builder.create().context(Map.of("repoRoot", "/nowhere/repo",
                "functionsJar", System.getProperty("churnops.functionsJar"),
                "scoringJar", System.getProperty("churnops.scoringJar"))).build();
        var missing = assertThrows(IllegalArgumentException.class, () -> AppInputs.fromContext(app.getNode()));
        assertTrue(missing.getMessage().contains("/nowhere/repo/" + AppInputs.DEFAULT_FEATURE_REGISTRY), missing.getMessage());
    }

    @Test
    void readsTheStageAccountRegionAndAlertAddresses() {
        AppInputs inputs = read(Map.of("stage", "staging", "account", "111111111111", "region", "eu-west-1",
                "alertEmails", "ops@example.com, ml@example.com"));
        assertEquals("staging", inputs.stage().name());
        assertEquals("111111111111", inputs.stage().account());
        assertEquals("eu-west-1", inputs.stage().region());
        assertEquals(List.of("ops@example.com", "ml@example.com"), inputs.stage().alarms().emails());
        assertEquals(null, inputs.pipeline());
    }

    @Test
    void pipelineNeedsAConnectionArn() {
        var e = assertThrows(IllegalArgumentException.class, () -> read(Map.of("pipeline", "true", "pipelineRepository", "acme/churnops")));
        assertTrue(e.getMessage().contains("pipelineConnectionArn"), e.getMessage());
    }
}
