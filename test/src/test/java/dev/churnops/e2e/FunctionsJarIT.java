package dev.churnops.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import dev.churnops.handlers.Handlers;
import dev.churnops.handlers.Services;
import dev.churnops.local.adapter.LocalServicesFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step functions' deployment jar, {@code churnops-functions.jar}, on its own in a child JVM
 * (class path: the jar and {@link FunctionsJarProbe}), as Lambda runs it: with
 * {@code CHURNOPS_ADAPTERS=aws} and the required variables, every step handler's Lambda
 * constructor builds the AWS adapter set without any network call (no region is given and
 * instance metadata is off, so building an SDK client would fail), and a missing
 * {@code CHURNOPS_BUCKET} fails naming it. An integration test: test/pom.xml runs it after
 * functions/aws is packaged and passes the jar's path in {@code churnops.functionsJar}.
 */
class FunctionsJarIT {

    private static final List<String> LEFT_OUT = List.of("org/tribuo/", "com/oracle/labs/mlrg/olcut/", "com/google/protobuf/",
            "org/joda/", "software/amazon/awssdk/http/apache", "io/netty/");

    @TempDir
    Path dir;

    private static Path jar() {
        String configured = System.getProperty("churnops.functionsJar");
        Path jar = configured != null ? Path.of(configured)
                : SharedData.repoRoot().resolve("functions/aws/target/churnops-functions.jar");
        assertTrue(Files.isRegularFile(jar), () -> jar + " does not exist: build it with mvn -pl functions/aws -am package");
        return jar;
    }

    /** The class name of every step handler the state machines name, as {@link Handlers#all()} lists them. */
    private List<String> stepHandlers() {
        Services local = LocalServicesFactory.create(dir.resolve("home"), Services.Settings.DEFAULTS, Clock.systemUTC(), null);
        List<String> names = new ArrayList<>();
        Handlers.all().values().forEach(h -> names.add(h.apply(local).getClass().getName()));
        return names;
    }

    private Map<String, String> awsEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("CHURNOPS_ADAPTERS", "aws");
        env.put("CHURNOPS_BUCKET", "churnops-data-dev");
        env.put("CHURNOPS_ALERT_TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:churnops-alerts");
        // Nowhere for the SDK to find a region or credentials without the network, and not the network either.
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
        return env;
    }

    record Run(int exitCode, String out, String err) {
    }

    /** Runs the probe on the jar alone with exactly {@code env}, to a deadline. */
    private Run probe(Map<String, String> env, List<String> handlers) throws IOException, InterruptedException {
        Path probeDir = dir.resolve("probe");
        Path probeClass = probeDir.resolve("dev/churnops/e2e/FunctionsJarProbe.class");
        Files.createDirectories(probeClass.getParent());
        try (var in = FunctionsJarProbe.class.getResourceAsStream("FunctionsJarProbe.class")) {
            Files.copy(in, probeClass);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", probeDir + java.io.File.pathSeparator + jar(), FunctionsJarProbe.class.getName()));
        command.addAll(handlers);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the probe did not finish within 2 minutes");
        }
        return new Run(process.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    @Test
    void holdsNoTrainingLibraryAndNoOtherHttpClient() throws IOException {
        try (ZipFile zip = new ZipFile(jar().toFile())) {
            List<String> leftIn = zip.stream().map(ZipEntry::getName)
                    .filter(name -> LEFT_OUT.stream().anyMatch(name::startsWith)).toList();
            assertEquals(List.of(), leftIn);
            for (String handler : stepHandlers()) {
                assertTrue(zip.getEntry(handler.replace('.', '/') + ".class") != null, handler);
            }
        }
    }

    @Test
    void everyStepHandlerBuildsTheAwsAdapterSetWithoutTheNetwork() throws Exception {
        List<String> handlers = stepHandlers();

        Run run = probe(awsEnvironment(), handlers);

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("blobs=dev.churnops.aws.Lazy"), run::out);
        assertTrue(run.out().contains("registry=dev.churnops.core.registry.BlobModelRegistry"), run::out);
        assertTrue(run.out().contains("metrics=dev.churnops.aws.EmfMetrics"), run::out);
        for (String handler : handlers) {
            assertTrue(run.out().contains("constructed=" + handler + "\n"), () -> handler + " in " + run.out());
        }
        // Every workflow step: ingestion, features, training, batch scoring and the seven of monitoring.
        assertEquals(21, handlers.size(), handlers::toString);
        assertTrue(run.out().contains("parquet=features/offline/customer_behaviour/dt=2025-03-16/part-00000.parquet rows=1 orders_30d=3.0"),
                run::out);
        // The jar's log4j2.xml and merged plugin cache: an SLF4J line comes out as Powertools' JSON.
        String logLine = run.out().lines().filter(l -> l.contains("probe done")).findFirst()
                .orElseThrow(() -> new AssertionError("no log line in " + run));
        JsonNode log = Json.tree(logLine.getBytes(StandardCharsets.UTF_8), "log line");
        assertEquals("INFO", log.get("level").asText());
        assertEquals("probe done", log.get("message").asText());
    }

    @Test
    void aMissingBucketFailsTheColdStartNamingTheVariable() throws Exception {
        Map<String, String> env = awsEnvironment();
        env.remove("CHURNOPS_BUCKET");

        Run run = probe(env, List.of());

        assertNotEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("IllegalArgumentException: CHURNOPS_BUCKET is not set"), run::err);
    }
}
