package dev.churnops.handlers.tracking;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.tracking.RunRecord;
import dev.churnops.core.tracking.RunStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bodies of the MLflow REST API 2.0 requests that log one {@link RunRecord}, as the reference
 * documents them: {@code experiments/create}, {@code runs/create}, {@code runs/log-batch} and
 * {@code runs/update}. Params are the inputs (every hyperparameter, resolved where known, plus the
 * objective, split seed and source), metrics the numbers (test metrics, validation ROC-AUC of each
 * candidate, durations), tags the provenance ({@code churnops.*}: code version, data fingerprint,
 * model artifact, version, report, status). Keys and values are cut to the sizes every MLflow backend
 * accepts, and log-batch requests are split to stay within the per-request limits.
 */
final class MlflowRequests {

    /** Per log-batch request (MLflow REST reference, Log Batch: request limits). */
    static final int MAX_PARAMS = 100;
    static final int MAX_TAGS = 100;
    static final int MAX_METRICS = 1000;
    static final int MAX_ENTITIES = 1000;
    /** Sizes every backend is guaranteed to support: keys 250 bytes, param values 500, tag values 5000. */
    static final int MAX_KEY_BYTES = 250;
    static final int MAX_PARAM_VALUE_BYTES = 500;
    static final int MAX_TAG_VALUE_BYTES = 5000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MlflowRequests() {
    }

    static ObjectNode createExperiment(String name) {
        ObjectNode body = NODES.objectNode();
        body.put("name", name);
        return body;
    }

    /** The run, named after the training execution, with the tags that identify it. */
    static ObjectNode createRun(String experimentId, RunRecord run) {
        ObjectNode body = NODES.objectNode();
        body.put("experiment_id", experimentId);
        body.put("run_name", run.runId());
        body.put("start_time", millis(run.startedAt()));
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("churnops.run_id", run.runId());
        tags.put("churnops.model_name", run.modelName());
        tags.put("churnops.trigger", run.trigger());
        tags.put("mlflow.source.name", "statemachines/training.asl.json");
        tags.put("mlflow.source.type", "JOB");
        body.set("tags", pairs(tags, MAX_TAG_VALUE_BYTES));
        return body;
    }

    /** Everything else, in as few requests as the limits allow: always at least one. */
    static List<ObjectNode> logBatches(String mlflowRunId, RunRecord run) {
        List<Map.Entry<String, String>> params = new ArrayList<>(params(run).entrySet());
        List<Map.Entry<String, String>> tags = new ArrayList<>(tags(run).entrySet());
        List<Map.Entry<String, Double>> metrics = new ArrayList<>(metrics(run).entrySet());
        long timestamp = millis(run.endedAt());
        List<ObjectNode> batches = new ArrayList<>();
        int p = 0;
        int t = 0;
        int m = 0;
        do {
            int np = Math.min(MAX_PARAMS, params.size() - p);
            int nt = Math.min(MAX_TAGS, tags.size() - t);
            int nm = Math.min(Math.min(MAX_METRICS, MAX_ENTITIES - np - nt), metrics.size() - m);
            ObjectNode body = NODES.objectNode();
            body.put("run_id", mlflowRunId);
            ArrayNode metricNodes = body.putArray("metrics");
            for (Map.Entry<String, Double> e : metrics.subList(m, m + nm)) {
                ObjectNode metric = metricNodes.addObject();
                metric.put("key", key(e.getKey()));
                metric.put("value", e.getValue());
                metric.put("timestamp", timestamp);
                metric.put("step", 0);
            }
            body.set("params", pairs(params.subList(p, p + np), MAX_PARAM_VALUE_BYTES));
            body.set("tags", pairs(tags.subList(t, t + nt), MAX_TAG_VALUE_BYTES));
            batches.add(body);
            p += np;
            t += nt;
            m += nm;
        } while (p < params.size() || t < tags.size() || m < metrics.size());
        return batches;
    }

    /** A failed ChurnOps run is a FAILED MLflow run; a rejected one trained fine, so it is FINISHED. */
    static ObjectNode updateRun(String mlflowRunId, RunRecord run) {
        ObjectNode body = NODES.objectNode();
        body.put("run_id", mlflowRunId);
        body.put("status", run.status() == RunStatus.FAILED ? "FAILED" : "FINISHED");
        body.put("end_time", millis(run.endedAt()));
        return body;
    }

