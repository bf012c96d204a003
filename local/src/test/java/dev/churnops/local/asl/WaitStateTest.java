package dev.churnops.local.asl;

import static dev.churnops.local.asl.AslTestSupport.events;
import static dev.churnops.local.asl.AslTestSupport.json;
import static dev.churnops.local.asl.AslTestSupport.outputOf;
import static dev.churnops.local.asl.AslTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WaitStateTest {

    private static JsonNode waitPlan(Execution execution) {
        return events(execution, HistoryEvent.WAIT_STARTED).get(0).output();
    }

    @Test
    void anHourLongWaitTakesNoTimeWithScaleZero() {
        Execution execution = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> run("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}""", "{\"a\": 1}"));

        assertEquals(json("{\"a\": 1}"), outputOf(execution));
        assertEquals(3600.0, waitPlan(execution).get("seconds").asDouble());
        assertEquals(0.0, waitPlan(execution).get("scaledSeconds").asDouble());
    }

    @Test
    void waitScaleShrinksTheRealSleep() {
        Execution execution = run("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 2, "End": true}}}""", "{}",
                RecordingInvoker.echoing(), AslOptions.local().withWaitScale(0.001));

        assertEquals(0.002, waitPlan(execution).get("scaledSeconds").asDouble(), 1e-9);
    }

    @Test
    void secondsPathReadsTheDurationFromTheInput() {
        Execution execution = run("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.delay", "End": true}}}""",
                "{\"delay\": 45}");

        assertEquals(45.0, waitPlan(execution).get("seconds").asDouble());
    }

    @Test
    void timestampPathWaitsUntilThatInstantByTheConfiguredClock() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

        Execution execution = run("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "TimestampPath": "$.until", "End": true}}}""",
                "{\"until\": \"2026-03-01T10:01:30Z\"}", RecordingInvoker.echoing(), AslOptions.local().withClock(clock));

        assertEquals(90.0, waitPlan(execution).get("seconds").asDouble());
    }

    @Test
    void timestampInThePastDoesNotWait() {
        Execution execution = run("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Timestamp": "2001-01-01T00:00:00Z", "End": true}}}""",
                "{}");

        assertEquals(0.0, waitPlan(execution).get("seconds").asDouble());
    }

    @Test
    void negativeSecondsPathFailsWithStatesRuntime() {
        Execution execution = run("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.delay", "End": true}}}""",
                "{\"delay\": -1}");

        assertEquals("States.Runtime", execution.error());
    }

    @Test
    void waitWithTwoDurationsFailsTheDefinition() {
        AslDefinitionException e = assertThrows(AslDefinitionException.class, () -> run("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "SecondsPath": "$.s", "End": true}}}""",
                "{}"));

        assertTrue(e.getMessage().startsWith("State 'W': field 'SecondsPath'"), e.getMessage());
    }
}
