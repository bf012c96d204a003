package dev.churnops.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RunComparisonTest {

    private static Map<String, RunComparison.MetricDelta> byName(RunComparison c) {
        return c.metrics().stream().collect(Collectors.toMap(RunComparison.MetricDelta::name, Function.identity()));
    }

    @Test
    void namesTheParametersThatDifferAndNoOthers() {
        RunRecord a = RunRecords.succeeded("training-1", "churn", 42);
        RunRecord b = RunRecords.succeeded("training-2", "churn", 7);

        RunComparison c = RunComparison.of(a, b);

        assertEquals(List.of(new RunComparison.Difference("hyperparameters.seed", "42", "7"),
                new RunComparison.Difference("split_seed", "42", "7")), c.parameters());
    }

    @Test
    void givesEveryMetricOfEitherRunWithItsDeltaSecondMinusFirst() {
        RunRecord a = RunRecords.succeeded("training-1", "churn", "2026-12-01T06:30:00Z", 42, RunRecords.FINGERPRINT, 0.80, 0.82, 1);
        RunRecord b = RunRecords.succeeded("training-2", "churn", "2026-12-01T07:30:00Z", 42, RunRecords.FINGERPRINT, 0.83, 0.81, 2);

        Map<String, RunComparison.MetricDelta> m = byName(RunComparison.of(a, b));

        assertEquals(0.03, m.get("test.roc_auc").delta(), 1e-12);
        assertEquals(-0.01, m.get("validation.roc_auc").delta(), 1e-12);
        assertEquals(-0.01, m.get("validation.roc_auc.logistic_regression").delta(), 1e-12);
        assertEquals(0.0, m.get("test.f1").delta(), 1e-12);
        assertTrue(m.containsKey("duration_seconds"));
    }

    @Test
    void leavesTheDeltaOutWhereOnlyOneRunHasTheMetric() {
        RunRecord a = RunRecords.succeeded("training-1", "churn", 42);
        RunRecord failed = new RunRecord("training-2", "churn", RunStatus.FAILED, "manual", "2026-12-01T07:30:00Z",
                "2026-12-01T07:30:01Z", 1.0, new RunRecord.Failure("java.lang.IllegalStateException", "disk on fire"), 42,
                "max-f1", new RunRecord.Parameters(Map.of(), null), null, List.of(), Map.of(), null, null,
                new RunRecord.Data("customers", null, null, null, null), "git-abc123",
                new RunRecord.Artifacts(null, List.of(), null, null, null, null, null), null, null);

        RunComparison c = RunComparison.of(a, failed);

        assertNull(byName(c).get("test.roc_auc").delta());
        assertEquals(0.8, byName(c).get("test.roc_auc").first());
        assertFalse(c.sameData(), "an unknown fingerprint is not the same data");
    }

    @Test
    void tellsWhetherTheDataAndTheCodeAreTheSame() {
        RunRecord a = RunRecords.succeeded("training-1", "churn", 42);
        RunRecord sameData = RunRecords.succeeded("training-2", "churn", 7);
        RunRecord otherData = RunRecords.succeeded("training-3", "churn", "2026-12-02T06:30:00Z", 42, "00".repeat(32), 0.8, 0.8, 2);

        assertTrue(RunComparison.of(a, sameData).sameData());
        assertFalse(RunComparison.of(a, otherData).sameData());
        assertTrue(RunComparison.of(a, otherData).sameCode());
    }
}
