package dev.churnops.core.pipeline;

import dev.churnops.core.json.Json;
import dev.churnops.core.model.BoostedPredictor;
import dev.churnops.core.model.CrossValidationSummary;
import dev.churnops.core.model.ForestPredictor;
import dev.churnops.core.model.Predictor;
import dev.churnops.core.model.SearchSummary;
import dev.churnops.core.model.TrainingSummary;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.registry.ModelCard;
import dev.churnops.core.report.CandidateResult;
import dev.churnops.core.report.FeatureImportance;
import dev.churnops.core.report.GateDecision;
import dev.churnops.core.report.HtmlReport;
import dev.churnops.core.report.ModelSelection;
import dev.churnops.core.report.ReportContent;
import dev.churnops.core.report.RowCounts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Use case: write the self-contained HTML report of a training execution to
 * {@code reports/<execution>/index.html}: metrics, curves, confusion matrix, threshold, top
 * features, candidates, the gate's decision, the business impact and the reason codes of the
 * riskiest test customers.
 */
public final class PublishReport {

    public record Command(String executionId, String evaluationKey, String decisionKey, String dataFingerprint,
                          String codeVersion, long rowsIn, long rowsValid, long rowsQuarantined,
                          Map<String, Double> trainingMetrics) {
        public Command {
            Objects.requireNonNull(executionId, "executionId");
            Objects.requireNonNull(evaluationKey, "evaluationKey");
            trainingMetrics = trainingMetrics == null ? Map.of() : Map.copyOf(trainingMetrics);
        }
    }

    private final BlobStore blobs;

    public PublishReport(BlobStore blobs) {
        this.blobs = blobs;
    }

    public String run(Command command) {
        EvaluationRecord evaluation = Json.read(blobs.get(command.evaluationKey()), EvaluationRecord.class,
                command.evaluationKey());
        ModelArtifact artifact = ModelArtifact.read(blobs.get(evaluation.modelArtifactKey()), evaluation.modelArtifactKey());
        TrainingSummary training = artifact.training();

        List<FeatureImportance> top = new ArrayList<>();
        training.columnImportance().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(15).forEach(e -> top.add(new FeatureImportance(e.getKey(), e.getValue())));
        List<CandidateResult> candidates = new ArrayList<>();
        for (TrainingSummary.CandidateEntry c : training.candidates()) {
            double seconds = command.trainingMetrics().getOrDefault("train_seconds." + c.algorithm(), 0.0);
            candidates.add(new CandidateResult(c.algorithm(), c.rocAuc(), seconds, c.outOfFoldRocAuc() != null));
        }
        GateDecision gate = null;
        String version = null;
        if (command.decisionKey() != null && blobs.exists(command.decisionKey())) {
            Map<?, ?> decision = Json.read(blobs.get(command.decisionKey()), Map.class, command.decisionKey());
            ModelCard.Promotion p = Json.convert(decision.get("promotion"), ModelCard.Promotion.class, "promotion");
            version = String.valueOf(decision.get("version"));
            gate = new GateDecision(p.approved(), p.candidateRocAuc(), p.championRocAuc(),
                    (p.approved() ? "Approved" : "Rejected") + " by the rule: " + p.rule() + ".");
        }
        List<String> notes = List.of(
                "Threshold chosen on the validation split; every metric above is measured on the test split.",
                "Missing numeric values are imputed with the training median and flagged by a missing-indicator feature.",
                "Feature importance: " + importanceMeaning(artifact.model().predictor()));
        ReportContent content = new ReportContent("Churn model report", command.executionId(), version,
                evaluation.algorithm(), command.dataFingerprint() == null ? "unknown" : command.dataFingerprint(),
                command.codeVersion() == null ? "unknown" : command.codeVersion(),
                new RowCounts(command.rowsIn(), command.rowsValid(), command.rowsQuarantined()),
                evaluation.report(), top, candidates, gate, notes, evaluation.riskiestCustomers(),
                selection(training, command.trainingMetrics()));
        String key = BlobLayout.report(command.executionId());
        blobs.put(key, HtmlReport.render(content).getBytes(StandardCharsets.UTF_8));
        return key;
    }

    /**
     * The cross-validation and search leaderboard training recorded, with each candidate's seconds
     * from the training job's metrics; null when training ran neither.
     */
    private static ModelSelection selection(TrainingSummary training, Map<String, Double> metrics) {
        if (training.cv() == null && training.search() == null) {
            return null;
        }
        CrossValidationSummary cv = training.cv();
        ModelSelection.CrossValidationResult cvResult = cv == null ? null : new ModelSelection.CrossValidationResult(
                cv.algorithm(), cv.folds(), cv.rows(), cv.rocAucMean(), cv.rocAucStd(), cv.foldRocAuc(), cv.method());
        SearchSummary search = training.search();
        List<ModelSelection.LeaderboardEntry> leaderboard = new ArrayList<>();
        if (search != null) {
            for (SearchSummary.Entry e : search.candidates()) {
                leaderboard.add(new ModelSelection.LeaderboardEntry(e.id(), e.algorithm(), e.origin(), e.parameters(),
                        e.cvRocAucMean(), e.cvRocAucStd(), metrics.get("search_seconds." + e.id()), e.winner(),
                        e.winner() && e.algorithm().equals(training.algorithm())));
            }
        }
        return new ModelSelection(cvResult, leaderboard, search == null ? 0 : search.folds(),
                search == null ? 0 : search.rows(), search == null ? "" : search.rule());
    }

    /** What the importance column means for each kind of predictor. */
    private static String importanceMeaning(Predictor predictor) {
        if (predictor instanceof ForestPredictor) {
            return "share of split nodes that use the column, over all trees.";
        }
        if (predictor instanceof BoostedPredictor) {
            return "share of the total split gain (loss reduction) of splits on the column, over all trees.";
        }
        return "share of absolute standardised weight of the column's features.";
    }
}
