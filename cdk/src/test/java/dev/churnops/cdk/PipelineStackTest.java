package dev.churnops.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.cdk.stacks.PipelineStack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.App;

/** The delivery pipeline: tests and synthesis first, then dev, staging, an approval, prod. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineStackTest {

    private JsonNode pipeline;
    private JsonNode synthProject;

    @BeforeAll
    void synthesise() {
        Path out = SynthesizedStage.tempDir("pipeline");
        App app = App.Builder.create().outdir(out.toString()).context(SynthesizedStage.context(Map.of(
                "pipeline", "true",
                "pipelineConnectionArn", "arn:aws:codeconnections:eu-west-1:111111111111:connection/0123abcd-4567",
                "pipelineRepository", "acme/churnops",
                "account", "111111111111",
                "region", "eu-west-1"))).build();
        ChurnOpsApp.build(app);
        app.synth();
        JsonNode template = SynthesizedStage.read(out.resolve(PipelineStack.NAME + ".template.json"));
        pipeline = Templates.resources(template, "AWS::CodePipeline::Pipeline").values().iterator().next();
        synthProject = Templates.resources(template, "AWS::CodeBuild::Project").values().stream()
                .filter(p -> p.toString().contains("mvn -B verify")).findFirst().orElseThrow();
    }

    @Test
    void promotesThroughDevAndStagingToProdAfterAManualApproval() {
        List<String> stages = new ArrayList<>();
        pipeline.path("Properties").path("Stages").forEach(s -> stages.add(s.path("Name").asText()));
        assertEquals(List.of("Source", "Build", "UpdatePipeline", "Assets", "dev", "staging", "prod"), stages);
        JsonNode prod = pipeline.path("Properties").path("Stages").get(stages.indexOf("prod"));
        JsonNode approval = null;
        int firstDeploy = Integer.MAX_VALUE;
        for (JsonNode action : prod.path("Actions")) {
            String category = action.path("ActionTypeId").path("Category").asText();
            if (category.equals("Approval")) {
                approval = action;
            } else if (category.equals("Deploy")) {
                firstDeploy = Math.min(firstDeploy, action.path("RunOrder").asInt());
            }
        }
        assertTrue(approval != null, "prod has no manual approval");
        assertEquals(PipelineStack.APPROVAL, approval.path("Name").asText());
        assertTrue(approval.path("RunOrder").asInt() < firstDeploy, "the approval comes after a prod deployment");
    }

    @Test
    void sourceIsTheConnectedRepository() {
        JsonNode source = pipeline.path("Properties").path("Stages").get(0).path("Actions").get(0);
        assertEquals("CodeStarSourceConnection", source.path("ActionTypeId").path("Provider").asText());
        assertEquals("acme/churnops", source.path("Configuration").path("FullRepositoryId").asText());
        assertEquals("main", source.path("Configuration").path("BranchName").asText());
    }

    @Test
    void selfUpdateUsesTheCliVersionPackageJsonPins() {
        JsonNode packageJson = SynthesizedStage.read(Path.of("..", "package.json"));
        assertEquals(PipelineStack.CLI_VERSION, packageJson.path("devDependencies").path("aws-cdk").asText());
    }

    @Test
    void buildRunsTheTestsBeforeSynthesising() {
        String spec = synthProject.path("Properties").path("Source").path("BuildSpec").asText();
        int test = spec.indexOf("mvn -B verify");
        int synth = spec.indexOf("npx aws-cdk synth");
        assertTrue(spec.indexOf("npm ci") >= 0 && spec.indexOf("npm ci") < test && test < synth, spec);
        assertTrue(spec.contains("-c pipeline=true"), spec);
    }
}
