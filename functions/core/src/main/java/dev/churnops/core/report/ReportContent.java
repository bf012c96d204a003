package dev.churnops.core.report;

import dev.churnops.core.evaluation.EvaluationReport;
import java.util.List;
import java.util.Objects;

/**
 * Everything the HTML model report shows: what was evaluated and where it came from
 * (execution, model version, algorithm, data fingerprint, code version, row counts), the
 * evaluation itself, the top features, the candidates tried, the promotion gate's decision and
 * free-text notes. Lists are copied, so the content is immutable once built.
 *
 * @param title page title
 * @param executionId the workflow execution that produced the model
 * @param modelVersion registered model version, or null when not registered (yet)
 * @param algorithm the chosen algorithm
 * @param dataFingerprint fingerprint of the training data
 * @param codeVersion version of the code that trained the model
 * @param rows input, valid and quarantined row counts
 * @param evaluation the evaluation of the chosen model
 * @param topFeatures most important features, in the order to show them
 * @param candidates algorithms tried, in the order to show them
 * @param gate the champion/challenger gate decision, or null when no gate ran
 * @param notes free-text remarks, in order
 * @param riskiestCustomers the riskiest test customers with their reason codes, or null when not
 *     recorded (evaluations made before they were)
 * @param selection the cross-validation and hyperparameter-search leaderboard, or null when
 *     training ran neither
 */
public record ReportContent(
        String title,
        String executionId,
        String modelVersion,
        String algorithm,
        String dataFingerprint,
        String codeVersion,
        RowCounts rows,
        EvaluationReport evaluation,
        List<FeatureImportance> topFeatures,
        List<CandidateResult> candidates,
        GateDecision gate,
        List<String> notes,
        RiskiestCustomers riskiestCustomers,
        ModelSelection selection) {

    /** Content without a model-selection section. */
    public ReportContent(String title, String executionId, String modelVersion, String algorithm,
                         String dataFingerprint, String codeVersion, RowCounts rows, EvaluationReport evaluation,
                         List<FeatureImportance> topFeatures, List<CandidateResult> candidates, GateDecision gate,
                         List<String> notes, RiskiestCustomers riskiestCustomers) {
        this(title, executionId, modelVersion, algorithm, dataFingerprint, codeVersion, rows, evaluation, topFeatures,
                candidates, gate, notes, riskiestCustomers, null);
    }

    /** Content without the riskiest customers. */
    public ReportContent(String title, String executionId, String modelVersion, String algorithm,
                         String dataFingerprint, String codeVersion, RowCounts rows, EvaluationReport evaluation,
                         List<FeatureImportance> topFeatures, List<CandidateResult> candidates, GateDecision gate,
                         List<String> notes) {
        this(title, executionId, modelVersion, algorithm, dataFingerprint, codeVersion, rows, evaluation, topFeatures,
                candidates, gate, notes, null);
    }

    public ReportContent {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("ReportContent.title is " + (title == null ? "null" : "blank")
                    + " but must name the report, for example 'Churn model report'.");
        }
        Objects.requireNonNull(executionId, "ReportContent.executionId must not be null");
        Objects.requireNonNull(algorithm, "ReportContent.algorithm must not be null");
        Objects.requireNonNull(dataFingerprint, "ReportContent.dataFingerprint must not be null");
        Objects.requireNonNull(codeVersion, "ReportContent.codeVersion must not be null");
        Objects.requireNonNull(rows, "ReportContent.rows must not be null");
        Objects.requireNonNull(evaluation, "ReportContent.evaluation must not be null");
        topFeatures = List.copyOf(Objects.requireNonNull(topFeatures,
                "ReportContent.topFeatures must not be null; pass an empty list when there are none"));
        candidates = List.copyOf(Objects.requireNonNull(candidates,
                "ReportContent.candidates must not be null; pass an empty list when there are none"));
        notes = List.copyOf(Objects.requireNonNull(notes,
                "ReportContent.notes must not be null; pass an empty list when there are none"));
    }
}
