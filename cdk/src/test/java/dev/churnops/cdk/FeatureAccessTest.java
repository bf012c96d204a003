package dev.churnops.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.cdk.config.StageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may touch the features, across a stage's stacks: deletes in the lake only by
 * MaterializeFeatures and only under features/state/, records of the feature group put only by
 * MaterializeFeatures and read only by the scoring function, each on that group alone.
 */
class FeatureAccessTest {

    private static List<Templates.Statement> statements(String stage) {
        List<Templates.Statement> all = new ArrayList<>();
        SynthesizedStage.of(stage).templates().forEach((stack, t) -> all.addAll(Templates.identityStatements(stack, t)));
        return all;
    }

    private static List<String> literalResources(Templates.Statement s) {
        return s.resources().stream().map(Templates::literalText).toList();
    }

    private static void assertIsTheStagesFeatureGroup(String stage, Templates.Statement s) {
        List<String> resources = literalResources(s);
        assertEquals(1, resources.size(), s::toString);
        assertTrue(resources.get(0).startsWith("arn:")
                && resources.get(0).endsWith(":sagemaker:<ref>:<ref>:feature-group/churnops-" + stage + "-customers"), s::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void onlyMaterializeFeaturesDeletesAndOnlyUnderFeatureState(String stage) {
        List<Templates.Statement> deletes = statements(stage).stream()
                .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("s3:Delete"))).toList();
        assertEquals(1, deletes.size(), deletes::toString);
        Templates.Statement delete = deletes.get(0);
        assertTrue(delete.policy().startsWith("FunctionsMaterializeFeaturesRole"), delete::toString);
        assertEquals(List.of("s3:DeleteObject"), delete.actions());
        assertEquals(List.of("<ref>/features/state/*"), literalResources(delete));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void materializeFeaturesWritesTheOfflineStoreAndTheStateButNoOtherFeatures(String stage) {
        Set<String> writes = new TreeSet<>();
        statements(stage).stream()
                .filter(s -> s.policy().startsWith("FunctionsMaterializeFeaturesRole") && s.actions().contains("s3:PutObject"))
                .forEach(s -> writes.addAll(literalResources(s)));
        assertEquals(Set.of("<ref>/features/offline/*", "<ref>/features/state/*"), writes);
        Set<String> updateWrites = new TreeSet<>();
        statements(stage).stream()
                .filter(s -> s.policy().startsWith("FunctionsUpdateFeaturesRole") && s.actions().contains("s3:PutObject"))
                .forEach(s -> updateWrites.addAll(literalResources(s)));
        assertEquals(Set.of("<ref>/features/state/*"), updateWrites);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void onlyMaterializeFeaturesPutsRecordsAndOnlyScoringReadsThem(String stage) {
        List<Templates.Statement> recordCalls = statements(stage).stream()
                .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("sagemaker:") && a.endsWith("Record"))).toList();
        assertEquals(2, recordCalls.size(), recordCalls::toString);
        Templates.Statement put = recordCalls.stream().filter(s -> s.actions().contains("sagemaker:PutRecord")).findFirst()
                .orElseThrow(() -> new AssertionError("no PutRecord grant in " + recordCalls));
        assertEquals("ChurnOps-" + stage + "-Workflows", put.stack());
        assertTrue(put.policy().startsWith("FunctionsMaterializeFeaturesRole"), put::toString);
        assertEquals(List.of("sagemaker:PutRecord"), put.actions());
        assertIsTheStagesFeatureGroup(stage, put);

        Templates.Statement get = recordCalls.stream().filter(s -> s != put).findFirst().orElseThrow();
        assertEquals("ChurnOps-" + stage + "-Serving", get.stack());
        assertTrue(get.policy().startsWith("ScoringFunctionRole"), get::toString);
        assertEquals(Set.of("sagemaker:GetRecord", "sagemaker:BatchGetRecord"), Set.copyOf(get.actions()));
        assertIsTheStagesFeatureGroup(stage, get);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void recordCallersMayDecryptWithTheOnlineStoresKey(String stage) {
        boolean kms = StageConfig.of(stage).lakeEncryption() == StageConfig.LakeEncryption.KMS;
        for (String role : List.of("FunctionsMaterializeFeaturesRole", "ScoringFunctionRole")) {
            boolean decrypts = statements(stage).stream().anyMatch(s -> s.policy().startsWith(role)
                    && s.actions().contains("kms:Decrypt") && s.json().path("Resource").toString().contains("LakeKey"));
            assertEquals(kms, decrypts, role + " in " + stage);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void workflowAndScoringFunctionsNameTheFeatureGroup(String stage) {
        SynthesizedStage s = SynthesizedStage.of(stage);
        int functions = 0;
        for (var stack : List.of(s.stacks().workflows(), s.stacks().serving())) {
            for (Map.Entry<String, JsonNode> fn : Templates.resources(s.template(stack), "AWS::Lambda::Function").entrySet()) {
                JsonNode vars = fn.getValue().path("Properties").path("Environment").path("Variables");
                assertEquals("churnops-" + stage + "-customers", vars.path("CHURNOPS_FEATURE_GROUP").asText(), fn.getKey());
                functions++;
            }
        }
        assertTrue(functions > 1, "no functions found in " + stage);
    }
}
