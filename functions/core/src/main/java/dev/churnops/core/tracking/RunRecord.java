package dev.churnops.core.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code runs/<model>/<execution>.json}: one training run as an experiment, whatever its outcome.
 * What went in (hyperparameters as given and as resolved, seed, objective, the data's fingerprint,
 * the code version), what came out (each candidate's validation ROC-AUC, the chosen algorithm, test
 * metrics, the gate's decision, the registered version), when and how it ended, where its artifacts
 * are, and whether it reached the MLflow tracking server. A part the run never reached is null: a run
 * that failed while building its training set has no candidates, metrics or version.
 *
 * @param runId the training execution's name, unique per run
 * @param startedAt the execution's start, ISO-8601 UTC
 * @param endedAt when the run was recorded, ISO-8601 UTC
 * @param error the failed step's error type and message, for a failed run only
 * @param seed the seed of the train / validation / test split
 * @param algorithm the algorithm whose model was kept
 * @param testMetrics the kept model's metrics on the test split, by name ({@code roc_auc}, {@code f1}, …)
 * @param mlflow the outcome of logging the run to MLflow; null when no tracking server is configured
 * @param config the training workflow's whole configuration (its defaults merged with the execution's
 *     input: source, feature view, horizon, shares, seed, hyperparameters, objective, business
 *     assumptions…), so the run can be repeated on newer data; null in records written before it was kept
 */
public record RunRecord(@JsonProperty("run_id") String runId,
                        @JsonProperty("model_name") String modelName,
                        @JsonProperty("status") RunStatus status,
                        @JsonProperty("trigger") String trigger,
                        @JsonProperty("started_at") String startedAt,
                        @JsonProperty("ended_at") String endedAt,
                        @JsonProperty("duration_seconds") double durationSeconds,
                        @JsonProperty("error") Failure error,
                        @JsonProperty("seed") long seed,
                        @JsonProperty("objective") String objective,
                        @JsonProperty("hyperparameters") Parameters hyperparameters,
                        @JsonProperty("algorithm") String algorithm,
                        @JsonProperty("candidates") List<Candidate> candidates,
                        @JsonProperty("test_metrics") Map<String, Double> testMetrics,
                        @JsonProperty("gate") Gate gate,
                        @JsonProperty("registered") Registration registered,
                        @JsonProperty("data") Data data,
                        @JsonProperty("code_version") String codeVersion,
                        @JsonProperty("artifacts") Artifacts artifacts,
                        @JsonProperty("mlflow") TrackingResult mlflow,
                        @JsonProperty("config") Map<String, Object> config) {

    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(artifacts, "artifacts");
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        testMetrics = testMetrics == null ? Map.of() : Map.copyOf(testMetrics);
        // Keeps null values (a setting left unset is part of the recipe) and the given order.
        config = config == null ? null : Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    }

    /** The error type (an exception class or a States error name) and its message. */
    public record Failure(@JsonProperty("type") String type, @JsonProperty("message") String message) {
    }

    /**
     * Hyperparameters as the run was given them and as training resolved them (every key, defaults
     * included); {@code resolved} is null when training never read them.
     */
    public record Parameters(@JsonProperty("given") Map<String, String> given,
                             @JsonProperty("resolved") Map<String, String> resolved) {
        public Parameters {
            // Sorted copies that keep a null value: a failed run records what it was given, as it was given.
            given = given == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(given));
            resolved = resolved == null ? null : Collections.unmodifiableMap(new TreeMap<>(resolved));
        }

        /** The resolved values when known, else the given ones: what a comparison should look at. */
        public Map<String, String> effective() {
            return resolved != null ? resolved : given;
        }
    }

    /**
     * One algorithm tried: the ROC-AUC it was compared by (its validation ROC-AUC, or, for a run
     * without validation rows, that of its out-of-fold predictions; the other is absent), its
     * training time when measured, and whether it was kept.
     */
    public record Candidate(@JsonProperty("algorithm") String algorithm,
                            @JsonProperty("validation_roc_auc") @JsonInclude(JsonInclude.Include.NON_NULL) Double validationRocAuc,
                            @JsonProperty("out_of_fold_roc_auc") @JsonInclude(JsonInclude.Include.NON_NULL) Double outOfFoldRocAuc,
                            @JsonProperty("train_seconds") Double trainSeconds,
                            @JsonProperty("chosen") boolean chosen) {

        /** A candidate compared on validation rows. */
        public Candidate(String algorithm, double validationRocAuc, Double trainSeconds, boolean chosen) {
            this(algorithm, validationRocAuc, null, trainSeconds, chosen);
        }

        /** The ROC-AUC it was compared by, whichever; null when neither was recorded. */
        public Double rocAuc() {
            return validationRocAuc != null ? validationRocAuc : outOfFoldRocAuc;
        }

        /** {@code validation} or {@code out_of_fold}: what {@link #rocAuc()} was measured on. */
        public String rocAucOn() {
            return validationRocAuc == null && outOfFoldRocAuc != null ? "out_of_fold" : "validation";
        }
    }

    /** The gate's decision, its rule and both numbers it compared on the same test set. */
    public record Gate(@JsonProperty("approved") boolean approved,
                       @JsonProperty("rule") String rule,
                       @JsonProperty("candidate_roc_auc") Double candidateRocAuc,
                       @JsonProperty("champion_version") Integer championVersion,
                       @JsonProperty("champion_roc_auc") Double championRocAuc) {
    }

    /** The registry version the run created. */
    public record Registration(@JsonProperty("version") int version,
                               @JsonProperty("status") String status,
                               @JsonProperty("champion") boolean champion,
                               @JsonProperty("model_sha256") String modelSha256) {
    }

    /**
     * The data the run trained on: its source, the validated file, the SHA-256 of the raw input it was
     * validated from (the dataset manifest's fingerprint), and the size and churners of each split.
     */
    public record Data(@JsonProperty("source") String source,
                       @JsonProperty("validated_key") String validatedKey,
                       @JsonProperty("fingerprint") String fingerprint,
                       @JsonProperty("rows") Map<String, Integer> rows,
                       @JsonProperty("positives") Map<String, Integer> positives) {
    }

    /** Blob keys of what the run produced; null for what it never produced. */
    public record Artifacts(@JsonProperty("training_set") String trainingSet,
                            @JsonProperty("training_set_keys") List<String> trainingSetKeys,
                            @JsonProperty("training_job_artifact") String trainingJobArtifact,
                            @JsonProperty("model_artifact") String modelArtifact,
                            @JsonProperty("evaluation") String evaluation,
                            @JsonProperty("decision") String decision,
                            @JsonProperty("report") String report) {
        public Artifacts {
            trainingSetKeys = trainingSetKeys == null ? List.of() : List.copyOf(trainingSetKeys);
        }
    }

    /** The kept candidate, when training finished. */
    public Optional<Candidate> chosenCandidate() {
        return candidates.stream().filter(Candidate::chosen).findFirst();
    }

    /** The same record with the outcome of logging it to MLflow. */
    public RunRecord withMlflow(TrackingResult result) {
        return new RunRecord(runId, modelName, status, trigger, startedAt, endedAt, durationSeconds, error, seed, objective,
                hyperparameters, algorithm, candidates, testMetrics, gate, registered, data, codeVersion, artifacts, result,
                config);
    }
}
