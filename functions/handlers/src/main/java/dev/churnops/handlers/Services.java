package dev.churnops.handlers;

import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.ExperimentTracker;
import dev.churnops.core.port.Metrics;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.port.Notifier;
import dev.churnops.core.port.TrainingJobs;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * The adapters every handler works through, plus the settings read once at the edge. On Lambda a
 * handler's no-argument constructor asks {@link #fromEnvironment()}, which finds the adapter set
 * named by {@code CHURNOPS_ADAPTERS} among the {@link ServicesFactory} implementations on the
 * class path; locally the runtime builds one {@code Services} and hands it to every handler.
 * {@code experiments} is where run records are also logged: an MLflow tracking server when
 * {@code MLFLOW_TRACKING_URI} is set, {@link ExperimentTracker#NONE} otherwise. {@code features} is
 * the feature store: the embedded one over the blob store unless the adapter set brings its own.
 */
public record Services(BlobStore blobs, ModelRegistry registry, TrainingJobs trainingJobs, Notifier notifier,
                       Metrics metrics, Clock clock, Settings settings, ExperimentTracker experiments,
                       FeatureStores features) {

    public Services {
        Objects.requireNonNull(blobs, "blobs");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(trainingJobs, "trainingJobs");
        Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(experiments, "experiments");
        Objects.requireNonNull(features, "features");
    }

    /** Services with the embedded feature stores over {@code blobs} (Parquet files offline, the embedded online store). */
    public Services(BlobStore blobs, ModelRegistry registry, TrainingJobs trainingJobs, Notifier notifier, Metrics metrics,
                    Clock clock, Settings settings, ExperimentTracker experiments) {
        this(blobs, registry, trainingJobs, notifier, metrics, clock, settings, experiments, FeatureStores.embedded(blobs));
    }

    /** Services that log runs to no experiment tracker. */
    public Services(BlobStore blobs, ModelRegistry registry, TrainingJobs trainingJobs, Notifier notifier, Metrics metrics,
                    Clock clock, Settings settings) {
        this(blobs, registry, trainingJobs, notifier, metrics, clock, settings, ExperimentTracker.NONE);
    }

    /**
     * Settings with stated defaults: model name {@code churn}, code version {@code unknown},
     * quarantine-rate alert above 5%.
     */
    public record Settings(String modelName, String codeVersion, double maxQuarantineRate) {

        public static final Settings DEFAULTS = new Settings("churn", "unknown", 0.05);

        public Settings {
            if (modelName == null || !modelName.matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")) {
                throw new IllegalArgumentException("model name '" + modelName + "' must be 1-63 letters, digits and inner hyphens");
            }
            if (!(maxQuarantineRate >= 0 && maxQuarantineRate <= 1)) {
                throw new IllegalArgumentException("max quarantine rate " + maxQuarantineRate + " must be within [0, 1]");
            }
        }

        /**
         * The model an execution works on: the one its input names, checked like the setting, or
         * the configured default.
         */
        public String modelName(String requested) {
            return requested == null ? modelName : new Settings(requested, codeVersion, maxQuarantineRate).modelName();
        }

        /** Reads CHURNOPS_MODEL_NAME, CHURNOPS_CODE_VERSION and CHURNOPS_MAX_QUARANTINE_RATE. */
        public static Settings from(Map<String, String> env) {
            String rate = env.get("CHURNOPS_MAX_QUARANTINE_RATE");
            double parsed;
            try {
                parsed = rate == null ? DEFAULTS.maxQuarantineRate() : Double.parseDouble(rate);
            } catch (NumberFormatException e) {
                parsed = Double.NaN;
            }
            // Checked here as well as in the constructor, so the message names the variable to fix.
            if (!(parsed >= 0 && parsed <= 1)) {
                throw new IllegalArgumentException("CHURNOPS_MAX_QUARANTINE_RATE is '" + rate + "': expected a number in [0, 1]");
            }
            String modelName = env.getOrDefault("CHURNOPS_MODEL_NAME", DEFAULTS.modelName());
            try {
                return new Settings(modelName, env.getOrDefault("CHURNOPS_CODE_VERSION", DEFAULTS.codeVersion()), parsed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("CHURNOPS_MODEL_NAME: " + e.getMessage(), e);
            }
        }
    }

    /** Builds the adapter set named by {@code CHURNOPS_ADAPTERS} from the process environment. */
    public static Services fromEnvironment() {
        Map<String, String> env = System.getenv();
        String name = env.getOrDefault("CHURNOPS_ADAPTERS", "aws");
        for (ServicesFactory factory : ServiceLoader.load(ServicesFactory.class)) {
            if (factory.name().equals(name)) {
                return factory.create(env);
            }
        }
        throw new IllegalStateException("no adapter set named '" + name + "' (CHURNOPS_ADAPTERS) on the class path");
    }
}
