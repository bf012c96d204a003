package dev.churnops.core.features;

import dev.churnops.core.port.OfflineFeatureStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An offline store in memory: appended batches, read point-in-time as the port describes. */
public final class InMemoryOfflineFeatureStore implements OfflineFeatureStore {

    private final List<FeatureBatch> files = new ArrayList<>();

    @Override
    public String append(FeatureBatch rows, LocalDate date) {
        files.add(rows);
        return "features/offline/" + rows.schema().view() + "/dt=" + date + "/part-" + files.size() + ".parquet";
    }

    @Override
    public FeatureBatch readAsOf(FeatureSchema schema, long asOfEpochSecond, int maxAgeDays, Collection<String> entities) {
        long oldest = asOfEpochSecond - maxAgeDays * 86_400L;
        Map<String, long[]> best = new TreeMap<>();
        for (int f = 0; f < files.size(); f++) {
            FeatureBatch b = files.get(f);
            for (int r = 0; r < b.size(); r++) {
                long t = b.eventTime(r);
                if (t > asOfEpochSecond || t < oldest || (entities != null && !entities.contains(b.entityId(r)))) {
                    continue;
                }
                long[] current = best.get(b.entityId(r));
                if (current == null || t > current[2] || (t == current[2] && b.writeTime(r) > current[3])) {
                    best.put(b.entityId(r), new long[] {f, r, t, b.writeTime(r)});
                }
            }
        }
        FeatureBatch.Builder out = FeatureBatch.builder(schema);
        for (long[] pick : best.values()) {
            FeatureBatch b = files.get((int) pick[0]);
            int r = (int) pick[1];
            out.row(b.entityId(r), b.eventTime(r), b.writeTime(r));
            for (int c = 0; c < schema.size(); c++) {
                out.value(c, b.value(r, c));
            }
        }
        return out.build();
    }
}
