package dev.churnops.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.monitoring.AnomalyConfig;
import dev.churnops.core.monitoring.Finding;
import dev.churnops.core.monitoring.IncidentLog;
import dev.churnops.core.monitoring.RetrainingPolicy;
import dev.churnops.core.port.Notification.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The anomaly check's own findings, and the decision and commit steps of a monitoring run on a real
 * registered model: a failed check is an incident, state moves into place only at commit, and a
 * retraining is recorded only when it started.
 */
class MonitoringDecisionTest {

    private static final Instant NOW = Instant.parse("2026-02-10T12:00:00Z");
    private MonitoringFixture fixture;

    /** A fresh registry and state each time: decisions read the incident and retraining logs earlier runs left. */
    @BeforeEach
    void train() {
        fixture = new MonitoringFixture();
    }

    private static Finding drift() {
        return Finding.of(Finding.Kind.DATA_DRIFT, "features", Severity.WARNING, "1 of 5 features drifted", 0.2, 0,
                Finding.Comparison.ABOVE, List.of("tenure"));
    }

    private DecideMonitoring.Result decide(String execution, List<DecideMonitoring.CheckOutcome> checks, long labels,
                                           boolean allowRetraining) {
        return new DecideMonitoring(fixture.blobs, fixture.registry).run(new DecideMonitoring.Command(execution,
                MonitoringFixture.DATE, MonitoringFixture.MODEL, fixture.version, NOW, Map.of("labelledRows", labels), checks,
                null, RetrainingPolicy.defaults(), allowRetraining, Map.of("seed", 7)));
    }

    @Test
    void anEmptyWindowAndManyRejectedRecordsAreAnomalies() {
        fixture.put("capture/churn/dt=2025-03-01/part-1.jsonl", "{broken\n{broken\n");
        PrepareMonitoringWindow.Result prepared = new PrepareMonitoringWindow(fixture.blobs, fixture.registry).run(
                new PrepareMonitoringWindow.Command("mon-anomalies", MonitoringFixture.MODEL, "champion",
                        java.time.LocalDate.parse("2025-03-01"), 1, null, null, null));
        MonitoringRun run = MonitoringRun.load(fixture.blobs, fixture.registry, "mon-anomalies",
                java.time.LocalDate.parse("2025-03-01"), MonitoringFixture.MODEL, prepared.version(), prepared.windowKey());

        CheckResult result = new CheckAnomalies(fixture.blobs).run(run, prepared.rejected(), null,
                AnomalyConfig.defaults(), NOW);

        List<String> kinds = result.findings().stream().map(Finding::subKind).toList();
        assertEquals(List.of("empty_window", "rejected_records"), kinds);
        assertEquals(Severity.CRITICAL, result.findings().get(0).severity());
        assertEquals(1.0, result.findings().get(1).observed());
    }

    @Test
    void aRunAboutAPastDayJudgesStalenessAtThatDaysEnd() {
        java.time.LocalDate past = java.time.LocalDate.parse("2025-03-01");
        String key = fixture.putCustomers("incoming/past.csv", 120, 3);
        PrepareMonitoringWindow.Result prepared = new PrepareMonitoringWindow(fixture.blobs, fixture.registry).run(
                new PrepareMonitoringWindow.Command("mon-past", MonitoringFixture.MODEL, "champion", past, 1, key, null, null));
        MonitoringRun run = MonitoringRun.load(fixture.blobs, fixture.registry, "mon-past", past, MonitoringFixture.MODEL,
                prepared.version(), prepared.windowKey());

        CheckResult result = new CheckAnomalies(fixture.blobs).run(run, 0, null, AnomalyConfig.defaults(), NOW);

        assertFalse(result.findings().stream().anyMatch(f -> f.subKind().equals("stale_features")), result.findings()::toString);
    }

    @Test
    void aFailedCheckIsACriticalIncidentAndTheStateMovesOnlyAtCommit() {
        DecideMonitoring.Result decided = decide("mon-failed", List.of(
                new DecideMonitoring.CheckOutcome("drift", false, null, null, List.of(drift()), Map.of("drifted_features",
                        List.of("tenure"), "drift_share", 0.2)),
                new DecideMonitoring.CheckOutcome("performance", true, "java.io.UncheckedIOException", "disk gone",
                        List.of(), null)), 0, true);

        assertEquals(2, decided.alerts().size());
        assertTrue(decided.alerts().stream().anyMatch(a -> a.subject().contains("The performance check failed")
                && a.message().get("severity").equals("CRITICAL")), decided.alerts()::toString);
        assertEquals(List.of("performance"), decided.summary().get("failed_checks"));
        assertFalse(decided.retrain().start(), "no labels arrived: " + decided.retrain().reasons());
        String state = BlobLayout.monitoringState(MonitoringFixture.MODEL, DecideMonitoring.INCIDENTS);
        assertTrue(fixture.blobs.find(state).isEmpty(), "not kept before the alerts went out");

        Map<String, Object> summary = new CommitMonitoring(fixture.blobs).run(new CommitMonitoring.Command("mon-failed",
                MonitoringFixture.DATE, MonitoringFixture.MODEL, decided.summary(), false, null));

        assertEquals(2, IncidentLog.fromJson(fixture.blobs.get(state)).incidents().size());
        assertEquals(false, summary.get("retraining_started"));
        assertTrue(fixture.blobs.find(BlobLayout.monitoringState(MonitoringFixture.MODEL, DecideMonitoring.RETRAINING)).isEmpty());
        assertTrue(fixture.text(BlobLayout.monitoring(MonitoringFixture.DATE, "mon-failed", DecideMonitoring.SUMMARY))
                .contains("\"retraining_started\" : false"));
        assertTrue(fixture.text(BlobLayout.report("mon-failed")).contains("The performance check failed"));
    }

