package dev.churnops.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.evaluation.BusinessAssumptions;
import dev.churnops.core.evaluation.ThresholdObjective;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.ExperimentTracker;
import dev.churnops.core.tracking.RunRecord;
import dev.churnops.core.tracking.RunStatus;
import dev.churnops.core.tracking.TrackingResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RecordRun after a real (small) pipeline: what a succeeded, rejected and failed run leave under runs/. */
class RecordRunTest {

    private static final Instant STARTED = Instant.parse("2026-12-01T06:30:00Z");
    private static final Instant ENDED = Instant.parse("2026-12-01T06:31:30.500Z");
    /** The training workflow's $.config as a run would pass it; a null setting is part of it. */
    private static final Map<String, Object> CONFIG = config();

    private static Map<String, Object> config() {
        Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("source", PipelineFixture.SOURCE);
        c.put("seed", 7);
        c.put("featureView", null);
        c.put("horizonDays", 30);
        c.put("hyperparameters", PipelineFixture.LOGISTIC);
        c.put("trigger", "manual");
        return c;
    }

    private final PipelineFixture fixture = new PipelineFixture();
    private BuildTrainingSet.Result set;
    private String candidateKey;
    private EvaluateCandidate.Result evaluation;

    @BeforeEach
    void evaluatedCandidate() {
        fixture.ingest();
        set = fixture.trainingSet("train-1");
        candidateKey = fixture.trainCandidate("train-1", set.trainingSetPrefix(), PipelineFixture.LOGISTIC);
        evaluation = new EvaluateCandidate(fixture.blobs, fixture.registry).run(new EvaluateCandidate.Command("train-1",
                PipelineFixture.MODEL_NAME, candidateKey, set.trainingSetPrefix(), ThresholdObjective.maxF1(),
                BusinessAssumptions.defaults()));
    }

    private RecordRun.TrainingSetStep setStep() {
        return new RecordRun.TrainingSetStep(set.trainingSetPrefix(), set.validatedKey(), set.dataFingerprint(), set.rows(),
                set.positives());
    }

    private RecordRun.TrainingStep trainingStep() {
        return new RecordRun.TrainingStep(LaunchTraining.jobName("train-1"), "Completed", candidateKey, null,
                Map.of("train_seconds", 1.5, "train_seconds.logistic_regression", 1.25));
    }

    private RecordRun.EvaluationStep evaluationStep() {
        return new RecordRun.EvaluationStep(evaluation.evaluationKey(), evaluation.candidateRocAuc(),
                evaluation.championVersion(), evaluation.championRocAuc(), evaluation.threshold());
    }

    private RecordRun.Steps completedSteps(boolean approved) {
        RegisterCandidate.Result registered = new RegisterCandidate(fixture.blobs, fixture.registry).run(
                new RegisterCandidate.Command("train-1", PipelineFixture.MODEL_NAME, evaluation.evaluationKey(), approved,
                        set.dataFingerprint(), "git-abc123", set.rows()));
        String report = new PublishReport(fixture.blobs).run(new PublishReport.Command("train-1", evaluation.evaluationKey(),
                registered.decisionKey(), set.dataFingerprint(), "git-abc123", 304, 300, 4, Map.of()));
        return new RecordRun.Steps(setStep(), trainingStep(), evaluationStep(), new RecordRun.GateStep(approved),
                new RecordRun.RegistrationStep(registered.version(), registered.status(), registered.champion(),
                        registered.modelSha256(), registered.artifactKey(), registered.decisionKey()),
                new RecordRun.ReportStep(report), null);
    }

    private RecordRun.Command command(RecordRun.Outcome outcome, Map<String, String> given, RecordRun.Steps steps) {
        return new RecordRun.Command("train-1", PipelineFixture.MODEL_NAME, outcome, STARTED, ENDED, "manual",
                PipelineFixture.SOURCE, 7, given, "max-f1", "git-abc123", steps, CONFIG);
    }

