package dev.churnops.handlers.scoring;

import dev.churnops.core.features.FeatureBatch;
import dev.churnops.core.features.FeatureSchema;
import dev.churnops.core.port.OnlineFeatureStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The online feature store, built on its first question: the scoring function's cold start then
 * builds no feature store client, and with SnapStart the first question is priming's, so the client
 * is in the snapshot. Still an {@link OnlineFeatureStore}, so a request's customers given by id are
 * asked for together ({@link CustomerScoring}).
 */
final class LazyOnlineStore implements OnlineFeatureStore {

    private final Supplier<OnlineFeatureStore> store;

    /** @param store builds the store once and hands out the same one after, such as {@code FeatureStores::online} */
    LazyOnlineStore(Supplier<OnlineFeatureStore> store) {
        this.store = store;
    }

    @Override
    public FeatureSchema schema() {
        return store.get().schema();
    }

    @Override
    public void put(FeatureBatch rows) {
        store.get().put(rows);
    }

    @Override
    public Optional<Map<String, Object>> get(String customerId) {
        return store.get().get(customerId);
    }

    @Override
    public Map<String, Map<String, Object>> getAll(List<String> customerIds) {
        return store.get().getAll(customerIds);
    }
}
