package dev.churnops.local.serve;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.features.FeatureRegistry;
import dev.churnops.core.port.FeatureLookup;
import dev.churnops.featurestore.EmbeddedOnlineStore;
import dev.churnops.handlers.FeatureStores;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.port.ScoreCapture;
import dev.churnops.core.scoring.ServingModel;
import dev.churnops.handlers.scoring.ScoringHandler;
import dev.churnops.handlers.scoring.ScoringSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The scoring API on one machine, assembled in one place: the {@link ChampionWatcher} that keeps
 * the champion loaded (bringing a new one in as a canary, recorded in the {@link ServingHistory}),
 * the {@link CanaryRouter} that routes requests between the stable model and the canary, the
 * {@link ValidatedTableLookup} that resolves customers by id, the
 * {@link CaptureWriter} that samples scores, the same {@link ScoringHandler} Lambda runs, and the
 * {@link LocalApiServer} in front of it. {@link #close()} stops them in order: the server
 * (finishing accepted requests), the watcher, then the capture (flushing what it holds).
 */
public final class LocalScoringApi implements AutoCloseable {

    private final ChampionWatcher watcher;
    private final FeatureLookup features;
    private final String featuresDescription;
    private final CaptureWriter capture;
    private final LocalApiServer server;

    private LocalScoringApi(ChampionWatcher watcher, FeatureLookup features, String featuresDescription,
                            CaptureWriter capture, LocalApiServer server) {
        this.watcher = watcher;
        this.features = features;
        this.featuresDescription = featuresDescription;
        this.capture = capture;
        this.server = server;
    }

    /**
     * Loads the champion, starts reading the features, and starts serving.
     *
     * @param home where capture files go ({@code capture/<model>/…})
     * @param log  operational messages, one line each; never request bodies or customer data
     * @throws ChampionWatcher.NoChampionException when the model has no champion
     * @throws IllegalArgumentException when the champion cannot serve, or {@code options} names a
     *                                  features source that has no validated data or no id column
     * @throws java.net.BindException  when the address or port is taken
     */
    public static LocalScoringApi start(ServeOptions options, ScoringSettings settings, ModelRegistry registry,
                                        BlobStore blobs, Path home, Clock clock, PrintStream log) throws IOException {
        String model = settings.modelName();
        FeatureLookup features;
        String description;
        if (options.featuresSource() == null && hasOnlineStore(blobs)) {
            // The shop's events feed an online feature store: customers by id are answered from it,
            // with the features as of the last materialized day.
            EmbeddedOnlineStore online = EmbeddedOnlineStore.open(blobs, FeatureRegistry.builtIn().schema(FeatureStores.DEFAULT_VIEW));
            features = online;
            description = "the online feature store, " + online.size() + " customers of view " + FeatureStores.DEFAULT_VIEW;
        } else {
            Optional<String> source = Optional.ofNullable(options.featuresSource())
                    .or(() -> ValidatedTableLookup.impliedSource(model));
            // Which file answers lookups is settled now, so a wrong --features stops the start; reading
            // it (most of the start-up time for a large table) goes on beside the model load and after
            // the server has started: a lookup by id waits for it, an inline request never does.
            Optional<ValidatedTableLookup.NewestFile> file = source.isEmpty() ? Optional.empty()
                    : newestFeatures(blobs, source.get(), options.featuresSource() != null);
            features = file.<FeatureLookup>map(f -> new LoadingLookup(f, blobs, log)).orElse(FeatureLookup.NONE);
            description = file.map(f -> "the customers of " + f.key())
                    .orElseGet(() -> source.map(s -> "none (source '" + s + "' has no validated data)").orElse("none"));
        }
        ChampionWatcher watcher = ChampionWatcher.start(registry, model, options.reloadInterval(), options.canary(),
                new ServingHistory(blobs, model, clock), log);
        CaptureWriter capture = null;
        try {
            capture = new CaptureWriter(home, model, options.captureRate(), options.captureSeed(), options.captureQueue(),
                    clock, log);
            ScoreCapture scores = CanaryRouter.counting(watcher, capture);
            // Two handlers, each with its own per-model parts, so routing between them never rebuilds those.
            CanaryRouter handler = new CanaryRouter(watcher, new ScoringHandler(settings, watcher, features, scores),
                    new ScoringHandler(settings, watcher::canaryOrStable, features, scores));
            // The request path is warmed on the other core while the server starts; the first
            // request may overlap it, which costs nothing but the shared class loading.
            CompletableFuture.runAsync(() -> warmUp(settings, watcher, log), daemon("churnops-warm-up"))
                    .exceptionally(e -> {
                        log.println("churnops serve: warm-up failed: " + e.getCause());
                        return null;
                    });
            LocalApiServer server = LocalApiServer.start(handler, options.server().withMaxBodyBytes(settings.maxBodyBytes()), log);
            return new LocalScoringApi(watcher, features, description, capture, server);
        } catch (IOException | RuntimeException e) {
            watcher.close();
            if (capture != null) {
                capture.close();
            }
            throw e;
        }
    }

    /**
     * Sends one request per route (and two refusals) through a handler of its own, with no feature
     * lookup and no capture, so nothing of it is recorded: the first real request then finds the
     * classes loaded and the code warm, as SnapStart priming does for the Lambda function. An
     * unexpected answer is reported; it does not stop the server, whose model already scored once.
     */
    private static void warmUp(ScoringSettings settings, ChampionWatcher watcher, PrintStream log) {
        ScoringHandler handler = new ScoringHandler(settings, watcher, FeatureLookup.NONE, ScoreCapture.NONE);
        String key = settings.apiKeys().isEmpty() ? "" : settings.apiKeys().iterator().next();
        String[][] requests = {
            {"POST", "/v1/scores", "{\"customers\":[{\"customerId\":\"warm-up\",\"features\":{}}]}", "200"},
            {"POST", "/v1/scores", "{\"customers\":[{\"customerId\":\"warm-up\"}]}", "404"},
            {"POST", "/v1/scores", "{\"customers\":[]}", "400"},
            {"GET", "/v1/model", null, "200"},
            {"GET", "/health", null, "200"},
        };
        for (String[] r : requests) {
            APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent().withHttpMethod(r[0]).withPath(r[1])
                    .withResource(r[1]).withBody(r[2]).withIsBase64Encoded(false)
                    .withHeaders(Map.of("x-api-key", key, "content-type", "application/json"))
                    .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withRequestId("warm-up")
                            .withStage(ProxyEvents.STAGE));
            // Without keys every route but /health refuses, and that path is warmed instead.
            int expected = key.isEmpty() && !r[1].equals("/health") ? 401 : Integer.parseInt(r[3]);
            int status = handler.handleRequest(event, null).getStatusCode();
            if (status != expected) {
                log.println("churnops serve: warm-up " + r[0] + " " + r[1] + " answered " + status + ", expected " + expected);
            }
        }
    }

    private static Executor daemon(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.start();
        };
    }

    /** The value of a finished load, or the exception it failed with, as thrown. */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static boolean hasOnlineStore(BlobStore blobs) {
        return !blobs.list(EmbeddedOnlineStore.ROOT + FeatureStores.DEFAULT_VIEW + "/").isEmpty();
    }

    private static Optional<ValidatedTableLookup.NewestFile> newestFeatures(BlobStore blobs, String source,
                                                                           boolean required) {
        Optional<ValidatedTableLookup.NewestFile> file = ValidatedTableLookup.newest(blobs, source);
        if (file.isEmpty() && required) {
            throw new IllegalArgumentException("features source '" + source + "' has no validated data under "
                    + "validated/" + source + "/: ingest it with 'churnops run --source " + source + "' first");
        }
        return file;
    }

    /**
     * The lookup over a validated file that is read on a thread of its own from construction on:
     * a lookup before it is read waits for it. A file that cannot be read is reported once, and
     * every lookup then fails with that reason (an internal error of the request, not bad input).
     */
    static final class LoadingLookup implements FeatureLookup {

        private final CompletableFuture<ValidatedTableLookup> table;

        LoadingLookup(ValidatedTableLookup.NewestFile file, BlobStore blobs, PrintStream log) {
            long started = System.nanoTime();
            this.table = CompletableFuture.supplyAsync(() -> file.read(blobs), daemon("churnops-features-load"));
            table.whenComplete((t, e) -> log.println(e == null
                    ? "churnops serve: features: " + t.size() + " customers loaded from " + t.validatedKey() + " in "
                            + (System.nanoTime() - started) / 1_000_000 + " ms"
                    : "churnops serve: features from " + file.key() + " cannot be read, so customers given by id "
                            + "cannot be scored: " + e.getCause().getMessage()));
        }

        @Override
        public Optional<Map<String, Object>> latest(String customerId) {
            return join(table).latest(customerId);
        }
    }

    /** {@code http://<address>:<port>}. */
    public URI uri() {
        return server.uri();
    }

    public int port() {
        return server.port();
    }

    /** The model serving now. */
    public ServingModel model() {
        return watcher.get();
    }

    /** Where customer lookups are answered from, in words. */
    public String featuresDescription() {
        return featuresDescription;
    }

    public FeatureLookup features() {
        return features;
    }

    public CaptureWriter capture() {
        return capture;
    }

    public LocalApiServer server() {
        return server;
    }

    ChampionWatcher watcher() {
        return watcher;
    }

    /** Stops serving gracefully, then the watcher, then flushes and closes the capture. Idempotent. */
    @Override
    public void close() {
        server.stop();
        watcher.close();
        capture.close();
    }
}
