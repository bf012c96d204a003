package dev.churnops.core.pipeline;

import dev.churnops.core.events.EventSource;
import dev.churnops.core.features.FeatureBatch;
import dev.churnops.core.features.FeatureRegistry;
import dev.churnops.core.features.FeatureState;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.TransientFailure;
import dev.churnops.core.quality.KnownCustomers;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a feature view's computation state lives between steps: a checkpoint (the state's binary
 * form) plus a numbered journal of the validated files applied since, so a Lambda that starts cold
 * rebuilds the state by reading the newest checkpoint and replaying the journal, and a warm one (or
 * the local runtime, which runs every step in one process) keeps it in memory and asks one question
 * of the store to know nothing was journaled meanwhile: is the next entry there?
 *
 * <p>Layout: {@code features/state/<view>/checkpoint/<generation>.bin} and
 * {@code features/state/<view>/journal/<generation>/<sequence>.json}. A writer claims the next
 * sequence number with {@link BlobStore#putIfAbsent}; when another writer got it first, it reads
 * that entry, applies it, and tries the number after. A checkpoint first <em>seals</em> its
 * generation by claiming its next number with a seal entry, so no file can be journaled there after
 * the checkpoint's state was taken, then writes the next generation's checkpoint; writers and loaders
 * that meet the seal move on to the new generation. Checkpoints and journals older than the
 * previous generation are removed. Applying a file twice is harmless anyway: the state skips an
 * object it has applied.
 */
public final class FeatureStates {

    /**
     * Journal entries in one generation after which {@link #checkpoint} writes a new checkpoint:
     * about four weeks of six sources' daily files. A checkpoint of a year's shop of 30,000
     * customers is about 76 MB, so a cold start replaying up to this many small files is the
     * cheaper side of the trade.
     */
    public static final int DEFAULT_CHECKPOINT_EVERY = 168;

    /** Attempts to claim a journal number before giving up with a {@link TransientFailure}. */
    static final int MAX_CLAIMS = 8;

    /** What applying one validated file did. */
    public record Applied(boolean applied, String reason, long events, int customers, String journalKey) {
    }

    /** A journal entry: a validated file applied, or the seal that closes a generation. */
    private record JournalEntry(String validatedKey, String sha256, String source, Boolean seal) {
        boolean sealed() {
            return Boolean.TRUE.equals(seal);
        }
    }

    /** The state in memory: generation {@code generation} with entries below {@code next} applied. */
    private static final class Cached {
        final long generation;
        final FeatureState state;
        long next = 1;

        Cached(long generation, FeatureState state) {
            this.generation = generation;
            this.state = state;
        }
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
            return refresh().state;
        } catch (RuntimeException e) {
            cached = null;
            throw e;
        }
    }

    /**
     * The features of every known customer as of {@code endOfDay}, computed under this object's lock
     * so that a step materializing one day may run while another applies the next day's files.
     */
    public synchronized FeatureBatch asOf(long endOfDay, long writeTime) {
        try {
            return refresh().state.asOf(endOfDay, writeTime);
        } catch (RuntimeException e) {
            cached = null;
            throw e;
        }
    }

    /**
     * The customers the state knows, for data quality's checks of one event file: brought up to
     * date on the first question, then answered from memory, under this object's lock.
     */
    public KnownCustomers knownCustomers() {
        boolean[] refreshed = {false};
        return customerId -> {
            synchronized (FeatureStates.this) {
                FeatureState state = refreshed[0] && cached != null ? cached.state : load();
                refreshed[0] = true;
                return state.signupTime(customerId);
            }
        };
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
            byte[] csv = blobs.get(validatedKey);
            long events = rows(csv);
            byte[] entry = Json.write(new JournalEntry(validatedKey, sha256, source.sourceName(), null));
            for (int attempt = 0; attempt < MAX_CLAIMS; attempt++) {
                Cached current = refresh();
                if (current.state.appliedObjects().containsKey(validatedKey)) {
                    // applyOnce checks the content too: a different file under the same key fails there.
                    current.state.applyOnce(validatedKey, sha256, source, csv);
                    return new Applied(false, "already applied: " + validatedKey
                            + " was applied before, so it is not counted twice", events, current.state.customers(), null);
                }
                String key = journalKey(current.generation, current.next);
                current.state.applyOnce(validatedKey, sha256, source, csv);
                if (blobs.putIfAbsent(key, entry)) {
                    current.next++;
                    return new Applied(true, null, events, current.state.customers(), key);
                }
                // Another writer took the number, and this state now holds a file no entry names
                // before that writer's: rebuild it from the store and try the next number.
                cached = null;
            }
            throw new TransientFailure("could not journal " + validatedKey + " after " + MAX_CLAIMS
                    + " attempts: other writers kept taking the next number of " + prefix() + "journal/");
        } catch (RuntimeException e) {
            cached = null;
            throw e;
        }
    }

    /**
     * Writes a new checkpoint when the current generation's journal holds at least the configured
     * number of entries (or when {@code force}), and removes the checkpoints and journals no load
     * reads any more. Returns the checkpoint key, or null when none was due.
     */
    public synchronized String checkpoint(boolean force) {
        try {
            Cached current = refresh();
            for (int attempt = 0; attempt < MAX_CLAIMS; attempt++) {
                long entries = current.next - 1;
                if (!force && entries < checkpointEvery) {
                    return null;
                }
                byte[] seal = Json.write(new JournalEntry(null, null, null, true));
                if (!blobs.putIfAbsent(journalKey(current.generation, current.next), seal)) {
                    current = refresh();
                    continue;
                }
                long generation = current.generation + 1;
                String key = checkpointKey(generation);
                blobs.put(key, current.state.serialize());
                cached = new Cached(generation, current.state);
                removeBefore(current.generation);
                return key;
            }
            throw new TransientFailure("could not seal " + journalPrefix(current.generation) + " after " + MAX_CLAIMS
                    + " attempts: other writers kept journaling");
        } catch (RuntimeException e) {
            cached = null;
            throw e;
        }
    }

    private void removeBefore(long generation) {
        for (String old : blobs.list(prefix() + "checkpoint/")) {
            if (generationOf(old) < generation) {
                blobs.delete(old);
            }
        }
        for (String old : blobs.list(prefix() + "journal/")) {
            if (generationOfJournal(old) < generation) {
                blobs.delete(old);
            }
        }
    }

    private Cached refresh() {
        if (cached == null) {
            long generation = newestGeneration();
            FeatureState state;
            if (generation == 0) {
                state = FeatureState.empty(registry, view);
            } else {
                Optional<byte[]> bytes = blobs.find(checkpointKey(generation));
                if (bytes.isEmpty()) {
                    throw new TransientFailure("checkpoint " + checkpointKey(generation) + " is being written");
                }
                state = FeatureState.deserialize(bytes.get(), registry);
            }
            cached = new Cached(generation, state);
        }
        while (true) {
            Optional<byte[]> found = blobs.find(journalKey(cached.generation, cached.next));
            if (found.isEmpty()) {
                return cached;
            }
            String key = journalKey(cached.generation, cached.next);
            JournalEntry entry = Json.read(found.get(), JournalEntry.class, "journal entry " + key);
            if (entry.sealed()) {
                // A checkpoint closed this generation: its state includes every entry before the seal.
                Optional<byte[]> next = blobs.find(checkpointKey(cached.generation + 1));
                if (next.isEmpty()) {
                    throw new TransientFailure("checkpoint " + checkpointKey(cached.generation + 1) + " is being written");
                }
                cached = new Cached(cached.generation + 1, FeatureState.deserialize(next.get(), registry));
                continue;
            }
            cached.state.applyOnce(entry.validatedKey(), entry.sha256(), EventSource.of(entry.source()),
                    blobs.get(entry.validatedKey()));
            cached.next++;
        }
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

    private String journalKey(long generation, long sequence) {
        return journalPrefix(generation) + String.format("%012d", sequence) + ".json";
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
}
