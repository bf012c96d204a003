package dev.churnops.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.evaluation.BinaryMetrics;
import dev.churnops.core.evaluation.BusinessAssumptions;
import dev.churnops.core.evaluation.CalibrationReport;
import dev.churnops.core.evaluation.ThresholdChoice;
import dev.churnops.core.evaluation.ThresholdObjective;
import dev.churnops.core.evaluation.ThresholdSelector;
import dev.churnops.core.model.ChurnModel;
import dev.churnops.core.model.OutOfFoldPredictions;
import dev.churnops.core.report.RiskiestCustomers;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EvaluateCandidateTest {

    private final PipelineFixture fixture = new PipelineFixture();
    private String prefix;
    private String candidateKey;

    @BeforeEach
    void trainedCandidate() {
        fixture.ingest();
        prefix = fixture.trainingSet("train-1").trainingSetPrefix();
        candidateKey = fixture.trainCandidate("train-1", prefix, PipelineFixture.LOGISTIC);
    }

    private EvaluateCandidate.Result evaluate() {
        return new EvaluateCandidate(fixture.blobs, fixture.registry).run(new EvaluateCandidate.Command("train-1",
                PipelineFixture.MODEL_NAME, candidateKey, prefix, ThresholdObjective.maxF1(), BusinessAssumptions.defaults()));
    }

    private static ChurnModel model(byte[] artifact) {
        return ModelArtifact.read(artifact, "model.tar.gz").model();
    }

    @Test
    void measuresTheCandidateOnTheTestSplit() {
        EvaluateCandidate.Result result = evaluate();

        LabeledTable test = fixture.split(prefix, "test");
        double expected = BinaryMetrics.rocAuc(model(fixture.blobs.get(candidateKey)).score(test), test.labels());
        assertEquals(expected, result.candidateRocAuc(), 1e-12);
        assertTrue(result.candidateRocAuc() > 0.6, "the candidate learned something: " + result.candidateRocAuc());
        assertTrue(result.threshold() > 0 && result.threshold() < 1, "threshold " + result.threshold());
    }

    @Test
    void recordsTheBrierScoreBeforeAndAfterTheCandidatesCalibrationOnTest() {
        candidateKey = fixture.trainCandidate("train-1", prefix, Map.of("algorithms", "logistic_regression",
                "logistic_regression.epochs", "5", "calibration", "platt"));

        EvaluateCandidate.Result result = evaluate();

        ChurnModel model = model(fixture.blobs.get(candidateKey));
        LabeledTable test = fixture.split(prefix, "test");
        CalibrationReport c = fixture.read(result.evaluationKey(), EvaluationRecord.class).report().calibration();
        assertEquals("platt", model.calibrationMethod());
        assertEquals("platt", c.method());
        assertTrue(c.rule().startsWith("platt: requested by hyperparameter 'calibration'"), c.rule());
        assertEquals(BinaryMetrics.brierScore(model.withoutCalibration().score(test), test.labels()), c.brierBefore(), 1e-15);
        assertEquals(BinaryMetrics.brierScore(model.score(test), test.labels()), c.brierAfter(), 1e-15);
        assertEquals(BinaryMetrics.rocAuc(model.score(test), test.labels()), result.candidateRocAuc(), 1e-15,
                "the gate sees the served, calibrated scores");
    }

    @Test
    void withoutValidationRowsChoosesTheThresholdOnTheCandidatesOutOfFoldPredictions() {
        String twoWay = fixture.trainingSetWithoutValidation("train-2").trainingSetPrefix();
        String key = fixture.trainCandidate("train-2", twoWay, PipelineFixture.LOGISTIC);

        EvaluateCandidate.Result result = new EvaluateCandidate(fixture.blobs, fixture.registry).run(new EvaluateCandidate.Command(
                "train-2", PipelineFixture.MODEL_NAME, key, twoWay, ThresholdObjective.maxF1(), BusinessAssumptions.defaults()));

        OutOfFoldPredictions oof = ModelArtifact.read(fixture.blobs.get(key), key).outOfFold().orElseThrow();
        ThresholdChoice expected = ThresholdSelector.choose(oof.probability(), oof.label(), ThresholdObjective.maxF1());
        ThresholdChoice choice = fixture.read(result.evaluationKey(), EvaluationRecord.class).report().thresholdChoice();
        assertEquals(expected.threshold(), result.threshold());
        assertEquals(ThresholdChoice.OUT_OF_FOLD, choice.rows());
        assertTrue(choice.reason().contains("on the out-of-fold predictions of the training rows"), choice.reason());
        assertEquals(fixture.split(twoWay, "train").size(), oof.size());
    }

    @Test
    void failsNamingBothWhenThereAreNeitherValidationRowsNorOutOfFoldPredictions() {
        String twoWay = fixture.trainingSetWithoutValidation("train-2").trainingSetPrefix();

        // A candidate trained on the three-way set carries no out-of-fold predictions.
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new EvaluateCandidate(fixture.blobs, fixture.registry).run(new EvaluateCandidate.Command("train-2",
                        PipelineFixture.MODEL_NAME, candidateKey, twoWay, ThresholdObjective.maxF1(),
                        BusinessAssumptions.defaults())));

        assertTrue(e.getMessage().contains("has no validation rows") && e.getMessage().contains("out-of-fold.csv"),
                e.getMessage());
    }

    @Test
    void reportsNoChampionWhenNoneIsServing() {
        EvaluateCandidate.Result result = evaluate();

        assertNull(result.championVersion());
        assertNull(result.championRocAuc());
        EvaluationRecord record = fixture.read(result.evaluationKey(), EvaluationRecord.class);
        assertNull(record.champion());
    }

    @Test
    void scoresTheChampionOnTheSameTestSplit() {
        int champion = fixture.registerChampion(prefix);

        EvaluateCandidate.Result result = evaluate();

        LabeledTable test = fixture.split(prefix, "test");
        double expected = BinaryMetrics.rocAuc(model(fixture.registry.artifact(PipelineFixture.MODEL_NAME, champion)).score(test),
                test.labels());
        assertEquals(champion, result.championVersion());
        assertEquals(expected, result.championRocAuc(), 1e-12);
        assertNotEquals(result.candidateRocAuc(), result.championRocAuc(), "two different models were compared");
        EvaluationRecord record = fixture.read(result.evaluationKey(), EvaluationRecord.class);
        assertEquals(champion, record.champion().version());
        assertEquals(expected, record.champion().rocAuc(), 1e-12);
    }

    @Test
    void writesTheFullEvaluationWithWhatWasEvaluatedOnWhat() {
        EvaluateCandidate.Result result = evaluate();

        assertEquals("evaluations/train-1/evaluation.json", result.evaluationKey());
        EvaluationRecord record = fixture.read(result.evaluationKey(), EvaluationRecord.class);
        assertEquals("train-1", record.execution());
        assertEquals(candidateKey, record.modelArtifactKey());
        assertEquals(prefix, record.trainingSetPrefix());
        assertEquals("logistic_regression", record.algorithm());
        assertEquals(result.candidateRocAuc(), record.report().testMetrics().rocAuc());
        assertEquals(result.threshold(), record.report().thresholdChoice().threshold());
        assertEquals(fixture.split(prefix, "test").size(), record.report().confusionMatrix().total());
    }

    @Test
    void keepsTheTenRiskiestTestCustomersWithTheirIdsProbabilitiesAndReasons() {
        candidateKey = fixture.trainCandidate("train-1", prefix, PipelineFixture.FOREST);

        EvaluateCandidate.Result result = evaluate();

        RiskiestCustomers riskiest = fixture.read(result.evaluationKey(), EvaluationRecord.class).riskiestCustomers();
        ChurnModel model = model(fixture.blobs.get(candidateKey));
        LabeledTable test = fixture.split(prefix, "test");
        double[] p = model.score(test);
        double[] sorted = p.clone();
        java.util.Arrays.sort(sorted);
        assertEquals(RiskiestCustomers.COUNT, riskiest.customers().size());
        assertTrue(riskiest.explained().contains("vote share"), riskiest.explained());
        assertTrue(riskiest.baseValue() > 0 && riskiest.baseValue() < 1, "a forest's base value is a vote share");
        for (int k = 0; k < RiskiestCustomers.COUNT; k++) {
            RiskiestCustomers.Customer c = riskiest.customers().get(k);
            assertEquals(sorted[sorted.length - 1 - k], c.probability(), 0.0, "riskiest first");
            assertEquals(p[c.row() - 1], c.probability(), 0.0, "row " + c.row());
            assertEquals(test.ids()[c.row() - 1], c.customerId());
            assertTrue(!c.reasons().isEmpty() && c.reasons().size() <= 3, c.toString());
            for (int i = 0; i < c.reasons().size(); i++) {
                assertTrue(c.reasons().get(i).contribution() > 0, c.toString());
                assertTrue(i == 0 || c.reasons().get(i - 1).contribution() >= c.reasons().get(i).contribution(), c.toString());
            }
        }
    }
}
