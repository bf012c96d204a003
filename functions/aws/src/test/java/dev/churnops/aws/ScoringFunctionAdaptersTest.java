package dev.churnops.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.features.FeatureRegistry;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.ExperimentTracker;
import dev.churnops.core.port.Metrics;
import dev.churnops.core.scoring.CaptureLine;
import dev.churnops.core.scoring.CustomerScore;
import dev.churnops.handlers.FeatureStores;
import dev.churnops.handlers.Services;
import dev.churnops.handlers.scoring.BlobScoreCapture;
import dev.churnops.handlers.scoring.CaptureSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * What the scoring function sends to AWS, captured as the SDK sends it: the lookup of customers
 * given by id (one BatchGetRecord of the configured feature group and the view's features) and the
 * capture of scores (one PutObject per batch under {@code capture/}).
 */
class ScoringFunctionAdaptersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T06:30:00Z"), ZoneOffset.UTC);
    private static final String GROUP = "churnops-dev-customers";

    private final FakeHttp http = new FakeHttp();
    private final List<String> built = new ArrayList<>();
    private final AwsClients clients = new AwsClients() {
        @Override
        public S3Client s3() {
            built.add("s3");
            return TestClients.s3(http);
        }

        @Override
        public SnsClient sns() {
            throw new AssertionError("the scoring function builds no SNS client");
        }

        @Override
        public SageMakerClient sageMaker() {
            throw new AssertionError("the scoring function builds no SageMaker client");
        }

        @Override
        public SageMakerFeatureStoreRuntimeClient featureStoreRuntime() {
            built.add("featurestore");
            return TestClients.featureStore(http);
        }
    };

    private Services services() {
        Map<String, String> env = new HashMap<>(AwsSettingsTest.required());
        env.put("CHURNOPS_FEATURE_GROUP", GROUP);
        return AwsServicesFactory.create(AwsSettings.from(env), clients, ExperimentTracker.NONE, CLOCK);
    }

    @Test
    void customersGivenByIdAreOneBatchGetRecordOfTheConfiguredGroupAndTheViewsFeatures() {
        List<String> names = FeatureRegistry.builtIn().schema(FeatureStores.DEFAULT_VIEW).names();
        http.respond(200, "{\"Records\":[{\"FeatureGroupName\":\"" + GROUP + "\",\"RecordIdentifierValueAsString\":\"C-1\","
                + "\"Record\":[{\"FeatureName\":\"" + names.get(0) + "\",\"ValueAsString\":\"3.0\"}]}],"
                + "\"Errors\":[],\"UnprocessedIdentifiers\":[]}");
        Services services = services();

        Map<String, Map<String, Object>> found = services.features().online().getAll(List.of("C-1", "C/2 x"));

        FakeHttp.Sent sent = http.only();
        assertEquals("POST", sent.method());
        assertEquals("featurestore-runtime.sagemaker.eu-west-1.amazonaws.com", sent.host());
        assertEquals("/BatchGetRecord", sent.path());
        ObjectNode expected = Json.mapper().createObjectNode();
        ObjectNode identifier = expected.putArray("Identifiers").addObject();
        identifier.put("FeatureGroupName", GROUP);
        identifier.putArray("RecordIdentifiersValueAsString").add("C-1").add("C/2 x");
        ArrayNode featureNames = identifier.putArray("FeatureNames");
        names.forEach(featureNames::add);
        assertEquals(expected, Json.tree(sent.body(), "BatchGetRecord request"));
        assertEquals(List.of("C-1"), List.copyOf(found.keySet()), "a customer without a record is left out: a 404");
        assertEquals(3.0, found.get("C-1").get(names.get(0)));
        assertEquals(List.of("featurestore"), built);
    }

    @Test
    void capturedScoresArriveInTheBucketAsOnePutObjectPerBatch() {
        http.respond(200, "", "ETag", "\"abc\"");
        Services services = services();
        Metrics none = (name, value, unit, dimensions) -> {
        };
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BlobScoreCapture capture = new BlobScoreCapture(services.blobs(), "churn",
                CaptureSettings.builder().rate(1.0).batchLines(2).build(), CLOCK, none,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("tenure_months", 12.0);
        features.put("plan", "basic");
        CustomerScore first = new CustomerScore("C-1", 0.75, "high", "churn", 4, List.of());
        CustomerScore second = new CustomerScore("C-2", 0.05, "low", "churn", 4, List.of());

        capture.capture(features, first);
        capture.capture(features, second);
        assertTrue(capture.close(Duration.ofSeconds(10)), "written before the deadline");

        FakeHttp.Sent put = http.only();
        assertEquals("PUT", put.method());
        assertEquals("churnops-data-dev.s3.eu-west-1.amazonaws.com", put.host());
        assertEquals("/capture/churn/dt%3D2026-12-01/part-20261201T063000000Z-" + capture.instance() + "-000001.jsonl",
                put.path());
        String lines = new String(CaptureLine.encode(CLOCK.instant(), "churn", features, first), StandardCharsets.UTF_8)
                + new String(CaptureLine.encode(CLOCK.instant(), "churn", features, second), StandardCharsets.UTF_8);
        assertEquals("{\"ts\":\"2026-12-01T06:30:00Z\",\"model\":\"churn\",\"version\":4,\"customerId\":\"C-1\","
                + "\"probability\":0.75,\"segment\":\"high\",\"features\":{\"tenure_months\":12.0,\"plan\":\"basic\"}}\n",
                lines.substring(0, lines.indexOf('\n') + 1));
        assertTrue(put.text().contains(lines), put::text);
        assertEquals(2, capture.written());
        assertEquals(List.of("s3"), built);
        assertEquals("", log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRefusedPutIsLoggedByKeyWithoutTheLines() {
        http.respond(403, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code>"
                + "<Message>Access Denied</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BlobScoreCapture capture = new BlobScoreCapture(services().blobs(), "churn",
                CaptureSettings.builder().rate(1.0).batchLines(1).build(), CLOCK, (name, value, unit, dimensions) -> {
                }, new PrintStream(log, true, StandardCharsets.UTF_8));

        capture.capture(Map.of("plan", "basic"), new CustomerScore("C-secret", 0.5, "medium", "churn", 4, List.of()));
        assertTrue(capture.close(Duration.ofSeconds(10)));

        String logged = log.toString(StandardCharsets.UTF_8);
        assertEquals(1, capture.dropped());
        assertTrue(logged.startsWith("score capture: 1 lines could not be written to capture/churn/dt=2026-12-01/part-"),
                logged);
        assertTrue(logged.contains("AccessDenied") || logged.contains("Access Denied"), logged);
        assertTrue(!logged.contains("C-secret") && !logged.contains("basic"), logged);
    }
}
