package dev.churnops.cdk.constructs;

import static dev.churnops.cdk.constructs.LakePrefix.CAPTURE;
import static dev.churnops.cdk.constructs.LakePrefix.CONFIG;
import static dev.churnops.cdk.constructs.LakePrefix.EVALUATIONS;
import static dev.churnops.cdk.constructs.LakePrefix.EXPECTATIONS;
import static dev.churnops.cdk.constructs.LakePrefix.FEATURES;
import static dev.churnops.cdk.constructs.LakePrefix.FEATURE_OFFLINE;
import static dev.churnops.cdk.constructs.LakePrefix.FEATURE_STATE;
import static dev.churnops.cdk.constructs.LakePrefix.MODELS;
import static dev.churnops.cdk.constructs.LakePrefix.MONITORING;
import static dev.churnops.cdk.constructs.LakePrefix.QUALITY;
import static dev.churnops.cdk.constructs.LakePrefix.QUARANTINE;
import static dev.churnops.cdk.constructs.LakePrefix.RAW;
import static dev.churnops.cdk.constructs.LakePrefix.REPORTS;
import static dev.churnops.cdk.constructs.LakePrefix.RUNS;
import static dev.churnops.cdk.constructs.LakePrefix.SCORES;
import static dev.churnops.cdk.constructs.LakePrefix.TRAINING_JOBS;
import static dev.churnops.cdk.constructs.LakePrefix.TRAINING_SETS;
import static dev.churnops.cdk.constructs.LakePrefix.VALIDATED;

/**
 * The Lambda functions the state machines' Task states invoke, named as their definition
 * substitutions name them ({@code ${ValidateDataFunction}} …), each with its handler class in
 * functions/handlers and what it touches: the lake prefixes its use case reads, writes and
 * deletes, whether it reads or writes the model registry, and whether it reads or writes the
 * online feature store (the SageMaker feature group). The functions' IAM policies are derived
 * from this table and nothing else.
 */
