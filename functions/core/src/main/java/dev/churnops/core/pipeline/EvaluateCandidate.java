package dev.churnops.core.pipeline;

import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.evaluation.BinaryMetrics;
import dev.churnops.core.evaluation.BusinessAssumptions;
import dev.churnops.core.evaluation.EvaluationReport;
import dev.churnops.core.evaluation.Evaluator;
import dev.churnops.core.evaluation.ThresholdChoice;
import dev.churnops.core.evaluation.ThresholdObjective;
import dev.churnops.core.json.Json;
import dev.churnops.core.model.CalibrationSummary;
import dev.churnops.core.model.ChurnModel;
import dev.churnops.core.model.OutOfFoldPredictions;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.registry.ModelVersion;
import dev.churnops.core.report.RiskiestCustomers;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: evaluate a trained candidate. The threshold is chosen by the stated objective on the
 * validation split, or, when the training set has no validation rows, on the candidate's
 * out-of-fold predictions of its training rows ({@code out-of-fold.csv}, calibrated as served);
 * every reported metric is measured on the test split, which neither training nor threshold
 * choice saw. Scores are the served ones, calibration included; the test split is
 * also scored without the calibration, so the report can show what calibration changed. The
 * current champion is scored on the same test split, so the gate compares like with like. The
 * {@link RiskiestCustomers#COUNT} riskiest test customers are kept with their reason codes.
 */
public final class EvaluateCandidate {

    public record Command(String executionId, String modelName, String modelArtifactKey, String trainingSetPrefix,
                          ThresholdObjective objective, BusinessAssumptions assumptions) {
        public Command {
            Objects.requireNonNull(executionId, "executionId");
            Objects.requireNonNull(modelName, "modelName");
            Objects.requireNonNull(modelArtifactKey, "modelArtifactKey");
            Objects.requireNonNull(trainingSetPrefix, "trainingSetPrefix");
            Objects.requireNonNull(objective, "objective");
            Objects.requireNonNull(assumptions, "assumptions");
        }
    }

    /** What the gate needs, plus where the full evaluation is. */
    public record Result(String evaluationKey, double candidateRocAuc, Integer championVersion, Double championRocAuc,
                         double threshold) {
    }

    private final BlobStore blobs;
    private final ModelRegistry registry;

    public EvaluateCandidate(BlobStore blobs, ModelRegistry registry) {
        this.blobs = blobs;
        this.registry = registry;
    }

    public Result run(Command command) {
        ModelArtifact artifact = ModelArtifact.read(blobs.get(command.modelArtifactKey()), command.modelArtifactKey());
        ChurnModel candidate = artifact.model();
        CalibrationSummary calibrationChoice = artifact.training().calibration();
        DatasetSpec spec = DatasetSpec.fromJson(blobs.get(TrainingSetFiles.specKey(command.trainingSetPrefix())));
        LabeledTable validation = split(command.trainingSetPrefix(), "validation", spec);
        LabeledTable test = split(command.trainingSetPrefix(), "test", spec);
        Evaluator.Calibration calibration = new Evaluator.Calibration(candidate.calibrationMethod(),
                calibrationChoice == null ? "not recorded (trained before calibration choices were recorded)"
                        : calibrationChoice.rule(), candidate.withoutCalibration().score(test));
        EvaluationReport report;
        if (validation.size() > 0) {
            report = Evaluator.evaluate(candidate.score(validation), validation.labels(), candidate.score(test), test.labels(),
                    calibration, command.objective(), command.assumptions());
        } else {
            OutOfFoldPredictions outOfFold = artifact.outOfFold().orElseThrow(() -> new IllegalArgumentException(
                    "the training set " + command.trainingSetPrefix() + " has no validation rows and "
                            + command.modelArtifactKey() + " has no " + OutOfFoldPredictions.FILE_NAME
                            + ": expected one or the other to choose the decision threshold on"));
            report = Evaluator.evaluate(outOfFold.probability(), outOfFold.label(), ThresholdChoice.OUT_OF_FOLD,
                    candidate.score(test), test.labels(), calibration, command.objective(), command.assumptions());
        }

        EvaluationRecord.Champion champion = null;
        Optional<ModelVersion> current = registry.alias(command.modelName(), ModelRegistry.CHAMPION);
        if (current.isPresent()) {
            ModelVersion v = current.get();
            ChurnModel championModel = ModelArtifact.read(registry.artifact(command.modelName(), v.version()),
                    v.artifactKey()).model();
            List<String> lacking = championModel.encoder().columns().stream().map(c -> c.column())
                    .filter(c -> !test.featureNames().contains(c)).toList();
            if (!lacking.isEmpty()) {
                // Comparing on different data would be meaningless, and promoting would silently
                // replace a model of another table: stop and say how to keep them apart.
                throw new IllegalArgumentException("the champion of model '" + command.modelName() + "' (v" + v.version()
                        + ") reads columns " + lacking + " that this training set lacks: it was trained on other data;"
                        + " train this data under another model name");
            }
            champion = new EvaluationRecord.Champion(v.version(),
                    BinaryMetrics.rocAuc(championModel.score(test), test.labels()));
        }
        RiskiestCustomers riskiest = ExplainRiskiest.of(candidate, test, spec.idColumn() != null, RiskiestCustomers.COUNT);
        String key = BlobLayout.evaluation(command.executionId());
        blobs.put(key, Json.write(new EvaluationRecord(command.executionId(), command.modelName(), command.modelArtifactKey(),
                command.trainingSetPrefix(), candidate.algorithm(), report, champion, riskiest)));
        return new Result(key, report.testMetrics().rocAuc(), champion == null ? null : champion.version(),
                champion == null ? null : champion.rocAuc(), report.testMetrics().threshold());
    }

    private LabeledTable split(String prefix, String channel, DatasetSpec spec) {
        String key = TrainingSetFiles.channelKey(prefix, channel);
        return TrainingSetFiles.read(blobs.get(key), spec, key);
    }
}
