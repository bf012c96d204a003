package dev.churnops.core.pipeline;

import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.json.Json;
import dev.churnops.core.model.ChurnModel;
import dev.churnops.core.model.FeatureEncoder;
import dev.churnops.core.model.TrainingSummary;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.registry.ApprovalStatus;
import dev.churnops.core.registry.ModelCard;
import dev.churnops.core.registry.ModelVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Use case: register a trained and evaluated candidate as the next model version, with its model
 * card, as Approved and champion or as Rejected per the gate's decision. The decision, its rule and
 * both numbers it compared are recorded in the card and in {@code evaluations/<execution>/decision.json}.
 */
public final class RegisterCandidate {

    public static final String GATE_RULE = "approve when there is no champion, or when the candidate's test ROC-AUC"
            + " is at least the champion's on the same test set";

    public record Command(String executionId, String modelName, String evaluationKey, boolean approved,
                          String dataFingerprint, String codeVersion, Map<String, Integer> rows) {
        public Command {
            Objects.requireNonNull(executionId, "executionId");
            Objects.requireNonNull(modelName, "modelName");
            Objects.requireNonNull(evaluationKey, "evaluationKey");
            Objects.requireNonNull(dataFingerprint, "dataFingerprint");
            codeVersion = codeVersion == null ? "unknown" : codeVersion;
            rows = rows == null ? Map.of() : Map.copyOf(rows);
        }
    }

    public record Result(int version, String status, boolean champion, String modelSha256, String artifactKey,
                         String decisionKey) {
    }

    private final BlobStore blobs;
    private final ModelRegistry registry;

    public RegisterCandidate(BlobStore blobs, ModelRegistry registry) {
        this.blobs = blobs;
        this.registry = registry;
    }

    public Result run(Command command) {
        EvaluationRecord evaluation = Json.read(blobs.get(command.evaluationKey()), EvaluationRecord.class,
                command.evaluationKey());
        ModelArtifact trained = ModelArtifact.read(blobs.get(evaluation.modelArtifactKey()), evaluation.modelArtifactKey());
        ChurnModel model = trained.model();
        TrainingSummary training = trained.training();
        DatasetSpec spec = DatasetSpec.fromJson(blobs.get(TrainingSetFiles.specKey(evaluation.trainingSetPrefix())));
        String modelSha = Fingerprint.sha256(trained.modelBytes());
        ModelCard.Promotion promotion = new ModelCard.Promotion(command.approved(),
                evaluation.report().testMetrics().rocAuc(),
                evaluation.champion() == null ? null : evaluation.champion().version(),
                evaluation.champion() == null ? null : evaluation.champion().rocAuc(), GATE_RULE);
        ApprovalStatus status = command.approved() ? ApprovalStatus.Approved : ApprovalStatus.Rejected;
        ModelVersion version = registry.register(command.modelName(),
                v -> ModelArtifact.write(model, trained.baseline(), trained.monitoring().orElse(null), training,
                        trained.outOfFold().orElse(null), card(command, v, trained, model, modelSha, training, spec, evaluation, promotion)),
                status, describe(promotion));
        if (command.approved()) {
            registry.setAlias(command.modelName(), ModelRegistry.CHAMPION, version.version(), describe(promotion));
        }
        String decisionKey = BlobLayout.decision(command.executionId());
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("model_name", command.modelName());
        decision.put("version", version.version());
        decision.put("status", status.name());
        decision.put("promotion", promotion);
        blobs.put(decisionKey, Json.write(decision));
        return new Result(version.version(), status.name(), command.approved(), modelSha, version.artifactKey(), decisionKey);
    }

    private static ModelCard card(Command command, int version, ModelArtifact trained, ChurnModel model, String modelSha,
                                  TrainingSummary training,
                                  DatasetSpec spec, EvaluationRecord evaluation, ModelCard.Promotion promotion) {
        var metrics = evaluation.report().testMetrics();
        Map<String, Double> testMetrics = new LinkedHashMap<>();
        testMetrics.put("roc_auc", metrics.rocAuc());
        testMetrics.put("pr_auc", metrics.prAuc());
        testMetrics.put("f1", metrics.f1());
        testMetrics.put("precision", metrics.precision());
        testMetrics.put("recall", metrics.recall());
        testMetrics.put("weighted_f1", metrics.weightedF1());
        testMetrics.put("accuracy", metrics.accuracy());
        if (evaluation.report().calibration() != null) {
            testMetrics.put("brier_score", evaluation.report().calibration().brierAfter());
        }
        var choice = evaluation.report().thresholdChoice();
        List<ModelCard.CandidateSummary> candidates = new ArrayList<>();
        training.candidates().forEach(c -> candidates.add(new ModelCard.CandidateSummary(c.algorithm(), c.validationRocAuc(),
                c.outOfFoldRocAuc())));
        String provenance = training.candidates().stream().filter(c -> c.algorithm().equals(model.algorithm()))
                .map(TrainingSummary.CandidateEntry::provenance).findFirst().orElse("");
        return new ModelCard(command.modelName(), version, model.algorithm(), training.hyperparameters(),
                Long.parseLong(training.hyperparameters().get("seed")), command.dataFingerprint(), modelSha,
                command.codeVersion(), command.executionId(),
                new ModelCard.Label(spec.labelColumn(), spec.positiveLabel()), command.rows(), testMetrics,
                new ModelCard.Threshold(choice.threshold(), choice.objective().describe(choice.rows()), choice.reason()),
                segments(choice.threshold(), trained.baseline().positiveRate()),
                signature(model.encoder()), candidates, promotion, provenance);
    }

    /**
     * High risk from the decision threshold; medium from the training churn rate (a customer more
     * likely to leave than the average one), or half the threshold when the rate is not below it.
     */
    static ModelCard.RiskSegments segments(double threshold, double churnRate) {
        double medium = churnRate < threshold ? churnRate : threshold / 2;
        return new ModelCard.RiskSegments(threshold, medium, "high: probability >= decision threshold; medium: >= "
                + (churnRate < threshold ? "the training churn rate" : "half the decision threshold") + "; low: below");
    }

    /** The input signature: each column, its type and (for categories) the values the model knows. */
    public static List<ModelCard.InputColumn> signature(FeatureEncoder encoder) {
        List<ModelCard.InputColumn> columns = new ArrayList<>();
        for (FeatureEncoder.ColumnEncoding c : encoder.columns()) {
            columns.add(new ModelCard.InputColumn(c.column(), c.type(), c.categories(), true));
        }
        return columns;
    }

    private static String describe(ModelCard.Promotion p) {
        return (p.approved() ? "approved" : "rejected") + ": candidate test ROC-AUC "
                + String.format(java.util.Locale.ROOT, "%.4f", p.candidateRocAuc())
                + (p.championRocAuc() == null ? ", no champion"
                : String.format(java.util.Locale.ROOT, " vs champion v%d %.4f", p.championVersion(), p.championRocAuc()));
    }
}
