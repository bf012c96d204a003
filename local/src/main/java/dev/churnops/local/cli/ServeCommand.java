package dev.churnops.local.cli;

import com.sun.net.httpserver.spi.HttpServerProvider;
import dev.churnops.core.json.Json;
import dev.churnops.core.model.ChurnModel;
import dev.churnops.core.pipeline.DatasetManifest;
import dev.churnops.core.pipeline.Fingerprint;
import dev.churnops.core.registry.ModelCard;
import dev.churnops.core.registry.ModelVersion;
import dev.churnops.handlers.Services;
import dev.churnops.handlers.scoring.ScoringSettings;
import dev.churnops.local.serve.CanaryPolicy;
import dev.churnops.local.serve.ChampionWatcher;
import dev.churnops.local.serve.LocalScoringApi;
import dev.churnops.local.serve.ServeOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code churnops serve}: the scoring API over HTTP on this machine, the champion of one model
 * answering through the same handler API Gateway invokes on AWS. Prints one line,
 * {@code serving <model> v<version> on http://<address>:<port>}, and runs until interrupted
 * (SIGINT or SIGTERM; in-process, an interrupt of the calling thread), then stops gracefully.
 */
@Command(name = "serve", description = "Serve the champion model over HTTP (the scoring API, as API Gateway would).")
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HomeOption home;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String bind;

    @Option(names = "--model", defaultValue = "churn", description = "Model whose champion serves (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--api-keys-file", paramLabel = "FILE",
            description = "Accepted API keys, one per line (default: the comma-separated CHURNOPS_API_KEYS).")
    Path apiKeysFile;

    @Option(names = "--features", paramLabel = "SOURCE", description = "Source whose newest validated file answers "
            + "customer lookups (default: the model's own: churn -> customers, churn-<source> -> <source>).")
    String features;

    @Option(names = "--capture-rate", defaultValue = "0.1", paramLabel = "R",
            description = "Share of scored customers written to capture/ (default: ${DEFAULT-VALUE}).")
    double captureRate;

    @Option(names = "--reload-seconds", defaultValue = "2", paramLabel = "S",
            description = "How often to look for a new champion (default: ${DEFAULT-VALUE}).")
    double reloadSeconds;

    @Option(names = "--canary-share", defaultValue = "0.1", paramLabel = "S",
            description = "Share of scoring requests a new champion takes as a canary before it is promoted; 0 swaps "
                    + "it in at once (default: ${DEFAULT-VALUE}).")
    double canaryShare;

    @Option(names = "--canary-requests", defaultValue = "1000", paramLabel = "N",
            description = "Canary requests without an alarm (error rate, p99 latency, score distribution) after which "
                    + "the canary is promoted; an alarm rolls it back (default: ${DEFAULT-VALUE}).")
    long canaryRequests;

    /**
     * Starts, on a daemon thread, the part of start-up that depends on nothing the command line
     * says: Jackson's deserializers of the registry's and the model's documents, SHA-256 (the
     * registry checks the artifact's digest) and the HTTP server's provider. {@link ChurnOps} calls
     * it before parsing a {@code serve} command line, so this work runs on the second core while the
     * first one parses arguments and opens the registry, instead of after it.
     */
    static void prefetchInBackground() {
        Thread prefetch = new Thread(() -> {
            Json.prefetch(ModelVersion.class, ModelCard.class, ChurnModel.class, DatasetManifest.class);
            Fingerprint.sha256(new byte[0]);
            HttpServerProvider.provider();
        }, "churnops-prefetch");
        prefetch.setDaemon(true);
        prefetch.start();
    }

    @Override
    public Integer call() throws IOException {
        ServeOptions options = options();
        ScoringSettings settings = settings();
        Services services = home.services(System.err);
        LocalScoringApi api;
        try {
            api = LocalScoringApi.start(options, settings, services.registry(), services.blobs(), home.home(),
                    services.clock(), System.err);
        } catch (ChampionWatcher.NoChampionException e) {
            throw new CliException(CliException.USAGE, e.getMessage() + " (home " + home.home() + ")");
        } catch (BindException e) {
            throw new CliException(CliException.USAGE, "cannot listen on " + bind + ":" + port + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage());
        }
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            try {
                // Keep the JVM alive until accepted requests are answered and the capture is flushed.
                stopped.await(options.server().stopGrace().toSeconds() + 5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "churnops-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.println("serving " + settings.modelName() + " v" + api.model().version() + " on " + api.uri());
        out.flush();
        System.err.println("churnops serve: features: " + api.featuresDescription() + "; " + (options.captureRate() == 0
                ? "capture off" : "capturing " + options.captureRate() * 100 + "% of scores under "
                + home.home().resolve("capture").resolve(settings.modelName())));
        boolean interrupted = false;
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            // In-process callers stop the server by interrupting the thread that runs it.
            interrupted = true;
        } finally {
            api.close();
            System.err.println("churnops serve: stopped; " + api.server().handled() + " requests answered, "
                    + api.server().refused() + " refused at capacity; " + api.capture().written() + " scores captured, "
                    + api.capture().dropped() + " dropped");
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting and the hook is what woke us: it ends once 'stopped' is counted down.
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private ServeOptions options() {
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new CliException(CliException.USAGE, "--bind '" + bind + "' is not an address of this machine");
        }
        if (!(reloadSeconds > 0) || reloadSeconds > 86_400) {
            throw new CliException(CliException.USAGE, "--reload-seconds " + reloadSeconds + ": expected a number of seconds "
                    + "above 0, at most 86400");
        }
        if (!(captureRate >= 0 && captureRate <= 1)) {
            throw new CliException(CliException.USAGE, "--capture-rate " + captureRate + ": expected a share from 0 to 1");
        }
        if (!(canaryShare >= 0 && canaryShare < 1)) {
            throw new CliException(CliException.USAGE, "--canary-share " + canaryShare + ": expected a share from 0 (no "
                    + "canary: a new champion serves at once) up to but excluding 1 (a canary taking every request is none)");
        }
        if (canaryRequests < 1) {
            throw new CliException(CliException.USAGE, "--canary-requests " + canaryRequests
                    + ": expected at least 1 canary request before promotion");
        }
        try {
            return ServeOptions.builder().bindAddress(address).port(port).featuresSource(features).captureRate(captureRate)
                    .reloadInterval(Duration.ofMillis(Math.max(1, Math.round(reloadSeconds * 1000))))
                    .canary(CanaryPolicy.builder().share(canaryShare).promoteAfter(canaryRequests).build()).build();
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage());
        }
    }

    /** The handler's settings from the environment, with the model and keys this command line gives. */
    private ScoringSettings settings() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("CHURNOPS_MODEL_NAME", model);
        Set<String> fileKeys = apiKeysFile == null ? null : readKeys(apiKeysFile);
        if (fileKeys == null && (env.get("CHURNOPS_API_KEYS") == null || env.get("CHURNOPS_API_KEYS").isBlank())) {
            throw new CliException(CliException.USAGE, "no API keys: export CHURNOPS_API_KEYS=key1,key2 or give "
                    + "--api-keys-file FILE (one key per line); every request but GET /health needs one");
        }
        try {
            ScoringSettings settings = ScoringSettings.from(env);
            return fileKeys == null ? settings : ScoringSettings.builder().maxCustomers(settings.maxCustomers())
                    .maxBodyBytes(settings.maxBodyBytes()).modelName(settings.modelName()).apiKeys(fileKeys).build();
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage());
        }
    }

    /** One key per line; blank lines and lines starting with '#' are skipped; surrounding spaces trimmed. */
    private static Set<String> readKeys(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CliException(CliException.USAGE, "API keys file '" + file + "' does not exist");
        }
        Set<String> keys = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String key = line.trim();
                if (!key.isEmpty() && !key.startsWith("#")) {
                    keys.add(key);
                }
            }
        } catch (IOException e) {
            throw new CliException(CliException.USAGE, "API keys file '" + file + "' cannot be read: " + e.getMessage());
        }
        if (keys.isEmpty()) {
            throw new CliException(CliException.USAGE, "API keys file '" + file + "' is empty: put one key per line");
        }
        return keys;
    }
}