    private RunRecord stored(String key) {
        return fixture.read(key, RunRecord.class);
    }

    @Test
    void recordsASucceededRunWithWhatWentInWhatCameOutAndWhereItIs() {
        RecordRun.Result result = new RecordRun(fixture.blobs, ExperimentTracker.NONE)
                .run(command(RecordRun.Outcome.COMPLETED, PipelineFixture.LOGISTIC, completedSteps(true)));

        assertEquals("runs/churn/train-1.json", result.runKey());
        assertEquals("succeeded", result.status());
        assertEquals(List.of(), result.warnings());
        RunRecord run = stored(result.runKey());
        assertEquals("train-1", run.runId());
        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals("2026-12-01T06:30:00.000Z", run.startedAt());
        assertEquals("2026-12-01T06:31:30.500Z", run.endedAt());
        assertEquals(90.5, run.durationSeconds());
        assertNull(run.error());
        assertEquals(7, run.seed());
        assertEquals(PipelineFixture.LOGISTIC, run.hyperparameters().given());
        assertEquals("5", run.hyperparameters().resolved().get("logistic_regression.epochs"));
        assertEquals("100", run.hyperparameters().resolved().get("random_forest.trees"), "defaults are resolved too");
        assertEquals("logistic_regression", run.algorithm());
        assertEquals(1, run.candidates().size());
        RunRecord.Candidate candidate = run.candidates().get(0);
        assertEquals("logistic_regression", candidate.algorithm());
        assertTrue(candidate.chosen());
        assertEquals(1.25, candidate.trainSeconds());
        assertTrue(candidate.validationRocAuc() > 0.5, () -> "validation ROC-AUC " + candidate.validationRocAuc());
        assertEquals(evaluation.candidateRocAuc(), run.testMetrics().get("roc_auc"));
        assertTrue(run.testMetrics().keySet().containsAll(List.of("pr_auc", "f1", "precision", "recall", "threshold")),
                run.testMetrics()::toString);
        assertTrue(run.gate().approved());
        assertEquals(RegisterCandidate.GATE_RULE, run.gate().rule());
        assertNull(run.gate().championRocAuc());
        assertEquals(1, run.registered().version());
        assertEquals("Approved", run.registered().status());
        assertTrue(run.registered().champion());
        assertEquals(set.dataFingerprint(), run.data().fingerprint());
        assertEquals(set.validatedKey(), run.data().validatedKey());
        assertEquals(set.rows(), run.data().rows());
        assertEquals("git-abc123", run.codeVersion());
        assertEquals(CONFIG, run.config(), "the whole configuration, its unset settings included");
        assertTrue(run.config().containsKey("featureView"));
        assertEquals(set.trainingSetPrefix(), run.artifacts().trainingSet());
        assertEquals(List.of("config/", "test/", "train/", "validation/"), run.artifacts().trainingSetKeys().stream()
                .map(k -> k.substring(set.trainingSetPrefix().length(), k.indexOf('/', set.trainingSetPrefix().length()) + 1))
                .distinct().sorted().toList());
        assertEquals(candidateKey, run.artifacts().trainingJobArtifact());
        assertEquals("models/churn/1/model.tar.gz", run.artifacts().modelArtifact());
        assertEquals("reports/train-1/index.html", run.artifacts().report());
        assertNull(run.mlflow(), "no tracker configured");
    }

    @Test
    void recordsARunTheGateRejectedAsRejected() {
        RecordRun.Result result = new RecordRun(fixture.blobs, ExperimentTracker.NONE)
                .run(command(RecordRun.Outcome.COMPLETED, PipelineFixture.LOGISTIC, completedSteps(false)));

        RunRecord run = stored(result.runKey());
        assertEquals(RunStatus.REJECTED, run.status());
        assertEquals("rejected", result.status());
        assertEquals("Rejected", run.registered().status());
        assertFalse(run.gate().approved());
    }

