package dev.churnops.core.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Two recorded runs side by side: the parameters that differ (split seed, objective, source and every
 * hyperparameter, resolved where known), every metric either run has with its delta (second minus
 * first), and whether they trained on the same data and the same code.
 */
public record RunComparison(RunRecord first, RunRecord second, List<Difference> parameters, List<MetricDelta> metrics) {

    /** A parameter whose values differ; a value is null where the run lacks the parameter. */
    public record Difference(String name, String first, String second) {
    }

    /** A metric of either run; a value is null where the run lacks the metric. */
    public record MetricDelta(String name, Double first, Double second) {

        /** Second minus first; null unless both runs have the metric. */
        public Double delta() {
            return first == null || second == null ? null : second - first;
        }
    }

    public static RunComparison of(RunRecord first, RunRecord second) {
        return new RunComparison(first, second, differences(parameters(first), parameters(second)),
                deltas(metrics(first), metrics(second)));
    }

    /** Both fingerprints known and equal. */
    public boolean sameData() {
        return first.data().fingerprint() != null && Objects.equals(first.data().fingerprint(), second.data().fingerprint());
    }

    public boolean sameCode() {
        return Objects.equals(first.codeVersion(), second.codeVersion());
    }

    /** The parameters a run was trained with, by name, in a stable order. */
    static Map<String, String> parameters(RunRecord run) {
        Map<String, String> p = new TreeMap<>();
        p.put("split_seed", Long.toString(run.seed()));
        p.put("objective", run.objective());
        p.put("source", run.data().source());
        run.hyperparameters().effective().forEach((k, v) -> p.put("hyperparameters." + k, v));
        return p;
    }

    /**
     * Every metric of a run: test metrics, the selection ROC-AUC (kept and per candidate; as
     * {@code validation.*} or, for a run without validation rows, {@code out_of_fold.*}), duration.
     */
    static Map<String, Double> metrics(RunRecord run) {
        Map<String, Double> m = new TreeMap<>();
        run.testMetrics().forEach((k, v) -> m.put("test." + k, v));
        run.chosenCandidate().filter(c -> c.rocAuc() != null).ifPresent(c -> m.put(c.rocAucOn() + ".roc_auc", c.rocAuc()));
        for (RunRecord.Candidate c : run.candidates()) {
            if (c.rocAuc() != null) {
                m.put(c.rocAucOn() + ".roc_auc." + c.algorithm(), c.rocAuc());
            }
        }
        m.put("duration_seconds", run.durationSeconds());
        return m;
    }

    private static List<Difference> differences(Map<String, String> a, Map<String, String> b) {
        List<Difference> list = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        for (String name : names) {
            if (!Objects.equals(a.get(name), b.get(name))) {
                list.add(new Difference(name, a.get(name), b.get(name)));
            }
        }
        return List.copyOf(list);
    }

    private static List<MetricDelta> deltas(Map<String, Double> a, Map<String, Double> b) {
        List<MetricDelta> list = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        for (String name : names) {
            list.add(new MetricDelta(name, a.get(name), b.get(name)));
        }
        return List.copyOf(list);
    }
}
