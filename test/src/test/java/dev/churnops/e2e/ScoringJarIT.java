package dev.churnops.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scoring Lambda's deployment jar, {@code churnops-scoring.jar}, on its own: at most 20 MB, no
 * Tribuo, OLCUT or protobuf inside, and answering the sample API Gateway events from a class loader
 * that sees only the jar and the JDK, so a class the scoring path needs but the jar lacks fails here
 * with {@link NoClassDefFoundError}; and building its AWS adapter set there, which must need neither
 * SNS nor SageMaker (left out of the jar) nor the network, with the online feature store's client
 * (SageMaker Feature Store runtime, in the jar). An integration test: test/pom.xml runs
 * it after functions/aws is packaged and passes the jar's path in {@code churnops.scoringJar}.
 */
class ScoringJarIT {

    /** 20 MB read strictly, as decimal megabytes. */
    private static final long MAX_BYTES = 20_000_000;
    private static final List<String> LEFT_OUT = List.of("org/tribuo/", "com/oracle/labs/mlrg/olcut/", "com/google/protobuf/",
            "org/joda/", "software/amazon/awssdk/services/sns/", "software/amazon/awssdk/services/sagemaker/",
            "software/amazon/awssdk/http/apache", "io/netty/");
    /** What the AWS adapter set needs from the environment. */
    private static final Map<String, String> AWS_ENV = Map.of("CHURNOPS_BUCKET", "churnops-data-dev",
            "CHURNOPS_ALERT_TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:churnops-alerts");
    /** The key the files in events/apigateway/ carry. */
    private static final String SAMPLE_API_KEY = "sample-api-key-1f6c3b9e2a7d4c58";

    @TempDir
    Path home;

    /** The jar Maven built; outside Maven (an IDE), the default build directory's. */
    private static Path jar() {
        String configured = System.getProperty("churnops.scoringJar");
        Path jar = configured != null ? Path.of(configured)
                : SharedData.repoRoot().resolve("functions/aws/target/churnops-scoring.jar");
        assertTrue(Files.isRegularFile(jar), () -> jar + " does not exist: build it with mvn -pl functions/aws -am package");
        return jar;
    }

