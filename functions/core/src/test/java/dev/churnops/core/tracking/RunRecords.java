package dev.churnops.core.tracking;

import java.util.List;
import java.util.Map;

/** Run records as a finished run leaves them, varied by the fields a test is about. */
final class RunRecords {

    static final String FINGERPRINT = "d7206f410b10902a46f6a03e55003f9c2a415c86a4002f9adef54be9e604a67f";

    private RunRecords() {
    }

    static RunRecord succeeded(String id, String model, String startedAt, long seed, String fingerprint, double testRocAuc,
                               double validationRocAuc, int version) {
        Map<String, String> given = Map.of("seed", Long.toString(seed), "algorithms", "logistic_regression");
        Map<String, String> resolved = Map.of("seed", Long.toString(seed), "algorithms", "logistic_regression",
                "logistic_regression.epochs", "10");
        return new RunRecord(id, model, RunStatus.SUCCEEDED, "manual", startedAt, startedAt, 2.5, null, seed, "max-f1",
                new RunRecord.Parameters(given, resolved), "logistic_regression",
                List.of(new RunRecord.Candidate("logistic_regression", validationRocAuc, 0.4, true)),
                Map.of("roc_auc", testRocAuc, "f1", 0.61), new RunRecord.Gate(true, "rule", testRocAuc, null, null),
                new RunRecord.Registration(version, "Approved", true, "ab".repeat(32)),
                new RunRecord.Data("customers", "validated/customers/dt=2026-12-01/customers.csv", fingerprint,
                        Map.of("train", 180, "validation", 60, "test", 60), Map.of("train", 40, "validation", 13, "test", 13)),
                "git-abc123", new RunRecord.Artifacts("training-sets/" + id + "/", List.of("training-sets/" + id + "/train/train.csv"),
                        "training-jobs/churnops-" + id + "/output/model.tar.gz", "models/" + model + "/" + version + "/model.tar.gz",
                        "evaluations/" + id + "/evaluation.json", "evaluations/" + id + "/decision.json",
                        "reports/" + id + "/index.html"),
                null, null);
    }

    static RunRecord succeeded(String id, String model, long seed) {
        return succeeded(id, model, "2026-12-01T06:30:00Z", seed, FINGERPRINT, 0.8, 0.82, 1);
    }
}
