package dev.churnops.featurestore;

import dev.churnops.core.features.FeatureBatch;
import dev.churnops.core.features.FeatureSchema;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.OnlineFeatureStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The online feature store of one view kept in this process, for local scoring: an open-addressing
 * index from customer id to a row slot, and the rows in primitive arrays (numbers row by row in one
 * {@code double[]}, text as dictionary codes in one {@code int[]}), so a lookup is a hash probe and
 * a few array reads. It persists to a {@link BlobStore} under {@code features/online/<view>/}: a
 * full base file ({@code base-<generation>-upto-<last segment it includes>.bin}) and one segment
 * file per put
 * ({@code segment-<number>.bin}), which {@link #open} replays over the newest base; another process
 * opening the same keys sees the same rows, and {@link #refresh} picks up the segments written
 * since. {@link #compact} folds the segments into a new base and deletes them. The file format is
 * described in {@code OnlineFiles}. Reads may run on many threads; puts, refreshes and compactions
 * take turns with them.
 */
public final class EmbeddedOnlineStore implements OnlineFeatureStore {

    /** Where the files of every view live. */
    public static final String ROOT = "features/online/";
    private static final Pattern BASE = Pattern.compile("base-(\\d{10})-upto-(\\d{10})\\.bin");
    private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{10})\\.bin");
    private static final int MAX_CLAIM_ATTEMPTS = 100;

    private final BlobStore blobs;
    private final FeatureSchema schema;
    private final String prefix;
    /** Per schema column, its index among the numeric or among the text features. */
    private final int[] position;
    private final boolean[] isNumber;
    private final int numeric;
    private final int text;
    private final FeatureRow.Names names;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private Rows rows;
    private long baseGeneration;
    /** Segments already applied, by number: those a base includes and those replayed or written since. */
    private long baseCovers;
    private final java.util.TreeSet<Long> applied = new java.util.TreeSet<>();

    private EmbeddedOnlineStore(BlobStore blobs, FeatureSchema schema) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.prefix = ROOT + schema.view() + "/";
        this.position = new int[schema.size()];
        this.isNumber = new boolean[schema.size()];
        int n = 0;
        int t = 0;
        for (int c = 0; c < schema.size(); c++) {
            isNumber[c] = schema.columns().get(c).type() == FeatureSchema.ValueType.DOUBLE;
            position[c] = isNumber[c] ? n++ : t++;
        }
        this.numeric = n;
        this.text = t;
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < schema.size(); c++) {
            index.put(schema.columns().get(c).name(), c);
        }
        this.names = new FeatureRow.Names(schema.names().toArray(String[]::new), Map.copyOf(index));
    }

    /**
     * The store of {@code schema}'s view as its files in {@code blobs} hold it: the newest base and
     * every segment after it; empty when there are none yet.
     */
    public static EmbeddedOnlineStore open(BlobStore blobs, FeatureSchema schema) {
        EmbeddedOnlineStore store = new EmbeddedOnlineStore(blobs, schema);
        store.load();
        return store;
    }

    /** The key of a base file; it includes the segments numbered up to {@code covers} (0: none). */
    public static String baseKey(String view, long generation, long covers) {
        return ROOT + view + "/" + String.format("base-%010d-upto-%010d.bin", generation, covers);
    }

    /** The key of a segment file. */
    public static String segmentKey(String view, long number) {
        return ROOT + view + "/" + String.format("segment-%010d.bin", number);
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    /** How many customers the store holds. */
    public int size() {
        lock.readLock().lock();
        try {
            return rows.count;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Stores the rows in memory and writes them as a new segment first, so a failed write changes nothing. */
    @Override
    public void put(FeatureBatch batch) {
        checkSchema(batch);
        if (batch.size() == 0) {
            return;
        }
        byte[] segment = segmentBytes(batch);
        lock.writeLock().lock();
        try {
            long number = claimSegment(segment);
            rows.apply(batch);
            applied.add(number);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Optional<Map<String, Object>> get(String customerId) {
        Objects.requireNonNull(customerId, "customerId");
        lock.readLock().lock();
        try {
            int slot = rows.find(customerId);
            return slot < 0 ? Optional.empty() : Optional.of(rows.values(slot));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Map<String, Map<String, Object>> getAll(List<String> customerIds) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>(Math.max(4, customerIds.size() * 2));
        lock.readLock().lock();
        try {
            for (String id : customerIds) {
                int slot = rows.find(Objects.requireNonNull(id, "customer id"));
                if (slot >= 0) {
                    found.put(id, rows.values(slot));
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return found;
    }

    /** The event time (epoch seconds) of a customer's stored row, or empty. */
    public Optional<Long> eventTime(String customerId) {
        lock.readLock().lock();
        try {
            int slot = rows.find(customerId);
            return slot < 0 ? Optional.empty() : Optional.of(rows.events[slot]);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Applies what other processes wrote since this one opened or last refreshed: their new
     * segments, or, when one of them compacted, the new base and the segments after it. Returns how
     * many segment files were applied (a reload counts all it replayed).
     */
    public int refresh() {
        lock.writeLock().lock();
        try {
            Listing listing = listing();
            if (listing.newestBase() > baseGeneration) {
                // Another process compacted; the segments it folded in may be gone, so start from its base.
                load();
                return applied.size();
            }
            int n = 0;
            for (Map.Entry<Long, String> s : listing.segments.entrySet()) {
                if (s.getKey() > baseCovers && !applied.contains(s.getKey())) {
                    replay(s.getValue());
                    applied.add(s.getKey());
                    n++;
                }
            }
            return n;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Writes every row as a new base that includes all segments applied so far (after a
     * {@link #refresh}), then deletes those segments and the older bases. Returns the new base's key.
     */
    public String compact() {
        lock.writeLock().lock();
        try {
            refresh();
            long covers = applied.isEmpty() ? baseCovers : Math.max(baseCovers, applied.last());
            byte[] base = rows.baseBytes(covers);
            long generation = baseGeneration + 1;
            String key = baseKey(schema.view(), generation, covers);
            if (!blobs.putIfAbsent(key, base)) {
                throw new IllegalStateException("base " + key + " was written by another process while this one compacted: "
                        + "refresh and compact again");
            }
            Listing listing = listing();
            for (Map.Entry<Long, String> s : listing.segments.entrySet()) {
                if (s.getKey() <= covers) {
                    blobs.delete(s.getValue());
                }
            }
            for (Map.Entry<Long, Base> b : listing.bases.entrySet()) {
                if (b.getKey() < generation) {
                    blobs.delete(b.getValue().key());
                }
            }
            baseGeneration = generation;
            baseCovers = covers;
            applied.clear();
            return key;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void load() {
        Listing listing = listing();
        Rows loaded = new Rows(16);
        long generation = 0;
        long covers = 0;
        if (!listing.bases.isEmpty()) {
            Map.Entry<Long, Base> newest = listing.bases.lastEntry();
            generation = newest.getKey();
            String key = newest.getValue().key();
            OnlineFiles.Reader in = new OnlineFiles.Reader(key, blobs.get(key));
            in.header(OnlineFiles.BASE_MAGIC, schema);
            covers = in.i64();
            if (covers != newest.getValue().covers()) {
                throw OnlineFiles.damaged(key, "it includes segments up to " + covers + ", not up to "
                        + newest.getValue().covers() + " as its name says");
            }
            loaded = readRows(in, key, null);
            in.end();
        }
        rows = loaded;
        baseGeneration = generation;
        baseCovers = covers;
        applied.clear();
        for (Map.Entry<Long, String> s : listing.segments.entrySet()) {
            if (s.getKey() > covers) {
                replay(s.getValue());
                applied.add(s.getKey());
            }
        }
    }

    private void replay(String key) {
        OnlineFiles.Reader in = new OnlineFiles.Reader(key, blobs.get(key));
        in.header(OnlineFiles.SEGMENT_MAGIC, schema);
        readRows(in, key, rows);
        in.end();
    }

    /** Reads the rows of a file into {@code into} (keeping the later event time), or into new rows when null. */
    private Rows readRows(OnlineFiles.Reader in, String key, Rows into) {
        int count = in.count("row", 20 + 8 * numeric + 4 * text);
        Rows target = into == null ? new Rows(count) : into;
        double[] numbers = new double[numeric];
        String[] texts = new String[text];
        for (int r = 0; r < count; r++) {
            String id = in.string();
            if (id == null) {
                throw OnlineFiles.damaged(key, "row " + r + " has no customer id");
            }
            long event = in.i64();
            long write = in.i64();
            for (int k = 0; k < numeric; k++) {
                numbers[k] = in.f64();
            }
            for (int k = 0; k < text; k++) {
                texts[k] = in.string();
            }
            target.offer(id, event, write, numbers, texts);
        }
        return target;
    }

    private byte[] segmentBytes(FeatureBatch batch) {
        OnlineFiles.Writer out = new OnlineFiles.Writer(64 + batch.size() * (40 + 8 * numeric + 12 * text));
        out.header(OnlineFiles.SEGMENT_MAGIC, schema).i32(batch.size());
        for (int r = 0; r < batch.size(); r++) {
            out.string(batch.entityId(r)).i64(batch.eventTime(r)).i64(batch.writeTime(r));
            for (int c = 0; c < schema.size(); c++) {
                if (schema.columns().get(c).type() == FeatureSchema.ValueType.DOUBLE) {
                    out.f64(batch.number(r, c));
                }
            }
            for (int c = 0; c < schema.size(); c++) {
                if (schema.columns().get(c).type() == FeatureSchema.ValueType.STRING) {
                    out.string(batch.text(r, c));
                }
            }
        }
        return out.finish();
    }

    private long claimSegment(byte[] segment) {
        // Numbers after every segment and base seen now: a number a compaction deleted is never reused.
        Listing listing = listing();
        long next = baseCovers;
        if (!listing.bases.isEmpty()) {
            next = Math.max(next, listing.bases.lastEntry().getValue().covers());
        }
        if (!listing.segments.isEmpty()) {
            next = Math.max(next, listing.segments.lastKey());
        }
        if (!applied.isEmpty()) {
            next = Math.max(next, applied.last());
        }
        for (int attempt = 1; attempt <= MAX_CLAIM_ATTEMPTS; attempt++) {
            String key = segmentKey(schema.view(), next + attempt);
            if (blobs.putIfAbsent(key, segment)) {
                return next + attempt;
            }
        }
        throw new IllegalStateException("could not claim a free segment number under " + prefix + " after "
                + MAX_CLAIM_ATTEMPTS + " attempts: other writers keep taking them");
    }

    private record Base(String key, long covers) {
    }

    private record Listing(TreeMap<Long, Base> bases, TreeMap<Long, String> segments) {
        long newestBase() {
            return bases.isEmpty() ? 0 : bases.lastKey();
        }
    }

    private Listing listing() {
        TreeMap<Long, Base> bases = new TreeMap<>();
        TreeMap<Long, String> segments = new TreeMap<>();
        for (String key : blobs.list(prefix)) {
            String name = key.substring(prefix.length());
            Matcher b = BASE.matcher(name);
            Matcher s = SEGMENT.matcher(name);
            if (b.matches()) {
                bases.put(Long.parseLong(b.group(1)), new Base(key, Long.parseLong(b.group(2))));
            } else if (s.matches()) {
                segments.put(Long.parseLong(s.group(1)), key);
            }
        }
        return new Listing(bases, segments);
    }

    private void checkSchema(FeatureBatch batch) {
        Objects.requireNonNull(batch, "batch");
        if (!batch.schema().equals(schema)) {
            throw new IllegalArgumentException("feature batch of view '" + batch.schema().view() + "' with columns "
                    + batch.schema().columns() + " does not match the online store of view '" + schema.view()
                    + "' with columns " + schema.columns());
        }
    }

    /** The rows: an open-addressing index and primitive arrays addressed by slot. */
    private final class Rows {
        int count;
        String[] ids;
        long[] events;
        long[] writes;
        double[] numbers;
        int[] texts;
        /** Slot + 1 per hash bucket; 0 is empty. */
        int[] index;
        int mask;
        final List<String> dictionary = new ArrayList<>();
        final Map<String, Integer> codes = new HashMap<>();

        Rows(int capacity) {
            int cap = Math.max(16, capacity);
            ids = new String[cap];
            events = new long[cap];
            writes = new long[cap];
            numbers = new double[cap * numeric];
            texts = new int[cap * text];
            int buckets = Integer.highestOneBit(Math.max(32, cap * 2 - 1)) << 1;
            index = new int[buckets];
            mask = buckets - 1;
        }

        private static int spread(int h) {
            h *= 0x9E3779B9;
            return h ^ (h >>> 16);
        }

        int find(String id) {
            for (int b = spread(id.hashCode()) & mask; ; b = (b + 1) & mask) {
                int entry = index[b];
                if (entry == 0) {
                    return -1;
                }
                if (ids[entry - 1].equals(id)) {
                    return entry - 1;
                }
            }
        }

        void offer(String id, long event, long write, double[] rowNumbers, String[] rowTexts) {
            int b = spread(id.hashCode()) & mask;
            int slot;
            while (true) {
                int entry = index[b];
                if (entry == 0) {
                    slot = add(id);
                    index[b] = slot + 1;
                    break;
                }
                if (ids[entry - 1].equals(id)) {
                    slot = entry - 1;
                    // Keep the later event time; of two rows for the same event time, the later write.
                    if (event < events[slot] || (event == events[slot] && write < writes[slot])) {
                        return;
                    }
                    break;
                }
                b = (b + 1) & mask;
            }
            events[slot] = event;
            writes[slot] = write;
            System.arraycopy(rowNumbers, 0, numbers, slot * numeric, numeric);
            for (int k = 0; k < text; k++) {
                texts[slot * text + k] = code(rowTexts[k]);
            }
            if (count * 2 > index.length) {
                rehash();
            }
        }

        private int add(String id) {
            if (count == ids.length) {
                int cap = ids.length * 2;
                ids = Arrays.copyOf(ids, cap);
                events = Arrays.copyOf(events, cap);
                writes = Arrays.copyOf(writes, cap);
                numbers = Arrays.copyOf(numbers, cap * numeric);
                texts = Arrays.copyOf(texts, cap * text);
            }
            ids[count] = id;
            return count++;
        }

        private void rehash() {
            index = new int[index.length * 2];
            mask = index.length - 1;
            for (int slot = 0; slot < count; slot++) {
                int b = spread(ids[slot].hashCode()) & mask;
                while (index[b] != 0) {
                    b = (b + 1) & mask;
                }
                index[b] = slot + 1;
            }
        }

        private int code(String value) {
            if (value == null) {
                return 0;
            }
            Integer c = codes.get(value);
            if (c == null) {
                dictionary.add(value);
                c = dictionary.size();
                codes.put(value, c);
            }
            return c;
        }

        void apply(FeatureBatch batch) {
            double[] rowNumbers = new double[numeric];
            String[] rowTexts = new String[text];
            for (int r = 0; r < batch.size(); r++) {
                for (int c = 0; c < schema.size(); c++) {
                    if (schema.columns().get(c).type() == FeatureSchema.ValueType.DOUBLE) {
                        rowNumbers[position[c]] = batch.number(r, c);
                    } else {
                        rowTexts[position[c]] = batch.text(r, c);
                    }
                }
                offer(batch.entityId(r), batch.eventTime(r), batch.writeTime(r), rowNumbers, rowTexts);
            }
        }

        Map<String, Object> values(int slot) {
            Object[] row = new Object[position.length];
            for (int c = 0; c < row.length; c++) {
                if (isNumber[c]) {
                    double v = numbers[slot * numeric + position[c]];
                    row[c] = Double.isNaN(v) ? null : v;
                } else {
                    int code = texts[slot * text + position[c]];
                    row[c] = code == 0 ? null : dictionary.get(code - 1);
                }
            }
            return new FeatureRow(names, row);
        }

        byte[] baseBytes(long covers) {
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            // Id order: the same rows give the same base whatever order they arrived in.
            Arrays.sort(order, (a, b) -> ids[a].compareTo(ids[b]));
            OnlineFiles.Writer out = new OnlineFiles.Writer(64 + count * (24 + 8 * numeric + 8 * text));
            out.header(OnlineFiles.BASE_MAGIC, schema).i64(covers).i32(count);
            for (int slot : order) {
                out.string(ids[slot]).i64(events[slot]).i64(writes[slot]);
                for (int k = 0; k < numeric; k++) {
                    out.f64(numbers[slot * numeric + k]);
                }
                for (int k = 0; k < text; k++) {
                    int code = texts[slot * text + k];
                    out.string(code == 0 ? null : dictionary.get(code - 1));
                }
            }
            return out.finish();
        }
    }
}
