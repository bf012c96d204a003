package dev.churnops.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.json.Json;
import dev.churnops.core.tracking.TrackingResult;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RecordRunHandler on the sample event and on a failure path's event, with fake adapters. */
class RecordRunHandlerTest {

    private static ObjectNode sample() {
        return (ObjectNode) Json.tree(SampleEvents.read("RecordRunFunction"), "RecordRunFunction.json");
    }

    @Test
    void recordsAFailedRunFromWhatTheFailurePathHandsOver() {
        Fakes fakes = Fakes.capturing();
        ObjectNode event = sample();
        event.put("outcome", "failed");
        for (String step : new String[] {"training", "evaluation", "gate", "registration", "report"}) {
            event.putNull(step);
        }
        event.putObject("error").put("Error", "java.lang.IllegalStateException")
                .put("Cause", "{\"errorMessage\": \"disk on fire\", \"errorType\": \"java.lang.IllegalStateException\"}");

        JsonNode result = Invocations.invoke(new RecordRunHandler(fakes.services), event.toString());

        assertEquals("failed", result.get("status").asText());
        JsonNode document = Json.tree(fakes.blobs.get(result.get("runKey").asText()), "run document");
        assertEquals("failed", document.get("status").asText());
        assertEquals("disk on fire", document.at("/error/message").asText());
        assertEquals("unknown", document.get("code_version").asText(), "the code version comes from the settings");
        assertTrue(document.get("registered").isNull());
        assertEquals(30, document.at("/config/horizonDays").asInt(), "the workflow's whole configuration is kept");
        assertTrue(document.at("/config/featureView").isNull(), document::toString);
    }

    @Test
    void aTrackingFailureIsAWarningInTheResultNotAnError() {
        Fakes plain = Fakes.capturing();
        Services services = new Services(plain.blobs, plain.registry, plain.trainingJobs, plain.notifier, plain.metrics,
                Fakes.CLOCK, Services.Settings.DEFAULTS,
                run -> Optional.of(TrackingResult.failed("http://127.0.0.1:5000", null, null, "GET … could not reach")));

        JsonNode result = Invocations.invoke(new RecordRunHandler(services), SampleEvents.read("RecordRunFunction"));

        assertEquals("succeeded", result.get("status").asText());
        assertEquals(1, result.get("warnings").size());
        assertTrue(result.get("warnings").get(0).asText().contains("could not reach"), result::toString);
        JsonNode document = Json.tree(plain.blobs.get(result.get("runKey").asText()), "run document");
        assertEquals("failed", document.at("/mlflow/status").asText());
    }

    @Test
    void refusesAnUnknownOutcomeNamingIt() {
        ObjectNode event = sample();
        event.put("outcome", "finished");

        JsonHandler.InvalidEventException e = assertThrows(JsonHandler.InvalidEventException.class,
                () -> Invocations.invoke(new RecordRunHandler(Fakes.capturing().services),
                        event.toString().getBytes(StandardCharsets.UTF_8)));

        assertTrue(e.getMessage().contains("outcome 'finished'"), e::getMessage);
    }
}
