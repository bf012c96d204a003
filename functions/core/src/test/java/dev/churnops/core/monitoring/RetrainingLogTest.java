package dev.churnops.core.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.monitoring.Finding.Comparison;
import dev.churnops.core.monitoring.Finding.Kind;
import dev.churnops.core.port.Notification.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrainingLogTest {

    private static final Instant NOW = Instant.parse("2024-06-15T06:00:00Z");

    private static RetrainingDecision starting() {
        Finding f1 = Finding.of(Kind.PERFORMANCE, "f1", Severity.CRITICAL, "F1 fell", 0.4, 0.6, Comparison.BELOW, List.of());
        return RetrainingPolicy.defaults().decide(List.of(f1),
                new RetrainingContext(NOW, NOW.minus(Duration.ofDays(40)), null, 5000, false));
    }

    @Test
    void recordsAStartAndFeedsTheNextCooldown() {
        RetrainingLog log = RetrainingLog.fromJson(null).started(starting(), NOW, "training-exec-7");
        assertEquals(List.of(RetrainingTrigger.PERFORMANCE, RetrainingTrigger.SCHEDULE), log.triggers());
        String json = new String(log.toJson(), StandardCharsets.UTF_8);
        assertEquals("{\n  \"last_started_at\" : \"2024-06-15T06:00:00Z\",\n  \"execution_id\" : \"training-exec-7\",\n"
                + "  \"triggers\" : [ \"performance\", \"schedule\" ]\n}\n", json);
        RetrainingLog back = RetrainingLog.fromJson(log.toJson());
        assertEquals(log, back);

        RetrainingDecision next = RetrainingPolicy.defaults().decide(List.of(), new RetrainingContext(NOW.plus(Duration.ofDays(1)),
                NOW.minus(Duration.ofDays(40)), back.lastStartedAt(), 5000, false));
        assertTrue(next.blockedBy(RetrainingDecision.Blocker.COOLDOWN), next.summary());
    }

    @Test
    void noBytesAreALogThatNeverStarted() {
        assertNull(RetrainingLog.fromJson(new byte[0]).lastStartedAt());
        assertEquals(RetrainingLog.empty(), RetrainingLog.fromJson(RetrainingLog.empty().toJson()));
    }

    @Test
    void corruptStateIsReportedNotReset() {
        CorruptStateException time = assertThrows(CorruptStateException.class, () -> RetrainingLog.fromJson(
                "{\"last_started_at\": \"last week\", \"execution_id\": \"e\", \"triggers\": [\"performance\"]}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertTrue(time.getMessage().contains("at 'last_started_at'"), time.getMessage());
        assertTrue(time.getMessage().contains("would lift the retraining cooldown"), time.getMessage());
        CorruptStateException half = assertThrows(CorruptStateException.class, () -> RetrainingLog.fromJson(
                "{\"last_started_at\": \"2024-06-15T06:00:00Z\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(half.getMessage().contains("'execution_id' is null"), half.getMessage());
        CorruptStateException trigger = assertThrows(CorruptStateException.class, () -> RetrainingLog.fromJson(
                "{\"last_started_at\": \"2024-06-15T06:00:00Z\", \"execution_id\": \"e\", \"triggers\": [\"weather\"]}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertTrue(trigger.getMessage().contains("'weather'"), trigger.getMessage());
    }

    @Test
    void refusesToRecordADecisionThatDidNotStart() {
        RetrainingDecision blocked = RetrainingPolicy.defaults().decide(List.of(),
                new RetrainingContext(NOW, NOW.minus(Duration.ofDays(1)), null, 5000, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RetrainingLog.empty().started(blocked, NOW, "exec"));
        assertTrue(e.getMessage().contains("Retraining does not start. No trigger fired"), e.getMessage());
    }
}
