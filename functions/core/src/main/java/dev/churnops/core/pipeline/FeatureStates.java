package dev.churnops.core.pipeline;

import dev.churnops.core.events.EventSource;
import dev.churnops.core.features.FeatureRegistry;
import dev.churnops.core.features.FeatureState;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.BlobStore;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where a feature view's computation state lives between steps: a checkpoint (the state's binary
 * form) plus a journal naming each validated file applied since, so a Lambda that starts cold
 * rebuilds the state by reading the newest checkpoint and replaying the journal, and a warm one
 * (or the local runtime, which runs every step in one process) keeps it in memory and only checks
 * that nothing was journaled by someone else meanwhile.
 *
 * <p>Layout: {@code features/state/<view>/checkpoint/<generation>.bin} and
 * {@code features/state/<view>/journal/<generation>/<hash of the validated key>.json}. A journal
 * entry is written into the generation of the checkpoint its writer loaded; loading replays the
 * entries of the newest generation and of the one before it (a writer that loaded the previous
 * checkpoint just before a new one was written lands there), and the state skips any file it has
 * already applied, so replaying is always safe. Two writers applying different files at once
 * both succeed (entries are named by file, not numbered); the other's file is picked up at the
 * next load. {@link #checkpoint} starts a new generation and removes what no load reads any more.
 */
public final class FeatureStates {

    /** Journal entries in one generation after which {@link #checkpoint} writes a new checkpoint. */
    public static final int DEFAULT_CHECKPOINT_EVERY = 42;

    /** What applying one validated file did. */
    public record Applied(boolean applied, String reason, long events, int customers, String journalKey) {
    }

    private record JournalEntry(String validatedKey, String sha256, String source) {
    }

    private record Cached(long generation, FeatureState state, Set<String> entries) {
    }

    private final BlobStore blobs;
    private final FeatureRegistry registry;
    private final String view;
    private final int checkpointEvery;
    private Cached cached;

    public FeatureStates(BlobStore blobs, FeatureRegistry registry, String view, int checkpointEvery) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.view = Objects.requireNonNull(view, "view");
        registry.schema(view);
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery is " + checkpointEvery + ": expected at least 1");
        }
        this.checkpointEvery = checkpointEvery;
    }

    public FeatureStates(BlobStore blobs, FeatureRegistry registry, String view) {
        this(blobs, registry, view, DEFAULT_CHECKPOINT_EVERY);
    }

    public String view() {
        return view;
    }

    public FeatureRegistry registry() {
        return registry;
    }

    /** The state with every journaled file applied. */
    public synchronized FeatureState load() {
        try {
            return refresh().state();
        } catch (RuntimeException e) {
            cached = null;
            throw e;
        }
    }

    /**
     * Applies the validated file at {@code validatedKey} (the rows of {@code source}, already
     * checked) unless the state has applied that object before, and journals it.
     */
    public synchronized Applied apply(String validatedKey, String sha256, EventSource source) {
        Objects.requireNonNull(validatedKey, "validatedKey");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(source, "source");
        try {
            Cached current = refresh();
            byte[] csv = blobs.get(validatedKey);
            long events = rows(csv);
            if (!current.state().applyOnce(validatedKey, sha256, source, csv)) {
                return new Applied(false, "already applied: " + validatedKey + " was applied before, so it is not counted twice",
                        events, current.state().customers(), null);
            }
            String journalKey = journalKey(current.generation(), validatedKey);
            blobs.putIfAbsent(journalKey, Json.write(new JournalEntry(validatedKey, sha256, source.sourceName())));
            current.entries().add(journalKey);
            return new Applied(true, null, events, current.state().customers(), journalKey);
        } catch (RuntimeException e) {
            // The in-memory state may hold a file that no journal entry names: rebuild it next time.
            cached = null;
            throw e;
        }
    }

    /**
     * Writes a new checkpoint of {@code state} when the current generation's journal holds at
     * least the configured number of entries (or when {@code force}), and removes the checkpoints
     * and journal generations no load reads any more. Returns the checkpoint key, or null when
     * none was due.
     */
    public synchronized String checkpoint(boolean force) {
        Cached current = refresh();
        List<String> inGeneration = blobs.list(journalPrefix(current.generation()));
        if (!force && inGeneration.size() < checkpointEvery) {
            return null;
        }
        long next = current.generation() + 1;
        String key = checkpointKey(next);
        if (!blobs.putIfAbsent(key, current.state().serialize())) {
            throw new dev.churnops.core.port.TransientFailure("checkpoint " + key + " was written by another step meanwhile");
        }
        cached = new Cached(next, current.state(), new HashSet<>());
        for (String old : blobs.list(prefix() + "checkpoint/")) {
            if (generationOf(old) < current.generation()) {
                blobs.delete(old);
            }
        }
        for (String old : blobs.list(prefix() + "journal/")) {
            if (generationOfJournal(old) < current.generation()) {
                blobs.delete(old);
            }
        }
        return key;
    }

    private Cached refresh() {
        long generation = newestGeneration();
        List<String> entries = new java.util.ArrayList<>();
        if (generation > 0) {
            entries.addAll(blobs.list(journalPrefix(generation - 1)));
        }
        entries.addAll(blobs.list(journalPrefix(generation)));
        if (cached == null || cached.generation() != generation) {
            FeatureState state = generation == 0 ? FeatureState.empty(registry, view)
                    : FeatureState.deserialize(blobs.get(checkpointKey(generation)), registry);
            cached = new Cached(generation, state, new HashSet<>());
        }
        for (String entryKey : entries) {
            if (cached.entries().add(entryKey)) {
                JournalEntry entry = Json.read(blobs.get(entryKey), JournalEntry.class, "journal entry " + entryKey);
                cached.state().applyOnce(entry.validatedKey(), entry.sha256(), EventSource.of(entry.source()),
                        blobs.get(entry.validatedKey()));
            }
        }
        return cached;
    }

    private long newestGeneration() {
        long newest = 0;
        for (String key : blobs.list(prefix() + "checkpoint/")) {
            newest = Math.max(newest, generationOf(key));
        }
        return newest;
    }

    private String prefix() {
        return "features/state/" + view + "/";
    }

    private String checkpointKey(long generation) {
        return prefix() + "checkpoint/" + String.format("%012d", generation) + ".bin";
    }

    private String journalPrefix(long generation) {
        return prefix() + "journal/" + String.format("%012d", generation) + "/";
    }

    private String journalKey(long generation, String validatedKey) {
        return journalPrefix(generation) + Fingerprint.sha256(validatedKey.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .substring(0, 32) + ".json";
    }

    private long generationOf(String checkpointKey) {
        String name = BlobLayout.fileName(checkpointKey);
        return parseGeneration(name.substring(0, name.indexOf('.')), checkpointKey);
    }

    private long generationOfJournal(String journalKey) {
        String rest = journalKey.substring((prefix() + "journal/").length());
        return parseGeneration(rest.substring(0, rest.indexOf('/')), journalKey);
    }

    private static long parseGeneration(String digits, String key) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("feature state key '" + key + "' is not <generation digits>: it was not written by ChurnOps");
        }
    }

    /** Data rows of a CSV: its lines after the header (a last line without a newline counts). */
    static long rows(byte[] csv) {
        long lines = 0;
        for (byte b : csv) {
            if (b == '\n') {
                lines++;
            }
        }
        if (csv.length > 0 && csv[csv.length - 1] != '\n') {
            lines++;
        }
        return Math.max(0, lines - 1);
    }

    /** For tests and diagnostics: the keys under this view's state prefix. */
    Map<String, Integer> layout() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (String key : blobs.list(prefix())) {
            String rest = key.substring(prefix().length());
            counts.merge(rest.substring(0, rest.indexOf('/')), 1, Integer::sum);
        }
        return counts;
    }
}
