package dev.churnops.core.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.port.Notification.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlertPolicyTest {

    private static AlertPolicy read(String json) {
        return AlertPolicy.read(json.getBytes(StandardCharsets.UTF_8), "alert policy");
    }

    @Test
    void statesItsDefaults() {
        AlertPolicy policy = read("{}");
        assertEquals(Duration.ofDays(7), policy.cooldown());
        assertEquals(Severity.WARNING, policy.minimumSeverity());
        assertTrue(policy.notifyOnResolve());
        assertEquals(AlertPolicy.defaults(), policy);
    }

    @Test
    void readsEveryFieldAndWritesThemBack() {
        AlertPolicy policy = read("{\"cooldown_hours\": 24, \"minimum_severity\": \"CRITICAL\", \"notify_on_resolve\": false}");
        assertEquals(Duration.ofHours(24), policy.cooldown());
        assertEquals(Severity.CRITICAL, policy.minimumSeverity());
        assertFalse(policy.notifyOnResolve());
        assertEquals(policy, AlertPolicy.read(policy.toJson(), "alert policy"));
        assertEquals(policy, AlertPolicy.defaults().withCooldown(Duration.ofDays(1))
                .withMinimumSeverity(Severity.CRITICAL).withNotifyOnResolve(false));
    }

    @Test
    void rejectsANegativeOrFractionalCooldownAndUnknownFields() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> read("{\"cooldown_hours\": -1}"));
        assertTrue(negative.getMessage().contains("'cooldown_hours' is -1: expected a number of hours from 0"),
                negative.getMessage());
        IllegalArgumentException minutes = assertThrows(IllegalArgumentException.class,
                () -> AlertPolicy.defaults().withCooldown(Duration.ofMinutes(90)));
        assertTrue(minutes.getMessage().contains("PT1H30M"), minutes.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> read("{\"cooldown\": 3}"));
        assertTrue(unknown.getMessage().contains("'cooldown'"), unknown.getMessage());
        IllegalArgumentException severity = assertThrows(IllegalArgumentException.class,
                () -> read("{\"minimum_severity\": \"loud\"}"));
        assertTrue(severity.getMessage().contains("minimum_severity"), severity.getMessage());
    }
}
