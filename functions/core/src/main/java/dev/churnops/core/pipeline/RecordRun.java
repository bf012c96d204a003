package dev.churnops.core.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import dev.churnops.core.model.HyperParameters;
import dev.churnops.core.model.TrainingSummary;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.ExperimentTracker;
import dev.churnops.core.registry.ModelCard;
import dev.churnops.core.tracking.RunRecord;
import dev.churnops.core.tracking.RunStatus;
import dev.churnops.core.tracking.RunStore;
import dev.churnops.core.tracking.TrackingResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Use case: record a training run as {@code runs/<model>/<execution>.json} (a {@link RunRecord}),
 * whatever its outcome, then log it to the experiment tracker. The training state machine calls it
 * last, on its success path and on both failure paths, with what each step returned (null for a step
 * that never finished); the rest is read from the documents those steps wrote. A tracker that fails is
 * recorded in the document and returned as a warning: it never fails the step, nor training.
 */
public final class RecordRun {

    /** Whether the state machine reached its end ({@code completed}) or a failure path ({@code failed}). */
    public enum Outcome {
        COMPLETED, FAILED;

        /** Parses {@code completed} or {@code failed}, failing with a sentence naming the value. */
        public static Outcome parse(String text) {
            for (Outcome o : values()) {
                if (o.name().equalsIgnoreCase(text)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("outcome '" + text + "' must be 'completed' or 'failed'");
        }
    }

    /**
     * One run to record.
     *
     * @param startedAt the execution's start; {@code endedAt} is now, as the caller's clock says
     * @param hyperparameters as the execution input gave them
     * @param codeVersion the code version of the deployment ({@code CHURNOPS_CODE_VERSION})
     * @param config the workflow's whole configuration ({@code $.config}); null when the caller has none
     */
    public record Command(String executionId, String modelName, Outcome outcome, Instant startedAt, Instant endedAt,
                          String trigger, String source, long seed, Map<String, String> hyperparameters,
                          String objective, String codeVersion, Steps steps, Map<String, Object> config) {
        public Command {
            Objects.requireNonNull(executionId, "executionId");
            Objects.requireNonNull(modelName, "modelName");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(endedAt, "endedAt");
            // Millisecond precision, as Step Functions gives the start time.
            startedAt = startedAt.truncatedTo(ChronoUnit.MILLIS);
            endedAt = endedAt.truncatedTo(ChronoUnit.MILLIS);
            hyperparameters = hyperparameters == null ? Map.of() : hyperparameters;
            codeVersion = codeVersion == null ? "unknown" : codeVersion;
            steps = steps == null ? new Steps(null, null, null, null, null, null, null) : steps;
        }
    }

    /**
     * What the training state machine's steps returned, each as its {@code ResultSelector} shapes it,
     * null when the step never finished. Fields a later version of a step adds are ignored.
     */
    public record Steps(TrainingSetStep trainingSet, TrainingStep training, EvaluationStep evaluation, GateStep gate,
                        RegistrationStep registration, ReportStep report, StepError error) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TrainingSetStep(String trainingSetPrefix, String validatedKey, String dataFingerprint,
                                  Map<String, Integer> rows, Map<String, Integer> positives) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TrainingStep(String jobName, String status, String modelArtifactKey, String failureReason,
                               Map<String, Double> finalMetrics) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EvaluationStep(String evaluationKey, Double candidateRocAuc, Integer championVersion,
                                 Double championRocAuc, Double threshold) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GateStep(Boolean approved) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RegistrationStep(Integer version, String status, Boolean champion, String modelSha256,
                                   String artifactKey, String decisionKey) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReportStep(String reportKey) {
    }

    /** A caught error as Step Functions puts it in the state: {@code {"Error": …, "Cause": …}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StepError(@JsonProperty("Error") String error, @JsonProperty("Cause") String cause) {
    }

    /** Where the record is, how the run ended, and what went wrong with tracking, if anything. */
    public record Result(String runKey, String status, List<String> warnings) {
    }

    /** Step Functions' own timestamp shape: fixed width, so records sort by time as text. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final BlobStore blobs;
    private final RunStore store;
    private final ExperimentTracker tracker;

    public RecordRun(BlobStore blobs, ExperimentTracker tracker) {
        this.blobs = blobs;
        this.store = new RunStore(blobs);
        this.tracker = tracker;
    }

    public Result run(Command command) {
        Steps steps = command.steps();
        EvaluationRecord evaluation = evaluation(steps);
        String trainedKey = evaluation != null ? evaluation.modelArtifactKey()
                : steps.training() == null ? null : steps.training().modelArtifactKey();
        TrainingSummary summary = trainedKey != null && blobs.exists(trainedKey)
                ? ModelArtifact.read(blobs.get(trainedKey), trainedKey).training() : null;

        RunRecord record = new RunRecord(command.executionId(), command.modelName(), status(command), command.trigger(),
                TIME.format(command.startedAt()), TIME.format(command.endedAt()),
                // Step Functions' clock and the function's may disagree by a little; a run never lasts less than nothing.
                Math.max(0, Duration.between(command.startedAt(), command.endedAt()).toMillis()) / 1000.0, failure(command),
                command.seed(), command.objective(),
                new RunRecord.Parameters(command.hyperparameters(), resolved(summary, command.hyperparameters())),
                summary != null ? summary.algorithm() : evaluation != null ? evaluation.algorithm() : null,
                candidates(summary, steps.training()), testMetrics(evaluation), gate(steps),
                registration(steps.registration()), data(command.source(), steps.trainingSet()), command.codeVersion(),
                artifacts(steps, trainedKey), null, command.config());
        String key = store.save(record);

        List<String> warnings = new ArrayList<>();
        Optional<TrackingResult> tracked = tracker.log(record);
        if (tracked.isPresent()) {
            store.save(record.withMlflow(tracked.get()));
            if (!tracked.get().succeeded()) {
                warnings.add("MLflow logging failed (training is unaffected): " + tracked.get().error());
            }
        }
        return new Result(key, record.status().label(), List.copyOf(warnings));
    }

    private static RunStatus status(Command command) {
        if (command.outcome() == Outcome.FAILED) {
            return RunStatus.FAILED;
        }
        Steps steps = command.steps();
        boolean rejected = steps.registration() != null ? "Rejected".equals(steps.registration().status())
                : steps.gate() != null && Boolean.FALSE.equals(steps.gate().approved());
        return rejected ? RunStatus.REJECTED : RunStatus.SUCCEEDED;
    }

    /** The error type and message; a Lambda error's cause is a JSON document whose message is the useful part. */
    private static RunRecord.Failure failure(Command command) {
        if (command.outcome() != Outcome.FAILED) {
            return null;
        }
        StepError error = command.steps().error();
        if (error == null) {
            return new RunRecord.Failure("unknown", "the execution failed without an error object");
        }
        String message = error.cause();
        if (message != null && message.startsWith("{")) {
            try {
                JsonNode cause = Json.tree(message.getBytes(StandardCharsets.UTF_8), "error cause");
                if (cause.hasNonNull("errorMessage")) {
                    message = cause.get("errorMessage").asText();
                }
            } catch (Json.InvalidDocumentException e) {
                // A cause that merely starts like JSON is kept as it is.
            }
        }
        return new RunRecord.Failure(error.error(), message);
    }

    private EvaluationRecord evaluation(Steps steps) {
        String key = steps.evaluation() == null ? null : steps.evaluation().evaluationKey();
        return key == null || !blobs.exists(key) ? null : Json.read(blobs.get(key), EvaluationRecord.class, key);
    }

    /**
     * As training recorded them in the artifact; before that, as the given ones parse. Null when
     * they do not parse: then the invalid value is the run's error, and the given ones are recorded.
     */
    private static Map<String, String> resolved(TrainingSummary summary, Map<String, String> given) {
        if (summary != null) {
            return summary.hyperparameters();
        }
        try {
            return HyperParameters.parse(given).asMap();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<RunRecord.Candidate> candidates(TrainingSummary summary, TrainingStep training) {
        List<RunRecord.Candidate> list = new ArrayList<>();
        if (summary == null) {
            return list;
        }
        Map<String, Double> metrics = training == null || training.finalMetrics() == null ? Map.of() : training.finalMetrics();
        for (TrainingSummary.CandidateEntry c : summary.candidates()) {
            list.add(new RunRecord.Candidate(c.algorithm(), c.validationRocAuc(), c.outOfFoldRocAuc(),
                    metrics.get("train_seconds." + c.algorithm()), c.algorithm().equals(summary.algorithm())));
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> testMetrics(EvaluationRecord evaluation) {
        if (evaluation == null) {
            return Map.of();
        }
        // Every numeric field of the test metrics, so a metric the evaluation gains is recorded too.
        Map<String, Object> fields = Json.convert(evaluation.report().testMetrics(), Map.class, "test metrics");
        Map<String, Double> metrics = new TreeMap<>();
        fields.forEach((name, value) -> {
            if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
                metrics.put(name, n.doubleValue());
            }
        });
        return metrics;
    }

    private RunRecord.Gate gate(Steps steps) {
        String decisionKey = steps.registration() == null ? null : steps.registration().decisionKey();
        if (decisionKey != null && blobs.exists(decisionKey)) {
            Map<?, ?> decision = Json.read(blobs.get(decisionKey), Map.class, decisionKey);
            ModelCard.Promotion p = Json.convert(decision.get("promotion"), ModelCard.Promotion.class, decisionKey + " promotion");
            return new RunRecord.Gate(p.approved(), p.rule(), p.candidateRocAuc(), p.championVersion(), p.championRocAuc());
        }
        if (steps.gate() == null || steps.gate().approved() == null) {
            return null;
        }
        EvaluationStep e = steps.evaluation();
        return new RunRecord.Gate(steps.gate().approved(), RegisterCandidate.GATE_RULE, e == null ? null : e.candidateRocAuc(),
                e == null ? null : e.championVersion(), e == null ? null : e.championRocAuc());
    }

    private static RunRecord.Registration registration(RegistrationStep r) {
        return r == null || r.version() == null ? null
                : new RunRecord.Registration(r.version(), r.status(), Boolean.TRUE.equals(r.champion()), r.modelSha256());
    }

    private static RunRecord.Data data(String source, TrainingSetStep set) {
        return set == null ? new RunRecord.Data(source, null, null, null, null)
                : new RunRecord.Data(source, set.validatedKey(), set.dataFingerprint(), set.rows(), set.positives());
    }

    private RunRecord.Artifacts artifacts(Steps steps, String trainedKey) {
        String prefix = steps.trainingSet() == null ? null : steps.trainingSet().trainingSetPrefix();
        return new RunRecord.Artifacts(prefix, prefix == null ? List.of() : blobs.list(prefix), trainedKey,
                steps.registration() == null ? null : steps.registration().artifactKey(),
                steps.evaluation() == null ? null : steps.evaluation().evaluationKey(),
                steps.registration() == null ? null : steps.registration().decisionKey(),
                steps.report() == null ? null : steps.report().reportKey());
    }
}