    static Map<String, String> params(RunRecord run) {
        Map<String, String> params = new TreeMap<>();
        run.hyperparameters().effective().forEach((k, v) -> {
            if (v != null) {
                params.put(k, v);
            }
        });
        params.put("objective", run.objective());
        params.put("split_seed", Long.toString(run.seed()));
        params.put("source", run.data().source());
        params.values().removeIf(v -> v == null);
        return params;
    }

    static Map<String, Double> metrics(RunRecord run) {
        Map<String, Double> metrics = new TreeMap<>();
        run.testMetrics().forEach((k, v) -> metrics.put("test_" + k, v));
        run.chosenCandidate().filter(c -> c.rocAuc() != null)
                .ifPresent(c -> metrics.put(c.rocAucOn() + "_roc_auc", c.rocAuc()));
        for (RunRecord.Candidate c : run.candidates()) {
            if (c.rocAuc() != null) {
                metrics.put(c.rocAucOn() + "_roc_auc." + c.algorithm(), c.rocAuc());
            }
            if (c.trainSeconds() != null) {
                metrics.put("train_seconds." + c.algorithm(), c.trainSeconds());
            }
        }
        if (run.gate() != null && run.gate().championRocAuc() != null) {
            metrics.put("champion_roc_auc", run.gate().championRocAuc());
        }
        metrics.put("duration_seconds", run.durationSeconds());
        // JSON has no NaN or infinity, and MLflow would refuse them anyway.
        metrics.values().removeIf(v -> v == null || !Double.isFinite(v));
        return metrics;
    }

    static Map<String, String> tags(RunRecord run) {
        Map<String, String> tags = new TreeMap<>();
        tags.put("churnops.status", run.status().label());
        tags.put("churnops.code_version", run.codeVersion());
        tags.put("churnops.data_fingerprint", run.data().fingerprint());
        tags.put("churnops.algorithm", run.algorithm());
        RunRecord.Artifacts a = run.artifacts();
        tags.put("churnops.model_artifact", a.modelArtifact() != null ? a.modelArtifact() : a.trainingJobArtifact());
        tags.put("churnops.report", a.report());
        tags.put("churnops.run_document", BlobLayout.run(run.modelName(), run.runId()));
        if (run.registered() != null) {
            tags.put("churnops.model_version", Integer.toString(run.registered().version()));
            tags.put("churnops.model_sha256", run.registered().modelSha256());
        }
        if (run.gate() != null) {
            tags.put("churnops.gate", run.gate().approved() ? "approved" : "rejected");
        }
        if (run.error() != null) {
            tags.put("churnops.error", run.error().type() + ": " + run.error().message());
        }
        tags.values().removeIf(v -> v == null);
        return tags;
    }

    private static ArrayNode pairs(Map<String, String> values, int maxValueBytes) {
        return pairs(new ArrayList<>(values.entrySet()), maxValueBytes);
    }

    private static ArrayNode pairs(List<Map.Entry<String, String>> values, int maxValueBytes) {
        ArrayNode array = NODES.arrayNode();
        for (Map.Entry<String, String> e : values) {
            if (e.getValue() == null) {
                continue;
            }
            ObjectNode pair = array.addObject();
            pair.put("key", key(e.getKey()));
            pair.put("value", truncate(e.getValue(), maxValueBytes));
        }
        return array;
    }

    /**
     * MLflow accepts letters, digits, '_', '-', '.', ' ' and '/' in keys; anything else becomes '_', so
     * an odd hyperparameter name in a failed run cannot get the whole batch refused.
     */
    static String key(String key) {
        return truncate(key.replaceAll("[^A-Za-z0-9_\\-. /]", "_"), MAX_KEY_BYTES);
    }

    /** At most {@code maxBytes} of UTF-8, cut at a character boundary and marked with "..." when cut. */
    static String truncate(String value, int maxBytes) {
        if (value.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return value;
        }
        StringBuilder b = new StringBuilder();
        int bytes = 3;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes) {
                break;
            }
            b.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return b.append("...").toString();
    }

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