    @Test
    void recordsAFailedRunWithItsErrorAndOnlyWhatItReached() {
        RecordRun.Steps steps = new RecordRun.Steps(setStep(), null, null, null, null, null,
                new RecordRun.StepError("java.lang.IllegalStateException",
                        "{\"errorMessage\":\"disk on fire\",\"errorType\":\"java.lang.IllegalStateException\"}"));

        RecordRun.Result result = new RecordRun(fixture.blobs, ExperimentTracker.NONE)
                .run(command(RecordRun.Outcome.FAILED, PipelineFixture.LOGISTIC, steps));

        RunRecord run = stored(result.runKey());
        assertEquals(RunStatus.FAILED, run.status());
        assertEquals(new RunRecord.Failure("java.lang.IllegalStateException", "disk on fire"), run.error());
        assertEquals(set.dataFingerprint(), run.data().fingerprint(), "the training set was built before the failure");
        assertEquals(List.of(), run.candidates());
        assertEquals(Map.of(), run.testMetrics());
        assertNull(run.algorithm());
        assertNull(run.gate());
        assertNull(run.registered());
        assertNull(run.artifacts().modelArtifact());
        assertEquals("5", run.hyperparameters().resolved().get("logistic_regression.epochs"),
                "the given hyperparameters, resolved as training would have");
    }

    @Test
    void recordsInvalidHyperparametersAsGivenWithoutResolvingThem() {
        Map<String, String> invalid = Map.of("random_forest.trees", "0");
        RecordRun.Steps steps = new RecordRun.Steps(setStep(), null, null, null, null, null,
                new RecordRun.StepError("java.lang.IllegalArgumentException", "hyperparameter 'random_forest.trees' is 0"));

        RunRecord run = stored(new RecordRun(fixture.blobs, ExperimentTracker.NONE)
                .run(command(RecordRun.Outcome.FAILED, invalid, steps)).runKey());

        assertEquals(invalid, run.hyperparameters().given());
        assertNull(run.hyperparameters().resolved());
        assertEquals("hyperparameter 'random_forest.trees' is 0", run.error().message());
    }

    @Test
    void recordsWhatTheTrackerReportedAndTurnsItsFailureIntoAWarning() {
        List<RunRecord> logged = new ArrayList<>();
        ExperimentTracker failing = run -> {
            logged.add(run);
            return Optional.of(TrackingResult.failed("http://127.0.0.1:5000", "3", null,
                    "POST /api/2.0/mlflow/runs/create answered 500"));
        };

        RecordRun.Result result = new RecordRun(fixture.blobs, failing)
                .run(command(RecordRun.Outcome.COMPLETED, PipelineFixture.LOGISTIC, completedSteps(true)));

        assertEquals("succeeded", result.status(), "tracking does not decide the outcome");
        assertEquals(1, logged.size());
        assertEquals("train-1", logged.get(0).runId());
        RunRecord run = stored(result.runKey());
        assertNotNull(run.mlflow());
        assertEquals("failed", run.mlflow().status());
        assertEquals("3", run.mlflow().experimentId());
        assertEquals("POST /api/2.0/mlflow/runs/create answered 500", run.mlflow().error());
        assertEquals(1, result.warnings().size());
        assertTrue(result.warnings().get(0).contains("runs/create answered 500"), result.warnings()::toString);
    }

    @Test
    void writesTheDocumentThroughTheSharedJsonSoItReadsBackAsWritten() {
        String key = new RecordRun(fixture.blobs, ExperimentTracker.NONE)
                .run(command(RecordRun.Outcome.COMPLETED, PipelineFixture.LOGISTIC, completedSteps(true))).runKey();

        byte[] bytes = fixture.blobs.get(key);
        assertEquals(new String(Json.write(Json.read(bytes, RunRecord.class, key))), new String(bytes));
    }
}
