package dev.churnops.local.asl;

import static dev.churnops.local.asl.AslTestSupport.json;
import static dev.churnops.local.asl.AslTestSupport.outputOf;
import static dev.churnops.local.asl.AslTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SucceedFailStateTest {

    @Test
    void succeedEndsTheExecutionWithItsFilteredInput() {
        Execution execution = run("""
                {"StartAt": "Done", "States": {"Done": {"Type": "Succeed", "InputPath": "$.result", "OutputPath": "$.auc"}}}""",
                "{\"result\": {\"auc\": 0.8}, \"noise\": 1}");

        assertEquals(Execution.Status.SUCCEEDED, execution.status());
        assertEquals(json("0.8"), outputOf(execution));
    }

    @Test
    void failEndsTheExecutionWithItsErrorAndCause() {
        Execution execution = run("""
                {"StartAt": "Stop", "States": {"Stop": {"Type": "Fail", "Error": "ModelRejected", "Cause": "AUC below 0.7"}}}""",
                "{}");

        assertEquals(Execution.Status.FAILED, execution.status());
        assertEquals("ModelRejected", execution.error());
        assertEquals("AUC below 0.7", execution.cause());
        assertNull(execution.output());
    }

    @Test
    void failReadsErrorPathAndCausePathFromItsInput() {
        Execution execution = run("""
                {"StartAt": "Stop", "States": {"Stop": {"Type": "Fail", "ErrorPath": "$.failure.code", "CausePath": "$.failure.why"}}}""",
                "{\"failure\": {\"code\": \"DataDrift\", \"why\": \"PSI 0.4 on tenure\"}}");

        assertEquals("DataDrift", execution.error());
        assertEquals("PSI 0.4 on tenure", execution.cause());
    }

    @Test
    void failCausePathMayBeAnIntrinsicFunction() {
        Execution execution = run("""
                {"StartAt": "Stop", "States": {"Stop": {"Type": "Fail", "Error": "ModelRejected",
                    "CausePath": "States.Format('AUC {} below {}', $.auc, $.min)"}}}""", "{\"auc\": 0.61, \"min\": 0.7}");

        assertEquals("AUC 0.61 below 0.7", execution.cause());
    }

    @Test
    void failErrorPathSelectingANonStringFailsWithStatesRuntime() {
        Execution execution = run("""
                {"StartAt": "Stop", "States": {"Stop": {"Type": "Fail", "ErrorPath": "$.code"}}}""", "{\"code\": 42}");

        assertEquals("States.Runtime", execution.error());
    }

    @Test
    void failWithBothErrorAndErrorPathFailsTheDefinition() {
        AslDefinitionException e = assertThrows(AslDefinitionException.class, () -> run("""
                {"StartAt": "Stop", "States": {"Stop": {"Type": "Fail", "Error": "A", "ErrorPath": "$.b"}}}""", "{}"));

        assertTrue(e.getMessage().startsWith("State 'Stop': field 'ErrorPath'"), e.getMessage());
    }

    @Test
    void failedExecutionEndsWithAnExecutionFailedEvent() {
        Execution execution = run("""
                {"StartAt": "Stop", "States": {"Stop": {"Type": "Fail", "Error": "E", "Cause": "C"}}}""", "{}");

        HistoryEvent last = execution.history().get(execution.history().size() - 1);
        assertEquals(HistoryEvent.EXECUTION_FAILED, last.type());
        assertEquals("E", last.error());
        assertEquals("C", last.cause());
    }
}
