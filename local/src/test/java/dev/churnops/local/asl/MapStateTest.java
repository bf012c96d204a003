package dev.churnops.local.asl;

import static dev.churnops.local.asl.AslTestSupport.events;
import static dev.churnops.local.asl.AslTestSupport.json;
import static dev.churnops.local.asl.AslTestSupport.outputOf;
import static dev.churnops.local.asl.AslTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MapStateTest {

    private static final String SCORE_EACH = """
            {"StartAt": "ScoreAll", "States": {"ScoreAll": {"Type": "Map", "ItemsPath": "$.customers", %s
                "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Score",
                    "States": {"Score": {"Type": "Task", "Resource": "score", "End": true}}},
                "End": true}}}""";

    private static String customers(int count) {
        StringBuilder json = new StringBuilder("{\"customers\": [");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ", ").append("\"c-").append(i).append('"');
        }
        return json.append("]}").toString();
    }

    private static RecordingInvoker probing(ConcurrencyProbe probe) {
        return RecordingInvoker.of((resource, input, context) -> {
            probe.enter();
            try {
                return input;
            } finally {
                probe.exit();
            }
        });
    }

    @Test
    void runsTheProcessorOnEveryItemAndReturnsOutputsInItemOrder() {
        CountDownLatch lastItemDone = new CountDownLatch(1);
        RecordingInvoker invoker = RecordingInvoker.of((resource, input, context) -> {
            if (input.asText().equals("c-0")) {
                // The first item completes last, yet its output must still come first.
                try {
                    assertTrue(lastItemDone.await(10, TimeUnit.SECONDS), "items did not run concurrently");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            if (input.asText().equals("c-2")) {
                lastItemDone.countDown();
            }
            return TextNode.valueOf("scored-" + input.asText());
        });

        Execution execution = run(SCORE_EACH.formatted(""), customers(3), invoker);

        assertEquals(json("[\"scored-c-0\", \"scored-c-1\", \"scored-c-2\"]"), outputOf(execution));
        assertEquals(3, events(execution, HistoryEvent.MAP_ITERATION_STARTED).size());
    }

    @Test
    void maxConcurrencyBoundsHowManyIterationsRunAtOnce() {
        ConcurrencyProbe probe = new ConcurrencyProbe(2, 6);

        Execution execution = run(SCORE_EACH.formatted("\"MaxConcurrency\": 2,"), customers(6), probing(probe));

        assertEquals(6, outputOf(execution).size());
        assertEquals(2, probe.maxInFlight());
    }

    @Test
    void maxConcurrencyOneRunsIterationsOneAtATime() {
        ConcurrencyProbe probe = new ConcurrencyProbe(1, 4);

        outputOf(run(SCORE_EACH.formatted("\"MaxConcurrency\": 1,"), customers(4), probing(probe)));

        assertEquals(1, probe.maxInFlight());
    }

    @Test
    void maxConcurrencyZeroUsesTheDefaultCap() {
        int cap = ExecutionRunner.UNBOUNDED_MAP_CONCURRENCY;
        ConcurrencyProbe probe = new ConcurrencyProbe(cap, 20);

        outputOf(run(SCORE_EACH.formatted("\"MaxConcurrency\": 0,"), customers(20), probing(probe)));

        assertEquals(cap, probe.maxInFlight());
    }

    @Test
    void maxConcurrencyPathReadsTheBoundFromTheInput() {
        ConcurrencyProbe probe = new ConcurrencyProbe(3, 9);
        String input = customers(9).replace("{", "{\"parallelism\": 3, ");

        outputOf(run(SCORE_EACH.formatted("\"MaxConcurrencyPath\": \"$.parallelism\","), input, probing(probe)));

        assertEquals(3, probe.maxInFlight());
    }

    @Test
    void itemSelectorBuildsEachIterationInputFromTheItemIndexAndValue() {
        RecordingInvoker invoker = RecordingInvoker.echoing();

        Execution execution = run(SCORE_EACH.formatted("""
                "ItemSelector": {"customer.$": "$$.Map.Item.Value", "position.$": "$$.Map.Item.Index", "model.$": "$.model"},"""),
                "{\"model\": \"m-3\", \"customers\": [\"c-0\", \"c-1\"]}", invoker);

        assertEquals(json("""
                [{"customer": "c-0", "position": 0, "model": "m-3"}, {"customer": "c-1", "position": 1, "model": "m-3"}]"""),
                outputOf(execution));
    }

    @Test
    void legacyIteratorAndParametersStillWork() {
        Execution execution = run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.xs",
                    "Parameters": {"x.$": "$$.Map.Item.Value"},
                    "Iterator": {"StartAt": "P", "States": {"P": {"Type": "Pass", "OutputPath": "$.x", "End": true}}},
                    "End": true}}}""", "{\"xs\": [1, 2]}");

        assertEquals(json("[1, 2]"), outputOf(execution));
    }

    @Test
    void resultSelectorResultPathAndOutputPathApplyToTheArray() {
        Execution execution = run(SCORE_EACH.formatted("""
                "ResultSelector": {"count.$": "States.ArrayLength($)"}, "ResultPath": "$.summary", "OutputPath": "$.summary","""),
                customers(3));

        assertEquals(json("{\"count\": 3}"), outputOf(execution));
    }

    @Test
    void emptyArrayGivesAnEmptyOutputWithoutIterations() {
        Execution execution = run(SCORE_EACH.formatted(""), "{\"customers\": []}");

        assertEquals(json("[]"), outputOf(execution));
        assertTrue(events(execution, HistoryEvent.MAP_ITERATION_STARTED).isEmpty());
    }

    @Test
    void aFailingIterationFailsTheMapWithItsError() {
        RecordingInvoker invoker = RecordingInvoker.of((resource, input, context) -> {
            if (input.asText().equals("c-1")) {
                throw new TaskFailedException("Scoring.BadRow", "customer c-1 has no tenure");
            }
            return input;
        });

        Execution execution = run(SCORE_EACH.formatted("\"MaxConcurrency\": 1,"), customers(3), invoker);

        assertEquals("Scoring.BadRow", execution.error());
        assertEquals(1, events(execution, HistoryEvent.MAP_ITERATION_FAILED).size());
    }

    @Test
    void catchOnTheMapHandlesAnIterationFailure() {
        RecordingInvoker invoker = RecordingInvoker.of((resource, input, context) -> {
            throw new TaskFailedException("Scoring.BadRow", "bad");
        });

        Execution execution = run("""
                {"StartAt": "M", "States": {
                    "M": {"Type": "Map", "ItemsPath": "$.xs",
                                "ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "End": true}}},
                                "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.failure", "Next": "Report"}],
                                "End": true},
                    "Report": {"Type": "Pass", "OutputPath": "$.failure.Error", "End": true}}}""", "{\"xs\": [1]}", invoker);

        assertEquals("Scoring.BadRow", outputOf(execution).asText());
    }

    @Test
    void itemsPathThatIsNotAnArrayFailsWithStatesRuntime() {
        Execution execution = run(SCORE_EACH.formatted(""), "{\"customers\": \"c-1\"}");

        assertEquals("States.Runtime", execution.error());
        assertTrue(execution.cause().contains("$.customers"), execution.cause());
    }

    @Test
    void distributedModeFailsTheDefinition() {
        AslDefinitionException e = assertThrows(AslDefinitionException.class, () -> run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map",
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "P",
                        "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}""", "[]"));

        assertTrue(e.getMessage().startsWith("State 'M': field 'ItemProcessor.ProcessorConfig.Mode' is not supported"),
                e.getMessage());
    }
}
