package dev.churnops.core.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.monitoring.Finding.Comparison;
import dev.churnops.core.monitoring.Finding.Kind;
import dev.churnops.core.monitoring.RetrainingDecision.Blocker;
import dev.churnops.core.port.Notification.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrainingPolicyTest {

    private static final Instant NOW = Instant.parse("2024-06-15T06:00:00Z");
    private static final Instant TEN_DAYS_AGO = NOW.minus(Duration.ofDays(10));
    private static final RetrainingPolicy DEFAULTS = RetrainingPolicy.defaults();

    private static Finding finding(Kind kind, String subKind, Severity severity) {
        return Finding.of(kind, subKind, severity, kind.label() + " " + subKind + " out of bounds", 0.5, 0.6,
                Comparison.BELOW, List.of());
    }

    /** A champion trained ten days ago, never retrained by monitoring, plenty of labels, nothing running. */
    private static RetrainingContext ready() {
        return new RetrainingContext(NOW, TEN_DAYS_AGO, null, 5000, false);
    }

    @Test
    void statesItsDefaults() {
        RetrainingPolicy policy = RetrainingPolicy.read("{}".getBytes(StandardCharsets.UTF_8), "retraining policy");
        assertEquals(DEFAULTS, policy);
        assertEquals(Severity.WARNING, policy.minimumSeverity(Kind.DATA_DRIFT));
        assertEquals(Severity.WARNING, policy.minimumSeverity(Kind.PERFORMANCE));
        assertEquals(Severity.WARNING, policy.minimumSeverity(Kind.BUSINESS));
        assertNull(policy.minimumSeverity(Kind.PREDICTION_DRIFT));
        assertNull(policy.minimumSeverity(Kind.ANOMALY));
        assertEquals(30, policy.scheduleDays());
        assertEquals(7, policy.cooldownDays());
        assertEquals(1000, policy.minimumNewLabels());
    }

    @Test
    void eachDefaultFindingTriggerStartsRetraining() {
        for (Kind kind : List.of(Kind.DATA_DRIFT, Kind.PERFORMANCE, Kind.BUSINESS)) {
            RetrainingDecision d = DEFAULTS.decide(List.of(finding(kind, "x", Severity.WARNING)), ready());
            assertTrue(d.start(), d.summary());
            assertEquals(List.of(RetrainingTrigger.of(kind)), d.firedTriggers());
            assertEquals(List.of(), d.blockers());
        }
    }

    @Test
    void kindsOffOrBelowTheirMinimumSeverityDoNotTrigger() {
        RetrainingDecision d = DEFAULTS.decide(List.of(finding(Kind.ANOMALY, "volume", Severity.CRITICAL),
                finding(Kind.PREDICTION_DRIFT, "score", Severity.CRITICAL), finding(Kind.PERFORMANCE, "f1", Severity.INFO)),
                ready());
        assertFalse(d.start());
        assertEquals(List.of(), d.triggers());
        assertTrue(d.blockedBy(Blocker.NO_TRIGGER));
        assertTrue(d.blockers().get(0).reason().startsWith("No trigger fired: none of the 3 findings is of a triggering kind"),
                d.blockers().get(0).reason());
        assertTrue(d.blockers().get(0).reason().contains("the champion was trained 10 days ago, under the schedule of 30 days"),
                d.blockers().get(0).reason());

        RetrainingPolicy strict = DEFAULTS.withTrigger(Kind.DATA_DRIFT, Severity.CRITICAL)
                .withTrigger(Kind.ANOMALY, Severity.CRITICAL);
        assertFalse(strict.decide(List.of(finding(Kind.DATA_DRIFT, "dataset", Severity.WARNING)), ready()).start());
        assertEquals(List.of(RetrainingTrigger.ANOMALY),
                strict.decide(List.of(finding(Kind.ANOMALY, "volume", Severity.CRITICAL)), ready()).firedTriggers());
    }

    @Test
    void severalTriggersAreListedInTriggerOrderWithTheirFindings() {
        RetrainingDecision d = DEFAULTS.decide(List.of(finding(Kind.BUSINESS, "churn_rate", Severity.WARNING),
                finding(Kind.PERFORMANCE, "f1", Severity.CRITICAL), finding(Kind.PERFORMANCE, "recall", Severity.WARNING)),
                ready());
        assertEquals(List.of(RetrainingTrigger.PERFORMANCE, RetrainingTrigger.BUSINESS), d.firedTriggers());
        assertEquals("performance f1 out of bounds (observed 0.5 is below the threshold 0.6, CRITICAL);"
                + " performance recall out of bounds (observed 0.5 is below the threshold 0.6, WARNING).",
                d.triggers().get(0).reason());
    }

    @Test
    void theScheduleTriggerFiresWhenTheChampionReachesItsAge() {
        RetrainingContext old = new RetrainingContext(NOW, NOW.minus(Duration.ofDays(30)), null, 5000, false);
        RetrainingDecision d = DEFAULTS.decide(List.of(), old);
        assertTrue(d.start(), d.summary());
        assertEquals(List.of(RetrainingTrigger.SCHEDULE), d.firedTriggers());
        assertTrue(d.triggers().get(0).reason().contains("30 days ago, which reaches the schedule of 30 days"),
                d.triggers().get(0).reason());
        RetrainingContext young = new RetrainingContext(NOW, NOW.minus(Duration.ofDays(30)).plusSeconds(1), null, 5000, false);
        assertFalse(DEFAULTS.decide(List.of(), young).start());
        assertFalse(DEFAULTS.withScheduleDays(0).decide(List.of(), old).start());
    }

    @Test
    void withNoChampionTheScheduleAsksForAFirstModel() {
        RetrainingDecision d = DEFAULTS.decide(List.of(), new RetrainingContext(NOW, null, null, 5000, false));
        assertTrue(d.start(), d.summary());
        assertEquals("There is no champion yet, so a first model is due.", d.triggers().get(0).reason());
    }

    @Test
    void theScheduleTriggerAlsoNeedsNewLabels() {
        RetrainingContext oldButNoLabels = new RetrainingContext(NOW, NOW.minus(Duration.ofDays(40)), null, 10, false);
        RetrainingDecision d = DEFAULTS.decide(List.of(), oldButNoLabels);
        assertFalse(d.start());
        assertEquals(List.of(RetrainingTrigger.SCHEDULE), d.firedTriggers());
        assertTrue(d.blockedBy(Blocker.TOO_FEW_LABELS));
    }

    @Test
    void aStartInsideTheCooldownIsBlocked() {
        RetrainingContext recent = new RetrainingContext(NOW, TEN_DAYS_AGO, NOW.minus(Duration.ofDays(3)), 5000, false);
        RetrainingDecision d = DEFAULTS.decide(List.of(finding(Kind.PERFORMANCE, "f1", Severity.CRITICAL)), recent);
        assertFalse(d.start());
        assertEquals(List.of(RetrainingTrigger.PERFORMANCE), d.firedTriggers());
        assertEquals(1, d.blockers().size());
        assertEquals("Retraining was last started at 2024-06-12T06:00:00Z; the cooldown of 7 days allows the next start"
                + " at 2024-06-19T06:00:00Z.", d.blockers().get(0).reason());
        RetrainingContext expired = new RetrainingContext(NOW, TEN_DAYS_AGO, NOW.minus(Duration.ofDays(7)), 5000, false);
        assertTrue(DEFAULTS.decide(List.of(finding(Kind.PERFORMANCE, "f1", Severity.CRITICAL)), expired).start());
    }

    @Test
    void tooFewNewLabelsBlock() {
        RetrainingContext few = new RetrainingContext(NOW, TEN_DAYS_AGO, null, 999, false);
        RetrainingDecision d = DEFAULTS.decide(List.of(finding(Kind.DATA_DRIFT, "dataset", Severity.CRITICAL)), few);
        assertFalse(d.start());
        assertEquals("Only 999 new labelled rows have arrived since the champion was trained at 2024-06-05T06:00:00Z;"
                + " at least 1000 are needed, since training on the same labels gives the same model again.",
                d.blockers().get(0).reason());
        assertTrue(DEFAULTS.withMinimumNewLabels(999).decide(List.of(finding(Kind.DATA_DRIFT, "dataset", Severity.CRITICAL)),
                few).start());
    }

    @Test
    void aRunInProgressBlocks() {
        RetrainingContext running = new RetrainingContext(NOW, TEN_DAYS_AGO, null, 5000, true);
        RetrainingDecision d = DEFAULTS.decide(List.of(finding(Kind.PERFORMANCE, "f1", Severity.CRITICAL)), running);
        assertFalse(d.start());
        assertEquals(List.of(Blocker.IN_PROGRESS), d.blockers().stream().map(RetrainingDecision.Blocked::blocker).toList());
    }

    @Test
    void everyBlockingReasonIsListedNotOnlyTheFirst() {
        RetrainingContext all = new RetrainingContext(NOW, TEN_DAYS_AGO, NOW.minus(Duration.ofDays(1)), 0, true);
        RetrainingDecision d = DEFAULTS.decide(List.of(), all);
        assertEquals(List.of(Blocker.NO_TRIGGER, Blocker.IN_PROGRESS, Blocker.COOLDOWN, Blocker.TOO_FEW_LABELS),
                d.blockers().stream().map(RetrainingDecision.Blocked::blocker).toList());
        String json = new String(d.toJson(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"blocker\" : \"too_few_labels\""), json);
        assertTrue(json.contains("\"start\" : false"), json);
        assertTrue(d.summary().startsWith("Retraining does not start. No trigger fired:"), d.summary());
    }

    @Test
    void readsAndValidatesItsJson() {
        RetrainingPolicy policy = RetrainingPolicy.read(("{\"triggers\": {\"Performance\": \"CRITICAL\"}, \"schedule_days\": 0,"
                + " \"cooldown_days\": 14, \"minimum_new_labels\": 50}").getBytes(StandardCharsets.UTF_8), "retraining policy");
        assertEquals(Severity.CRITICAL, policy.minimumSeverity(Kind.PERFORMANCE));
        assertNull(policy.minimumSeverity(Kind.DATA_DRIFT));
        assertEquals(policy, RetrainingPolicy.read(policy.toJson(), "retraining policy"));

        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> RetrainingPolicy.read(
                "{\"triggers\": {\"drift\": \"WARNING\"}}".getBytes(StandardCharsets.UTF_8), "retraining policy"));
        assertTrue(kind.getMessage().contains("'triggers' is keyed by 'drift': expected finding kinds: data_drift"),
                kind.getMessage());
        IllegalArgumentException days = assertThrows(IllegalArgumentException.class, () -> RetrainingPolicy.read(
                "{\"cooldown_days\": -2}".getBytes(StandardCharsets.UTF_8), "retraining policy"));
        assertTrue(days.getMessage().contains("'cooldown_days' is -2: expected a number of days from 0"), days.getMessage());
        IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
                () -> DEFAULTS.withMinimumNewLabels(-1));
        assertTrue(labels.getMessage().contains("'minimum_new_labels' is -1"), labels.getMessage());
        IllegalArgumentException off = assertThrows(IllegalArgumentException.class, () -> RetrainingPolicy.read(
                "{\"triggers\": {\"business\": null}}".getBytes(StandardCharsets.UTF_8), "retraining policy"));
        assertTrue(off.getMessage().contains("'triggers.business' is null"), off.getMessage());
    }

    @Test
    void theContextRefusesTimesAfterNowAndNegativeLabels() {
        IllegalArgumentException future = assertThrows(IllegalArgumentException.class,
                () -> new RetrainingContext(NOW, NOW.plusSeconds(1), null, 0, false));
        assertTrue(future.getMessage().contains("'champion_trained_at' is 2024-06-15T06:00:01Z"), future.getMessage());
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> new RetrainingContext(NOW, null, null, -5, false));
        assertTrue(rows.getMessage().contains("'new_labelled_rows' is -5"), rows.getMessage());
    }
}
