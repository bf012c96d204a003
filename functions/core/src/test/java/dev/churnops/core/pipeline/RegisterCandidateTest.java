package dev.churnops.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.evaluation.BusinessAssumptions;
import dev.churnops.core.evaluation.ThresholdObjective;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.registry.ApprovalStatus;
import dev.churnops.core.registry.ModelCard;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegisterCandidateTest {

    private final PipelineFixture fixture = new PipelineFixture();
    private BuildTrainingSet.Result set;
    private String candidateKey;

    @BeforeEach
    void trainedCandidate() {
        fixture.ingest();
        set = fixture.trainingSet("train-1");
        candidateKey = fixture.trainCandidate("train-1", set.trainingSetPrefix(), PipelineFixture.LOGISTIC);
    }

    private EvaluateCandidate.Result evaluate(String execution, ThresholdObjective objective) {
        return new EvaluateCandidate(fixture.blobs, fixture.registry).run(new EvaluateCandidate.Command(execution,
                PipelineFixture.MODEL_NAME, candidateKey, set.trainingSetPrefix(), objective, BusinessAssumptions.defaults()));
    }

    private RegisterCandidate.Result register(String execution, EvaluateCandidate.Result evaluation, boolean approved) {
        return new RegisterCandidate(fixture.blobs, fixture.registry).run(new RegisterCandidate.Command(execution,
                PipelineFixture.MODEL_NAME, evaluation.evaluationKey(), approved, set.dataFingerprint(), "git-abc123",
                Map.of("train", set.rows().get("train"), "validation", set.rows().get("validation"), "test", set.rows().get("test"))));
    }

    private ModelArtifact registered(int version) {
        return ModelArtifact.read(fixture.registry.artifact(PipelineFixture.MODEL_NAME, version), "v" + version);
    }

    @Test
    void registersTheFirstCandidateAsVersionOneApprovedAndChampion() {
        RegisterCandidate.Result result = register("train-1", evaluate("train-1", ThresholdObjective.maxF1()), true);

        assertEquals(1, result.version());
        assertEquals("Approved", result.status());
        assertTrue(result.champion());
        assertEquals(1, fixture.registry.alias(PipelineFixture.MODEL_NAME, ModelRegistry.CHAMPION).orElseThrow().version());
        assertEquals(ApprovalStatus.Approved, fixture.registry.version(PipelineFixture.MODEL_NAME, 1).orElseThrow().status());
        assertEquals("models/churn/1/model.tar.gz", result.artifactKey());
    }

    @Test
    void writesAModelCardIntoTheRegisteredArtifact() {
        EvaluateCandidate.Result evaluation = evaluate("train-1", ThresholdObjective.minRecall(0.6));
        RegisterCandidate.Result result = register("train-1", evaluation, true);

        ModelArtifact artifact = registered(1);
        ModelCard card = artifact.card().orElseThrow();
        assertEquals(PipelineFixture.MODEL_NAME, card.modelName());
        assertEquals(1, card.version());
        assertEquals("logistic_regression", card.algorithm());
        assertEquals(set.dataFingerprint(), card.dataFingerprint());
        assertEquals(Fingerprint.sha256(artifact.modelBytes()), card.modelSha256());
        assertEquals(result.modelSha256(), card.modelSha256());
        assertEquals("git-abc123", card.codeVersion());
        assertEquals("train-1", card.trainingExecution());
        assertEquals(42L, card.seed());
        assertEquals("5", card.hyperparameters().get("logistic_regression.epochs"));
        assertEquals(new ModelCard.Label("Churn", "Yes"), card.label());
        assertEquals(evaluation.threshold(), card.threshold().value());
        assertEquals(ThresholdObjective.minRecall(0.6).describe(), card.threshold().objective());
        assertFalse(card.threshold().reason().isBlank());
        assertEquals(evaluation.candidateRocAuc(), card.testMetrics().get("roc_auc"));
        assertEquals(fixture.read(evaluation.evaluationKey(), EvaluationRecord.class).report().calibration().brierAfter(),
                card.testMetrics().get("brier_score"), "the served probability's test Brier score");
        assertEquals(List.of("tenure", "MonthlyCharges", "Contract", "Partner", "PaymentMethod"),
                card.inputSignature().stream().map(ModelCard.InputColumn::name).toList());
        assertEquals(set.rows().get("test"), card.rows().get("test"));
    }

    @Test
    void recordsThePromotionNumbersWithoutAChampion() {
        EvaluateCandidate.Result evaluation = evaluate("train-1", ThresholdObjective.maxF1());
        register("train-1", evaluation, true);

        ModelCard.Promotion promotion = registered(1).card().orElseThrow().promotion();
        assertTrue(promotion.approved());
        assertEquals(evaluation.candidateRocAuc(), promotion.candidateRocAuc());
        assertNull(promotion.championVersion());
        assertNull(promotion.championRocAuc());
        assertEquals(RegisterCandidate.GATE_RULE, promotion.rule());
    }

    @Test
    void recordsTheChampionItWasComparedWithWhenRejected() {
        int champion = fixture.registerChampion(set.trainingSetPrefix());
        EvaluateCandidate.Result evaluation = evaluate("train-2", ThresholdObjective.maxF1());

        RegisterCandidate.Result result = register("train-2", evaluation, false);

        assertEquals(2, result.version());
        assertEquals("Rejected", result.status());
        assertFalse(result.champion());
        assertEquals(champion, fixture.registry.alias(PipelineFixture.MODEL_NAME, ModelRegistry.CHAMPION).orElseThrow().version());
        ModelCard.Promotion promotion = registered(2).card().orElseThrow().promotion();
        assertFalse(promotion.approved());
        assertEquals(champion, promotion.championVersion());
        assertEquals(evaluation.championRocAuc(), promotion.championRocAuc());
        assertEquals(evaluation.candidateRocAuc(), promotion.candidateRocAuc());
    }

    @Test
    void keepsTheTrainedModelFileByteForByte() {
        RegisterCandidate.Result result = register("train-1", evaluate("train-1", ThresholdObjective.maxF1()), true);

        ModelArtifact trained = ModelArtifact.read(fixture.blobs.get(candidateKey), candidateKey);
        assertArrayEquals(trained.modelBytes(), registered(1).modelBytes());
        assertEquals(Fingerprint.sha256(trained.modelBytes()), result.modelSha256());
        assertArrayEquals(Json.write(trained.baseline()), Json.write(registered(1).baseline()));
        // The monitoring baseline travels with the model, as Model Monitor's two files.
        assertArrayEquals(trained.monitoring().orElseThrow().statisticsJson(),
                registered(1).monitoring().orElseThrow().statisticsJson());
        assertArrayEquals(trained.monitoring().orElseThrow().constraintsJson(),
                registered(1).monitoring().orElseThrow().constraintsJson());
    }

    @Test
    void writesTheDecisionWithVersionStatusAndPromotion() {
        EvaluateCandidate.Result evaluation = evaluate("train-1", ThresholdObjective.maxF1());
        RegisterCandidate.Result result = register("train-1", evaluation, true);

        assertEquals("evaluations/train-1/decision.json", result.decisionKey());
        JsonNode decision = Json.tree(fixture.blobs.get(result.decisionKey()), "decision");
        assertEquals(PipelineFixture.MODEL_NAME, decision.get("model_name").asText());
        assertEquals(1, decision.get("version").asInt());
        assertEquals("Approved", decision.get("status").asText());
        assertTrue(decision.get("promotion").get("approved").asBoolean());
        assertEquals(evaluation.candidateRocAuc(), decision.get("promotion").get("candidate_roc_auc").asDouble());
    }
}
