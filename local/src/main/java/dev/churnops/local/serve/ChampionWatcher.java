package dev.churnops.local.serve;

import dev.churnops.core.monitoring.ScoreDistribution;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.pipeline.ModelArtifact;
import dev.churnops.core.port.InMemoryBlobStore;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.registry.ApprovalStatus;
import dev.churnops.core.registry.ModelVersion;
import dev.churnops.core.scoring.CustomerScore;
import dev.churnops.core.scoring.ServingModel;
import java.io.PrintStream;
import java.time.Clock;
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
 * and made to score one all-imputed customer before it serves at all. A request holds the model it
 * started with, so none is dropped or fails during a change. A version that fails to load is
 * reported in one line (no customer data) and the current model keeps serving; it is not tried
 * again until the alias moves.
 *
 * <p>With a {@link CanaryPolicy} that is {@linkplain CanaryPolicy#enabled() enabled}, a new champion
 * first serves as a {@link Canary} beside the stable model, taking the policy's share of scoring
 * requests ({@link CanaryRouter} routes them). Each poll judges it: on an alarm the {@code champion}
 * alias is moved back to the stable version and the canary's version is set to Rejected, both with
 * the alarm as the reason, so neither this server nor another one picks it up again; after
 * {@link CanaryPolicy#promoteAfter()} canary requests without an alarm it becomes the stable model.
 * With the canary off, a new champion replaces the stable model at once in one atomic swap. Every
 * change is appended to the {@link ServingHistory}.
 */
public final class ChampionWatcher implements Supplier<ServingModel>, AutoCloseable {

    /** The model has no champion to serve (nothing registered, or nothing approved yet). */
    public static final class NoChampionException extends RuntimeException {
        NoChampionException(String message) {
            super(message);
        }
    }

    /** What serves: the stable model, and the canary on trial beside it (null when there is none). */
    record Serving(ServingModel stable, Canary canary) {
    }

    private final ModelRegistry registry;
    private final String modelName;
    private final CanaryPolicy policy;
    private final ServingHistory history;
    private final PrintStream log;
    private final AtomicReference<Serving> serving = new AtomicReference<>();
    private ScheduledExecutorService poller;
    private int failedVersion;
    private String lastProblem;
    private boolean stopped;

    private ChampionWatcher(ModelRegistry registry, String modelName, CanaryPolicy policy, ServingHistory history,
                            PrintStream log) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.history = Objects.requireNonNull(history, "history");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Loads the current champion of {@code modelName}, records that it started serving, and starts
     * polling every {@code interval}.
     *
     * @throws NoChampionException      when the model has no champion
     * @throws IllegalArgumentException when the champion's artifact cannot serve
     */
    public static ChampionWatcher start(ModelRegistry registry, String modelName, Duration interval, CanaryPolicy policy,
                                        ServingHistory history, PrintStream log) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("ChampionWatcher interval is " + interval + ": expected a positive duration.");
        }
        ChampionWatcher watcher = new ChampionWatcher(registry, modelName, policy, history, log);
        int version = watcher.loadChampion();
        watcher.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "churnops-champion-watcher");
            t.setDaemon(true);
            return t;
        });
        // Recorded on the poller, off the start-up path, and before its first poll.
        watcher.poller.execute(() -> watcher.recordStart(version));
        long millis = Math.max(1, interval.toMillis());
        watcher.poller.scheduleWithFixedDelay(watcher::poll, millis, millis, TimeUnit.MILLISECONDS);
        return watcher;
    }

    /** Loads the current champion without polling and without a canary or a kept history, for tests. */
    static ChampionWatcher loaded(ModelRegistry registry, String modelName, PrintStream log) {
        return loaded(registry, modelName, CanaryPolicy.OFF,
                new ServingHistory(new InMemoryBlobStore(), modelName, Clock.systemUTC()), log);
    }

    /** Loads the current champion without polling; {@link #poll()} is then called by hand. */
    static ChampionWatcher loaded(ModelRegistry registry, String modelName, CanaryPolicy policy, ServingHistory history,
                                  PrintStream log) {
        ChampionWatcher watcher = new ChampionWatcher(registry, modelName, policy, history, log);
        watcher.recordStart(watcher.loadChampion());
        return watcher;
    }

    /** Loads the version the alias names now as the stable model; returns its number. */
    private int loadChampion() {
        ModelVersion champion = registry.alias(modelName, ModelRegistry.CHAMPION).orElseThrow(() ->
                new NoChampionException("model '" + modelName + "' has no champion to serve"
                        + (registry.versions(modelName).isEmpty() ? " (no version is registered)" : " (no version is approved)")
                        + ": train one with 'churnops run' or approve one with 'churnops registry approve'"));
        serving.set(new Serving(load(champion.version()).model(), null));
        return champion.version();
    }

    private void recordStart(int version) {
        record(ServingHistory.Kind.started, null, version, "the server started on the champion", null);
    }

    /** The stable model: what every request not routed to a canary is answered by. */
    @Override
    public ServingModel get() {
        return serving.get().stable();
    }

    /** The canary on trial, or null when there is none. */
    Canary canary() {
        return serving.get().canary();
    }

    /** The canary's model while there is one, else the stable model (a canary just ended). */
    ServingModel canaryOrStable() {
        Serving s = serving.get();
        return s.canary() != null ? s.canary().model() : s.stable();
    }

    public String modelName() {
        return modelName;
    }

    public CanaryPolicy policy() {
        return policy;
    }

    /**
     * One look at the alias and, during a canary, one judgement of it. Never throws: a problem is
     * reported once and what serves stays.
     *
     * @return true when what serves changed (a swap, a canary started, promoted, rolled back or cancelled)
     */
    synchronized boolean poll() {
        if (stopped) {
            return false;
        }
        try {
            Optional<ModelVersion> champion = registry.alias(modelName, ModelRegistry.CHAMPION);
            boolean changed = false;
            Canary canary = serving.get().canary();
            if (canary != null) {
                if (champion.isPresent() && champion.get().version() == canary.version()) {
                    return judge(canary);
                }
                // The alias moved during the trial (by hand, or another server rolled the canary back).
                serving.set(new Serving(canary.stable(), null));
                record(ServingHistory.Kind.canary_cancelled, canary.stable().version(), canary.version(),
                        "the champion alias moved to " + champion.map(v -> "v" + v.version()).orElse("nothing")
                                + " during the canary", canary.figures());
                log.println("churnops serve: canary " + modelName + " v" + canary.version() + " cancelled: the champion alias "
                        + "moved to " + champion.map(v -> "v" + v.version()).orElse("nothing") + "; serving v"
                        + canary.stable().version());
                changed = true;
            }
            int serving = get().version();
            if (champion.isEmpty()) {
                problem("model '" + modelName + "' has no champion any more; still serving v" + serving);
                return changed;
            }
            int version = champion.get().version();
            if (version != failedVersion) {
                failedVersion = 0;
            }
            if (version == serving || version == failedVersion) {
                return changed;
            }
            Loaded next;
            try {
                next = load(version);
            } catch (RuntimeException e) {
                failedVersion = version;
                problem("champion " + modelName + " v" + version + " cannot serve, still serving v" + serving + ": "
                        + e.getClass().getSimpleName() + ": " + e.getMessage());
                return changed;
            }
            lastProblem = null;
            if (policy.enabled()) {
                startCanary(next);
            } else {
                this.serving.set(new Serving(next.model(), null));
                record(ServingHistory.Kind.swapped, serving, version, "the champion alias moved to v" + version
                        + " and the canary is off", null);
                log.println("churnops serve: now serving " + modelName + " v" + version + " (was v" + serving + ")");
            }
            return true;
        } catch (RuntimeException e) {
            // The registry could not be read (a file being replaced, a disk error): try again next time.
            problem("cannot read the champion of '" + modelName + "' from the registry: " + e.getClass().getSimpleName()
                    + ": " + e.getMessage());
            return false;
        }
    }

    private void startCanary(Loaded next) {
        ServingModel stable = get();
        // Read only for a canary: the stable model is never judged against its training scores.
        Optional<ScoreDistribution> scores;
        try {
            scores = ScoreDistribution.of(ModelArtifact.read(next.artifact(), next.source()).monitoring());
        } catch (RuntimeException e) {
            // The model itself loaded and scored; only its baseline is unreadable, so that alarm is off.
            log.println("churnops serve: the training score distribution of " + modelName + " v" + next.model().version()
                    + " cannot be read (" + e.getMessage() + "): its canary is judged without it");
            scores = Optional.empty();
        }
        Canary canary = new Canary(next.model(), stable, policy.share(), scores.orElse(null));
        serving.set(new Serving(stable, canary));
        String reason = String.format(java.util.Locale.ROOT, "the champion alias moved to v%d: it takes %.1f%% of scoring "
                + "requests and is promoted after %d of them without an alarm%s", canary.version(), 100 * policy.share(),
                policy.promoteAfter(), canary.checksScores() ? ""
                        : "; its artifact carries no readable training score distribution, so the score-distribution alarm is off");
        record(ServingHistory.Kind.canary_started, stable.version(), canary.version(), reason, null);
        log.println("churnops serve: canary " + modelName + " v" + canary.version() + " started beside v" + stable.version()
                + ": " + reason);
    }

    /** Rolls the canary back on an alarm, promotes it once it has answered enough requests; else leaves it. */
    private boolean judge(Canary canary) {
        Optional<String> alarm = canary.alarm(policy);
        if (alarm.isPresent()) {
            rollBack(canary, alarm.get());
            return true;
        }
        if (canary.requests() >= policy.promoteAfter()) {
            serving.set(new Serving(canary.model(), null));
            String reason = canary.requests() + " canary requests without an alarm";
            record(ServingHistory.Kind.promoted, canary.stable().version(), canary.version(), reason, canary.figures());
            log.println("churnops serve: canary " + modelName + " v" + canary.version() + " promoted after " + reason
                    + "; now serving v" + canary.version() + " (was v" + canary.stable().version() + ")");
            return true;
        }
        return false;
    }

    /**
     * Stops routing to the canary first, so no further request reaches it, then moves the alias back
     * and rejects the version in the registry. A registry that refuses (the stable version is no longer
     * Approved, say) is noted in the history; the version is then not loaded again while the alias
     * names it.
     */
    private void rollBack(Canary canary, String alarm) {
        int stable = canary.stable().version();
        serving.set(new Serving(canary.stable(), null));
        String reason = "canary v" + canary.version() + " rolled back to v" + stable + " on its " + alarm;
        StringBuilder notes = new StringBuilder();
        try {
            registry.setAlias(modelName, ModelRegistry.CHAMPION, stable, reason);
        } catch (RuntimeException e) {
            failedVersion = canary.version();
            notes.append("; the champion alias could not be moved back: ").append(e.getMessage());
        }
        try {
            registry.setStatus(modelName, canary.version(), ApprovalStatus.Rejected, reason);
        } catch (RuntimeException e) {
            notes.append("; v").append(canary.version()).append(" could not be rejected: ").append(e.getMessage());
        }
        record(ServingHistory.Kind.rolled_back, canary.version(), stable, reason + notes, canary.figures());
        log.println("churnops serve: " + reason + notes);
    }

    /** Appends to the history; a store that cannot be written is reported, and serving goes on. */
    private void record(ServingHistory.Kind kind, Integer from, int to, String reason, Map<String, Object> figures) {
        try {
            history.append(kind, from, to, reason, figures);
        } catch (RuntimeException e) {
            log.println("churnops serve: cannot record '" + kind + "' v" + to + " in " + ServingHistory.key(modelName) + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** A loaded version with the artifact it came from, which a canary reads its training score distribution from. */
    private record Loaded(ServingModel model, byte[] artifact, String source) {
    }

    /** Reads, loads and checks one version, so a swap only ever installs a model that has scored. */
    private Loaded load(int version) {
        byte[] artifact = registry.artifact(modelName, version);
        String source = BlobLayout.modelArtifact(modelName, version);
        ServingModel model = ServingModel.load(artifact, source);
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
        return new Loaded(model, artifact, source);
    }

    /** Reports a problem once; the same problem again (every poll) stays quiet. */
    private void problem(String message) {
        if (!message.equals(lastProblem)) {
            lastProblem = message;
            log.println("churnops serve: " + message);
        }
    }

    /**
     * Stops polling and records that the stable model stopped serving (a canary still on trial is
     * left as it is: the alias names it, and the next server starts on it). The current model stays
     * available to requests still running. Idempotent.
     */
    @Override
    public void close() {
        if (poller != null) {
            // Not shutdownNow: interrupting a poll mid-read would only report a spurious failure.
            poller.shutdown();
        }
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        Serving s = serving.get();
        record(ServingHistory.Kind.stopped, s.stable().version(), s.stable().version(), "the server stopped"
                + (s.canary() == null ? "" : " during the canary of v" + s.canary().version()),
                s.canary() == null ? null : s.canary().figures());
    }
}
