package dev.churnops.local.serve;

import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.registry.ModelVersion;
import dev.churnops.core.scoring.CustomerScore;
import dev.churnops.core.scoring.ServingModel;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The model that serves, kept in step with the registry's {@code champion} alias. Every
 * {@code interval} it reads the alias; when it names another version, that version's artifact is
 * read (its SHA-256 checked by the registry), loaded, checked to be the version the registry says
 * and made to score one all-imputed customer, all before it replaces the current model in one
 * atomic swap. A request holds the model it started with, so none is dropped or fails during a
 * swap. A version that fails to load is reported in one line (no customer data) and the current
 * model keeps serving; it is not tried again until the alias moves.
 */
public final class ChampionWatcher implements Supplier<ServingModel>, AutoCloseable {

    /** The model has no champion to serve (nothing registered, or nothing approved yet). */
    public static final class NoChampionException extends RuntimeException {
        NoChampionException(String message) {
            super(message);
        }
    }

    private final ModelRegistry registry;
    private final String modelName;
    private final PrintStream log;
    private final AtomicReference<ServingModel> current = new AtomicReference<>();
    private ScheduledExecutorService poller;
    private int failedVersion;
    private String lastProblem;

    private ChampionWatcher(ModelRegistry registry, String modelName, PrintStream log) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Loads the current champion of {@code modelName} and starts polling every {@code interval}.
     *
     * @throws NoChampionException      when the model has no champion
     * @throws IllegalArgumentException when the champion's artifact cannot serve
     */
    public static ChampionWatcher start(ModelRegistry registry, String modelName, Duration interval, PrintStream log) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("ChampionWatcher interval is " + interval + ": expected a positive duration.");
        }
        ChampionWatcher watcher = loaded(registry, modelName, log);
        watcher.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "churnops-champion-watcher");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, interval.toMillis());
        watcher.poller.scheduleWithFixedDelay(watcher::poll, millis, millis, TimeUnit.MILLISECONDS);
        return watcher;
    }

    /** Loads the current champion without polling; {@link #poll()} is then called by hand. */
    static ChampionWatcher loaded(ModelRegistry registry, String modelName, PrintStream log) {
        ChampionWatcher watcher = new ChampionWatcher(registry, modelName, log);
        ModelVersion champion = registry.alias(modelName, ModelRegistry.CHAMPION).orElseThrow(() ->
                new NoChampionException("model '" + modelName + "' has no champion to serve"
                        + (registry.versions(modelName).isEmpty() ? " (no version is registered)" : " (no version is approved)")
                        + ": train one with 'churnops run' or approve one with 'churnops registry approve'"));
        watcher.current.set(watcher.load(champion.version()));
        return watcher;
    }

    /** The model serving now. */
    @Override
    public ServingModel get() {
        return current.get();
    }

    public String modelName() {
        return modelName;
    }

    /**
     * One look at the alias; swaps when it names another version that loads. Never throws: a
     * problem is reported once and the current model stays.
     *
     * @return true when the model was swapped
     */
    synchronized boolean poll() {
        try {
            Optional<ModelVersion> champion = registry.alias(modelName, ModelRegistry.CHAMPION);
            int serving = current.get().version();
            if (champion.isEmpty()) {
                problem("model '" + modelName + "' has no champion any more; still serving v" + serving);
                return false;
            }
            int version = champion.get().version();
            if (version == serving || version == failedVersion) {
                return false;
            }
            ServingModel next;
            try {
                next = load(version);
            } catch (RuntimeException e) {
                failedVersion = version;
                problem("champion " + modelName + " v" + version + " cannot serve, still serving v" + serving + ": "
                        + e.getClass().getSimpleName() + ": " + e.getMessage());
                return false;
            }
            current.set(next);
            lastProblem = null;
            log.println("churnops serve: now serving " + modelName + " v" + version + " (was v" + serving + ")");
            return true;
        } catch (RuntimeException e) {
            // The registry could not be read (a file being replaced, a disk error): try again next time.
            problem("cannot read the champion of '" + modelName + "' from the registry: " + e.getClass().getSimpleName()
                    + ": " + e.getMessage());
            return false;
        }
    }

    /** Reads, loads and checks one version, so a swap only ever installs a model that has scored. */
    private ServingModel load(int version) {
        byte[] artifact = registry.artifact(modelName, version);
        ServingModel model = ServingModel.load(artifact, BlobLayout.modelArtifact(modelName, version));
        if (!model.modelName().equals(modelName) || model.version() != version) {
            throw new IllegalArgumentException(BlobLayout.modelArtifact(modelName, version) + " holds the model card of "
                    + model.modelName() + " v" + model.version() + ", not " + modelName + " v" + version);
        }
        // Every column missing, so every one is imputed: the whole serving path runs once.
        CustomerScore probe = model.score("load-check", Map.of());
        if (!(probe.probability() >= 0 && probe.probability() <= 1)) {
            throw new IllegalArgumentException(BlobLayout.modelArtifact(modelName, version) + " scores a customer with all "
                    + "values imputed at " + probe.probability() + ", which is not a probability");
        }
        return model;
    }

    /** Reports a problem once; the same problem again (every poll) stays quiet. */
    private void problem(String message) {
        if (!message.equals(lastProblem)) {
            lastProblem = message;
            log.println("churnops serve: " + message);
        }
    }

    /** Stops polling; the current model stays available to requests still running. */
    @Override
    public void close() {
        if (poller != null) {
            // Not shutdownNow: interrupting a poll mid-read would only report a spurious failure.
            poller.shutdown();
        }
    }
}
