package dev.churnops.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.events.EventSource;
import dev.churnops.core.json.Json;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.pipeline.EventManifest;
import dev.churnops.handlers.FeatureStores;
import java.util.Optional;
import dev.churnops.handlers.Services;
import dev.churnops.local.asl.Execution;
import dev.churnops.local.generate.GenerationResult;
import dev.churnops.local.generate.GeneratorConfig;
import dev.churnops.local.generate.GeneratorManifest;
import dev.churnops.local.generate.ShopGenerator;
import dev.churnops.local.runtime.LocalRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The embedded default of {@code churnops run}: a generated shop's raw event files, ingested day by
 * day as they would arrive on S3 (one ingestion execution per file, customers first), the day's
 * features materialized after each day, ready for a point-in-time training run. Generation is
 * skipped when the home already holds the same shop (same generator.json parameters), and
 * ingestion of a file already applied is a no-op, so running again resumes rather than repeats.
 */
final class ShopRun {

    /** A past year, so no generated event lies after today's clock. */
    static final LocalDate START = LocalDate.of(2025, 1, 1);

    /** What the ingestion of the whole shop came to. */
    record Ingested(int files, long rowsIn, long rowsValid, long rowsQuarantined, int daysMaterialized,
                    long featureRows, List<String> quarantineKeys, String lastIngestion, double generateSeconds,
                    double ingestSeconds, long events) {
        Map<String, Object> rows() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("input", rowsIn);
            m.put("valid", rowsValid);
            m.put("quarantined", rowsQuarantined);
            return m;
        }
    }

    private final Services services;
    private final LocalRuntime runtime;
    private final Path home;
    private final PrintWriter progress;

    ShopRun(Services services, LocalRuntime runtime, Path home, PrintWriter progress) {
        this.services = services;
        this.runtime = runtime;
        this.home = home;
        this.progress = progress;
    }

    Ingested run(GeneratorConfig config) throws IOException {
        long t0 = System.nanoTime();
        long events = generate(config);
        double generateSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        TreeMap<LocalDate, List<String>> byDay = rawFilesByDay();
        int files = 0;
        long in = 0;
        long valid = 0;
        long quarantined = 0;
        int days = 0;
        long featureRows = 0;
        List<String> quarantineKeys = new ArrayList<>();
        String last = null;
        int reported = 0;
        int skippedFiles = 0;
        // A day is materialized on a second thread while the next days are ingested: on AWS the
        // scheduled materialization and the ingestions overlap the same way, and the feature state
        // answers any day still within its retention exactly, whatever was applied since.
        java.util.concurrent.ExecutorService materializer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "materialize");
            t.setDaemon(true);
            return t;
        });
        java.util.ArrayDeque<Pending> pending = new java.util.ArrayDeque<>();
        for (Map.Entry<LocalDate, List<String>> day : byDay.entrySet()) {
            for (String key : day.getValue()) {
                Optional<EventManifest> earlier = ingestedBefore(key);
                if (earlier.isPresent()) {
                    // Validated and applied by an earlier run on this home: counted, not ingested again.
                    files++;
                    skippedFiles++;
                    in += earlier.get().rowsIn();
                    valid += earlier.get().rowsValid();
                    quarantined += earlier.get().rowsQuarantined();
                    continue;
                }
                LocalRuntime.Run run = runtime.start("ingestion", RunCommand.s3ObjectCreated(key,
                        // The event names the object's size: the home is the blob store, so the file says it unread.
                        Files.size(home.resolve(key)), services.clock().instant()));
                Execution e = run.execution();
                if (!e.succeeded()) {
                    throw new CliException(CliException.INTERNAL, "ingestion of " + key + " failed with " + e.error() + ": "
                            + RunCommand.message(e.cause()) + " (history: " + run.history() + ")");
                }
                JsonNode out = e.output();
                files++;
                in += out.path("rowsIn").asLong();
                valid += out.path("rowsValid").asLong();
                quarantined += out.path("rowsQuarantined").asLong();
                if (out.hasNonNull("quarantineKey")) {
                    quarantineKeys.add(out.path("quarantineKey").asText());
                }
                last = e.name();
            }
            if (day.getKey().isBefore(config.start())) {
                // The signups of the customers the shop had before its period: no behaviour yet to materialize.
                continue;
            }
            if (!services.blobs().list(BlobLayout.offlineFeatures(FeatureStores.DEFAULT_VIEW) + "dt=" + day.getKey() + "/").isEmpty()) {
                days++;
                continue;
            }
            // Only the last day's features serve; the days before are the offline store's history.
            ObjectNode input = JsonNodeFactory.instance.objectNode().put("date", day.getKey().toString())
                    .put("online", day.getKey().equals(byDay.lastKey()));
            LocalDate materialized = day.getKey();
            pending.add(new Pending(materialized, materializer.submit(() -> runtime.start("feature-materialization", input))));
            while (pending.size() > MAX_MATERIALIZATION_LAG_DAYS) {
                featureRows += finish(pending.poll());
            }
            days++;
            int percent = days * 100 / config.days();
            if (percent / 10 > reported / 10) {
                reported = percent;
                progress.printf(java.util.Locale.ROOT, "churnops run: ingested up to %s (%d%% of %d days, %d files)%n",
                        day.getKey(), percent, config.days(), files);
            }
        }
        while (!pending.isEmpty()) {
            featureRows += finish(pending.poll());
        }
        materializer.shutdown();
        double ingestSeconds = (System.nanoTime() - t1) / 1e9;
        if (skippedFiles > 0) {
            progress.println("churnops run: " + skippedFiles + " of " + files + " files were ingested by an earlier run on this home");
        }
        return new Ingested(files, in, valid, quarantined, days, featureRows, quarantineKeys, last, generateSeconds,
                ingestSeconds, events);
    }

    /** The manifest of the validated file an earlier ingestion of {@code rawKey} wrote, if any. */
    private Optional<EventManifest> ingestedBefore(String rawKey) {
        String[] parts = rawKey.split("/");
        String manifest = BlobLayout.manifestOf(BlobLayout.validated(parts[1], parts[2], parts[3]));
        return services.blobs().find(manifest).map(b -> Json.read(b, EventManifest.class, manifest))
                .filter(m -> rawKey.equals(m.rawKey()));
    }

    /** Days a materialization may lag behind ingestion before ingestion waits for it. */
    static final int MAX_MATERIALIZATION_LAG_DAYS = 7;

    private record Pending(LocalDate day, java.util.concurrent.Future<LocalRuntime.Run> run) {
    }

    /** Waits for a day's materialization; fails the run naming the day when it failed. */
    private static long finish(Pending pending) {
        LocalRuntime.Run run;
        try {
            run = pending.run().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(CliException.INTERNAL, "interrupted while materializing " + pending.day());
        } catch (java.util.concurrent.ExecutionException e) {
            throw new CliException(CliException.INTERNAL, "feature materialization of " + pending.day() + " could not run: "
                    + e.getCause());
        }
        if (!run.execution().succeeded()) {
            throw new CliException(CliException.INTERNAL, "feature materialization of " + pending.day() + " failed with "
                    + run.execution().error() + ": " + RunCommand.message(run.execution().cause()) + " (history: "
                    + run.history() + ")");
        }
        return run.execution().output().path("rows").asLong();
    }

    /** Generates the shop into the home, unless the home holds this very shop already; returns its event count. */
    private long generate(GeneratorConfig config) throws IOException {
        Path manifest = home.resolve(GeneratorManifest.FILE_NAME);
        GenerationResult probe = null;
        if (Files.exists(manifest)) {
            JsonNode existing = Json.tree(Files.readAllBytes(manifest), manifest.toString());
            JsonNode wanted = Json.tree(Json.write(GeneratorManifest.parameters(config)), "parameters");
            if (!existing.path("parameters").equals(wanted)) {
                throw new CliException(CliException.USAGE, "home " + home + " already holds a generated shop with other parameters ("
                        + existing.path("parameters") + "): use another --home, or the same --customers, --days, --seed and --scenario");
            }
            progress.println("churnops run: the home already holds this shop (" + manifest + "); not generating it again");
            return existing.path("events").asLong();
        }
        for (EventSource source : EventSource.values()) {
            if (Files.exists(home.resolve("raw").resolve(source.sourceName()))) {
                throw new CliException(CliException.USAGE, "home " + home + " holds raw/" + source.sourceName()
                        + "/ but no generator.json: use another --home for the generated shop");
            }
        }
        progress.printf(java.util.Locale.ROOT, "churnops run: generating a shop of %,d customers over %d days from %s (seed %d)%n",
                config.customers(), config.days(), config.start(), config.seed());
        GenerationResult result;
        try {
            result = ShopGenerator.generate(config, home, Runtime.getRuntime().availableProcessors());
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage());
        }
        GeneratorManifest.write(result, home);
        return result.events();
    }

    /** Every raw event file, by its partition day; within a day customers first, then the other sources in their order. */
    private TreeMap<LocalDate, List<String>> rawFilesByDay() {
        TreeMap<LocalDate, List<String>> byDay = new TreeMap<>();
        for (EventSource source : EventSource.values()) {
            for (String key : services.blobs().list("raw/" + source.sourceName() + "/")) {
                String partition = key.split("/")[2];
                byDay.computeIfAbsent(LocalDate.parse(partition.substring(3)), d -> new ArrayList<>()).add(key);
            }
        }
        return byDay;
    }
}
