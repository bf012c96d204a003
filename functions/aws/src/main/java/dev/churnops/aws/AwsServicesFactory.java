package dev.churnops.aws;

import dev.churnops.core.port.ExperimentTracker;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.registry.BlobModelRegistry;
import dev.churnops.core.features.FeatureRegistry;
import dev.churnops.core.pipeline.FeatureStates;
import dev.churnops.featurestore.ParquetOfflineStore;
import dev.churnops.handlers.FeatureStores;
import dev.churnops.handlers.Services;
import dev.churnops.handlers.ServicesFactory;
import dev.churnops.handlers.tracking.MlflowTracker;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.regions.Region;

/**
 * The AWS adapter set ({@code CHURNOPS_ADAPTERS=aws}, the default on Lambda): blobs and the model
 * registry in the S3 bucket {@code CHURNOPS_BUCKET}, training on SageMaker, notifications to the
 * SNS topic {@code CHURNOPS_ALERT_TOPIC_ARN}, metrics as EMF on standard output, run records also
 * to MLflow when {@code MLFLOW_TRACKING_URI} is set. The environment is read once, here, and every
 * variable is checked before anything is built ({@link AwsSettings#from}); SDK clients are built
 * on first use only ({@link Lazy}), so building the services makes no network call and a function
 * builds only the clients its step needs. The feature store is the feature state and the offline
 * Parquet files in the bucket, and the online store in the SageMaker feature group
 * {@code CHURNOPS_FEATURE_GROUP}. Found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.churnops.handlers.ServicesFactory}.
 */
public final class AwsServicesFactory implements ServicesFactory {

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public Services create(Map<String, String> environment) {
        AwsSettings settings = AwsSettings.from(environment);
        AwsClients clients = AwsClients.forRegion(settings.region() == null ? null : Region.of(settings.region()));
        return create(settings, clients, MlflowTracker.fromEnvironment(environment), Clock.systemUTC());
    }

    static Services create(AwsSettings settings, AwsClients clients, ExperimentTracker experiments, Clock clock) {
        var blobs = Lazy.blobs(Lazy.of(() -> new S3BlobStore(clients.s3(), settings.bucket())));
        ModelRegistry registry = new BlobModelRegistry(blobs, clock);
        var trainingJobs = Lazy.trainingJobs(Lazy.of(() -> new SageMakerTrainingJobs(clients.sageMaker(), settings.training())));
        var notifier = Lazy.notifier(Lazy.of(() -> new SnsNotifier(clients.sns(), settings.alertTopicArn())));
        // The registry is read when a feature step first needs it, not on every function's cold start.
        FeatureStores stores = new FeatureStores(
                () -> new FeatureStates(blobs, FeatureRegistry.builtIn(), FeatureStores.DEFAULT_VIEW),
                () -> new ParquetOfflineStore(blobs),
                () -> {
                    if (settings.featureGroup() == null) {
                        throw new IllegalStateException("CHURNOPS_FEATURE_GROUP is not set: this step writes or reads the online"
                                + " feature store, a SageMaker feature group; set it to the group's name");
                    }
                    return new SageMakerOnlineStore(clients.featureStoreRuntime(), settings.featureGroup(),
                            FeatureRegistry.builtIn().schema(FeatureStores.DEFAULT_VIEW));
                });
        return new Services(blobs, registry, trainingJobs, notifier,
                new EmfMetrics(settings.metricsNamespace(), settings.inLambda()), clock, settings.settings(), experiments,
                stores);
    }
}
