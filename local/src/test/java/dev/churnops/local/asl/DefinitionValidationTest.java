package dev.churnops.local.asl;

import static dev.churnops.local.asl.AslTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DefinitionValidationTest {

    private final RecordingInvoker invoker = RecordingInvoker.echoing();
    private final AslInterpreter interpreter = new AslInterpreter(invoker, AslOptions.local());

    private AslDefinitionException rejected(String definition) {
        return assertThrows(AslDefinitionException.class, () -> interpreter.run(json(definition), json("{}"), "x"));
    }

    @Test
    void unsupportedFieldFailsNamingTheStateAndTheField() {
        AslDefinitionException e = rejected("""
                {"StartAt": "Foo", "States": {"Foo": {"Type": "Task", "Resource": "r", "Heartbeat": 60, "End": true}}}""");

        assertTrue(e.getMessage().startsWith(
                "State 'Foo': field 'Heartbeat' is not supported by the local interpreter"), e.getMessage());
        assertEquals("Foo", e.stateName());
        assertEquals("Heartbeat", e.field());
    }

    @Test
    void heartbeatSecondsIsRejectedRatherThanIgnored() {
        AslDefinitionException e = rejected("""
                {"StartAt": "Foo", "States": {"Foo": {"Type": "Task", "Resource": "r", "HeartbeatSeconds": 60, "End": true}}}""");

        assertEquals("HeartbeatSeconds", e.field());
    }

    @Test
    void aTypoInABranchThatNeverRunsIsCaughtBeforeAnythingRuns() {
        AslDefinitionException e = rejected("""
                {"StartAt": "C", "States": {
                    "C": {"Type": "Choice", "Choices": [{"Variable": "$.never", "IsPresent": true, "Next": "Rare"}],
                                "Default": "Done"},
                    "Rare": {"Type": "Parallel", "End": true, "Branches": [
                        {"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "Nxt": "Gone", "End": true}}}]},
                    "Done": {"Type": "Task", "Resource": "r", "End": true}}}""");

        assertTrue(e.getMessage().startsWith("State 'Inner': field 'Nxt'"), e.getMessage());
        assertTrue(invoker.calls().isEmpty());
    }

    @Test
    void unknownStateTypeFailsNamingTheType() {
        AslDefinitionException e = rejected("""
                {"StartAt": "X", "States": {"X": {"Type": "Sleep", "End": true}}}""");

        assertTrue(e.getMessage().startsWith("State 'X': field 'Type' has value 'Sleep'"), e.getMessage());
    }

    @Test
    void nextNamingAMissingStateFails() {
        AslDefinitionException e = rejected("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}""");

        assertTrue(e.getMessage().startsWith("State 'A': field 'Next' names state 'B'"), e.getMessage());
    }

    @Test
    void startAtNamingAMissingStateFails() {
        AslDefinitionException e = rejected("""
                {"StartAt": "Nope", "States": {"A": {"Type": "Pass", "End": true}}}""");

        assertEquals("StartAt", e.field());
    }

    @Test
    void stateWithoutNextOrEndFails() {
        AslDefinitionException e = rejected("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass"}}}""");

        assertTrue(e.getMessage().startsWith("State 'A': field 'Next' is required"), e.getMessage());
    }

    @Test
    void unsupportedJsonPathFailsNamingTheFeature() {
        AslDefinitionException e = rejected("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "$.items[*].id", "End": true}}}""");

        assertTrue(e.getMessage().startsWith("State 'A': field 'InputPath' is invalid"), e.getMessage());
        assertTrue(e.getMessage().contains("wildcards"), e.getMessage());
    }

    @Test
    void jsonataQueryLanguageIsRejected() {
        AslDefinitionException e = rejected("""
                {"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}""");

        assertEquals("QueryLanguage", e.field());
    }

    @Test
    void stateNamesMustBeUniqueAcrossBranches() {
        AslDefinitionException e = rejected("""
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                    {"StartAt": "Same", "States": {"Same": {"Type": "Pass", "End": true}}},
                    {"StartAt": "Same", "States": {"Same": {"Type": "Pass", "End": true}}}]}}}""");

        assertTrue(e.getMessage().contains("'Same'"), e.getMessage());
    }

    @Test
    void topLevelCommentVersionAndTimeoutSecondsAreAccepted() {
        Execution execution = interpreter.run(json("""
                {"Comment": "nightly", "Version": "1.0", "TimeoutSeconds": 3600,
                  "StartAt": "A", "States": {"A": {"Type": "Pass", "Comment": "noop", "End": true}}}"""), json("{}"), "x");

        assertEquals(Execution.Status.SUCCEEDED, execution.status());
    }

    @Test
    void taskTimeoutSecondsIsAccepted() {
        Execution execution = interpreter.run(json("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "TimeoutSeconds": 300, "End": true}}}"""),
                json("{}"), "x");

        assertEquals(Execution.Status.SUCCEEDED, execution.status());
    }

    @Test
    void validateChecksWithoutRunningAnyTask() {
        assertThrows(AslDefinitionException.class, () -> interpreter.validate(json("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "Credentials": {}, "End": true}}}""")));
        interpreter.validate(json("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "End": true}}}"""));

        assertTrue(invoker.calls().isEmpty());
    }
}
