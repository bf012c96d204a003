package dev.churnops.core.report;

import dev.churnops.core.evaluation.BusinessAssumptions;
import dev.churnops.core.evaluation.EvaluationReport;
import dev.churnops.core.evaluation.Evaluator;
import dev.churnops.core.evaluation.ThresholdObjective;
import java.util.List;

/** A small but complete report, built fresh on every call so equality is by value only. */
final class ReportFixtures {

    private static final boolean T = true;
    private static final boolean F = false;

    private ReportFixtures() {
    }

    static EvaluationReport evaluation() {
        // Validation max-F1 threshold is 0.6.
        return Evaluator.evaluate(
                new double[] {0.5, 0.95, 0.3, 0.8, 0.1, 0.9, 0.6, 0.2, 0.7, 0.4},
                new boolean[] {F, T, T, F, F, T, T, F, T, F},
                new double[] {0.1, 0.4, 0.35, 0.8, 0.65, 0.2, 0.55, 0.9, 0.05, 0.75},
                new boolean[] {F, T, T, T, F, F, F, T, F, T},
                ThresholdObjective.maxF1(),
                BusinessAssumptions.defaults());
    }

    /** The same scores as {@link #evaluation()}, as a Platt calibration produced them from overconfident ones. */
    static EvaluationReport calibratedEvaluation() {
        double[] test = {0.1, 0.4, 0.35, 0.8, 0.65, 0.2, 0.55, 0.9, 0.05, 0.75};
        double[] overconfident = new double[test.length];
        for (int i = 0; i < test.length; i++) {
            double margin = Math.log(test[i] / (1 - test[i]));
            overconfident[i] = 1 / (1 + Math.exp(-3 * margin));
        }
        return Evaluator.evaluate(
                new double[] {0.5, 0.95, 0.3, 0.8, 0.1, 0.9, 0.6, 0.2, 0.7, 0.4},
                new boolean[] {F, T, T, F, F, T, T, F, T, F},
                test,
                new boolean[] {F, T, T, T, F, F, F, T, F, T},
                new Evaluator.Calibration("platt", "auto: platt won with none 0.2, platt 0.1, isotonic 0.15.", overconfident),
                ThresholdObjective.maxF1(),
                BusinessAssumptions.defaults());
    }

    static ReportContent calibratedContent() {
        ReportContent c = content();
        return new ReportContent(c.title(), c.executionId(), c.modelVersion(), c.algorithm(), c.dataFingerprint(),
                c.codeVersion(), c.rows(), calibratedEvaluation(), c.topFeatures(), c.candidates(), c.gate(), c.notes());
    }

    static ReportContent content() {
        return content("v7", new GateDecision(true, 0.83, 0.80, "Candidate beats champion by 0.03 ROC AUC."));
    }

    static ReportContent content(String modelVersion, GateDecision gate) {
        return new ReportContent(
                "Churn model report \u2014 Tom & Jerry's shop",
                "exec-2026-01-05-abc",
                modelVersion,
                "logistic-regression",
                "sha256:9f2c",
                "git:1a2b3c4",
                new RowCounts(1_000, 990, 10),
                evaluation(),
                List.of(new FeatureImportance("<b>tenure</b>", 0.42),
                        new FeatureImportance("monthly_charges", 0.31),
                        new FeatureImportance("support_tickets_last_90_days_including_escalations", -0.12)),
                List.of(new CandidateResult("logistic-regression", 0.83, 1.5),
                        new CandidateResult("cart-tree", 0.78, 0.4)),
                gate,
                List.of("Quarantined rows had negative tenure.", "Threshold chosen for \"max-f1\"."));
    }
}
