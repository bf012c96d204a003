package dev.churnops.cdk.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Everything that differs between dev, staging and prod, in one immutable, validated value: sizes,
 * schedules, thresholds, alarm actions, retention and removal policies. {@link #of(String)} returns
 * the settings of a named stage; {@link #toBuilder()} changes a few of them (the app sets the
 * account, region and alert e-mail addresses from CDK context). Validation lives in the
 * constructor and fails with a sentence naming the field, the value and what was expected.
 *
 * @param name dev, staging or prod: part of every stack and resource name
 * @param account AWS account to deploy to; null deploys to the CLI's current account
 * @param region AWS region to deploy to; null deploys to the CLI's current region
 * @param lakeEncryption how the data-lake bucket encrypts objects
 * @param removalPolicy what deleting a stack does to data: buckets, keys, log groups, feature group
 * @param logRetention how long function, state-machine and API access logs are kept
 * @param lifecycle the lake's lifecycle rules
 * @param functions sizes and timeouts of the step functions and of the scoring function
 * @param schedules when training, batch scoring, monitoring and feature materialization run
 * @param training the SageMaker training job's resources
 * @param api the scoring API's throttling and the alarm thresholds of its canary deployment
 * @param alarms where alarms go and the data-quality threshold
 */
public record StageConfig(String name, String account, String region, LakeEncryption lakeEncryption,
                          RemovalPolicy removalPolicy, RetentionDays logRetention, Lifecycle lifecycle,
                          FunctionSizes functions, Schedules schedules, Training training, Api api, Alarms alarms) {

    /** The stages the app knows, in promotion order. */
    public static final List<String> STAGES = List.of("dev", "staging", "prod");

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{1,11}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    public StageConfig {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("StageConfig.name is '" + name
                    + "' but must be 2 to 12 lower-case letters and digits, starting with a letter (it names stacks and resources).");
        }
        if (account != null && !ACCOUNT.matcher(account).matches()) {
            throw new IllegalArgumentException("StageConfig.account of stage " + name + " is '" + account
                    + "' but must be a 12-digit AWS account id, or absent for the CLI's current account.");
        }
        if (region != null && !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("StageConfig.region of stage " + name + " is '" + region
                    + "' but must be an AWS region such as eu-west-1, or absent for the CLI's current region.");
        }
        Objects.requireNonNull(lakeEncryption, "StageConfig.lakeEncryption");
        Objects.requireNonNull(removalPolicy, "StageConfig.removalPolicy");
        Objects.requireNonNull(logRetention, "StageConfig.logRetention");
        Objects.requireNonNull(lifecycle, "StageConfig.lifecycle");
        Objects.requireNonNull(functions, "StageConfig.functions");
        Objects.requireNonNull(schedules, "StageConfig.schedules");
        Objects.requireNonNull(training, "StageConfig.training");
        Objects.requireNonNull(api, "StageConfig.api");
        Objects.requireNonNull(alarms, "StageConfig.alarms");
    }

    /** How the lake bucket encrypts: a customer-managed KMS key ($1 a month, auditable use) or S3-managed keys. */
    public enum LakeEncryption { KMS, S3_MANAGED }

    /**
     * The lake's lifecycle rules.
     *
     * @param rawToInfrequentAccessDays raw/ objects move to S3 Standard-IA after this many days (at least 30, S3's minimum)
     * @param trainingSetExpirationDays training-sets/ are deleted after this many days: they are rebuilt from the
     *     validated data and the seed
     * @param noncurrentVersionExpirationDays overwritten or deleted object versions are kept this many days
     * @param accessLogExpirationDays server access logs are kept this many days
     * @param captureExpirationDays capture/ (the features and scores of scored requests, which is customer
     *     data) is deleted after this many days; at least {@link #MIN_CAPTURE_DAYS}, so performance monitoring
     *     can still join a prediction with its label once the label horizon has passed
     */
    public record Lifecycle(int rawToInfrequentAccessDays, int trainingSetExpirationDays,
                            int noncurrentVersionExpirationDays, int accessLogExpirationDays, int captureExpirationDays) {

        /**
         * The label horizon (30 days: whether a scored customer churned is known this long after
         * scoring) plus a monitoring window (7 days) plus a week's grace for a late labels file.
         */
        public static final int MIN_CAPTURE_DAYS = 44;

        public Lifecycle {
            atLeast("Lifecycle.rawToInfrequentAccessDays", rawToInfrequentAccessDays, 30);
            atLeast("Lifecycle.trainingSetExpirationDays", trainingSetExpirationDays, 1);
            atLeast("Lifecycle.noncurrentVersionExpirationDays", noncurrentVersionExpirationDays, 1);
            atLeast("Lifecycle.accessLogExpirationDays", accessLogExpirationDays, 1);
            atLeast("Lifecycle.captureExpirationDays", captureExpirationDays, MIN_CAPTURE_DAYS);
        }
    }

    /**
     * Lambda sizes.
     *
     * @param stepMemoryMb memory of every step function, 512 to 10240 MB
     * @param stepTimeoutSeconds timeout of every step function, 1 to 900 s
     * @param scoringMemoryMb memory of the scoring function, 512 to 10240 MB
     * @param scoringTimeoutSeconds timeout of the scoring function, 1 to 29 s (API Gateway's integration limit)
     * @param logLevel Powertools log level of every function: DEBUG, INFO, WARN or ERROR
     */
    public record FunctionSizes(int stepMemoryMb, int stepTimeoutSeconds, int scoringMemoryMb, int scoringTimeoutSeconds,
                                String logLevel) {
        public FunctionSizes {
            between("FunctionSizes.stepMemoryMb", stepMemoryMb, 512, 10240);
            between("FunctionSizes.stepTimeoutSeconds", stepTimeoutSeconds, 1, 900);
            between("FunctionSizes.scoringMemoryMb", scoringMemoryMb, 512, 10240);
            between("FunctionSizes.scoringTimeoutSeconds", scoringTimeoutSeconds, 1, 29);
            if (!List.of("DEBUG", "INFO", "WARN", "ERROR").contains(logLevel)) {
                throw new IllegalArgumentException("FunctionSizes.logLevel is '" + logLevel
                        + "' but must be DEBUG, INFO, WARN or ERROR.");
            }
        }
    }

    /**
     * EventBridge schedule expressions, such as {@code cron(0 4 ? * MON *)}; disabled rules exist but do not fire.
     *
     * @param training when training runs
     * @param batchScoring when every customer is scored
     * @param monitoring when drift, performance and KPIs are checked
     * @param featureMaterialization when the previous day's features go to the offline and online stores (daily,
     *     after midnight UTC, before batch scoring reads the online store)
     * @param enabled false creates the rules disabled (start the workflows by hand)
     */
    public record Schedules(String training, String batchScoring, String monitoring, String featureMaterialization,
                            boolean enabled) {
        public Schedules {
            schedule("Schedules.training", training);
            schedule("Schedules.batchScoring", batchScoring);
            schedule("Schedules.monitoring", monitoring);
            schedule("Schedules.featureMaterialization", featureMaterialization);
        }
    }

    /**
     * The SageMaker training job.
     *
     * @param instanceType an ml.* instance type
     * @param volumeGb the job's EBS volume, 1 to 512 GB
     * @param maxSeconds the job's stopping condition, 60 s to 5 days
     */
    public record Training(String instanceType, int volumeGb, int maxSeconds) {
        public Training {
            if (instanceType == null || !instanceType.matches("ml\\.[a-z0-9]+\\.[a-z0-9]+")) {
                throw new IllegalArgumentException("Training.instanceType is '" + instanceType
                        + "' but must be a SageMaker instance type such as ml.m5.large.");
            }
            between("Training.volumeGb", volumeGb, 1, 512);
            between("Training.maxSeconds", maxSeconds, 60, 432_000);
        }
    }

    /**
     * The scoring API.
     *
     * @param throttleRatePerSecond steady requests per second of the usage plan
     * @param throttleBurst burst of the usage plan, at least the rate
     * @param quotaPerDay requests per API key and day
     * @param errorRatePercentAlarm the canary rolls back when more than this percentage of invocations fail
     * @param p99LatencyMsAlarm the canary rolls back when the p99 duration exceeds this many milliseconds
     * @param scorePsiAlarm the canary rolls back when the population stability index of the new version's
     *     scores against its model's training scores exceeds this (0.25 is the usual "significant shift")
     */
    public record Api(int throttleRatePerSecond, int throttleBurst, int quotaPerDay, double errorRatePercentAlarm,
                      int p99LatencyMsAlarm, double scorePsiAlarm) {
        public Api {
            between("Api.throttleRatePerSecond", throttleRatePerSecond, 1, 10_000);
            between("Api.throttleBurst", throttleBurst, throttleRatePerSecond, 5_000_000);
            between("Api.quotaPerDay", quotaPerDay, 1, Integer.MAX_VALUE);
            if (!(errorRatePercentAlarm > 0 && errorRatePercentAlarm <= 100)) {
                throw new IllegalArgumentException("Api.errorRatePercentAlarm is " + errorRatePercentAlarm
                        + " but must be a percentage above 0 and at most 100.");
            }
            between("Api.p99LatencyMsAlarm", p99LatencyMsAlarm, 1, 29_000);
            if (!(scorePsiAlarm > 0 && scorePsiAlarm <= 10)) {
                throw new IllegalArgumentException("Api.scorePsiAlarm is " + scorePsiAlarm
                        + " but must be a PSI above 0 and at most 10 (0.25 is the usual significant shift).");
            }
        }
    }

    /**
     * Alarms and alerts.
     *
     * @param actionsEnabled false keeps alarms (and the canary's rollback) but sends no notifications
     * @param emails addresses subscribed to the alert topic (each confirms by e-mail)
     * @param maxQuarantineRate share of rows quarantined above which ingestion alerts, 0 to 1
     */
    public record Alarms(boolean actionsEnabled, List<String> emails, double maxQuarantineRate) {
        public Alarms {
            emails = List.copyOf(emails);
            for (String email : emails) {
                if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    throw new IllegalArgumentException("Alarms.emails holds '" + email + "', which is not an e-mail address.");
                }
            }
            if (!(maxQuarantineRate >= 0 && maxQuarantineRate <= 1)) {
                throw new IllegalArgumentException("Alarms.maxQuarantineRate is " + maxQuarantineRate
                        + " but must be a share from 0 to 1.");
            }
        }
    }

    /** The settings of a stage the app knows. */
    public static StageConfig of(String stage) {
        return switch (stage == null ? "" : stage) {
            case "dev" -> new StageConfig("dev", null, null, LakeEncryption.S3_MANAGED, RemovalPolicy.DESTROY,
                    RetentionDays.ONE_WEEK, new Lifecycle(30, 7, 7, 30, 60),
                    new FunctionSizes(1024, 300, 1024, 10, "DEBUG"),
                    new Schedules("cron(0 4 ? * MON *)", "cron(0 5 * * ? *)", "cron(0 6 * * ? *)", "cron(30 0 * * ? *)", false),
                    new Training("ml.m5.large", 10, 3600),
                    new Api(10, 20, 10_000, 5, 3000, 0.25),
                    new Alarms(false, List.of(), 0.05));
            case "staging" -> new StageConfig("staging", null, null, LakeEncryption.KMS, RemovalPolicy.DESTROY,
                    RetentionDays.ONE_MONTH, new Lifecycle(30, 14, 30, 90, 90),
                    new FunctionSizes(2048, 600, 1536, 10, "INFO"),
                    new Schedules("cron(0 4 ? * MON *)", "cron(0 5 * * ? *)", "cron(0 6 * * ? *)", "cron(30 0 * * ? *)", true),
                    new Training("ml.m5.large", 20, 7200),
                    new Api(50, 100, 100_000, 2, 1500, 0.25),
                    new Alarms(true, List.of(), 0.05));
            case "prod" -> new StageConfig("prod", null, null, LakeEncryption.KMS, RemovalPolicy.RETAIN,
                    RetentionDays.ONE_YEAR, new Lifecycle(30, 30, 90, 365, 180),
                    new FunctionSizes(2048, 900, 2048, 10, "INFO"),
                    new Schedules("cron(0 4 ? * MON *)", "cron(0 5 * * ? *)", "cron(0 6 * * ? *)", "cron(30 0 * * ? *)", true),
                    new Training("ml.m5.xlarge", 30, 14_400),
                    new Api(200, 400, 1_000_000, 1, 1000, 0.25),
                    new Alarms(true, List.of(), 0.05));
            default -> throw new IllegalArgumentException("stage is '" + stage + "' but must be one of " + STAGES
                    + " (choose it with -c stage=NAME).");
        };
    }

    /** The prefix of this stage's resource names: {@code churnops-dev}. */
    public String prefix() {
        return "churnops-" + name;
    }

    /** The prefix of this stage's stack names: {@code ChurnOps-dev}. */
    public String stackPrefix() {
        return "ChurnOps-" + name;
    }

    /** The CloudWatch namespace of the functions' own metrics: {@code ChurnOps/dev}. */
    public String metricsNamespace() {
        return "ChurnOps/" + name;
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some settings of a {@link StageConfig}; {@link #build()} validates the result. */
    public static final class Builder {
        private String name;
        private String account;
        private String region;
        private LakeEncryption lakeEncryption;
        private RemovalPolicy removalPolicy;
        private RetentionDays logRetention;
        private Lifecycle lifecycle;
        private FunctionSizes functions;
        private Schedules schedules;
        private Training training;
        private Api api;
        private Alarms alarms;

        private Builder(StageConfig c) {
            name = c.name;
            account = c.account;
            region = c.region;
            lakeEncryption = c.lakeEncryption;
            removalPolicy = c.removalPolicy;
            logRetention = c.logRetention;
            lifecycle = c.lifecycle;
            functions = c.functions;
            schedules = c.schedules;
            training = c.training;
            api = c.api;
            alarms = c.alarms;
        }

        public Builder account(String value) {
            account = value;
            return this;
        }

        public Builder region(String value) {
            region = value;
            return this;
        }

        public Builder lakeEncryption(LakeEncryption value) {
            lakeEncryption = value;
            return this;
        }

        public Builder removalPolicy(RemovalPolicy value) {
            removalPolicy = value;
            return this;
        }

        public Builder logRetention(RetentionDays value) {
            logRetention = value;
            return this;
        }

        public Builder lifecycle(Lifecycle value) {
            lifecycle = value;
            return this;
        }

        public Builder functions(FunctionSizes value) {
            functions = value;
            return this;
        }

        public Builder schedules(Schedules value) {
            schedules = value;
            return this;
        }

        public Builder training(Training value) {
            training = value;
            return this;
        }

        public Builder api(Api value) {
            api = value;
            return this;
        }

        public Builder alarms(Alarms value) {
            alarms = value;
            return this;
        }

        public StageConfig build() {
            return new StageConfig(name, account, region, lakeEncryption, removalPolicy, logRetention, lifecycle,
                    functions, schedules, training, api, alarms);
        }
    }

    private static void atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " is " + value + " but must be at least " + min + ".");
        }
    }

    private static void between(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " is " + value + " but must be from " + min + " to " + max + ".");
        }
    }

    private static void schedule(String field, String expression) {
        if (expression == null || !(expression.toLowerCase(Locale.ROOT).startsWith("cron(")
                || expression.toLowerCase(Locale.ROOT).startsWith("rate(")) || !expression.endsWith(")")) {
            throw new IllegalArgumentException(field + " is '" + expression
                    + "' but must be an EventBridge schedule expression: cron(...) or rate(...).");
        }
    }
}
