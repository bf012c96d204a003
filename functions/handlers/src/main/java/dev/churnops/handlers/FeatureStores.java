package dev.churnops.handlers;

import dev.churnops.core.features.FeatureRegistry;
import dev.churnops.core.quality.KnownCustomers;
import dev.churnops.core.pipeline.FeatureStates;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.OfflineFeatureStore;
import dev.churnops.core.port.OnlineFeatureStore;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The feature store as the steps see it: the computation state of the view, the offline store and
 * the online store. Each part is built on first use, so a function that never touches features
 * (the scoring function, whose jar holds no Parquet code) never loads their classes.
 */
public final class FeatureStores {

    /** The view the built-in registry's customer features belong to. */
    public static final String DEFAULT_VIEW = "customer_behaviour";

    private final Lazy<FeatureStates> states;
    private final Lazy<OfflineFeatureStore> offline;
    private final Lazy<OnlineFeatureStore> online;

    public FeatureStores(Supplier<FeatureStates> states, Supplier<OfflineFeatureStore> offline,
                         Supplier<OnlineFeatureStore> online) {
        this.states = new Lazy<>(Objects.requireNonNull(states, "states"));
        this.offline = new Lazy<>(Objects.requireNonNull(offline, "offline"));
        this.online = new Lazy<>(Objects.requireNonNull(online, "online"));
    }

    /** The embedded stores over {@code blobs}: Parquet files offline, the embedded online store. */
    public static FeatureStores embedded(BlobStore blobs) {
        return new FeatureStores(() -> new FeatureStates(blobs, FeatureRegistry.builtIn(), DEFAULT_VIEW),
                () -> new dev.churnops.featurestore.ParquetOfflineStore(blobs),
                () -> dev.churnops.featurestore.EmbeddedOnlineStore.open(blobs,
                        FeatureRegistry.builtIn().schema(DEFAULT_VIEW)));
    }

    public FeatureStates states() {
        return states.get();
    }

    public OfflineFeatureStore offline() {
        return offline.get();
    }

    public OnlineFeatureStore online() {
        return online.get();
    }

    /**
     * The customers the feature state knows, with their signup times, for data quality's checks of
     * an event file. The state is loaded on the first question ({@link FeatureStates#knownCustomers}),
     * so validating a customer table (which asks none) never reads it.
     */
    public KnownCustomers knownCustomers() {
        return states().knownCustomers();
    }

    /** A value built once, on first use, by one thread. */
    private static final class Lazy<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = Objects.requireNonNull(factory.get(), "feature store part");
                        value = v;
                    }
                }
            }
            return v;
        }
    }
}
