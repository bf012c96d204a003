package dev.churnops.cdk.constructs;

/**
 * The key prefixes of the data lake, as {@code BlobLayout} in functions/core builds keys
 * (ARCHITECTURE.md, "Blob layout"): the top-level ones, and two under {@code features/} that let a
 * grant be narrower than the whole feature tree. IAM policies grant object access by these
 * prefixes, so a function reads, writes and deletes only the parts of the lake its step uses; a
 * test checks that every key {@code BlobLayout} builds falls under one of them. Only a prefix
 * marked {@link #deletable()} may be granted {@code s3:DeleteObject}.
 */
public enum LakePrefix {
    /** Files as they arrive: {@code raw/<source>/dt=YYYY-MM-DD/<file>}; an upload here starts ingestion. */
    RAW("raw/"),
    /** Dataset descriptions and expectation suites: {@code config/datasets/<source>.json}. */
    CONFIG("config/"),
    /** Expectation suites profiled from a first file: {@code expectations/<source>/<execution>.json}. */
    EXPECTATIONS("expectations/"),
    /** Data-quality state kept across files: {@code quality/volumes/<source>.json}, daily row counts per source. */
    QUALITY("quality/"),
    /** Rows that passed validation, with their manifests. */
    VALIDATED("validated/"),
    /** Rejected rows with their reasons. */
    QUARANTINE("quarantine/"),
    /**
     * The features: the computation state under {@code features/state/} and the offline store's
     * Parquet files under {@code features/offline/<view>/dt=YYYY-MM-DD/} (the online store on AWS
     * is SageMaker Feature Store, not the lake).
     */
    FEATURES("features/"),
    /**
     * The feature computation state: {@code features/state/<view>/checkpoint/<gen>.bin} and
     * {@code features/state/<view>/journal/<gen>/<sequence>.json}. Materialization replaces old
     * checkpoints and journal entries, so this is the one prefix where objects are deleted.
     */
    FEATURE_STATE("features/state/", true),
    /** The offline feature store: {@code features/offline/<view>/dt=YYYY-MM-DD/part-*.parquet}, appended to, never rewritten. */
    FEATURE_OFFLINE("features/offline/"),
    /** Seeded train / validation / test splits; rebuilt from validated/ and the seed, so they expire. */
    TRAINING_SETS("training-sets/"),
    /** SageMaker training-job output (model.tar.gz). */
    TRAINING_JOBS("training-jobs/"),
    /** Evaluation records and gate decisions. */
    EVALUATIONS("evaluations/"),
    /** Registered model versions: {@code models/<model>/<version>/model.tar.gz}. */
    MODELS("models/"),
    /** One record per training run. */
    RUNS("runs/"),
    /** Validation and training reports. */
    REPORTS("reports/"),
    /** Batch scores: {@code scores/<date>/<execution>/}. */
    SCORES("scores/"),
    /** Drift statistics, constraints and violations (the monitoring workflow). */
    MONITORING("monitoring/"),
    /**
     * Sampled scores of the scoring API, for monitoring: {@code capture/<model>/dt=YYYY-MM-DD/part-*.jsonl}
     * ({@code CaptureLine} in functions/core); only the scoring function writes here.
     */
    CAPTURE("capture/");

    private final String prefix;
    private final boolean deletable;

    LakePrefix(String prefix) {
        this(prefix, false);
    }

    LakePrefix(String prefix, boolean deletable) {
        this.prefix = prefix;
        this.deletable = deletable;
    }

    /** Whether a step may be granted deletes under this prefix (the lake is versioned: a delete leaves a marker). */
    public boolean deletable() {
        return deletable;
    }

    /** The prefix with its trailing slash, such as {@code raw/}. */
    public String prefix() {
        return prefix;
    }
}
