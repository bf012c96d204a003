package dev.churnops.local.adapter;

import dev.churnops.core.port.ExperimentTracker;
import dev.churnops.core.registry.BlobModelRegistry;
import dev.churnops.handlers.Services;
import dev.churnops.handlers.ServicesFactory;
import dev.churnops.handlers.tracking.MlflowTracker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The embedded adapter set ({@code CHURNOPS_ADAPTERS=local}): everything under one home directory
 * ({@code CHURNOPS_HOME}, default {@code .churnops}), laid out as the blob layout, with the outbox
 * and metrics files beside it. Run records also go to MLflow when {@code MLFLOW_TRACKING_URI} is set.
 */
public final class LocalServicesFactory implements ServicesFactory {

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Services create(Map<String, String> environment) {
        return create(Path.of(environment.getOrDefault("CHURNOPS_HOME", ".churnops")), Services.Settings.from(environment),
                Clock.systemUTC(), System.err, MlflowTracker.fromEnvironment(environment));
    }

    /** The adapter set with no experiment tracker. */
    public static Services create(Path home, Services.Settings settings, Clock clock, PrintStream console) {
        return create(home, settings, clock, console, ExperimentTracker.NONE);
    }

    public static Services create(Path home, Services.Settings settings, Clock clock, PrintStream console,
                                  ExperimentTracker experiments) {
        DirectoryBlobStore blobs = new DirectoryBlobStore(home);
        return new Services(blobs, new BlobModelRegistry(blobs, clock), new LocalTrainingJobs(blobs),
                new OutboxNotifier(home.resolve("outbox/notifications.jsonl"), console, clock),
                new FileMetrics(home.resolve("metrics/metrics.jsonl"), clock), clock, settings, experiments);
    }
}
