package dev.churnops.core.features;

import dev.churnops.core.events.EventSource;
import dev.churnops.core.events.EventTime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The running accumulators of one feature view for every customer: per source, one bucket of sums
 * (and maxima, for times) per UTC day with events, folded into lifetime totals once older than the
 * retention. The same code serves batch (a fresh state fed every event up to T, then
 * {@link #asOf}) and incremental computation (one state fed each new file as it lands), so the two
 * cannot disagree. Because buckets are kept per day, {@code asOf(T)} sees exactly the events at or
 * before T even when later events were applied already: no feature leaks the future. Not thread-safe.
 */
public final class FeatureState {

    private static final int MAGIC = 0x43464631; // "CFF1"
    private static final long SECONDS_PER_DAY = 86_400L;

    private final FeatureRegistry registry;
    private final FeaturePlan plan;
    /** Customers split in two by a bit of their id's hash, so a large file is applied by two threads. */
    private final CustomerIndex[] shards = {new CustomerIndex(), new CustomerIndex()};
    private Customer[] sortedCustomers;
    /** Files at least this large are applied by two threads, one per shard. */
    private int parallelBytes = 64 << 10;
    /** From this many customers, old buckets are folded by two threads, one per shard. */
    private int parallelCustomers = 4096;
    private final TreeMap<String, String> applied = new TreeMap<>();
    private int latestDay = Integer.MIN_VALUE;
    /** Buckets of days before this one are folded into the lifetime totals. */
    private int horizonDay = Integer.MIN_VALUE;
    /** Buckets of days before this one have been folded in (and dropped). */
    private int evictedDay = Integer.MIN_VALUE;
    /** At most this many days of buckets beyond the retention are kept before folding them in. */
    static final int EVICTION_STEP_DAYS = 7;
    /** The earliest day of any bucket made; nothing to fold while the horizon is not past it. */
    private int earliestBucketDay = Integer.MAX_VALUE;

    private FeatureState(FeatureRegistry registry, String view) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.plan = new FeaturePlan(registry, view);
    }

    /** An empty state for {@code view} of {@code registry}. */
    public static FeatureState empty(FeatureRegistry registry, String view) {
        return new FeatureState(registry, view);
    }

    public FeatureSchema schema() {
        return plan.schema;
    }

    /** Customers seen in any event so far (signed up or not). */
    public int customers() {
        return shards[0].size() + shards[1].size();
    }

    /** Days of per-day buckets kept behind the latest event day: the longest span plus a grace for late files. */
    public int retentionDays() {
        return plan.retentionDays;
    }

    /** The sign-up time of a customer, when its profile row has been applied. */
    public OptionalLong signupTime(String customerId) {
        byte[] id = customerId.getBytes(StandardCharsets.UTF_8);
        Customer c = shards[shardOf(CustomerIndex.hash(id, 0, id.length))].get(customerId);
        return c == null || c.signup == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(c.signup);
    }

    /** Objects already applied through {@link #applyOnce}, key to SHA-256. */
    public Map<String, String> appliedObjects() {
        return java.util.Collections.unmodifiableMap(applied);
    }

    /**
     * Applies the object unless it was applied before; returns whether it was applied now. The
     * same key with another SHA-256 is refused: an object is written once, so that is corruption.
     */
    public boolean applyOnce(String objectKey, String sha256, EventSource source, byte[] validatedCsv) {
        Objects.requireNonNull(objectKey, "objectKey");
        Objects.requireNonNull(sha256, "sha256");
        String before = applied.get(objectKey);
        if (before != null) {
            if (!before.equals(sha256)) {
                throw new IllegalStateException("object '" + objectKey + "' was applied with SHA-256 " + before
                        + " and is now delivered with " + sha256 + ": raw objects are written once, so one of them is corrupt");
            }
            return false;
        }
        apply(source, validatedCsv);
        applied.put(objectKey, sha256);
        return true;
    }

    /**
     * Adds the rows of one validated file (header exactly {@code source.header()}). Rows may be of
     * any days, in any order; a row of a day already folded into the lifetime totals counts there.
     * A file that fails part-way (it was not the validated output) leaves the state part-applied:
     * discard it and reload the last serialized state.
     */
    public void apply(EventSource source, byte[] validatedCsv) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(validatedCsv, "validatedCsv");
        int[] span = {Integer.MIN_VALUE, Integer.MAX_VALUE};
        if (validatedCsv.length < parallelBytes || !applyTwoThreads(source, validatedCsv, span)) {
            span = applyOneThread(source, validatedCsv);
        }
        latestDay = Math.max(latestDay, span[0]);
        earliestBucketDay = Math.min(earliestBucketDay, span[1]);
        advanceHorizon();
    }

    /** The rows of one part of a file as one thread scanned them: bounds, id hashes, times, and which rows are each shard's. */
    private static final class Half {
        CsvRows rows;
        /** The arrays of the last scan of each source (without the file), which the next file of it reuses. */
        final CsvRows[] bySource = new CsvRows[FeaturePlan.SOURCES];
        int count;
        int[] hashes = new int[256];
        long[] times = new long[256];
        final int[][] shardRows = {new int[256], new int[256]};
        final int[] shardCount = new int[2];
        /** Where the first row starts; where the scan stopped, and the line breaks before that. */
        int firstStart;
        int end;
        int newlinesAtEnd;
        int lineOffset;
        boolean failed;

        void reset(CsvRows rows) {
            this.rows = rows;
            count = 0;
            shardCount[0] = 0;
            shardCount[1] = 0;
            failed = false;
            lineOffset = 0;
        }
    }

    /** Scan results of a file's two parts, kept between files so their arrays are not allocated per file. */
    private final Half[] halves = {new Half(), new Half()};

    /**
     * Applies a file with two threads: each first scans one half of its rows (bounds, customer
     * hash, time), then each applies the rows of one shard's customers, the first half's before
     * the second's, so every customer's rows are added in file order by one thread and the state
     * is the one a single thread makes. Returns false, having changed nothing, when the halves do
     * not meet at a row boundary (a quoted field holding the line break split at) or a row fails to
     * scan: the caller then applies the file on one thread, which reports the first bad row.
     */
    private boolean applyTwoThreads(EventSource source, byte[] csv, int[] span) {
        FeaturePlan.SourcePlan sp = plan.sources[source.ordinal()];
        int columns = source.columns().size();
        Half a = halves[0];
        Half b = halves[1];
        CsvRows first = new CsvRows(csv, columns, a.bySource[source.ordinal()]);
        first.header(sp.header, source.sourceName());
        int body = first.position();
        int split = body + (csv.length - body) / 2;
        while (split < csv.length && csv[split] != '\n') {
            split++;
        }
        split++;
        if (split >= csv.length) {
            return false;
        }
        first.range(body, split, first.newlines());
        CsvRows second = new CsvRows(csv, columns, b.bySource[source.ordinal()]);
        second.range(split, csv.length, 0);
        a.reset(first);
        b.reset(second);
        try {
            return scanAndApply(source, csv, split, span);
        } finally {
            // Keep the grown arrays for the next file of the source, not this file's bytes.
            for (Half h : halves) {
                h.bySource[source.ordinal()] = h.rows.arraysOnly();
                h.rows = null;
            }
        }
    }

    private boolean scanAndApply(EventSource source, byte[] csv, int split, int[] span) {
        Half a = halves[0];
        Half b = halves[1];
        TwoThreads.run(() -> scan(source, b), () -> scan(source, a));
        int secondStart = b.count > 0 ? b.firstStart : b.end;
        if (a.failed || b.failed || a.end != secondStart) {
            return false;
        }
        int leading = 0;
        for (int i = split; i < secondStart; i++) {
            if (csv[i] == '\n') {
                leading++;
            }
        }
        b.lineOffset = a.newlinesAtEnd - leading;
        int[][] spans = {{Integer.MIN_VALUE, Integer.MAX_VALUE}, {Integer.MIN_VALUE, Integer.MAX_VALUE}};
        IllegalArgumentException[] failures = new IllegalArgumentException[2];
        int[] failedLines = new int[2];
        TwoThreads.run(() -> applyShard(source, 1, spans[1], failures, failedLines),
                () -> applyShard(source, 0, spans[0], failures, failedLines));
        span[0] = Math.max(spans[0][0], spans[1][0]);
        span[1] = Math.min(spans[0][1], spans[1][1]);
        if (failures[0] != null || failures[1] != null) {
            // The first bad row of the file, as one thread would report it.
            throw failures[1] == null || (failures[0] != null && failedLines[0] < failedLines[1]) ? failures[0] : failures[1];
        }
        return true;
    }

    /** Scans the rows of {@code h}'s range; marks it failed at the first row that cannot be applied. */
    private static void scan(EventSource source, Half h) {
        CsvRows row = h.rows;
        int idColumn = source.indexOf("customer_id");
        int timeColumn = source.indexOf(source.timeColumn());
        byte[] bytes = row.bytes();
        int n = 0;
        try {
            while (true) {
                row.reserve(n + 1);
                row.select(n);
                if (!row.next()) {
                    break;
                }
                if (n == 0) {
                    h.firstStart = row.rowStart();
                }
                int from = row.start(idColumn);
                int to = row.end(idColumn);
                if (from == to) {
                    h.failed = true;
                    return;
                }
                if (n == h.hashes.length) {
                    h.hashes = Arrays.copyOf(h.hashes, n * 2);
                    h.times = Arrays.copyOf(h.times, n * 2);
                }
                int hash = CustomerIndex.hash(bytes, from, to);
                h.times[n] = row.time(timeColumn);
                h.hashes[n] = hash;
                int shard = shardOf(hash);
                int k = h.shardCount[shard];
                if (k == h.shardRows[shard].length) {
                    h.shardRows[shard] = Arrays.copyOf(h.shardRows[shard], k * 2);
                }
                h.shardRows[shard][k] = n;
                h.shardCount[shard] = k + 1;
                n++;
            }
        } catch (IllegalArgumentException e) {
            h.failed = true;
            return;
        }
        h.count = n;
        h.end = row.position();
        h.newlinesAtEnd = row.newlines();
    }

    /**
     * Adds the scanned rows of {@code shard}'s customers, both halves in file order, looking up a
     * batch of customers before adding their rows (see {@link #applyOneThread}); stops at the first
     * row that fails, recording it.
     */
    private void applyShard(EventSource source, int shard, int[] span, IllegalArgumentException[] failures, int[] failedLines) {
        FeaturePlan.SourcePlan sp = plan.sources[source.ordinal()];
        CustomerIndex index = shards[shard];
        int idColumn = source.indexOf("customer_id");
        int s = source.ordinal();
        int stride = sp.width + 1;
        Customer[] customers = new Customer[BATCH];
        double touched = 0;
        for (Half h : halves) {
            CsvRows row = h.rows.view(h.lineOffset);
            byte[] bytes = row.bytes();
            int[] list = h.shardRows[shard];
            int m = h.shardCount[shard];
            for (int from = 0; from < m; from += BATCH) {
                int to = Math.min(m, from + BATCH);
                // Each pass makes one independent load per row, so the batch's cache misses on the
                // way to a customer's latest bucket overlap: its table slot, the customer, the
                // bucket array, the bucket.
                for (int j = from; j < to; j++) {
                    customers[j - from] = index.peek(h.hashes[list[j]]);
                }
                for (int j = from; j < to; j++) {
                    Customer c = customers[j - from];
                    if (c != null) {
                        touched += c.hash;
                    }
                }
                for (int j = from; j < to; j++) {
                    int r = list[j];
                    row.select(r);
                    Customer c = index.getOrCreate(bytes, row.start(idColumn), row.end(idColumn), h.hashes[r]);
                    customers[j - from] = c;
                    double[] v = c.vals[s];
                    if (v != null) {
                        touched += v.length;
                    }
                }
                for (int j = from; j < to; j++) {
                    Customer c = customers[j - from];
                    double[] v = c.vals[s];
                    if (v != null) {
                        touched += v[c.last(s, stride)];
                    }
                }
                for (int j = from; j < to; j++) {
                    int r = list[j];
                    row.select(r);
                    try {
                        applyRow(source, sp, row, customers[j - from], h.times[r], span);
                    } catch (IllegalArgumentException e) {
                        failures[shard] = located(source, row, e);
                        failedLines[shard] = row.line();
                        return;
                    }
                    customers[j - from] = null;
                }
            }
        }
        prefetched = touched;
    }

    static int shardOf(int hash) {
        return hash >>> 31;
    }

    /** For tests: apply files of at least {@code bytes} bytes, and fold buckets from that many customers, with two threads. */
    void parallelFrom(int bytes) {
        parallelBytes = bytes;
        parallelCustomers = bytes;
    }

    /** Rows scanned before their customers are looked up together (see {@link CsvRows}). */
    private static final int BATCH = 64;

    /** Receives values loaded only to bring a customer's latest bucket into the cache, so the JIT keeps the loads. */
    @SuppressWarnings("unused")
    private static volatile double prefetched;

    /**
     * Applies a file's rows on this thread, scanning a batch of rows and looking up their customers
     * together before adding them; returns the latest day seen and the earliest bucket day made.
     */
    private int[] applyOneThread(EventSource source, byte[] validatedCsv) {
        FeaturePlan.SourcePlan sp = plan.sources[source.ordinal()];
        CsvRows row = new CsvRows(validatedCsv, source.columns().size(), BATCH);
        row.header(sp.header, source.sourceName());
        int idColumn = source.indexOf("customer_id");
        int timeColumn = source.indexOf(source.timeColumn());
        int s = source.ordinal();
        int stride = sp.width + 1;
        byte[] bytes = row.bytes();
        int[] hashes = new int[BATCH];
        long[] times = new long[BATCH];
        Customer[] customers = new Customer[BATCH];
        int[] span = {Integer.MIN_VALUE, Integer.MAX_VALUE};
        double touched = 0;
        boolean more = true;
        while (more) {
            // 1. Scan up to a batch of this shard's rows: bounds, id hash and time.
            int n = 0;
            IllegalArgumentException failure = null;
            try {
                while (true) {
                    row.select(n);
                    if (!row.next()) {
                        more = false;
                        break;
                    }
                    int hash = CustomerIndex.hash(bytes, row.start(idColumn), row.end(idColumn));
                    times[n] = row.time(timeColumn);
                    hashes[n] = hash;
                    if (++n == BATCH) {
                        break;
                    }
                }
            } catch (IllegalArgumentException e) {
                failure = located(source, row, e);
            }
            // 2. Find the batch's customers, and touch each one's latest bucket of this source:
            // the rows are independent, so these memory waits overlap.
            for (int j = 0; j < n; j++) {
                row.select(j);
                Customer c;
                try {
                    c = shards[shardOf(hashes[j])].getOrCreate(bytes, row.start(idColumn), row.end(idColumn), hashes[j]);
                } catch (IllegalArgumentException e) {
                    // Rows before this one are applied first, as a row-by-row scan would.
                    failure = located(source, row, e);
                    n = j;
                    break;
                }
                customers[j] = c;
                double[] v = c.vals[s];
                if (v != null) {
                    touched += v[c.last(s, stride)];
                }
            }
            // 3. Add each row to its customer's accumulators, in file order.
            for (int j = 0; j < n; j++) {
                row.select(j);
                try {
                    applyRow(source, sp, row, customers[j], times[j], span);
                } catch (IllegalArgumentException e) {
                    throw located(source, row, e);
                }
                customers[j] = null;
            }
            if (failure != null) {
                throw failure;
            }
        }
        prefetched = touched;
        return span;
    }

    private static IllegalArgumentException located(EventSource source, CsvRows row, IllegalArgumentException e) {
        return new IllegalArgumentException(source.sourceName() + " file, line " + row.line() + ": " + e.getMessage(), e);
    }

    /** Adds one row of customer {@code c} at {@code time}; widens {@code span} (latest day, earliest bucket day). */
    private void applyRow(EventSource source, FeaturePlan.SourcePlan sp, CsvRows row, Customer c, long time, int[] span) {
        int day = (int) Math.floorDiv(time, SECONDS_PER_DAY);
        if (day > span[0]) {
            span[0] = day;
        }
        if (source == EventSource.CUSTOMERS) {
            profile(c, row, time);
        }
        for (FeaturePlan.Slot f : sp.firstSlots) {
            if (f.matches(row) && time < c.first(plan.firstCount)[f.index()]) {
                c.first[f.index()] = time;
            }
        }
        if (sp.width == 0) {
            return;
        }
        int s = source.ordinal();
        double[] target;
        int offset;
        if (day < horizonDay) {
            target = c.base(s, sp);
            offset = 0;
        } else {
            if (day < span[1]) {
                span[1] = day;
            }
            offset = c.bucket(s, day, sp, shards[shardOf(c.hash)].arrays());
            target = c.vals[s];
        }
        for (FeaturePlan.Slot slot : sp.slots) {
            if (!slot.matches(row)) {
                continue;
            }
            int at = offset + slot.index();
            switch (slot.kind()) {
                case ONE -> target[at] += 1;
                case PRESENT -> {
                    if (!row.isEmpty(slot.column())) {
                        target[at] += 1;
                    }
                }
                case FIELD -> {
                    if (!row.isEmpty(slot.column())) {
                        target[at] += row.number(slot.column());
                    }
                }
                case NET_AMOUNT -> target[at] += row.number(sp.quantity) * row.number(sp.price) * (1 - row.number(sp.discount));
                case TIME -> {
                    if (time > target[at]) {
                        target[at] = time;
                    }
                }
                case CATEGORY -> target[at + FeaturePlan.category(row, slot.column())] += 1;
                default -> throw new IllegalStateException(slot.kind().toString());
            }
        }
    }

    private void profile(Customer c, CsvRows row, long time) {
        if (time > c.signup) {
            return;
        }
        String[] values = new String[plan.profileColumns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.text(plan.profileColumns.get(i));
        }
        // One profile row per customer is the rule; should two share the earliest time, the
        // smaller one wins, so the outcome does not depend on the order files were applied in.
        if (time == c.signup && c.profile != null && Arrays.compare(values, c.profile) >= 0) {
            return;
        }
        c.signup = time;
        c.profile = values;
    }

    private void advanceHorizon() {
        if (latestDay == Integer.MIN_VALUE) {
            return;
        }
        int target = latestDay - plan.retentionDays + 1;
        if (target <= horizonDay) {
            return;
        }
        horizonDay = target;
        // Buckets before the horizon are still summed correctly (only into lifetime totals), so
        // they are folded in a week at a time rather than on every new day.
        if (target <= earliestBucketDay || (long) target - evictedDay < EVICTION_STEP_DAYS) {
            return;
        }
        evictedDay = target;
        earliestBucketDay = target;
        if (customers() >= parallelCustomers) {
            // The shards share no customer and no bucket array: each is folded by its own thread.
            TwoThreads.run(() -> evict(shards[1], target), () -> evict(shards[0], target));
        } else {
            evict(shards[0], target);
            evict(shards[1], target);
        }
    }

    private void evict(CustomerIndex shard, int horizon) {
        BucketArrays arrays = shard.arrays();
        Customer[] table = shard.table();
        double touched = 0;
        for (int from = 0; from < table.length; from += BATCH) {
            int to = Math.min(table.length, from + BATCH);
            // As when applying: passes of one independent load per customer (the customer and its
            // small arrays, then each source's earliest bucket and totals), so the misses overlap.
            for (int i = from; i < to; i++) {
                Customer c = table[i];
                if (c != null) {
                    touched += c.count[0] + c.head[0] + (c.vals[0] == null ? 0 : 1) + (c.base[0] == null ? 0 : 1);
                }
            }
            for (int i = from; i < to; i++) {
                Customer c = table[i];
                if (c == null) {
                    continue;
                }
                for (int s = 0; s < FeaturePlan.SOURCES; s++) {
                    double[] v = c.vals[s];
                    if (v != null) {
                        touched += v[c.head[s] * (plan.sources[s].width + 1)];
                        double[] b = c.base[s];
                        if (b != null) {
                            touched += b[0];
                        }
                    }
                }
            }
            for (int i = from; i < to; i++) {
                Customer c = table[i];
                if (c != null) {
                    for (int s = 0; s < FeaturePlan.SOURCES; s++) {
                        c.evict(s, horizon, plan.sources[s], arrays);
                    }
                }
            }
        }
        prefetched = touched;
    }

    /** Every customer in id order (UTF-8 bytes, unsigned), cached until one is added. */
    private Customer[] sortedCustomers() {
        Customer[] a = shards[0].sorted();
        Customer[] b = shards[1].sorted();
        if (sortedCustomers == null || sortedCustomers.length != a.length + b.length) {
            Customer[] all = new Customer[a.length + b.length];
            int i = 0;
            int j = 0;
            int k = 0;
            while (i < a.length || j < b.length) {
                if (j == b.length || (i < a.length && Arrays.compareUnsigned(a[i].idBytes, b[j].idBytes) < 0)) {
                    all[k++] = a[i++];
                } else {
                    all[k++] = b[j++];
                }
            }
            sortedCustomers = all;
        }
        return sortedCustomers;
    }

    /** The features of every customer signed up at or before {@code endOfDay}, as of it (event and write time = it). */
    public FeatureBatch asOf(long endOfDay) {
        return asOf(endOfDay, endOfDay);
    }

    /**
     * The features of every customer signed up at or before {@code endOfDay} (the last second of a
     * UTC day, {@link EventTime#endOfDay}), computed from exactly the events at or before it, in
     * customer id order.
     *
     * @throws IllegalArgumentException when the time is not an end of day, or older than the
     *                                  retained buckets can answer exactly
     */
    public FeatureBatch asOf(long endOfDay, long writeTime) {
        if (Math.floorMod(endOfDay, SECONDS_PER_DAY) != SECONDS_PER_DAY - 1) {
            throw new IllegalArgumentException("asOf time " + EventTime.format(endOfDay)
                    + " is not the end of a UTC day: expected hh:mm:ss 23:59:59, as EventTime.endOfDay gives");
        }
        int day = (int) Math.floorDiv(endOfDay, SECONDS_PER_DAY);
        if (horizonDay != Integer.MIN_VALUE && day < horizonDay + plan.maxSpanDays - 1) {
            throw new IllegalArgumentException("asOf day " + LocalDate.ofEpochDay(day) + " is older than this state can answer exactly: "
                    + "it keeps day buckets from " + LocalDate.ofEpochDay(horizonDay) + " and the longest feature needs "
                    + plan.maxSpanDays + " days, so the earliest day is " + LocalDate.ofEpochDay(horizonDay + plan.maxSpanDays - 1));
        }
        Customer[] customers = sortedCustomers();
        FeatureBatch.Builder out = FeatureBatch.builder(plan.schema, customers.length);
        double[][] acc = new double[FeaturePlan.SOURCES][];
        for (int s = 0; s < FeaturePlan.SOURCES; s++) {
            FeaturePlan.SourcePlan sp = plan.sources[s];
            acc[s] = new double[(sp.windows.length + 1) * sp.width];
        }
        int columns = plan.columns.size();
        double[] numbers = new double[columns];
        for (Customer c : customers) {
            if (c.signup > endOfDay) {
                continue;
            }
            for (int s = 0; s < FeaturePlan.SOURCES; s++) {
                if (plan.sources[s].width > 0) {
                    c.accumulate(s, day, plan.sources[s], acc[s]);
                }
            }
            out.row(c.id, endOfDay, writeTime);
            for (int i = 0; i < columns; i++) {
                FeaturePlan.Column col = plan.columns.get(i);
                if (col.aggregation() == Aggregation.VALUE) {
                    out.text(i, c.profile == null ? null : c.profile[col.profile()]);
                } else if (col.aggregation() != Aggregation.RATIO) {
                    numbers[i] = evaluate(col, c, acc, endOfDay);
                    out.number(i, numbers[i]);
                }
            }
            for (int i = 0; i < columns; i++) {
                FeaturePlan.Column col = plan.columns.get(i);
                if (col.aggregation() == Aggregation.RATIO) {
                    double den = numbers[col.denominator()];
                    out.number(i, den == 0 ? Double.NaN : numbers[col.numerator()] / den);
                }
            }
        }
        return out.build();
    }

    private double evaluate(FeaturePlan.Column col, Customer c, double[][] acc, long t) {
        FeaturePlan.SourcePlan sp = col.source() < 0 ? null : plan.sources[col.source()];
        double[] a = col.source() < 0 ? null : acc[col.source()];
        int w = sp == null ? 0 : sp.width;
        int r = col.row() * w;
        switch (col.aggregation()) {
            case COUNT, SUM -> {
                return a[r + col.a()];
            }
            case MEAN, SHARE -> {
                double den = a[r + col.b()];
                return den == 0 ? Double.NaN : a[r + col.a()] / den;
            }
            case TREND -> {
                double last = a[r + col.a()];
                double previous = a[col.previousRow() * w + col.a()] - last;
                return (last + 1) / (previous + 1);
            }
            case BALANCE -> {
                return Math.max(0, a[r + col.a()] - a[r + col.b()]);
            }
            case DISTINCT, ENTROPY, TOP_SHARE -> {
                return categories(col.aggregation(), a, r + col.a());
            }
            case DAYS_SINCE_LAST -> {
                double last = a[r + col.a()];
                return last == Double.NEGATIVE_INFINITY ? Double.NaN : (t - last) / SECONDS_PER_DAY;
            }
            case LAST_TIME -> {
                double last = a[r + col.a()];
                return last == Double.NEGATIVE_INFINITY ? Double.NaN : last;
            }
            case FIRST_TIME, DAYS_SINCE_FIRST -> {
                double first = c.first == null ? Double.POSITIVE_INFINITY : c.first[col.first()];
                if (first > t) {
                    return Double.NaN;
                }
                return col.aggregation() == Aggregation.FIRST_TIME ? first : (t - first) / SECONDS_PER_DAY;
            }
            default -> throw new IllegalStateException("aggregation " + col.aggregation() + " is not evaluated here");
        }
    }

    private static double categories(Aggregation aggregation, double[] a, int from) {
        double total = 0;
        double top = 0;
        int distinct = 0;
        for (int i = 0; i < FeaturePlan.CATEGORY_BUCKETS; i++) {
            double v = a[from + i];
            total += v;
            top = Math.max(top, v);
            if (v > 0) {
                distinct++;
            }
        }
        if (aggregation == Aggregation.DISTINCT) {
            return distinct;
        }
        if (total == 0) {
            return Double.NaN;
        }
        if (aggregation == Aggregation.TOP_SHARE) {
            return top / total;
        }
        double entropy = 0;
        for (int i = 0; i < FeaturePlan.CATEGORY_BUCKETS; i++) {
            double v = a[from + i];
            if (v > 0) {
                double p = v / total;
                entropy -= p * (Math.log(p) / Math.log(2));
            }
        }
        return entropy;
    }

    /**
     * The state in a compact, deterministic binary form: the same state always gives the same
     * bytes (customers in id order, applied objects in key order).
     */
    public byte[] serialize() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + customers() * 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeUTF(plan.fingerprint);
            out.writeInt(latestDay);
            out.writeInt(horizonDay);
            out.writeInt(evictedDay);
            out.writeInt(applied.size());
            for (Map.Entry<String, String> e : applied.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            Customer[] all = sortedCustomers();
            out.writeInt(all.length);
            for (Customer c : all) {
                c.write(out, plan);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A state from {@link #serialize()}; fails when it was made with other feature definitions. */
    public static FeatureState deserialize(byte[] bytes, FeatureRegistry registry, String view) {
        FeatureState state = new FeatureState(registry, view);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new IllegalArgumentException("feature state starts with 0x" + Integer.toHexString(magic)
                        + ": expected 0x" + Integer.toHexString(MAGIC) + ", the feature state format");
            }
            String fingerprint = in.readUTF();
            if (!fingerprint.equals(state.plan.fingerprint)) {
                throw new IllegalArgumentException("feature state was computed with feature definitions " + fingerprint
                        + " but view '" + view + "' of " + registry.origin() + " is " + state.plan.fingerprint
                        + ": recompute the state from the raw events");
            }
            state.latestDay = in.readInt();
            state.horizonDay = in.readInt();
            state.evictedDay = in.readInt();
            int appliedCount = in.readInt();
            for (int i = 0; i < appliedCount; i++) {
                state.applied.put(in.readUTF(), in.readUTF());
            }
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                Customer c = Customer.read(in, state.plan);
                state.shards[shardOf(c.hash)].add(c);
                for (int s = 0; s < FeaturePlan.SOURCES; s++) {
                    if (c.count[s] > 0) {
                        state.earliestBucketDay = Math.min(state.earliestBucketDay, c.firstDay(s, state.plan.sources[s]));
                    }
                }
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("feature state has bytes after its last customer: it is corrupt");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("feature state is truncated or corrupt: " + e, e);
        }
        return state;
    }

    /** Convenience for the one built-in view. */
    public static FeatureState deserialize(byte[] bytes, FeatureRegistry registry) {
        if (registry.views().size() != 1) {
            throw new IllegalArgumentException("registry " + registry.origin() + " has " + registry.views().size()
                    + " views: name the view the state is of");
        }
        return deserialize(bytes, registry, registry.views().get(0).name());
    }

    public FeatureRegistry registry() {
        return registry;
    }

    /** One customer's accumulators. */
    static final class Customer {
        final String id;
        final byte[] idBytes;
        final int hash;
        long signup = Long.MAX_VALUE;
        String[] profile;
        double[] first;
        final double[][] vals = new double[FeaturePlan.SOURCES][];
        final int[] count = new int[FeaturePlan.SOURCES];
        /**
         * Where the earliest bucket of each source is in its array: the buckets are a ring (the
         * array's capacity a power of two), so folding the oldest days away moves nothing.
         */
        final int[] head = new int[FeaturePlan.SOURCES];
        final double[][] base = new double[FeaturePlan.SOURCES][];

        Customer(byte[] idBytes, int hash) {
            this.idBytes = idBytes;
            this.id = new String(idBytes, StandardCharsets.UTF_8);
            this.hash = hash;
        }

        double[] first(int n) {
            if (first == null) {
                first = new double[n];
                Arrays.fill(first, Double.POSITIVE_INFINITY);
            }
            return first;
        }

        double[] base(int s, FeaturePlan.SourcePlan sp) {
            if (base[s] == null) {
                base[s] = empty(sp);
            }
            return base[s];
        }

        private static double[] empty(FeaturePlan.SourcePlan sp) {
            double[] v = new double[sp.width];
            for (int i = 0; i < v.length; i++) {
                v[i] = sp.max[i] ? Double.NEGATIVE_INFINITY : 0;
            }
            return v;
        }

        /** Offset in {@code vals[s]} of the latest bucket (its day); the source has buckets. */
        int last(int s, int stride) {
            double[] v = vals[s];
            return ((head[s] + count[s] - 1) & (v.length / stride - 1)) * stride;
        }

        /**
         * Offset in {@code vals[s]} of the first slot of the bucket of {@code day}, inserted in day
         * order when new. A bucket is its day followed by the source's slots: one array per source,
         * so finding a row's bucket touches one array only. The array doubles when full, the ring
         * unrolled to start at 0.
         */
        int bucket(int s, int day, FeaturePlan.SourcePlan sp, BucketArrays arrays) {
            int stride = sp.width + 1;
            int n = count[s];
            double[] v = vals[s];
            if (v == null) {
                v = vals[s] = arrays.take(s, 2, stride);
                head[s] = 0;
            }
            int h = head[s];
            int mask = v.length / stride - 1;
            int i = n - 1;
            while (i >= 0 && v[((h + i) & mask) * stride] > day) {
                i--;
            }
            if (i >= 0 && v[((h + i) & mask) * stride] == day) {
                return ((h + i) & mask) * stride + 1;
            }
            int at = i + 1;
            if (n == mask + 1) {
                double[] grown = arrays.take(s, n << 1, stride);
                int tail = n - h;
                System.arraycopy(v, h * stride, grown, 0, tail * stride);
                System.arraycopy(v, 0, grown, tail * stride, h * stride);
                arrays.give(s, v, stride);
                v = vals[s] = grown;
                h = head[s] = 0;
                mask = v.length / stride - 1;
            }
            // A late day: the later buckets move up one place.
            for (int k = n; k > at; k--) {
                System.arraycopy(v, ((h + k - 1) & mask) * stride, v, ((h + k) & mask) * stride, stride);
            }
            int o = ((h + at) & mask) * stride;
            v[o] = day;
            System.arraycopy(sp.emptyRow, 0, v, o + 1, sp.width);
            count[s] = n + 1;
            return o + 1;
        }

        int firstDay(int s, FeaturePlan.SourcePlan sp) {
            return (int) vals[s][head[s] * (sp.width + 1)];
        }

        /** Folds the buckets of days before {@code horizon} into the lifetime totals. */
        void evict(int s, int horizon, FeaturePlan.SourcePlan sp, BucketArrays arrays) {
            int n = count[s];
            if (n == 0) {
                return;
            }
            int stride = sp.width + 1;
            double[] v = vals[s];
            int h = head[s];
            if (v[h * stride] >= horizon) {
                return;
            }
            int mask = v.length / stride - 1;
            double[] b = base(s, sp);
            double[] scratch = arrays.scratch(sp.maxSlots.length);
            int k = 0;
            while (k < n && v[((h + k) & mask) * stride] < horizon) {
                combine(b, 0, v, ((h + k) & mask) * stride + 1, sp, scratch);
                k++;
            }
            count[s] = n - k;
            head[s] = (h + k) & mask;
            if (count[s] == 0) {
                arrays.give(s, v, stride);
                vals[s] = null;
                head[s] = 0;
            }
        }

        private static void combine(double[] into, int at, double[] from, int fromAt, FeaturePlan.SourcePlan sp, double[] scratch) {
            // Sum every slot in one branch-free loop, then put the few time slots right (a maximum).
            int[] maxSlots = sp.maxSlots;
            double m0 = maxSlots.length > 0 ? Math.max(into[at + maxSlots[0]], from[fromAt + maxSlots[0]]) : 0;
            for (int k = 1; k < maxSlots.length; k++) {
                scratch[k] = Math.max(into[at + maxSlots[k]], from[fromAt + maxSlots[k]]);
            }
            for (int i = 0; i < sp.width; i++) {
                into[at + i] += from[fromAt + i];
            }
            if (maxSlots.length > 0) {
                into[at + maxSlots[0]] = m0;
            }
            for (int k = 1; k < maxSlots.length; k++) {
                into[at + maxSlots[k]] = scratch[k];
            }
        }

        /**
         * Fills {@code acc} with one row per window of the source (the whole window, ending on
         * {@code day}) and a last row for every event so far, ignoring buckets after {@code day}.
         */
        void accumulate(int s, int day, FeaturePlan.SourcePlan sp, double[] acc) {
            int w = sp.width;
            int[] windows = sp.windows;
            int rows = windows.length + 1;
            for (int r = 0; r < rows; r++) {
                System.arraycopy(sp.emptyRow, 0, acc, r * w, w);
            }
            int n = count[s];
            int stride = w + 1;
            double[] v = vals[s];
            int h = head[s];
            int mask = v == null ? 0 : v.length / stride - 1;
            // Each bucket goes to the band of the narrowest window holding it; the prefix
            // combination afterwards turns bands into whole windows.
            for (int k = n - 1; k >= 0; k--) {
                int o = ((h + k) & mask) * stride;
                int age = day - (int) v[o];
                if (age < 0) {
                    continue;
                }
                int band = 0;
                while (band < windows.length && age >= windows[band]) {
                    band++;
                }
                combine(acc, band * w, v, o + 1, sp, sp.scratch);
            }
            for (int r = 1; r < rows; r++) {
                combine(acc, r * w, acc, (r - 1) * w, sp, sp.scratch);
            }
            if (base[s] != null) {
                combine(acc, windows.length * w, base[s], 0, sp, sp.scratch);
            }
        }

        void write(DataOutputStream out, FeaturePlan plan) throws IOException {
            out.writeInt(idBytes.length);
            out.write(idBytes);
            out.writeLong(signup);
            out.writeBoolean(profile != null);
            if (profile != null) {
                for (String p : profile) {
                    out.writeUTF(p);
                }
            }
            out.writeBoolean(first != null);
            if (first != null) {
                for (double f : first) {
                    out.writeDouble(f);
                }
            }
            for (int s = 0; s < FeaturePlan.SOURCES; s++) {
                int w = plan.sources[s].width;
                if (w == 0) {
                    continue;
                }
                out.writeBoolean(base[s] != null);
                if (base[s] != null) {
                    for (double b : base[s]) {
                        out.writeDouble(b);
                    }
                }
                out.writeInt(count[s]);
                int mask = count[s] == 0 ? 0 : vals[s].length / (w + 1) - 1;
                for (int k = 0; k < count[s]; k++) {
                    int o = ((head[s] + k) & mask) * (w + 1);
                    out.writeInt((int) vals[s][o]);
                    for (int i = 0; i < w; i++) {
                        out.writeDouble(vals[s][o + 1 + i]);
                    }
                }
            }
        }

        static Customer read(DataInputStream in, FeaturePlan plan) throws IOException {
            byte[] id = new byte[in.readInt()];
            in.readFully(id);
            Customer c = new Customer(id, CustomerIndex.hash(id, 0, id.length));
            c.signup = in.readLong();
            if (in.readBoolean()) {
                c.profile = new String[plan.profileColumns.size()];
                for (int i = 0; i < c.profile.length; i++) {
                    c.profile[i] = in.readUTF();
                }
            }
            if (in.readBoolean()) {
                c.first = new double[plan.firstCount];
                for (int i = 0; i < c.first.length; i++) {
                    c.first[i] = in.readDouble();
                }
            }
            for (int s = 0; s < FeaturePlan.SOURCES; s++) {
                int w = plan.sources[s].width;
                if (w == 0) {
                    continue;
                }
                if (in.readBoolean()) {
                    c.base[s] = new double[w];
                    for (int i = 0; i < w; i++) {
                        c.base[s][i] = in.readDouble();
                    }
                }
                int n = in.readInt();
                if (n > 0) {
                    c.count[s] = n;
                    // A power-of-two capacity, as the ring needs.
                    c.vals[s] = new double[Math.max(2, Integer.highestOneBit(n - 1) << 1) * (w + 1)];
                    for (int k = 0; k < n; k++) {
                        c.vals[s][k * (w + 1)] = in.readInt();
                        for (int i = 0; i < w; i++) {
                            c.vals[s][k * (w + 1) + 1 + i] = in.readDouble();
                        }
                    }
                }
            }
            return c;
        }
    }
}
