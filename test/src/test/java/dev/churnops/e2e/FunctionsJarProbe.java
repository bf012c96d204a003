package dev.churnops.e2e;

import dev.churnops.handlers.Services;

/**
 * Run by {@link FunctionsJarIT} in a child JVM whose class path is this class and
 * churnops-functions.jar, nothing else: does what the Lambda runtime does with each handler class
 * named in the arguments (load it, call its no-argument constructor, which builds the adapter set
 * from the environment), logs one line through SLF4J as the SDK would, and prints what it built.
 */
public final class FunctionsJarProbe {

    private FunctionsJarProbe() {
    }

    public static void main(String[] handlers) throws Exception {
        Services services = Services.fromEnvironment();
        System.out.println("blobs=" + services.blobs().getClass().getName());
        System.out.println("registry=" + services.registry().getClass().getName());
        System.out.println("metrics=" + services.metrics().getClass().getName());
        for (String handler : handlers) {
            Object h = Class.forName(handler).getConstructor().newInstance();
            System.out.println("constructed=" + h.getClass().getName());
        }
        // The offline feature store as MaterializeFeatures and BuildTrainingSet use it, inside the jar:
        // parquet-java with no Hadoop on the class path, writing and reading a day's file in memory.
        var blobs = new dev.churnops.core.port.InMemoryBlobStore();
        var schema = dev.churnops.core.features.FeatureRegistry.builtIn().schema("customer_behaviour");
        var rows = dev.churnops.core.features.FeatureBatch.builder(schema).row("c1", 1_742_169_599L, 1_742_170_000L)
                .number(schema.indexOf("orders_30d"), 3).build();
        var store = new dev.churnops.featurestore.ParquetOfflineStore(blobs);
        String key = store.append(rows, java.time.LocalDate.parse("2025-03-16"));
        var back = store.readAsOf(schema, 1_742_169_599L, 0, null);
        System.out.println("parquet=" + key + " rows=" + back.size() + " orders_30d=" + back.number(0, schema.indexOf("orders_30d")));
        org.slf4j.LoggerFactory.getLogger("dev.churnops.probe").info("probe done");
    }
}
