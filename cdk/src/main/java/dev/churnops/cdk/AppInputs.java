package dev.churnops.cdk;

import dev.churnops.cdk.config.StageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.constructs.Node;

/**
 * What the app reads from CDK context ({@code -c key=value} or cdk.json), once, at the edge:
 * which stage, where the deployment jars and the repository are, the code version the functions
 * report, and whether to build the delivery pipeline instead of a stage. Paths relative to the
 * working directory (cdk/ when run by the CDK CLI).
 *
 * @param stage the stage's settings, with account, region and alert e-mails from context
 * @param functionsJar the jar with every step handler (context functionsJar)
 * @param scoringJar the scoring function's jar (context scoringJar)
 * @param repoRoot the repository: statemachines/ and functions/training/ (context repoRoot, default ..)
 * @param featureRegistry the feature registry whose features the feature group holds (context featureRegistry,
 *     default {@value #DEFAULT_FEATURE_REGISTRY} under the repository root)
 * @param codeVersion CHURNOPS_CODE_VERSION of the functions (context codeVersion, default unknown)
 * @param pipeline the delivery pipeline's settings when context pipeline=true, else null
 */
public record AppInputs(StageConfig stage, Path functionsJar, Path scoringJar, Path repoRoot, Path featureRegistry,
                        String codeVersion, PipelineSettings pipeline) {

    public static final String DEFAULT_FUNCTIONS_JAR = "../functions/aws/target/churnops-functions.jar";
    public static final String DEFAULT_SCORING_JAR = "../functions/aws/target/churnops-scoring.jar";
    /** The feature registry of the domain code, relative to the repository root. */
    public static final String DEFAULT_FEATURE_REGISTRY =
            "functions/core/src/main/resources/dev/churnops/core/features/customer-features.json";
    /** The command that builds both jars, from the repository root. */
    public static final String BUILD_JARS = "mvn -pl functions/aws -am package -DskipTests";

    /**
     * The delivery pipeline's source and where it deploys.
     *
     * @param connectionArn the CodeStar (CodeConnections) connection to the repository host
     * @param repository owner/name of the repository
     * @param branch the branch that deploys
     */
    public record PipelineSettings(String connectionArn, String repository, String branch) {
        public PipelineSettings {
            if (connectionArn == null || !connectionArn.matches("arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\\d{12}:connection/[\\w-]+")) {
                throw new IllegalArgumentException("context pipelineConnectionArn is '" + connectionArn
                        + "' but must be the ARN of a CodeStar connection, such as "
                        + "arn:aws:codestar-connections:eu-west-1:123456789012:connection/abc-123 (create it in the console first).");
            }
            if (repository == null || !repository.matches("[\\w.-]+/[\\w.-]+")) {
                throw new IllegalArgumentException("context pipelineRepository is '" + repository
                        + "' but must be owner/name of the repository, such as acme/churnops.");
            }
            if (branch == null || branch.isBlank()) {
                throw new IllegalArgumentException("context pipelineBranch is blank: give the branch that deploys, such as main.");
            }
        }
    }

    /** Reads the context of {@code node} (the app's). */
    public static AppInputs fromContext(Node node) {
        String stageName = text(node, "stage", "dev");
        StageConfig.Builder stage = StageConfig.of(stageName).toBuilder();
        String account = text(node, "account", null);
        String region = text(node, "region", null);
        stage.account(account).region(region);
        String emails = text(node, "alertEmails", "");
        if (!emails.isBlank()) {
            StageConfig base = StageConfig.of(stageName);
            List<String> list = new ArrayList<>(Arrays.stream(emails.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList());
            stage.alarms(new StageConfig.Alarms(base.alarms().actionsEnabled(), list, base.alarms().maxQuarantineRate()));
        }
        PipelineSettings pipeline = Boolean.parseBoolean(text(node, "pipeline", "false"))
                ? new PipelineSettings(text(node, "pipelineConnectionArn", null), text(node, "pipelineRepository", null),
                        text(node, "pipelineBranch", "main"))
                : null;
        Path repoRoot = Path.of(text(node, "repoRoot", "..")).toAbsolutePath().normalize();
        return new AppInputs(stage.build(),
                jar(node, "functionsJar", DEFAULT_FUNCTIONS_JAR, "churnops-functions.jar"),
                jar(node, "scoringJar", DEFAULT_SCORING_JAR, "churnops-scoring.jar"),
                repoRoot,
                featureRegistry(node, repoRoot),
                text(node, "codeVersion", "unknown"),
                pipeline);
    }

    /** Settings of another stage with this app's inputs (the pipeline builds every stage). */
    public AppInputs withStage(String name) {
        return new AppInputs(StageConfig.of(name).toBuilder().account(stage.account()).region(stage.region()).build(),
                functionsJar, scoringJar, repoRoot, featureRegistry, codeVersion, pipeline);
    }

    private static Path jar(Node node, String key, String fallback, String name) {
        Path path = Path.of(text(node, key, fallback)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("context " + key + " is '" + path + "', which is not a file: build "
                    + name + " with `" + BUILD_JARS + "` from the repository root, or point -c " + key + "=PATH at it.");
        }
        return path;
    }

    private static Path featureRegistry(Node node, Path repoRoot) {
        Object value = node.tryGetContext("featureRegistry");
        Path path = (value == null ? repoRoot.resolve(DEFAULT_FEATURE_REGISTRY) : Path.of(value.toString()))
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("the feature registry '" + path + "' is not a file: the feature group's "
                    + "features come from it, so check out the whole repository (it lives at " + DEFAULT_FEATURE_REGISTRY
                    + ") or point -c featureRegistry=PATH at a registry.");
        }
        return path;
    }

    private static String text(Node node, String key, String fallback) {
        Object value = node.tryGetContext(key);
        return value == null ? fallback : value.toString();
    }
}
