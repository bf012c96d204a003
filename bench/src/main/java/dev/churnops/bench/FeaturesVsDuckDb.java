package dev.churnops.bench;

import dev.churnops.core.events.EventSource;
import dev.churnops.core.events.EventTime;
import dev.churnops.core.features.FeatureBatch;
import dev.churnops.core.features.FeatureRegistry;
import dev.churnops.core.features.FeatureSchema;
import dev.churnops.core.features.FeatureState;
import dev.churnops.local.generate.GenerationResult;
import dev.churnops.local.generate.GeneratorConfig;
import dev.churnops.local.generate.ShopGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The feature computation goals as one command. The default mode generates a shop (without
 * defective rows, so every row is an event), then per run times our {@link FeatureState} (read every
 * raw file, a few files ahead on a reader thread, apply them in date order to a fresh state,
 * {@code asOf} the end of the last day) against
 * DuckDB running the same aggregations as SQL over the same CSV files, checks that the two agree and
 * prints events/s of each and their ratio. The stream mode ({@code --stream-customers}) applies a
 * large shop day by day and reports heap used after full collections, for the "100M events within
 * 2 GB of heap" goal: run it with {@code -Xmx2g}. Usage:
 * {@code java -cp bench/target/benchmarks.jar dev.churnops.bench.FeaturesVsDuckDb [--customers N] [--days D] [--runs R] [--seed S] [--dir DIR]}
 * or {@code java -Xmx2g -cp ... FeaturesVsDuckDb --stream-customers N --stream-days D [--dir DIR] [--keep]}.
 */
public final class FeaturesVsDuckDb {

    private static final String VIEW = "customer_behaviour";
    private static final LocalDate START = GeneratorConfig.DEFAULT_START;
    /** Features compared between the two engines: every number the registry's view defines. */
    private static final double TOLERANCE = 1e-6;
    /** Files read ahead of the one being applied, by a reader thread. */
    private static final int READ_AHEAD = 4;

    private FeaturesVsDuckDb() {
    }