    @Test
    void isAtMost20MegabytesAndHoldsNoTrainingLibrary() throws IOException {
        Path jar = jar();
        long size = Files.size(jar);

        assertTrue(size <= MAX_BYTES, () -> jar + " is " + size + " bytes, over " + MAX_BYTES);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> leftIn = zip.stream().map(ZipEntry::getName)
                    .filter(name -> LEFT_OUT.stream().anyMatch(name::startsWith)).toList();
            assertEquals(List.of(), leftIn);
            assertNotNull(zip.getEntry("dev/churnops/handlers/scoring/ScoringHandler.class"));
            assertNotNull(zip.getEntry("software/amazon/awssdk/services/s3/S3Client.class"));
            // Customers given by id are looked up in SageMaker Feature Store's runtime.
            assertNotNull(zip.getEntry("software/amazon/awssdk/services/sagemakerfeaturestoreruntime/"
                    + "SageMakerFeatureStoreRuntimeClient.class"));
        }
    }

    @Test
    void buildsTheOnlineFeatureStoreOfItsFeatureGroupFromTheJarAloneWithoutTheNetwork() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar().toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> factoryType = loader.loadClass("dev.churnops.handlers.ServicesFactory");
            Object factory = java.util.ServiceLoader.load(factoryType, loader).stream().map(java.util.ServiceLoader.Provider::get)
                    .filter(f -> "aws".equals(invokeQuietly(f, "name"))).findFirst().orElseThrow();
            Map<String, String> env = new java.util.HashMap<>(AWS_ENV);
            env.put("CHURNOPS_FEATURE_GROUP", "churnops-dev-customers");
            env.put("AWS_REGION", "eu-west-1");
            Object services = factoryType.getMethod("create", Map.class).invoke(factory, env);

            // Building the SDK client resolves no credentials and sends nothing; a class missing from the jar fails here.
            Object features = services.getClass().getMethod("features").invoke(services);
            Object online = features.getClass().getMethod("online").invoke(features);

            assertEquals("dev.churnops.aws.SageMakerOnlineStore", online.getClass().getName());
            assertSame(loader, online.getClass().getClassLoader());
        }
    }

    @Test
    void buildsItsAwsAdapterSetFromTheJarAloneWithoutSnsSageMakerOrTheNetwork() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar().toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> factoryType = loader.loadClass("dev.churnops.handlers.ServicesFactory");
            Object factory = java.util.ServiceLoader.load(factoryType, loader).stream().map(java.util.ServiceLoader.Provider::get)
                    .filter(f -> "aws".equals(invokeQuietly(f, "name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no 'aws' ServicesFactory in META-INF/services of " + jar()));
            Method create = factoryType.getMethod("create", Map.class);

            // No region, and no instance metadata to ask for one: had anything built an SDK client, it would fail here.
            String metadata = System.setProperty("aws.disableEc2Metadata", "true");
            Object services;
            try {
                services = create.invoke(factory, AWS_ENV);
            } finally {
                if (metadata == null) {
                    System.clearProperty("aws.disableEc2Metadata");
                } else {
                    System.setProperty("aws.disableEc2Metadata", metadata);
                }
            }
            Throwable missing = assertThrows(InvocationTargetException.class,
                    () -> create.invoke(factory, Map.of("CHURNOPS_ALERT_TOPIC_ARN", AWS_ENV.get("CHURNOPS_ALERT_TOPIC_ARN"))))
                    .getCause();

            assertEquals("dev.churnops.core.registry.BlobModelRegistry",
                    services.getClass().getMethod("registry").invoke(services).getClass().getName());
            assertTrue(missing instanceof IllegalArgumentException && missing.getMessage().startsWith("CHURNOPS_BUCKET is not set"),
                    () -> String.valueOf(missing));
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("software.amazon.awssdk.services.sns.SnsClient"));
        }
    }

    private static Object invokeQuietly(Object target, String method) {
        try {
            return target.getClass().getMethod(method).invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(method + " on " + target, e);
        }
    }

    @Test
    void scoresAndServesTheModelCardFromTheJarAlone() throws Exception {
        Cli run = Cli.run("run", "--table", "--home", home.toString(), "--algorithms", "logistic_regression");
        assertEquals(0, run.exitCode(), run::toString);
        byte[] artifact = Files.readAllBytes(home.resolve("models/churn/1/model.tar.gz"));
        Path events = SharedData.repoRoot().resolve("events/apigateway");

        try (IsolatedHandler handler = IsolatedHandler.load(jar(), artifact)) {
            assertThrows(ClassNotFoundException.class, () -> handler.loader.loadClass("org.tribuo.Model"));

            Response scores = handler.answer(events.resolve("post-scores-inline.json"));
            assertEquals(200, scores.status(), scores::body);
            JsonNode scored = scores.json().get("scores");
            assertEquals(3, scored.size(), scores::body);
            for (JsonNode score : scored) {
                double p = score.get("probability").asDouble();
                assertTrue(p >= 0 && p <= 1, score::toString);
                assertEquals(1, score.get("modelVersion").asInt(), score::toString);
            }

            Response model = handler.answer(events.resolve("get-model.json"));
            assertEquals(200, model.status(), model::body);
            assertEquals("churn", model.json().get("model_name").asText());
            assertTrue(model.json().has("input_schema"), model::body);
        }
    }

    @Test
    void explainsATreeModelsScoresFromTheJarAlone() throws Exception {
        Cli run = Cli.run("run", "--table", "--home", home.toString(), "--algorithms", "gradient_boosting");
        assertEquals(0, run.exitCode(), run::toString);
        byte[] artifact = Files.readAllBytes(home.resolve("models/churn/1/model.tar.gz"));

        try (IsolatedHandler handler = IsolatedHandler.load(jar(), artifact)) {
            Response scores = handler.answer(SharedData.repoRoot().resolve("events/apigateway/post-scores-inline.json"));
            assertEquals(200, scores.status(), scores::body);
            int reasons = 0;
            for (JsonNode score : scores.json().get("scores")) {
                for (JsonNode reason : score.get("reasons")) {
                    assertTrue(reason.get("feature").isTextual() && reason.get("contribution").asDouble() > 0, score::toString);
                    reasons++;
                }
            }
            // TreeSHAP ran inside the jar, with no Tribuo on the class path.
            assertTrue(reasons > 0, scores::body);
        }
    }

    record Response(int status, String body) {

        JsonNode json() {
            return Json.tree(body.getBytes(StandardCharsets.UTF_8), "response body");
        }
    }

    /**
     * A {@code ScoringHandler} loaded from the jar by a class loader whose parent is the platform
     * loader, so nothing of the test class path (Tribuo included) can stand in for a missing class.
     * Only JDK types cross between the two sides: byte arrays, strings, maps, suppliers.
     */
    private static final class IsolatedHandler implements AutoCloseable {

        final URLClassLoader loader;
        private final Object handler;
        private final Object mapper;
        private final Class<?> eventType;

        private IsolatedHandler(URLClassLoader loader, Object handler, Object mapper, Class<?> eventType) {
            this.loader = loader;
            this.handler = handler;
            this.mapper = mapper;
            this.eventType = eventType;
        }

        /** Loads {@code artifact} with the jar's {@code ServingModel} and serves it with the sample events' key. */
        static IsolatedHandler load(Path jar, byte[] artifact) throws Exception {
            URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> handlerType = loader.loadClass("dev.churnops.handlers.scoring.ScoringHandler");
            assertSame(loader, handlerType.getClassLoader(), "ScoringHandler came from the jar");
            Class<?> settingsType = loader.loadClass("dev.churnops.handlers.scoring.ScoringSettings");
            Class<?> featuresType = loader.loadClass("dev.churnops.core.port.FeatureLookup");
            Class<?> captureType = loader.loadClass("dev.churnops.core.port.ScoreCapture");

            Object settings = invoke(settingsType.getMethod("from", Map.class), null,
                    Map.of("CHURNOPS_API_KEYS", SAMPLE_API_KEY));
            Object model = invoke(loader.loadClass("dev.churnops.core.scoring.ServingModel")
                    .getMethod("load", byte[].class, String.class), null, artifact, "churn v1");
            Supplier<Object> champion = () -> model;
            Object handler = construct(handlerType, settingsType, settings, champion,
                    featuresType, featuresType.getField("NONE").get(null),
                    captureType, captureType.getField("NONE").get(null));

            // The jar's own Jackson reads the events; API Gateway adds fields over time, so unknown ones are ignored.
            Class<?> mapperType = loader.loadClass("com.fasterxml.jackson.databind.ObjectMapper");
            Class<?> featureType = loader.loadClass("com.fasterxml.jackson.databind.DeserializationFeature");
            Object mapper = mapperType.getConstructor().newInstance();
            invoke(mapperType.getMethod("configure", featureType, boolean.class), mapper,
                    enumConstant(featureType, "FAIL_ON_UNKNOWN_PROPERTIES"), false);
            Class<?> eventType = loader.loadClass("com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent");
            return new IsolatedHandler(loader, handler, mapper, eventType);
        }

        /** Sends the event in {@code file} through {@code handleRequest}, with no Lambda context. */
        Response answer(Path file) throws Exception {
            Object event = invoke(mapper.getClass().getMethod("readValue", byte[].class, Class.class), mapper,
                    Files.readAllBytes(file), eventType);
            Class<?> contextType = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");
            Object response = invoke(handler.getClass().getMethod("handleRequest", eventType, contextType), handler,
                    event, null);
            return new Response((Integer) invoke(response.getClass().getMethod("getStatusCode"), response),
                    (String) invoke(response.getClass().getMethod("getBody"), response));
        }

        private static Object construct(Class<?> type, Class<?> settingsType, Object settings, Supplier<Object> model,
                                        Class<?> featuresType, Object features, Class<?> captureType, Object capture)
                throws Exception {
            try {
                return type.getConstructor(settingsType, Supplier.class, featuresType, captureType)
                        .newInstance(settings, model, features, capture);
            } catch (InvocationTargetException e) {
                throw unwrapped(e);
            }
        }

        private static Object invoke(Method method, Object target, Object... args) throws Exception {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw unwrapped(e);
            }
        }

        /** What the jar's code threw, so a NoClassDefFoundError fails the test under its own name. */
        private static Exception unwrapped(InvocationTargetException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            return e.getCause() instanceof Exception cause ? cause : e;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Object enumConstant(Class<?> type, String name) {
            return Enum.valueOf((Class) type, name);
        }

        @Override
        public void close() throws IOException {
            loader.close();
        }
    }
}
