package dev.churnops.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The files under {@code events/stepfunctions/} against the handlers that receive them. */
class HandlerSampleEventsTest {

    static Stream<String> functions() {
        return SampleEvents.functions().stream();
    }

    @Test
    void everyHandlerHasASampleEventAndEverySampleEventAHandler() {
        assertEquals(new TreeSet<>(Handlers.all().keySet()), new TreeSet<>(SampleEvents.functions()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void sampleEventIsAcceptedByItsHandlersParser(String function) {
        JsonHandler<?, ?> handler = Handlers.all().get(function).apply(Fakes.capturing().services);

        // With empty fakes a use case that needs data fails; what must not fail is reading the event.
        RuntimeException failure = failureOf(() -> Invocations.invoke(handler, SampleEvents.read(function)));

        assertFalse(failure instanceof JsonHandler.InvalidEventException,
                () -> function + ".json does not fit " + handler.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void sampleEventNamesEveryFieldOfTheEventRecord(String function) {
        Class<?> handlerClass = Handlers.all().get(function).apply(Fakes.capturing().services).getClass();
        // The event record is the handler's first type argument (the monitoring checks share one).
        Class<?> event = (Class<?>) ((java.lang.reflect.ParameterizedType) handlerClass.getGenericSuperclass())
                .getActualTypeArguments()[0];
        Set<String> fields = Arrays.stream(event.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> sample = new TreeSet<>();
        tree(function).fieldNames().forEachRemaining(sample::add);

        assertEquals(fields, sample, function + ".json");
    }

    @Test
    void sampleEventsRunAsOnePipelineAgainstPreparedBlobs() {
        Fakes fakes = Fakes.training();
        fakes.blobs.put("config/datasets/customers.json", CustomerCsv.SPEC.getBytes(StandardCharsets.UTF_8));
        fakes.blobs.put(tree("ValidateDataFunction").get("key").asText(), CustomerCsv.generate(300, 11));

        JsonNode validated = run(fakes, "ValidateDataFunction");
        assertTrue(validated.get("usable").asBoolean(), validated::toString);
        assertEquals(300, validated.get("rowsValid").asInt());
        assertEquals(tree("BuildTrainingSetFunction").get("validatedKey").asText(), validated.get("validatedKey").asText());

        JsonNode quality = run(fakes, "PublishDataQualityFunction");
        assertFalse(quality.get("anomaly").asBoolean(), quality::toString);

        JsonNode trainingSet = run(fakes, "BuildTrainingSetFunction");
        assertEquals(tree("LaunchTrainingFunction").get("trainingSetPrefix").asText(),
                trainingSet.get("trainingSetPrefix").asText());
        assertEquals(validated.get("rawSha256").asText(), trainingSet.get("dataFingerprint").asText());

        JsonNode launched = run(fakes, "LaunchTrainingFunction");
        assertEquals(tree("DescribeTrainingFunction").get("jobName").asText(), launched.get("jobName").asText());

        JsonNode described = run(fakes, "DescribeTrainingFunction");
        assertEquals("Completed", described.get("status").asText(), described::toString);
        assertEquals(tree("EvaluateModelFunction").get("modelArtifactKey").asText(),
                described.get("modelArtifactKey").asText());

        JsonNode evaluated = run(fakes, "EvaluateModelFunction");
        assertEquals(tree("RegisterModelFunction").get("evaluationKey").asText(), evaluated.get("evaluationKey").asText());
        assertTrue(evaluated.get("championRocAuc").isNull(), "no champion before the first registration");

        JsonNode registered = run(fakes, "RegisterModelFunction");
        assertEquals(1, registered.get("version").asInt());
        assertEquals("Approved", registered.get("status").asText());
        assertTrue(registered.get("champion").asBoolean());
        assertEquals(tree("PublishReportFunction").get("decisionKey").asText(), registered.get("decisionKey").asText());

        JsonNode report = run(fakes, "PublishReportFunction");
        String reportKey = report.get("reportKey").asText();
        assertEquals("reports/" + tree("PublishReportFunction").get("executionId").asText() + "/index.html", reportKey);
        assertTrue(new String(fakes.blobs.get(reportKey), StandardCharsets.UTF_8).contains("<html"));

        JsonNode recorded = run(fakes, "RecordRunFunction");
        String runKey = recorded.get("runKey").asText();
        assertEquals("runs/churn/" + tree("RecordRunFunction").get("executionId").asText() + ".json", runKey);
        assertEquals("succeeded", recorded.get("status").asText());
        JsonNode document = Json.tree(fakes.blobs.get(runKey), runKey);
        assertEquals(1, document.at("/registered/version").asInt());
        assertEquals(evaluated.get("candidateRocAuc").asDouble(), document.at("/test_metrics/roc_auc").asDouble(),
                "test metrics read from the evaluation the chain wrote");
        assertTrue(document.at("/gate/approved").asBoolean(), "the gate read from the chain's decision");
        assertTrue(document.get("candidates").size() > 0, "candidates read from the chain's model artifact");
    }

    private static JsonNode run(Fakes fakes, String function) {
        return Invocations.invoke(Handlers.all().get(function).apply(fakes.services), SampleEvents.read(function));
    }

    private static JsonNode tree(String function) {
        return Json.tree(SampleEvents.read(function), function + ".json");
    }

    /** The exception {@code action} throws, or null when it returns. */
    static RuntimeException failureOf(Runnable action) {
        try {
            action.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