    /** A raw file of one source and day. */
    record RawFile(EventSource source, LocalDate day, Path path) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path dir = options.containsKey("--dir") ? Path.of(options.get("--dir")) : null;
        long seed = number(options, "--seed", 42);
        if (options.containsKey("--stream-customers") || options.containsKey("--stream-days")) {
            int customers = (int) number(options, "--stream-customers", 330_000);
            int days = (int) number(options, "--stream-days", 365);
            stream(customers, days, seed, dir, options.containsKey("--keep"));
        } else {
            int customers = (int) number(options, "--customers", 20_000);
            int days = (int) number(options, "--days", 365);
            int runs = (int) number(options, "--runs", 5);
            if (runs < 1) {
                throw new IllegalArgumentException("--runs " + runs + ": expected a whole number of at least 1");
            }
            compare(customers, days, runs, seed, dir, options.containsKey("--keep"));
        }
    }

    // ---------------------------------------------------------------- comparison with DuckDB

    private static void compare(int customers, int days, int runs, long seed, Path dir, boolean keep) throws Exception {
        GeneratorConfig config = new GeneratorConfig(customers, days, seed, START, null, null, 0.0);
        Path root = dir != null ? dir : Files.createTempDirectory("churnops-duck");
        Shop shop = shop(config, root);
        long events = shop.events;
        LocalDate last = config.end();
        long cutoff = EventTime.endOfDay(last);
        System.out.printf("shop: %,d customers x %d days, seed %d: %,d events in %,d files, %,d MB under %s (%s)%n",
                customers, days, seed, events, shop.files.size(), shop.bytes >> 20, root, shop.how);
        System.out.printf("cutoff %s; %d cores; DuckDB threads = cores (default)%n", EventTime.format(cutoff),
                Runtime.getRuntime().availableProcessors());
        FeatureRegistry registry = FeatureRegistry.builtIn();
        String sql = duckDbSql(root.resolve("raw"), cutoff);
        double[] ours = new double[runs];
        double[] duck = new double[runs];
        double[] oursCpu = new double[runs];
        double[] duckCpu = new double[runs];
        try {
            for (int run = 0; run < runs; run++) {
                double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                FeatureState state = FeatureState.empty(registry, VIEW);
                try (FilesAhead reads = new FilesAhead(shop.files.stream().map(RawFile::path).toList(), READ_AHEAD)) {
                    for (RawFile f : shop.files) {
                        state.apply(f.source(), reads.next());
                    }
                }
                FeatureBatch batch = state.asOf(cutoff);
                ours[run] = (System.nanoTime() - t0) / 1e9;
                oursCpu[run] = (processCpuNanos() - c0) / 1e9;

                Map<String, double[]> rows;
                List<String> names;
                try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
                    long dc0 = processCpuNanos();
                    long d0 = System.nanoTime();
                    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                        names = columnNames(rs.getMetaData());
                        rows = numbers(rs, names);
                    }
                    duck[run] = (System.nanoTime() - d0) / 1e9;
                    duckCpu[run] = (processCpuNanos() - dc0) / 1e9;
                }
                System.out.printf("run %d: ours %.3f s (%,.0f events/s, %,d rows, %.1f CPU s); DuckDB %.3f s (%,.0f events/s, %,d rows, "
                                + "%.1f CPU s); ours/DuckDB speed %.2f; load %.2f%n",
                        run + 1, ours[run], events / ours[run], batch.size(), oursCpu[run], duck[run], events / duck[run], rows.size(),
                        duckCpu[run], duck[run] / ours[run], load0);
                if (run == 0) {
                    agreement(batch, rows, names);
                }
            }
        } finally {
            if (dir == null && !keep) {
                delete(root);
            }
        }
        double mo = median(ours);
        double md = median(duck);
        System.out.printf("median of %d runs: ours %.3f s = %,.0f events/s; DuckDB %.3f s = %,.0f events/s; "
                        + "ours/DuckDB events/s %.2f (goal: >= 2,000,000 events/s and >= 0.5); load average now %.2f%n",
                runs, mo, events / mo, md, events / md, md / mo, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        // Process CPU time counts our threads, the collector's and DuckDB's native workers alike: on a
        // shared machine it says what each engine costs, where wall time also measures the neighbours.
        double co = median(oursCpu);
        double cd = median(duckCpu);
        System.out.printf("median process CPU: ours %.1f s = %,.0f events per CPU second; DuckDB %.1f s = %,.0f events per CPU second; "
                + "ratio ours/DuckDB %.2f%n", co, events / co, cd, events / cd, cd / co);
    }

    /**
     * Compares every numeric feature both engines computed, for every customer: the counts must match
     * exactly, the sums and rates to a relative 1e-6 (both sum doubles, in different orders).
     */
    private static void agreement(FeatureBatch batch, Map<String, double[]> duck, List<String> names) {
        FeatureSchema schema = batch.schema();
        List<String> compared = new ArrayList<>();
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            FeatureSchema.Column column = schema.columns().get(i);
            int j = names.indexOf(column.name());
            if (column.type() == FeatureSchema.ValueType.DOUBLE && j >= 0) {
                compared.add(column.name());
                pairs.add(new int[] {i, j});
            }
        }
        long disagreements = 0;
        long missing = 0;
        Map<String, Long> byFeature = new HashMap<>();
        List<String> examples = new ArrayList<>();
        for (int r = 0; r < batch.size(); r++) {
            double[] theirs = duck.get(batch.entityId(r));
            if (theirs == null) {
                missing++;
                if (examples.size() < 10) {
                    examples.add(batch.entityId(r) + ": no DuckDB row");
                }
                continue;
            }
            for (int[] p : pairs) {
                double a = batch.number(r, p[0]);
                double b = theirs[p[1]];
                boolean same = (Double.isNaN(a) && Double.isNaN(b)) || Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a));
                if (!same) {
                    disagreements++;
                    byFeature.merge(schema.columns().get(p[0]).name(), 1L, Long::sum);
                    if (examples.size() < 10) {
                        examples.add(batch.entityId(r) + " " + schema.columns().get(p[0]).name() + ": ours " + a + ", DuckDB " + b);
                    }
                }
            }
        }
        System.out.printf("agreement: %d features (%s) compared for %,d customers (DuckDB has %,d): %,d disagreements, %,d customers missing%n",
                compared.size(), String.join(",", compared), batch.size(), duck.size(), disagreements, missing);
        if (!byFeature.isEmpty()) {
            System.out.println("  disagreements by feature: " + byFeature);
        }
        examples.forEach(e -> System.out.println("  " + e));
        List<String> notCompared = new ArrayList<>();
        for (FeatureSchema.Column column : schema.columns()) {
            if (column.type() == FeatureSchema.ValueType.DOUBLE && !names.contains(column.name())) {
                notCompared.add(column.name());
            }
        }
        if (!notCompared.isEmpty()) {
            System.out.println("  not computed by the SQL: " + notCompared);
        }
    }

    private static List<String> columnNames(ResultSetMetaData meta) throws SQLException {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            names.add(meta.getColumnLabel(i));
        }
        return names;
    }

    /** Rows by customer id; column i of the array is result column i (the id's own slot unused), NULL as NaN. */
    private static Map<String, double[]> numbers(ResultSet rs, List<String> names) throws SQLException {
        Map<String, double[]> rows = new HashMap<>();
        int n = names.size();
        while (rs.next()) {
            double[] values = new double[n];
            for (int i = 1; i < n; i++) {
                double v = rs.getDouble(i + 1);
                values[i] = rs.wasNull() ? Double.NaN : v;
            }
            rows.put(rs.getString(1), values);
        }
        return rows;
    }

    /**
     * The registry's customer_behaviour aggregations as one DuckDB query over the raw CSV files, as
     * of {@code cutoff} (the last second of a day). A window of N days holds the events of the N UTC
     * days ending on the cutoff's day, i.e. times in (cutoff - N days, cutoff]; events after the
     * cutoff are ignored; customers are those signed up at or before it. Column names are the
     * registry's feature names; the first column is the customer id.
     */
    static String duckDbSql(Path raw, long cutoff) {
        String c = Long.toString(cutoff);
        String d7 = Long.toString(cutoff - 7 * 86_400L);
        String d30 = Long.toString(cutoff - 30 * 86_400L);
        String d60 = Long.toString(cutoff - 60 * 86_400L);
        String d90 = Long.toString(cutoff - 90 * 86_400L);
        String categories = String.join(",", EventSource.CATEGORIES.stream().map(x -> "'" + x + "'").toList());
        return """
                WITH
                cust AS (
                  SELECT customer_id, epoch(signup_time)::BIGINT AS signup, country, acquisition_channel, membership
                  FROM %s),
                ord AS (
                  SELECT customer_id, epoch(order_time)::BIGINT AS t, line_number,
                         CASE WHEN category IN (%s) THEN category ELSE '(other)' END AS category,
                         quantity * unit_price * (1 - discount) AS net, discount, returned
                  FROM %s WHERE epoch(order_time) <= %s),
                o AS (
                  SELECT customer_id,
                    max(t) FILTER (WHERE line_number = 1) AS last_order,
                    count(*) FILTER (WHERE line_number = 1 AND t > %s) AS orders_7d,
                    count(*) FILTER (WHERE line_number = 1 AND t > %s) AS orders_30d,
                    count(*) FILTER (WHERE line_number = 1 AND t > %s) AS orders_60d,
                    count(*) FILTER (WHERE line_number = 1 AND t > %s) AS orders_90d,
                    sum(net) FILTER (WHERE t > %s) AS spend_30d,
                    sum(net) FILTER (WHERE t > %s) AS spend_90d,
                    count(DISTINCT category) FILTER (WHERE t > %s) AS distinct_categories_90d,
                    avg(discount) FILTER (WHERE t > %s) AS discount_rate_90d,
                    avg(CASE WHEN returned THEN 1.0 ELSE 0.0 END) FILTER (WHERE t > %s) AS return_rate_90d
                  FROM ord GROUP BY customer_id),
                cat AS (
                  SELECT customer_id, count(*) AS n FROM ord WHERE t > %s GROUP BY customer_id, category),
                catmix AS (
                  SELECT customer_id, sum(n) AS total, max(n) AS top,
                         -sum((n::DOUBLE / tot) * log2(n::DOUBLE / tot)) AS entropy
                  FROM (SELECT customer_id, n, sum(n) OVER (PARTITION BY customer_id) AS tot FROM cat) GROUP BY customer_id),
                s AS (
                  SELECT customer_id, max(t) AS last_session,
                    count(*) FILTER (WHERE t > %s) AS sessions_7d,
                    count(*) FILTER (WHERE t > %s) AS sessions_30d,
                    count(*) FILTER (WHERE t > %s) AS sessions_60d,
                    count(*) FILTER (WHERE t > %s) AS sessions_90d,
                    count(*) FILTER (WHERE t > %s AND platform = 'app') AS app_30d
                  FROM (SELECT customer_id, epoch(session_start)::BIGINT AS t, platform FROM %s) WHERE t <= %s GROUP BY customer_id),
                e AS (
                  SELECT customer_id,
                    count(*) FILTER (WHERE t > %s AND event_type = 'sent') AS sent_30d,
                    count(*) FILTER (WHERE t > %s AND event_type = 'opened') AS opened_30d,
                    count(*) FILTER (WHERE t > %s AND event_type = 'clicked') AS clicked_30d,
                    count(*) FILTER (WHERE t > %s AND event_type = 'sent') AS sent_90d,
                    count(*) FILTER (WHERE t > %s AND event_type = 'opened') AS opened_90d,
                    count(*) FILTER (WHERE t > %s AND event_type = 'clicked') AS clicked_90d
                  FROM (SELECT customer_id, epoch(event_time)::BIGINT AS t, event_type FROM %s) WHERE t <= %s GROUP BY customer_id),
                tk AS (
                  SELECT customer_id,
                    count(*) FILTER (WHERE t > %s AND status = 'opened') AS tickets_90d,
                    greatest(0, count(*) FILTER (WHERE status = 'opened') - count(*) FILTER (WHERE status = 'resolved')) AS unresolved,
                    avg(satisfaction) FILTER (WHERE t > %s AND status = 'resolved') AS satisfaction_90d
                  FROM (SELECT customer_id, epoch(event_time)::BIGINT AS t, status, satisfaction FROM %s) WHERE t <= %s GROUP BY customer_id),
                cl AS (
                  SELECT customer_id, min(epoch(closed_time)::BIGINT) AS closed FROM %s WHERE epoch(closed_time) <= %s GROUP BY customer_id)
                SELECT cust.customer_id,
                  (%s - o.last_order) / 86400.0 AS days_since_last_order,
                  (%s - s.last_session) / 86400.0 AS days_since_last_session,
                  coalesce(o.orders_7d, 0) AS orders_7d,
                  coalesce(o.orders_30d, 0) AS orders_30d,
                  coalesce(o.orders_90d, 0) AS orders_90d,
                  coalesce(s.sessions_7d, 0) AS sessions_7d,
                  coalesce(s.sessions_30d, 0) AS sessions_30d,
                  coalesce(s.sessions_90d, 0) AS sessions_90d,
                  coalesce(o.spend_30d, 0) AS spend_30d,
                  coalesce(o.spend_90d, 0) AS spend_90d,
                  o.spend_90d / nullif(o.orders_90d, 0) AS average_order_value_90d,
                  (coalesce(o.orders_30d, 0) + 1.0) / (coalesce(o.orders_60d, 0) - coalesce(o.orders_30d, 0) + 1.0) AS orders_trend_30d,
                  (coalesce(s.sessions_30d, 0) + 1.0) / (coalesce(s.sessions_60d, 0) - coalesce(s.sessions_30d, 0) + 1.0) AS sessions_trend_30d,
                  coalesce(o.distinct_categories_90d, 0) AS distinct_categories_90d,
                  catmix.entropy AS category_entropy_90d,
                  catmix.top::DOUBLE / catmix.total AS top_category_share_90d,
                  o.discount_rate_90d,
                  o.return_rate_90d,
                  e.opened_30d::DOUBLE / nullif(e.sent_30d, 0) AS email_open_rate_30d,
                  e.opened_90d::DOUBLE / nullif(e.sent_90d, 0) AS email_open_rate_90d,
                  e.clicked_30d::DOUBLE / nullif(e.sent_30d, 0) AS email_click_rate_30d,
                  e.clicked_90d::DOUBLE / nullif(e.sent_90d, 0) AS email_click_rate_90d,
                  s.app_30d::DOUBLE / nullif(s.sessions_30d, 0) AS app_session_share_30d,
                  coalesce(tk.tickets_90d, 0) AS tickets_90d,
                  coalesce(tk.unresolved, 0) AS unresolved_tickets,
                  tk.satisfaction_90d AS mean_satisfaction_90d,
                  (%s - cust.signup) / 86400.0 AS tenure_days,
                  o.last_order AS last_order_time,
                  s.last_session AS last_session_time,
                  cl.closed AS closed_time,
                  cust.signup AS signup_time
                FROM cust
                LEFT JOIN o USING (customer_id)
                LEFT JOIN catmix USING (customer_id)
                LEFT JOIN s USING (customer_id)
                LEFT JOIN e USING (customer_id)
                LEFT JOIN tk USING (customer_id)
                LEFT JOIN cl USING (customer_id)
                WHERE cust.signup <= %s
                """.formatted(
                read(raw, EventSource.CUSTOMERS),
                categories, read(raw, EventSource.ORDERS), c,
                d7, d30, d60, d90, d30, d90, d90, d90, d90,
                d90,
                d7, d30, d60, d90, d30, read(raw, EventSource.SESSIONS), c,
                d30, d30, d30, d90, d90, d90, read(raw, EventSource.EMAILS), c,
                d90, d90, read(raw, EventSource.TICKETS), c,
                read(raw, EventSource.CLOSURES), c,
                c, c, c, c);
    }

    /** read_csv of every file of a source, with each column's type given (no sniffing). */
    private static String read(Path raw, EventSource source) {
        StringBuilder columns = new StringBuilder();
        for (var column : source.columns()) {
            String type = switch (column.kind()) {
                case TIMESTAMP -> "TIMESTAMP";
                case INTEGER -> "BIGINT";
                case DECIMAL -> "DOUBLE";
                case BOOLEAN -> "BOOLEAN";
                default -> "VARCHAR";
            };
            if (!columns.isEmpty()) {
                columns.append(", ");
            }
            columns.append('\'').append(column.name()).append("': '").append(type).append('\'');
        }
        String glob = raw.resolve(source.sourceName()).toAbsolutePath() + "/dt=*/*.csv";
        return "read_csv('" + glob.replace("'", "''") + "', header = true, auto_detect = false, columns = {" + columns
                + "}, hive_partitioning = false)";
    }

    // ---------------------------------------------------------------- streaming a large shop

    private static void stream(int customers, int days, long seed, Path dir, boolean keep) throws Exception {
        GeneratorConfig config = new GeneratorConfig(customers, days, seed, START, null, null, 0.0);
        Path root = dir != null ? dir : Files.createTempDirectory("churnops-stream");
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf("stream: %,d customers x %d days, seed %d, under %s; max heap %,d MB%n", customers, days, seed, root,
                maxHeap >> 20);
        Shop shop = shop(config, root);
        System.out.printf("shop: %,d events in %,d files, %,d MB (%s)%n", shop.events, shop.files.size(), shop.bytes >> 20, shop.how);
        try {
            FeatureState state = FeatureState.empty(FeatureRegistry.builtIn(), VIEW);
            long events = 0;
            long peakAfterGc = 0;
            long t0 = System.nanoTime();
            int i = 0;
            List<RawFile> files = shop.files;
            while (i < files.size()) {
                LocalDate day = files.get(i).day();
                while (i < files.size() && files.get(i).day().equals(day)) {
                    byte[] csv = Files.readAllBytes(files.get(i).path());
                    state.apply(files.get(i).source(), csv);
                    events += rows(csv);
                    i++;
                }
                long dayIndex = day.toEpochDay() - START.toEpochDay();
                boolean last = i == files.size();
                if (dayIndex >= 0 && ((dayIndex + 1) % 30 == 0 || last)) {
                    int materialized = state.asOf(EventTime.endOfDay(day)).size();
                    double elapsed = (System.nanoTime() - t0) / 1e9;
                    long used = heapAfterFullGc();
                    peakAfterGc = Math.max(peakAfterGc, used);
                    System.out.printf("%s (day %d): %,d events in %.1f s (%,.0f events/s incl. GCs), %,d customers, asOf %,d rows; "
                                    + "heap after full GC %,d MB%n",
                            day, dayIndex + 1, events, elapsed, events / elapsed, state.customers(), materialized, used >> 20);
                }
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            System.out.printf("done: %,d events in %.1f s; heap after full GC: peak %,d MB; heap pools' peak (garbage included) %,d MB; "
                    + "max heap %,d MB; %s; load average %.2f%n", events, elapsed, peakAfterGc >> 20, poolPeaks() >> 20, maxHeap >> 20,
                    gcSummary(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            if (keep || dir != null) {
                System.out.println("kept " + root);
            }
            if (System.getProperty("bench.pauseAtEnd") != null) {
                // Lets jcmd take a class histogram of the live state.
                System.out.println("pausing for jcmd " + ProcessHandle.current().pid() + " GC.class_histogram; press Enter");
                System.in.read();
            }
            java.lang.ref.Reference.reachabilityFence(state);
        } finally {
            if (dir == null && !keep) {
                delete(root);
            }
        }
    }

    /** CPU time of the whole process: every Java thread, the collector and DuckDB's native threads. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static long rows(byte[] csv) {
        long lines = 0;
        for (byte b : csv) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines - 1; // the header
    }

    private static long heapAfterFullGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long poolPeaks() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static String gcSummary() {
        StringBuilder out = new StringBuilder("GC");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.append(String.format(" %s %d in %.1f s", gc.getName(), gc.getCollectionCount(), gc.getCollectionTime() / 1e3));
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- shared

    /** The raw files of a shop in date order (sources in contract order within a day), its events and bytes. */
    record Shop(List<RawFile> files, long events, long bytes, String how) {
    }

    private static Shop shop(GeneratorConfig config, Path root) throws IOException {
        String how;
        long events;
        if (Files.isDirectory(root.resolve("raw"))) {
            how = "reused";
            events = -1;
        } else {
            long g0 = System.nanoTime();
            GenerationResult result = ShopGenerator.generate(config, root, Runtime.getRuntime().availableProcessors());
            how = String.format("generated in %.1f s, not timed", (System.nanoTime() - g0) / 1e9);
            events = result.events();
            if (result.defectTotal() != 0) {
                throw new IllegalStateException("the generator injected " + result.defectTotal() + " defects at defect rate 0");
            }
        }
        List<RawFile> files = new ArrayList<>();
        long bytes = 0;
        long lines = 0;
        for (EventSource source : EventSource.values()) {
            Path folder = root.resolve("raw").resolve(source.sourceName());
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> days = Files.list(folder)) {
                for (Path d : days.toList()) {
                    String name = d.getFileName().toString();
                    if (!name.startsWith("dt=")) {
                        throw new IllegalStateException("folder " + d + ": expected dt=YYYY-MM-DD");
                    }
                    LocalDate day = LocalDate.parse(name.substring(3));
                    try (Stream<Path> parts = Files.list(d)) {
                        for (Path p : parts.filter(x -> x.toString().endsWith(".csv")).sorted().toList()) {
                            files.add(new RawFile(source, day, p));
                            bytes += Files.size(p);
                        }
                    }
                }
            }
        }
        files.sort(Comparator.comparing(RawFile::day).thenComparing(RawFile::source).thenComparing(f -> f.path().toString()));
        if (files.isEmpty() || !files.get(files.size() - 1).day().equals(config.end())) {
            throw new IllegalArgumentException("--dir " + root + " holds a shop whose last day is "
                    + (files.isEmpty() ? "missing" : files.get(files.size() - 1).day()) + ": expected " + config.end()
                    + " (the given --days from " + config.start() + "); give the same --customers/--days or a new directory");
        }
        if (events < 0) {
            for (RawFile f : files) {
                lines += rows(Files.readAllBytes(f.path()));
            }
            events = lines;
        }
        return new Shop(files, events, bytes, how);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<String> flags = List.of("--keep");
        List<String> valued = List.of("--customers", "--days", "--runs", "--seed", "--dir", "--stream-customers", "--stream-days");
        for (int i = 0; i < args.length; i++) {
            if (flags.contains(args[i])) {
                options.put(args[i], "");
            } else if (valued.contains(args[i]) && i + 1 < args.length) {
                options.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("argument '" + args[i] + "': expected one of " + valued + " followed by a value, or "
                        + flags);
            }
        }
        return options;
    }

    private static long number(Map<String, String> options, String name, long fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + value + "': expected a whole number");
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void delete(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }
}
