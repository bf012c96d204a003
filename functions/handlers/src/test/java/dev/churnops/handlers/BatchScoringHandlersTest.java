package dev.churnops.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batch-scoring handlers on their sample events, after the training samples have validated the
 * sample file and registered a champion: the samples form one chain, and the partition results in
 * {@code SummarizeScoresFunction.json} are those this chain produces.
 */
class BatchScoringHandlersTest {

    private final Fakes fakes = Fakes.training();

    @BeforeEach
    void championTrainedByTheTrainingSamples() {
        fakes.blobs.put("config/datasets/customers.json", CustomerCsv.SPEC.getBytes(StandardCharsets.UTF_8));
        fakes.blobs.put(sample("ValidateDataFunction").get("key").asText(), CustomerCsv.generate(300, 11));
        for (String function : List.of("ValidateDataFunction", "BuildTrainingSetFunction", "LaunchTrainingFunction",
                "DescribeTrainingFunction", "EvaluateModelFunction", "RegisterModelFunction")) {
            run(function, sample(function));
        }
    }

    private static ObjectNode sample(String function) {
        return (ObjectNode) Json.tree(SampleEvents.read(function), function + ".json");
    }

    private JsonNode run(String function, JsonNode event) {
        return Invocations.invoke(Handlers.all().get(function).apply(fakes.services), Json.write(event));
    }

    @Test
    void sampleEventsListScoreAndSummarizeTheValidatedSampleFile() {
        JsonNode listing = run("ListScoringPartitionsFunction", sample("ListScoringPartitionsFunction"));
        assertEquals(300, listing.get("rows").asInt());
        assertEquals(1, listing.get("modelVersion").asInt());
        assertEquals(3, listing.get("partitions").size());
        ObjectNode scoreSample = sample("ScorePartitionFunction");
        JsonNode sampled = listing.get("partitions").get(scoreSample.get("index").asInt());
        assertEquals(sampled.get("start"), scoreSample.get("start"));
        assertEquals(sampled.get("end"), scoreSample.get("end"));

        ObjectNode summarize = sample("SummarizeScoresFunction");
        var results = summarize.putArray("partitions");
        for (JsonNode p : listing.get("partitions")) {
            ObjectNode event = scoreSample.deepCopy();
            event.set("index", p.get("index"));
            event.set("start", p.get("start"));
            event.set("end", p.get("end"));
            results.add(run("ScorePartitionFunction", event));
        }
        assertEquals(sample("SummarizeScoresFunction").get("partitions"), results,
                "SummarizeScoresFunction.json holds the partition results of this chain");
        JsonNode summary = run("SummarizeScoresFunction", summarize);

        assertEquals(300, summary.get("rowsIn").asInt());
        assertEquals(300, summary.get("scored").asInt() + summary.get("rejected").asInt());
        int high = 0;
        for (JsonNode r : results) {
            high += r.get("highRisk").asInt();
        }
        assertEquals(high, summary.get("highRisk").asInt());
        assertTrue(summary.get("top").size() <= 50);
        assertTrue(fakes.blobs.exists(summary.get("highRiskKey").asText()));
        assertEquals("scores/2026-12-01/batch-scoring-20261201T070000-003-5c1d2/_SUMMARY.json",
                summary.get("summaryKey").asText());
    }

    @Test
    void listingWithoutADateScoresForTodayAndWithoutAModelUsesTheConfiguredOne() {
        ObjectNode event = sample("ListScoringPartitionsFunction");
        event.putNull("date");
        event.putNull("modelName");

        JsonNode listing = run("ListScoringPartitionsFunction", event);

        assertEquals("2026-12-01", listing.get("date").asText(), "Fakes.CLOCK says 2026-12-01");
        assertEquals("churn", listing.get("modelName").asText());
    }

    @Test
    void scorePartitionRefusesADateThatIsNotOneNamingTheField() {
        ObjectNode event = sample("ScorePartitionFunction");
        event.put("date", "01/12/2026");

        JsonHandler.InvalidEventException e = assertThrows(JsonHandler.InvalidEventException.class,
                () -> run("ScorePartitionFunction", event));

        assertTrue(e.getMessage().contains("'date'") && e.getMessage().contains("YYYY-MM-DD"), e::getMessage);
    }

    @Test
    void scorePartitionRequiresItsRange() {
        ObjectNode event = sample("ScorePartitionFunction");
        event.remove("end");

        JsonHandler.InvalidEventException e = assertThrows(JsonHandler.InvalidEventException.class,
                () -> run("ScorePartitionFunction", event));

        assertTrue(e.getMessage().contains("'end'"), e::getMessage);
    }
}