public enum Step {
    /** Also reads the feature state (known customers) and keeps each source's daily volume history in quality/. */
    VALIDATE_DATA("ValidateDataFunction",
            LakeAccess.reads(RAW, CONFIG, FEATURES, QUALITY).andWrites(VALIDATED, QUARANTINE, REPORTS, EXPECTATIONS, QUALITY),
            Registry.NONE),
    /** Data-quality metrics go out as CloudWatch embedded-metric log lines: no lake access. */
    PUBLISH_DATA_QUALITY("PublishDataQualityFunction", LakeAccess.NONE, Registry.NONE),
    /** Applies a validated event file to the feature state: appends journal entries, never deletes. */
    UPDATE_FEATURES("UpdateFeaturesFunction", LakeAccess.reads(VALIDATED, FEATURES).andWrites(FEATURE_STATE), Registry.NONE),
    /**
     * Replays the journal into a day's features: appends them to the offline store, puts them in
     * the online store (the feature group), checkpoints the state and deletes the checkpoints and
     * journal entries the new checkpoint replaces, under features/state/ only.
     */
    MATERIALIZE_FEATURES("MaterializeFeaturesFunction",
            LakeAccess.reads(FEATURES, VALIDATED).andWrites(FEATURE_OFFLINE, FEATURE_STATE).andDeletes(FEATURE_STATE),
            Registry.NONE, FeatureStore.Access.WRITE),
    /** Builds point-in-time training sets from the offline store under features/offline/. */
    BUILD_TRAINING_SET("BuildTrainingSetFunction", LakeAccess.reads(VALIDATED, FEATURES).andWrites(TRAINING_SETS),
            Registry.NONE),
    /** Starts the SageMaker job (the {@link Training} construct grants that); the job itself reads the lake. */
    LAUNCH_TRAINING("LaunchTrainingFunction", LakeAccess.NONE, Registry.NONE),
    DESCRIBE_TRAINING("DescribeTrainingFunction", LakeAccess.NONE, Registry.NONE),
    EVALUATE_MODEL("EvaluateModelFunction",
            LakeAccess.reads(TRAINING_SETS, TRAINING_JOBS, MODELS).andWrites(EVALUATIONS), Registry.READ),
    REGISTER_MODEL("RegisterModelFunction",
            LakeAccess.reads(TRAINING_SETS, TRAINING_JOBS, EVALUATIONS, MODELS).andWrites(EVALUATIONS, MODELS),
            Registry.WRITE),
    PUBLISH_REPORT("PublishReportFunction",
            LakeAccess.reads(TRAINING_JOBS, EVALUATIONS, REPORTS).andWrites(REPORTS), Registry.NONE),
    RECORD_RUN("RecordRunFunction", LakeAccess.reads(TRAINING_SETS, TRAINING_JOBS, EVALUATIONS).andWrites(RUNS),
            Registry.NONE),
    /**
     * Plans a batch-scoring run over a validated file, or over a feature view's customers: then it
     * reads the view's snapshot from features/offline/ and writes it beside the run's scores.
     */
    LIST_SCORING_PARTITIONS("ListScoringPartitionsFunction",
            LakeAccess.reads(VALIDATED, FEATURE_OFFLINE, MODELS).andWrites(SCORES), Registry.READ),
    /** Scores row ranges of a validated file or of the run's feature-view snapshot (under scores/). */
    SCORE_PARTITION("ScorePartitionFunction", LakeAccess.reads(VALIDATED, SCORES, MODELS).andWrites(SCORES), Registry.READ),
    SUMMARIZE_SCORES("SummarizeScoresFunction", LakeAccess.reads(SCORES).andWrites(SCORES), Registry.NONE),
    /**
     * Gathers a monitoring run's window: captured scores, a customer table (under monitoring/input/
     * or validated/), or a feature view's snapshot from the offline store (features/offline/ only),
     * the last two scored by the monitored version read from the registry.
     */
    PREPARE_MONITORING("PrepareMonitoringFunction", LakeAccess.reads(CAPTURE, VALIDATED, FEATURE_OFFLINE, MONITORING, MODELS)
            .andWrites(MONITORING), Registry.READ),
    CHECK_DRIFT("CheckDriftFunction", LakeAccess.reads(MONITORING, MODELS).andWrites(MONITORING), Registry.READ),
    CHECK_PERFORMANCE("CheckPerformanceFunction", LakeAccess.reads(MONITORING, MODELS).andWrites(MONITORING),
            Registry.READ),
    CHECK_BUSINESS("CheckBusinessFunction", LakeAccess.reads(MONITORING, MODELS).andWrites(MONITORING), Registry.READ),
    /** Also keeps each model's window sizes under monitoring/state/. */
    CHECK_ANOMALIES("CheckAnomaliesFunction", LakeAccess.reads(MONITORING, MODELS).andWrites(MONITORING), Registry.READ),
    /** Reads the incident and retraining state and the champion's run record; writes the run's report. */
    DECIDE_MONITORING("DecideMonitoringFunction", LakeAccess.reads(MONITORING, MODELS, RUNS).andWrites(MONITORING, REPORTS),
            Registry.READ),
    COMMIT_MONITORING("CommitMonitoringFunction", LakeAccess.reads(MONITORING).andWrites(MONITORING), Registry.NONE);

    /** What a function does with the model registry (SageMaker model package group + models/ in the lake). */
    public enum Registry { NONE, READ, WRITE }

    private final String substitution;
    private final LakeAccess lake;
    private final Registry registry;
    private final FeatureStore.Access onlineStore;

    Step(String substitution, LakeAccess lake, Registry registry) {
        this(substitution, lake, registry, FeatureStore.Access.NONE);
    }

    Step(String substitution, LakeAccess lake, Registry registry, FeatureStore.Access onlineStore) {
        this.substitution = substitution;
        this.lake = lake;
        this.registry = registry;
        this.onlineStore = onlineStore;
    }

    /** The definition-substitution name, {@code ValidateDataFunction}. */
    public String substitution() {
        return substitution;
    }

    /** {@code ValidateData}: the function's name without the suffix. */
    public String shortName() {
        return substitution.substring(0, substitution.length() - "Function".length());
    }

    /** The Lambda handler, {@code dev.churnops.handlers.ValidateDataHandler::handleRequest}. */
    public String handler() {
        return "dev.churnops.handlers." + shortName() + "Handler::handleRequest";
    }

    public LakeAccess lake() {
        return lake;
    }

    public Registry registry() {
        return registry;
    }

    /** What the function does with the online feature store (the SageMaker feature group's records). */
    public FeatureStore.Access onlineStore() {
        return onlineStore;
    }

    /** The step of a substitution name. */
    public static Step ofSubstitution(String name) {
        for (Step s : values()) {
            if (s.substitution.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no Lambda step is named '" + name + "'");
    }
}
