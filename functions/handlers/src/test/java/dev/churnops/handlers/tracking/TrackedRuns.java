package dev.churnops.handlers.tracking;

import dev.churnops.core.tracking.RunRecord;
import dev.churnops.core.tracking.RunStatus;
import java.util.List;
import java.util.Map;

/** Run records to log: one succeeded run with two candidates, and variations of it. */
final class TrackedRuns {

    static final String FINGERPRINT = "d7206f410b10902a46f6a03e55003f9c2a415c86a4002f9adef54be9e604a67f";
    static final String SHA = "53a41e71c8f6a5d0b9e2f47c13d8e6a0f5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0";

    private TrackedRuns() {
    }

    static RunRecord succeeded() {
        return run(RunStatus.SUCCEEDED, null, Map.of("algorithms", "logistic_regression,random_forest", "seed", "42",
                "random_forest.trees", "200"));
    }

    static RunRecord failed() {
        return new RunRecord("training-2", "churn", RunStatus.FAILED, "manual", "2026-12-01T06:30:00Z",
                "2026-12-01T06:30:02Z", 2.0, new RunRecord.Failure("java.lang.IllegalStateException", "disk on fire"), 42,
                "max-f1", new RunRecord.Parameters(Map.of("seed", "42"), Map.of("seed", "42")), null, List.of(), Map.of(),
                null, null, new RunRecord.Data("customers", null, null, null, null), "git-abc123",
                new RunRecord.Artifacts(null, List.of(), null, null, null, null, null), null, null);
    }

    static RunRecord withResolved(Map<String, String> resolved) {
        return run(RunStatus.SUCCEEDED, null, resolved);
    }

    private static RunRecord run(RunStatus status, RunRecord.Failure error, Map<String, String> resolved) {
        return new RunRecord("training-1", "churn", status, "manual", "2026-12-01T06:30:00Z", "2026-12-01T06:31:30.500Z",
                90.5, error, 42, "max-f1", new RunRecord.Parameters(Map.of("seed", "42"), resolved), "random_forest",
                List.of(new RunRecord.Candidate("logistic_regression", 0.8412, 0.64, false),
                        new RunRecord.Candidate("random_forest", 0.8537, 3.91, true)),
                Map.of("roc_auc", 0.8167, "f1", 0.669), new RunRecord.Gate(true, "the rule", 0.8167, null, null),
                new RunRecord.Registration(1, "Approved", true, SHA),
                new RunRecord.Data("customers", "validated/customers/dt=2026-12-01/customers.csv", FINGERPRINT,
                        Map.of("train", 1800, "validation", 600, "test", 600), Map.of("train", 405, "validation", 135, "test", 135)),
                "git-abc123", new RunRecord.Artifacts("training-sets/training-1/", List.of("training-sets/training-1/train/train.csv"),
                        "training-jobs/churnops-training-1/output/model.tar.gz", "models/churn/1/model.tar.gz",
                        "evaluations/training-1/evaluation.json", "evaluations/training-1/decision.json",
                        "reports/training-1/index.html"),
                null, null);
    }
}
