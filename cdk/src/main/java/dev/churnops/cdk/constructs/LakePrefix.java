package dev.churnops.cdk.constructs;

/**
 * The top-level key prefixes of the data lake, as {@code BlobLayout} in functions/core builds keys
 * (ARCHITECTURE.md, "Blob layout"). IAM policies grant object access by these prefixes, so a
 * function reads and writes only the parts of the lake its step uses; a test checks that every key
 * {@code BlobLayout} builds falls under one of them.
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
    /** The feature store's offline store. */
    FEATURES("features/"),
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
    MONITORING("monitoring/");

    private final String prefix;

    LakePrefix(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix with its trailing slash, such as {@code raw/}. */
    public String prefix() {
        return prefix;
    }
}
