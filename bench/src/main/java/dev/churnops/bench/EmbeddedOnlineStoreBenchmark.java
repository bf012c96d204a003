package dev.churnops.bench;

import dev.churnops.core.features.FeatureBatch;
import dev.churnops.core.features.FeatureSchema;
import dev.churnops.core.port.InMemoryBlobStore;
import dev.churnops.featurestore.EmbeddedOnlineStore;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lookups in the embedded online store as the local scoring server makes them: one customer, and
 * 100 customers at once, among {@code customers} (1,000,000 by default) with 36 numeric and 4 text
 * features each. The store is opened from a compacted base in an in-memory blob store, the way a
 * second process opens what a feature job wrote; the setup prints how long that open took and how
 * much heap the opened store holds (used heap after a full GC, with and without it). The fork runs
 * with the serial collector, as {@code churnops serve} does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xmx4g", "-Xms4g", "-XX:+UseSerialGC"})
public class EmbeddedOnlineStoreBenchmark {

    static final int NUMERIC = 36;
    static final int TEXT = 4;

    @Param("1000000")
    public int customers;

    private EmbeddedOnlineStore store;
    private String[] ids;
    private List<List<String>> hundreds;
    private int next;

    static FeatureSchema schema() {
        List<FeatureSchema.Column> columns = new ArrayList<>();
        for (int i = 0; i < NUMERIC; i++) {
            columns.add(new FeatureSchema.Column("n" + i, FeatureSchema.ValueType.DOUBLE));
        }
        for (int i = 0; i < TEXT; i++) {
            columns.add(new FeatureSchema.Column("t" + i, FeatureSchema.ValueType.STRING));
        }
        return new FeatureSchema("bench_view", columns);
    }

    @Setup
    public void open() {
        FeatureSchema schema = schema();
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        SplittableRandom random = new SplittableRandom(42);
        ids = new String[customers];
        EmbeddedOnlineStore writer = EmbeddedOnlineStore.open(blobs, schema);
        String[] plans = {"basic", "plus", "gold", "platinum", null};
        int chunk = 100_000;
        for (int from = 0; from < customers; from += chunk) {
            FeatureBatch.Builder b = FeatureBatch.builder(schema);
            for (int i = from; i < Math.min(customers, from + chunk); i++) {
                ids[i] = "cust-" + String.format("%08d", i);
                b.row(ids[i], 1_780_000_000L + i, 1_780_000_000L + i);
                for (int c = 0; c < NUMERIC; c++) {
                    b.number(c, random.nextInt(10) == 0 ? Double.NaN : random.nextDouble() * 1000);
                }
                for (int c = 0; c < TEXT; c++) {
                    b.text(NUMERIC + c, plans[random.nextInt(plans.length)]);
                }
            }
            writer.put(b.build());
        }
        writer.compact();
        writer = null;
        long before = usedAfterGc();
        long start = System.nanoTime();
        store = EmbeddedOnlineStore.open(blobs, schema);
        long openNanos = System.nanoTime() - start;
        long after = usedAfterGc();
        System.out.printf("%nopen of %,d customers x %d features: %.2f s; store heap %,d MB (used after GC %,d -> %,d MB)%n",
                store.size(), schema.size(), openNanos / 1e9, (after - before) >> 20, before >> 20, after >> 20);
        hundreds = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            List<String> batch = new ArrayList<>(100);
            for (int j = 0; j < 100; j++) {
                batch.add(ids[random.nextInt(customers)]);
            }
            hundreds.add(batch);
        }
        // Shuffle the single-get order too, so lookups do not walk the arrays in order.
        for (int i = ids.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Benchmark
    public Map<String, Object> getOne() {
        int i = next++;
        if (next == ids.length) {
            next = 0;
        }
        return store.get(ids[i]).orElseThrow();
    }

    @Benchmark
    public Map<String, Map<String, Object>> getHundred() {
        int i = next++;
        if (next == ids.length) {
            next = 0;
        }
        return store.getAll(hundreds.get(i & 1023));
    }
}
