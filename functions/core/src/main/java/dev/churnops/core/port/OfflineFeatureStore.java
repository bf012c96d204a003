package dev.churnops.core.port;

import dev.churnops.core.features.FeatureBatch;
import dev.churnops.core.features.FeatureSchema;
import java.time.LocalDate;
import java.util.Collection;

/**
 * The offline side of the feature store: append-only files of feature rows per view, partitioned
 * by the UTC date of their event time ({@code features/offline/<view>/dt=YYYY-MM-DD/part-*.parquet}),
 * each row with its entity id, event time and write time. Training sets read it as of a past time.
 */
public interface OfflineFeatureStore {

    /** Appends {@code rows} as one new file in the partition of {@code date}; returns its key. Never rewrites a file. */
    String append(FeatureBatch rows, LocalDate date);

    /**
     * Point-in-time read: for each entity (all when {@code entities} is null), the row with the
     * latest event time at or before {@code asOfEpochSecond}, ties broken by the latest write time;
     * rows older than {@code maxAgeDays} before it are not considered.
     */
    FeatureBatch readAsOf(FeatureSchema schema, long asOfEpochSecond, int maxAgeDays, Collection<String> entities);
}
