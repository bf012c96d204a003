package dev.churnops.local.asl;

import static dev.churnops.local.asl.AslTestSupport.events;
import static dev.churnops.local.asl.AslTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TransitionLimitTest {

    private static final String LOOP = """
            {"StartAt": "Poll", "States": {
                "Poll": {"Type": "Task", "Resource": "status", "Next": "Done?",
                                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Poll"}]},
                "Done?": {"Type": "Choice", "Choices": [{"Variable": "$.done", "BooleanEquals": true, "Next": "Finished"}],
                                    "Default": "Poll"},
                "Finished": {"Type": "Succeed"}}}""";

    @Test
    void aStateMachineThatNeverFinishesIsStoppedAtTheTransitionLimit() {
        Execution execution = run(LOOP, "{\"done\": false}", RecordingInvoker.echoing(),
                AslOptions.local().withMaxStateTransitions(50));

        assertEquals(Execution.Status.FAILED, execution.status());
        assertEquals("States.Runtime", execution.error());
        assertTrue(execution.cause().contains("limit of 50 state transitions"), execution.cause());
        assertEquals(50, events(execution, HistoryEvent.STATE_ENTERED).size());
    }

    @Test
    void aStateMachineWithinTheLimitFinishes() {
        Execution execution = run(LOOP, "{\"done\": true}", RecordingInvoker.echoing(),
                AslOptions.local().withMaxStateTransitions(3));

        assertEquals(Execution.Status.SUCCEEDED, execution.status());
    }
}
