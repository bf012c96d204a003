package dev.churnops.core.monitoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.monitoring.Finding.Comparison;
import dev.churnops.core.monitoring.Finding.Kind;
import dev.churnops.core.port.Notification;
import dev.churnops.core.port.Notification.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentLogTest {

    private static final String MODEL = "churn-model";
    private static final Instant DAY_1 = Instant.parse("2024-05-01T06:00:00Z");
    private static final AlertPolicy DEFAULTS = AlertPolicy.defaults();

    private static Finding drift(Severity severity, String... features) {
        return Finding.of(Kind.DATA_DRIFT, "dataset", severity, "Dataset drift: share of drifted features", 0.4, 0.3,
                Comparison.ABOVE, List.of(features));
    }

    private static Finding volume(Severity severity) {
        return Finding.of(Kind.ANOMALY, "volume", severity, "Orders volume far below the previous week", 120, 800,
                Comparison.BELOW, List.of("source=orders"));
    }

    private static Instant day(int n) {
        return DAY_1.plus(Duration.ofDays(n - 1));
    }

    /** Runs the days in order, each with its findings, carrying the state as bytes between runs. */
    private static List<AlertDecision> runDaily(AlertPolicy policy, List<List<Finding>> days) {
        byte[] state = null;
        List<AlertDecision> decisions = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            AlertDecision d = IncidentLog.fromJson(state).decide(MODEL, days.get(i), day(i + 1), policy, "exec-" + (i + 1),
                    "reports/exec-" + (i + 1) + "/index.html");
            decisions.add(d);
            state = d.state();
        }
        return decisions;
    }

    private static int alerts(List<AlertDecision> decisions) {
        return decisions.stream().mapToInt(d -> d.notifications().size()).sum();
    }

    @Test
    void oneIncidentOverFiveDailyRunsIsOneAlert() {
        // The affected features move from day to day; the incident is the same.
        List<AlertDecision> runs = runDaily(DEFAULTS, List.of(List.of(drift(Severity.WARNING, "tenure")),
                List.of(drift(Severity.WARNING, "tenure", "contract")), List.of(drift(Severity.WARNING, "contract")),
                List.of(drift(Severity.WARNING, "monthly_charges")), List.of(drift(Severity.WARNING, "tenure"))));
        assertEquals(1, alerts(runs));
        assertEquals(1, runs.get(0).notifications().size());
        for (int i = 1; i < 5; i++) {
            assertEquals(1, runs.get(i).suppressed().size());
            assertEquals("churn-model-data_drift-dataset-20240501T060000Z", runs.get(i).suppressed().get(0).incidentId());
            assertTrue(runs.get(i).suppressed().get(0).reason().contains("still open"), runs.get(i).suppressed().get(0).reason());
        }
        Incident open = runs.get(4).log().incidents().get(0);
        assertEquals(day(1), open.firstSeen());
        assertEquals(day(5), open.lastSeen());
        assertEquals(List.of("tenure"), open.finding().affected());
    }

    @Test
    void twoDifferentIncidentsAreTwoAlertsMostSevereFirst() {
        AlertDecision d = IncidentLog.empty().decide(MODEL, List.of(drift(Severity.WARNING, "tenure"),
                volume(Severity.CRITICAL)), DAY_1, DEFAULTS, "exec-1", "reports/exec-1/index.html");
        assertEquals(2, d.notifications().size());
        assertEquals("anomaly", d.notifications().get(0).attributes().get("kind"));
        assertEquals("data_drift", d.notifications().get(1).attributes().get("kind"));
        assertEquals(2, d.log().incidents().size());
    }

    @Test
    void severalFindingsOfOneKindInOneRunAreOneAlertWithTheirAffectedMerged() {
        Finding low = drift(Severity.WARNING, "tenure");
        Finding high = drift(Severity.CRITICAL, "contract");
        AlertDecision d = IncidentLog.empty().decide(MODEL, List.of(low, high), DAY_1, DEFAULTS, "exec-1", null);
        assertEquals(1, d.notifications().size());
        Notification n = d.notifications().get(0);
        assertEquals(Severity.CRITICAL, n.severity());
        assertEquals(List.of("contract", "tenure"), n.body().get("affected"));
        assertEquals(2, n.body().get("findings"));
        // Input order does not change the outcome.
        AlertDecision swapped = IncidentLog.empty().decide(MODEL, List.of(high, low), DAY_1, DEFAULTS, "exec-1", null);
        assertArrayEquals(d.state(), swapped.state());
        assertEquals(d.notifications(), swapped.notifications());
    }

    @Test
    void theMessageCarriesTriggerValuesContextAndPlaybook() {
        Notification n = IncidentLog.empty().decide(MODEL, List.of(drift(Severity.WARNING, "tenure", "contract")), DAY_1,
                DEFAULTS, "exec-1", "reports/exec-1/index.html").notifications().get(0);
        assertEquals("[WARNING] churn-model: Dataset drift: share of drifted features", n.subject());
        Map<String, Object> body = n.body();
        assertEquals("opened", body.get("event"));
        assertEquals("Dataset drift: share of drifted features", body.get("trigger"));
        assertEquals(0.4, body.get("observed"));
        assertEquals(0.3, body.get("threshold"));
        assertEquals("above", body.get("comparison"));
        assertEquals("WARNING", body.get("severity"));
        assertEquals(List.of("contract", "tenure"), body.get("affected"));
        assertEquals("exec-1", body.get("execution_id"));
        assertEquals("reports/exec-1/index.html", body.get("report_key"));
        assertEquals(Kind.DATA_DRIFT.defaultPlaybook(), body.get("playbook"));
        assertEquals("churn-model-data_drift-dataset-20240501T060000Z", body.get("incident_id"));
        assertEquals("2024-05-01T06:00:00Z", body.get("first_seen"));
        assertEquals("2024-05-01T06:00:00Z", body.get("last_seen"));
        assertTrue(((String) body.get("message")).contains("observed 0.4 is above the threshold 0.3 (WARNING);"
                + " affected: contract, tenure."), (String) body.get("message"));
        assertEquals(Map.of("model", MODEL, "kind", "data_drift", "sub_kind", "dataset", "severity", "WARNING",
                "event", "opened", "incident_id", "churn-model-data_drift-dataset-20240501T060000Z"), n.attributes());
    }

    @Test
    void aLongTitleAndModelNameStillGiveASubjectSnsAccepts() {
        String model = "m".repeat(63);
        Finding f = Finding.of(Kind.PERFORMANCE, "f1", Severity.CRITICAL, "t".repeat(Finding.MAX_TITLE_LENGTH), 0.4, 0.6,
                Comparison.BELOW, List.of());
        Notification n = IncidentLog.empty().decide(model, List.of(f), DAY_1, DEFAULTS, "exec-1", null)
                .notifications().get(0);
        assertEquals(100, n.subject().length());
        assertTrue(n.subject().startsWith("[CRITICAL] " + model), n.subject());
    }

    @Test
    void anOngoingIncidentIsAlertedAgainOnceTheCooldownHasPassed() {
        AlertPolicy threeDays = DEFAULTS.withCooldown(Duration.ofDays(3));
        List<List<Finding>> days = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            days.add(List.of(drift(Severity.WARNING, "tenure")));
        }
        List<AlertDecision> runs = runDaily(threeDays, days);
        // Day 1 opens it; days 4 and 7 are three days after the previous alert.
        for (int i = 0; i < 7; i++) {
            assertEquals(i == 0 || i == 3 || i == 6 ? 1 : 0, runs.get(i).notifications().size(), "day " + (i + 1));
        }
        Notification repeat = runs.get(3).notifications().get(0);
        assertEquals("repeated", repeat.body().get("event"));
        assertEquals("2024-05-01T06:00:00Z", repeat.body().get("previously_alerted_at"));
        assertEquals(2, repeat.body().get("alert_number"));
        assertTrue(repeat.subject().contains("still firing"), repeat.subject());
        assertEquals("churn-model-data_drift-dataset-20240501T060000Z", repeat.body().get("incident_id"));
    }

    @Test
    void aRiseInSeverityIsAlertedAtOnceInsideTheCooldown() {
        List<AlertDecision> runs = runDaily(DEFAULTS, List.of(List.of(drift(Severity.WARNING, "tenure")),
                List.of(drift(Severity.CRITICAL, "tenure")), List.of(drift(Severity.CRITICAL, "tenure")),
                List.of(drift(Severity.WARNING, "tenure"))));
        assertEquals(List.of(1, 1, 0, 0), runs.stream().map(d -> d.notifications().size()).toList());
        Notification escalated = runs.get(1).notifications().get(0);
        assertEquals(Severity.CRITICAL, escalated.severity());
        assertEquals("escalated", escalated.body().get("event"));
        assertEquals("WARNING", escalated.body().get("previous_severity"));
        assertTrue(((String) escalated.body().get("message")).contains("escalated from WARNING to CRITICAL"),
                (String) escalated.body().get("message"));
        // Falling back to WARNING is not news, and the incident keeps its id.
        assertEquals(runs.get(0).log().incidents().get(0).id(), runs.get(3).log().incidents().get(0).id());
        assertEquals(Severity.CRITICAL, runs.get(3).log().incidents().get(0).alertedSeverity());
    }

    @Test
    void anIncidentNotSeenInARunIsResolvedAndItsReturnIsANewIncident() {
        List<AlertDecision> runs = runDaily(DEFAULTS, List.of(List.of(drift(Severity.WARNING, "tenure")),
                List.of(drift(Severity.WARNING, "tenure")), List.of(), List.of(drift(Severity.WARNING, "tenure"))));
        AlertDecision resolvedRun = runs.get(2);
        assertEquals(1, resolvedRun.resolved().size());
        assertEquals(List.of(), resolvedRun.log().incidents());
        Notification resolved = resolvedRun.notifications().get(0);
        assertEquals(Severity.INFO, resolved.severity());
        assertEquals("resolved", resolved.body().get("event"));
        assertEquals("2024-05-03T06:00:00Z", resolved.body().get("resolved_at"));
        assertEquals("2024-05-02T06:00:00Z", resolved.body().get("last_seen"));
        assertEquals("[INFO] churn-model resolved: Dataset drift: share of drifted features", resolved.subject());
        Notification reopened = runs.get(3).notifications().get(0);
        assertEquals("opened", reopened.body().get("event"));
        assertEquals("churn-model-data_drift-dataset-20240504T060000Z", reopened.body().get("incident_id"));
    }

    @Test
    void resolutionIsSilentWhenThePolicySaysSo() {
        List<AlertDecision> runs = runDaily(DEFAULTS.withNotifyOnResolve(false),
                List.of(List.of(drift(Severity.WARNING, "tenure")), List.of()));
        assertEquals(1, runs.get(1).resolved().size());
        assertEquals(List.of(), runs.get(1).notifications());
    }

    @Test
    void findingsBelowTheMinimumSeverityNeitherOpenNorKeepOpenAnIncident() {
        List<AlertDecision> runs = runDaily(DEFAULTS, List.of(List.of(drift(Severity.INFO, "tenure")),
                List.of(drift(Severity.WARNING, "tenure")), List.of(drift(Severity.INFO, "tenure"))));
        assertEquals(List.of(), runs.get(0).notifications());
        assertNull(runs.get(0).suppressed().get(0).incidentId());
        assertTrue(runs.get(0).suppressed().get(0).reason().contains("below the alert policy's minimum severity WARNING"),
                runs.get(0).suppressed().get(0).reason());
        assertEquals(1, runs.get(1).notifications().size());
        assertEquals(1, runs.get(2).resolved().size());
    }

    @Test
    void theSameRunsGiveTheSameIdsMessagesAndStateBytes() {
        List<List<Finding>> days = List.of(List.of(drift(Severity.WARNING, "tenure"), volume(Severity.CRITICAL)),
                List.of(drift(Severity.CRITICAL, "contract")), List.of());
        List<AlertDecision> first = runDaily(DEFAULTS, days);
        List<AlertDecision> second = runDaily(DEFAULTS, days);
        for (int i = 0; i < days.size(); i++) {
            assertArrayEquals(first.get(i).state(), second.get(i).state());
            assertEquals(first.get(i).notifications(), second.get(i).notifications());
        }
        assertEquals("churn-model-anomaly-volume-20240501T060000Z", first.get(0).log().incidents().get(0).id());
    }

    @Test
    void theStateRoundTripsThroughItsJson() {
        AlertDecision d = IncidentLog.empty().decide(MODEL, List.of(drift(Severity.WARNING, "tenure")), DAY_1, DEFAULTS,
                "exec-1", null);
        String json = new String(d.state(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"last_run_at\" : \"2024-05-01T06:00:00Z\""), json);
        assertTrue(json.contains("\"first_seen\" : \"2024-05-01T06:00:00Z\""), json);
        assertEquals(d.log(), IncidentLog.fromJson(d.state()));
        assertEquals(IncidentLog.empty(), IncidentLog.fromJson(new byte[0]));
        assertEquals(IncidentLog.empty(), IncidentLog.fromJson(null));
    }

    @Test
    void corruptStateIsReportedNotReset() {
        byte[] good = IncidentLog.empty().decide(MODEL, List.of(drift(Severity.WARNING, "tenure")), DAY_1, DEFAULTS,
                "exec-1", null).state();
        String json = new String(good, StandardCharsets.UTF_8);

        CorruptStateException truncated = assertThrows(CorruptStateException.class,
                () -> IncidentLog.fromJson(json.substring(0, json.length() / 2).getBytes(StandardCharsets.UTF_8)));
        assertTrue(truncated.getMessage().startsWith("The incident log state is not valid"), truncated.getMessage());
        assertTrue(truncated.getMessage().contains("repair or remove it deliberately"), truncated.getMessage());

        CorruptStateException time = assertThrows(CorruptStateException.class, () -> IncidentLog.fromJson(
                json.replace("\"first_seen\" : \"2024-05-01T06:00:00Z\"", "\"first_seen\" : \"yesterday\"")
                        .getBytes(StandardCharsets.UTF_8)));
        assertTrue(time.getMessage().contains("at 'incidents[0].first_seen'"), time.getMessage());
        assertTrue(time.getMessage().contains("'yesterday': expected ISO-8601 UTC text"), time.getMessage());

        CorruptStateException id = assertThrows(CorruptStateException.class, () -> IncidentLog.fromJson(
                json.replace("20240501T060000Z", "20240502T060000Z").getBytes(StandardCharsets.UTF_8)));
        assertTrue(id.getMessage().contains("'incidents.data_drift/dataset.id' is 'churn-model-data_drift-dataset-20240502T060000Z'"),
                id.getMessage());

        CorruptStateException unknown = assertThrows(CorruptStateException.class, () -> IncidentLog.fromJson(
                json.replace("\"model_name\"", "\"note\" : \"x\", \"model_name\"").getBytes(StandardCharsets.UTF_8)));
        assertTrue(unknown.getMessage().contains("unknown field 'note'"), unknown.getMessage());

        CorruptStateException renamed = assertThrows(CorruptStateException.class, () -> IncidentLog.fromJson(
                json.replace("\"alerts\"", "\"alert_count\"").getBytes(StandardCharsets.UTF_8)));
        assertTrue(renamed.getMessage().contains("'alerts' is null"), renamed.getMessage());

        CorruptStateException alerted = assertThrows(CorruptStateException.class, () -> IncidentLog.fromJson(
                json.replace("\"last_alerted_at\" : \"2024-05-01T06:00:00Z\"", "\"last_alerted_at\" : \"2024-06-01T06:00:00Z\"")
                        .getBytes(StandardCharsets.UTF_8)));
        assertTrue(alerted.getMessage().contains("'last_alerted_at' is 2024-06-01T06:00:00Z: expected a time from first_seen"),
                alerted.getMessage());

        assertThrows(CorruptStateException.class, () -> IncidentLog.fromJson("null".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesAnotherModelsLogAnOlderRunAndMissingContext() {
        IncidentLog log = IncidentLog.empty().decide(MODEL, List.of(drift(Severity.WARNING, "tenure")), day(2), DEFAULTS,
                "exec-2", null).log();
        IllegalArgumentException model = assertThrows(IllegalArgumentException.class,
                () -> log.decide("other-model", List.of(), day(3), DEFAULTS, "exec-3", null));
        assertTrue(model.getMessage().contains("'other-model' but this incident log belongs to 'churn-model'"),
                model.getMessage());
        IllegalArgumentException older = assertThrows(IllegalArgumentException.class,
                () -> log.decide(MODEL, List.of(), day(1), DEFAULTS, "exec-1", null));
        assertTrue(older.getMessage().contains("The run time is 2024-05-01T06:00:00Z but this incident log was last decided"
                + " at 2024-05-02T06:00:00Z"), older.getMessage());
        IllegalArgumentException execution = assertThrows(IllegalArgumentException.class,
                () -> log.decide(MODEL, List.of(), day(3), DEFAULTS, " ", null));
        assertTrue(execution.getMessage().contains("The execution id is ' '"), execution.getMessage());
        List<Finding> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(IllegalArgumentException.class, () -> log.decide(MODEL, withNull, day(3), DEFAULTS, "exec-3", null));
    }

    @Test
    void aRetriedRunWithTheStateAlreadyWrittenSendsNothingTwice() {
        AlertDecision first = IncidentLog.empty().decide(MODEL, List.of(drift(Severity.WARNING, "tenure")), DAY_1, DEFAULTS,
                "exec-1", null);
        AlertDecision retry = IncidentLog.fromJson(first.state()).decide(MODEL, List.of(drift(Severity.WARNING, "tenure")),
                DAY_1, DEFAULTS, "exec-1", null);
        assertEquals(List.of(), retry.notifications());
        assertArrayEquals(first.state(), retry.state());
    }
}
