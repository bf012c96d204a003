package dev.churnops.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnops.cdk.stacks.StageStacks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * One stage synthesised as the CDK CLI would (cdk.json's context, the deployment jars the build
 * made, the repository's state machines), once per JVM: synthesis through jsii takes seconds, and
 * every test class reads the same result. Gives each stack's template as parsed JSON and as a
 * {@link Template} for assertions, and cdk-nag's findings.
 */
public final class SynthesizedStage {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The feature registry the tests synthesise with, relative to cdk/: its view customer_behaviour
     * has orders_90d, days_since_last_order, plan and sessions_30d; its view support_history has
     * tickets_open, which the feature group must leave out.
     */
    public static final String FEATURE_REGISTRY = "src/test/resources/customer-features.json";
    private static final Map<String, SynthesizedStage> STAGES = new ConcurrentHashMap<>();

    private final String stage;
    private final StageStacks stacks;
    private final Map<String, JsonNode> templates = new LinkedHashMap<>();
    private final Map<String, Template> assertions = new HashMap<>();
    private final long synthMillis;

    private SynthesizedStage(String stage) {
        this.stage = stage;
        long start = System.nanoTime();
        Path out = tempDir(stage);
        App app = App.Builder.create().outdir(out.toString()).context(context(Map.of("stage", stage))).build();
        stacks = StageStacks.create(app, AppInputs.fromContext(app.getNode()));
        try {
            app.synth();
        } catch (RuntimeException e) {
            throw new AssertionError("synthesis of " + stage + " failed: " + e.getMessage().lines().findFirst().orElse("")
                    + "\n" + String.join("\n", violations(out.resolve("validation-report.json"))), e);
        }
        synthMillis = (System.nanoTime() - start) / 1_000_000;
        for (Stack s : stacks.all()) {
            templates.put(s.getStackName(), read(out.resolve(s.getArtifactId() + ".template.json")));
        }
    }

    /** The stage, synthesised on first use. */
    public static SynthesizedStage of(String stage) {
        return STAGES.computeIfAbsent(stage, SynthesizedStage::new);
    }

    /**
     * The context the CLI passes: cdk.json's (the feature flags), the jars from the build (system
     * properties churnops.functionsJar and churnops.scoringJar, set by the POM), the tests' small
     * feature registry ({@link #FEATURE_REGISTRY}), then {@code extra}.
     */
    public static Map<String, Object> context(Map<String, String> extra) {
        Map<String, Object> context = new LinkedHashMap<>();
        JsonNode cdkJson = read(Path.of("cdk.json"));
        cdkJson.get("context").properties().forEach(e -> context.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
        context.put("functionsJar", requiredProperty("churnops.functionsJar"));
        context.put("scoringJar", requiredProperty("churnops.scoringJar"));
        context.put("repoRoot", "..");
        context.put("featureRegistry", FEATURE_REGISTRY);
        context.putAll(extra);
        return context;
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run the tests through Maven "
                    + "(the cdk POM points it at functions/aws's jars)");
        }
        return value;
    }

    public String stage() {
        return stage;
    }

    public StageStacks stacks() {
        return stacks;
    }

    /** Each stack's template as JSON, by stack name. */
    public Map<String, JsonNode> templates() {
        return templates;
    }

    public JsonNode template(Stack stack) {
        return templates.get(stack.getStackName());
    }

    /** The stack's template for {@link Template} assertions. */
    public synchronized Template assertions(Stack stack) {
        return assertions.computeIfAbsent(stack.getStackName(), n -> Template.fromStack(stack));
    }

    public long synthMillis() {
        return synthMillis;
    }

    /** cdk-nag's unsuppressed errors and warnings, one line each: stack, level, resource path, message. */
    public List<String> nagFindings() {
        List<String> findings = new ArrayList<>();
        for (Stack s : stacks.all()) {
            Annotations annotations = Annotations.fromStack(s);
            for (SynthesisMessage m : annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
                findings.add(s.getStackName() + " ERROR " + m.getId() + ": " + m.getEntry().getData());
            }
            for (SynthesisMessage m : annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
                findings.add(s.getStackName() + " WARNING " + m.getId() + ": " + m.getEntry().getData());
            }
        }
        return findings;
    }

    /**
     * The violations in a failed synthesis's validation report, one line each: rule or cdk-nag
     * finding, then the construct paths. Synthesis fails on cdk-nag errors (they are error
     * annotations) and on CloudFormation schema errors.
     */
    static List<String> violations(Path report) {
        List<String> lines = new ArrayList<>();
        if (!Files.exists(report)) {
            return lines;
        }
        for (JsonNode plugin : read(report).path("pluginReports")) {
            for (JsonNode v : plugin.path("violations")) {
                List<String> paths = new ArrayList<>();
                v.path("violatingConstructs").forEach(c -> paths.add(c.path("constructPath").asText()));
                String description = v.path("description").asText();
                lines.add(plugin.path("pluginName").asText() + ": " + description.substring(0, Math.min(description.length(), 300))
                        .lines().findFirst().orElse("") + " at " + paths);
            }
        }
        return lines;
    }

    /** A new, empty directory for one synthesis under the build directory (churnops.cdkOut). */
    public static Path tempDir(String name) {
        try {
            Path root = Path.of(requiredProperty("churnops.cdkOut"));
            Files.createDirectories(root);
            return Files.createTempDirectory(root, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
