package dev.churnops.aws;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * How training jobs run on SageMaker, immutable and checked once. Built with {@link #builder()},
 * which states the defaults, or read from the environment with {@link #from(Map)}. The image and
 * the role may be absent: only launching a job needs them, so a function that only describes jobs
 * (or never trains) does not have to be given them; {@link #requireForLaunch} then fails naming
 * the variable to set.
 *
 * @param bucket the bucket channels are read from and the model is written to ({@code CHURNOPS_BUCKET})
 * @param trainingImage the training container image in ECR ({@code CHURNOPS_TRAINING_IMAGE}); may be null
 * @param roleArn the IAM role SageMaker assumes ({@code CHURNOPS_SAGEMAKER_ROLE_ARN}); may be null
 * @param instanceType default {@value #DEFAULT_INSTANCE_TYPE} ({@code CHURNOPS_TRAINING_INSTANCE_TYPE})
 * @param volumeSizeGb default {@value #DEFAULT_VOLUME_GB} ({@code CHURNOPS_TRAINING_VOLUME_GB})
 * @param maxRuntimeSeconds default {@value #DEFAULT_MAX_SECONDS} ({@code CHURNOPS_TRAINING_MAX_SECONDS})
 * @param kmsKeyArn encrypts the model output and the training volume; null for the service's keys
 *     ({@code CHURNOPS_KMS_KEY_ARN})
 */
public record TrainingSettings(String bucket, String trainingImage, String roleArn, String instanceType,
                               int volumeSizeGb, int maxRuntimeSeconds, String kmsKeyArn) {

    public static final String DEFAULT_INSTANCE_TYPE = "ml.m5.large";
    public static final int DEFAULT_VOLUME_GB = 10;
    public static final int DEFAULT_MAX_SECONDS = 3600;
    /** SageMaker's limits for a training volume and for MaxRuntimeInSeconds (28 days). */
    static final int MAX_VOLUME_GB = 16_384;
    static final int MAX_RUNTIME_LIMIT = 2_419_200;

    private static final Pattern INSTANCE_TYPE = Pattern.compile("ml\\.[a-z0-9-]+\\.[a-z0-9]+");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}");

    public TrainingSettings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("TrainingSettings.bucket is blank: expected the data bucket's name");
        }
        if (trainingImage != null && trainingImage.isBlank()) {
            throw new IllegalArgumentException("TrainingSettings.trainingImage is blank: expected an image URI such as "
                    + "123456789012.dkr.ecr.eu-west-1.amazonaws.com/churnops-training:1.0, or none");
        }
        if (roleArn != null && !ROLE_ARN.matcher(roleArn).matches()) {
            throw new IllegalArgumentException("TrainingSettings.roleArn is '" + roleArn
                    + "': expected an IAM role ARN such as arn:aws:iam::123456789012:role/churnops-training");
        }
        if (instanceType == null || !INSTANCE_TYPE.matcher(instanceType).matches()) {
            throw new IllegalArgumentException("TrainingSettings.instanceType is '" + instanceType
                    + "': expected a SageMaker instance type such as " + DEFAULT_INSTANCE_TYPE);
        }
        if (volumeSizeGb < 1 || volumeSizeGb > MAX_VOLUME_GB) {
            throw new IllegalArgumentException("TrainingSettings.volumeSizeGb is " + volumeSizeGb
                    + ": expected a whole number of GB from 1 to " + MAX_VOLUME_GB);
        }
        if (maxRuntimeSeconds < 1 || maxRuntimeSeconds > MAX_RUNTIME_LIMIT) {
            throw new IllegalArgumentException("TrainingSettings.maxRuntimeSeconds is " + maxRuntimeSeconds
                    + ": expected a whole number of seconds from 1 to " + MAX_RUNTIME_LIMIT);
        }
        if (kmsKeyArn != null && kmsKeyArn.isBlank()) {
            kmsKeyArn = null;
        }
    }

    public static Builder builder(String bucket) {
        return new Builder(bucket);
    }

    /**
     * Reads CHURNOPS_BUCKET, CHURNOPS_TRAINING_IMAGE, CHURNOPS_SAGEMAKER_ROLE_ARN,
     * CHURNOPS_TRAINING_INSTANCE_TYPE, CHURNOPS_TRAINING_VOLUME_GB, CHURNOPS_TRAINING_MAX_SECONDS
     * and CHURNOPS_KMS_KEY_ARN; an absent optional variable keeps its default.
     *
     * @throws IllegalArgumentException a sentence naming the variable, its value and what was expected
     */
    public static TrainingSettings from(Map<String, String> env) {
        Builder b = builder(EnvVars.required(env, "CHURNOPS_BUCKET", "the data bucket's name"));
        b.trainingImage(EnvVars.optional(env, "CHURNOPS_TRAINING_IMAGE"));
        b.roleArn(EnvVars.optional(env, "CHURNOPS_SAGEMAKER_ROLE_ARN"));
        String type = EnvVars.optional(env, "CHURNOPS_TRAINING_INSTANCE_TYPE");
        if (type != null) {
            b.instanceType(type);
        }
        b.volumeSizeGb(EnvVars.whole(env, "CHURNOPS_TRAINING_VOLUME_GB", DEFAULT_VOLUME_GB, 1, MAX_VOLUME_GB, "GB"));
        b.maxRuntimeSeconds(EnvVars.whole(env, "CHURNOPS_TRAINING_MAX_SECONDS", DEFAULT_MAX_SECONDS, 1, MAX_RUNTIME_LIMIT,
                "seconds"));
        b.kmsKeyArn(EnvVars.optional(env, "CHURNOPS_KMS_KEY_ARN"));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            // The record names its field; the reader of this message sets a variable.
            String variable = VARIABLES.entrySet().stream()
                    .filter(v -> e.getMessage().startsWith("TrainingSettings." + v.getKey() + " "))
                    .map(Map.Entry::getValue).findFirst().orElse("CHURNOPS_BUCKET");
            throw new IllegalArgumentException(variable + ": " + e.getMessage(), e);
        }
    }

    /** Field → the variable {@link #from} reads it from. */
    private static final Map<String, String> VARIABLES = Map.of("bucket", "CHURNOPS_BUCKET",
            "trainingImage", "CHURNOPS_TRAINING_IMAGE", "roleArn", "CHURNOPS_SAGEMAKER_ROLE_ARN",
            "instanceType", "CHURNOPS_TRAINING_INSTANCE_TYPE", "volumeSizeGb", "CHURNOPS_TRAINING_VOLUME_GB",
            "maxRuntimeSeconds", "CHURNOPS_TRAINING_MAX_SECONDS", "kmsKeyArn", "CHURNOPS_KMS_KEY_ARN");

    /** Checks that a job can be launched: the image and the role are set. */
    void requireForLaunch(String jobName) {
        if (trainingImage == null) {
            throw new IllegalStateException("CHURNOPS_TRAINING_IMAGE is not set: launching training job '" + jobName
                    + "' needs the training container image, such as "
                    + "123456789012.dkr.ecr.eu-west-1.amazonaws.com/churnops-training:1.0");
        }
        if (roleArn == null) {
            throw new IllegalStateException("CHURNOPS_SAGEMAKER_ROLE_ARN is not set: launching training job '" + jobName
                    + "' needs the IAM role SageMaker assumes, such as arn:aws:iam::123456789012:role/churnops-training");
        }
    }

    /** Builds {@link TrainingSettings}; every field starts at its default and is checked in {@link #build()}. */
    public static final class Builder {
        private final String bucket;
        private String trainingImage;
        private String roleArn;
        private String instanceType = DEFAULT_INSTANCE_TYPE;
        private int volumeSizeGb = DEFAULT_VOLUME_GB;
        private int maxRuntimeSeconds = DEFAULT_MAX_SECONDS;
        private String kmsKeyArn;

        private Builder(String bucket) {
            this.bucket = bucket;
        }

        /** The training image; default none (launching then fails). */
        public Builder trainingImage(String value) {
            this.trainingImage = value;
            return this;
        }

        /** The role SageMaker assumes; default none (launching then fails). */
        public Builder roleArn(String value) {
            this.roleArn = value;
            return this;
        }

        /** Default {@value TrainingSettings#DEFAULT_INSTANCE_TYPE}. */
        public Builder instanceType(String value) {
            this.instanceType = value;
            return this;
        }

        /** Default {@value TrainingSettings#DEFAULT_VOLUME_GB}. */
        public Builder volumeSizeGb(int value) {
            this.volumeSizeGb = value;
            return this;
        }

        /** Default {@value TrainingSettings#DEFAULT_MAX_SECONDS}. */
        public Builder maxRuntimeSeconds(int value) {
            this.maxRuntimeSeconds = value;
            return this;
        }

        /** Default none: SageMaker's own keys. */
        public Builder kmsKeyArn(String value) {
            this.kmsKeyArn = value;
            return this;
        }

        public TrainingSettings build() {
            return new TrainingSettings(bucket, trainingImage, roleArn, instanceType, volumeSizeGb, maxRuntimeSeconds,
                    kmsKeyArn);
        }
    }
}