    @Test
    void aRetrainingRepeatsTheChampionsRecipeAndIsRecordedOnlyWhenStarted() {
        DecideMonitoring.Result decided = decide("mon-retrain", List.of(new DecideMonitoring.CheckOutcome("drift", false,
                null, null, List.of(drift()), Map.of())), 5_000, true);

        assertTrue(decided.retrain().start(), decided.retrain().reasons()::toString);
        assertEquals("retrain-mon-retrain", decided.retrain().executionName());
        assertEquals("monitoring", decided.retrain().input().get("trigger"));
        assertEquals(7, decided.retrain().input().get("seed"), "the run's overrides win over the recipe");
        String retraining = BlobLayout.monitoringState(MonitoringFixture.MODEL, DecideMonitoring.RETRAINING);
        assertTrue(fixture.blobs.find(retraining).isEmpty());

        new CommitMonitoring(fixture.blobs).run(new CommitMonitoring.Command("mon-retrain", MonitoringFixture.DATE,
                MonitoringFixture.MODEL, decided.summary(), true, "arn:aws:states:local:0:execution:churnops-training:x"));

        assertTrue(fixture.text(retraining).contains("retrain-mon-retrain"));
    }

    @Test
    void aRetrainingRepeatsTheWholeConfigurationTheChampionsRunRecordKeeps() {
        Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put("source", "shop");
        config.put("validatedKey", "validated/shop/dt=2026-01-31/shop.csv");
        config.put("seed", 11);
        config.put("featureView", "customer_behaviour");
        config.put("horizonDays", 30);
        config.put("activityDays", 60);
        config.put("business", null);
        config.put("hyperparameters", Map.of("algorithms", "gradient_boosting"));
        config.put("trigger", "schedule");
        config.put("modelName", MonitoringFixture.MODEL);
        new RecordRun(fixture.blobs, dev.churnops.core.port.ExperimentTracker.NONE).run(new RecordRun.Command("train-1",
                MonitoringFixture.MODEL, RecordRun.Outcome.COMPLETED, NOW.minusSeconds(600), NOW.minusSeconds(60), "schedule",
                "shop", 11, Map.of("algorithms", "gradient_boosting"), "max-f1", "test", null, config));

        Map<String, Object> input = decide("mon-recipe", List.of(new DecideMonitoring.CheckOutcome("drift", false, null,
                null, List.of(drift()), Map.of())), 5_000, true).retrain().input();

        assertEquals("customer_behaviour", input.get("featureView"));
        assertEquals(60, input.get("activityDays"));
        assertEquals(Map.of("algorithms", "gradient_boosting"), input.get("hyperparameters"));
        assertTrue(input.containsKey("business") && input.get("business") == null, input::toString);
        assertEquals(7, input.get("seed"), "the monitoring run's overrides win over the recipe");
        assertFalse(input.containsKey("validatedKey"), "a retraining takes the newest data, not the champion's file");
        assertEquals("monitoring", input.get("trigger"));
        assertEquals(MonitoringFixture.MODEL, input.get("modelName"));
    }

    @Test
    void aRunRecordWrittenBeforeTheConfigurationWasKeptGivesItsSourceSeedObjectiveAndHyperparameters() {
        new RecordRun(fixture.blobs, dev.churnops.core.port.ExperimentTracker.NONE).run(new RecordRun.Command("train-1",
                MonitoringFixture.MODEL, RecordRun.Outcome.COMPLETED, NOW.minusSeconds(600), NOW.minusSeconds(60), "manual",
                "customers", 11, Map.of("algorithms", "logistic_regression"), "precision>=0.6", "test", null, null));

        Map<String, Object> recipe = TrainingRecipe.of(fixture.registry, fixture.blobs, MonitoringFixture.MODEL, fixture.version);

        assertEquals(Map.of("source", "customers", "seed", 11L, "objective", "precision>=0.6",
                "hyperparameters", Map.of("algorithms", "logistic_regression")), recipe);
    }

    @Test
    void aRunThatMayNotRetrainSaysSoAndStartsNothing() {
        DecideMonitoring.Result decided = decide("mon-no-retrain", List.of(new DecideMonitoring.CheckOutcome("drift", false,
                null, null, List.of(drift()), Map.of())), 5_000, false);

        assertFalse(decided.retrain().start());
        assertNull(decided.retrain().executionName());
        assertTrue(decided.retrain().reasons().stream().anyMatch(r -> r.contains("allowRetraining false")),
                decided.retrain().reasons()::toString);
    }
}
