package dev.churnops.bench;

import dev.churnops.core.events.EventSource;
import dev.churnops.core.events.EventTime;
import dev.churnops.core.features.FeatureBatch;
import dev.churnops.core.features.FeatureRegistry;
import dev.churnops.core.features.FeatureState;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Feature computation over synthetic events: {@code apply} throughput in events per second (a
 * fresh state fed 1,000,000 events of every source in daily files: sign-ups, order lines,
 * sessions, e-mail and ticket events, closures), and the time of {@code asOf} over a state holding
 * 20,000 or 1,000,000 customers. The events are made here, seeded, not by the shop generator.
 */
public class FeatureStateBenchmark {

    static final FeatureRegistry REGISTRY = FeatureRegistry.builtIn();
    static final String VIEW = "customer_behaviour";
    static final LocalDate START = LocalDate.parse("2026-01-01");
    static final int DAYS = 120;
    static final int APPLY_EVENTS = 1_000_000;

    /** One file: its source and its CSV bytes. */
    record EventFile(EventSource source, byte[] csv, int rows) {
    }

    /**
     * Seeded synthetic files, one per source per day: every customer signs up on day 0 (one file),
     * then {@code events} events spread over the days, drawn 40% order lines, 35% sessions, 20%
     * e-mail events, 5% ticket events, with a few closures.
     */
    static List<EventFile> generate(int customers, int events, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder[][] days = new StringBuilder[EventSource.values().length][DAYS];
        int[][] counts = new int[EventSource.values().length][DAYS];
        for (int c = 0; c < customers; c++) {
            append(days, counts, EventSource.CUSTOMERS, 0, "c" + c + "," + time(0, r) + ",DE,"
                    + (c % 3 == 0 ? "ads" : "seo") + "," + (c % 5 == 0 ? "plus" : "none"));
        }
        int made = customers;
        int e = 0;
        while (made < events) {
            String id = "c" + r.nextInt(customers);
            int day = r.nextInt(DAYS);
            String t = time(day, r);
            int kind = r.nextInt(100);
            if (kind < 40) {
                append(days, counts, EventSource.ORDERS, day, "o" + e + "," + id + "," + t + "," + (1 + r.nextInt(3)) + ","
                        + EventSource.CATEGORIES.get(r.nextInt(8)) + "," + (1 + r.nextInt(3)) + "," + (1 + r.nextInt(20000)) / 100.0
                        + "," + (r.nextInt(4) == 0 ? "0.2" : "0") + "," + (r.nextInt(10) == 0));
            } else if (kind < 75) {
                append(days, counts, EventSource.SESSIONS, day, "s" + e + "," + id + "," + t + ","
                        + (r.nextBoolean() ? "app" : "web") + "," + r.nextInt(40) + "," + r.nextInt(12) + ",fashion");
            } else if (kind < 95) {
                append(days, counts, EventSource.EMAILS, day, "m" + e + "," + id + "," + t + ",spring,"
                        + (r.nextInt(3) == 0 ? "opened" : "sent"));
            } else if (kind < 99) {
                boolean resolved = r.nextBoolean();
                append(days, counts, EventSource.TICKETS, day, "t" + e + "," + id + "," + t + ","
                        + (resolved ? "resolved,delivery," + (1 + r.nextInt(5)) : "opened,delivery,"));
            } else {
                append(days, counts, EventSource.CLOSURES, day, id + "," + t + ",moved");
            }
            made++;
            e++;
        }
        List<EventFile> files = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            for (EventSource s : EventSource.values()) {
                StringBuilder b = days[s.ordinal()][d];
                if (b != null) {
                    files.add(new EventFile(s, b.toString().getBytes(StandardCharsets.UTF_8), counts[s.ordinal()][d]));
                }
            }
        }
        return files;
    }

    private static void append(StringBuilder[][] days, int[][] counts, EventSource source, int day, String row) {
        StringBuilder b = days[source.ordinal()][day];
        if (b == null) {
            b = days[source.ordinal()][day] = new StringBuilder(source.header()).append('\n');
        }
        b.append(row).append('\n');
        counts[source.ordinal()][day]++;
    }

    private static String time(int day, SplittableRandom r) {
        return EventTime.format(EventTime.endOfDay(START.plusDays(day)) - r.nextInt(86_400));
    }

    /** A fresh state fed {@value #APPLY_EVENTS} events for 20,000 customers per invocation. */
    @State(Scope.Benchmark)
    public static class ApplyInput {
        List<EventFile> files;

        @Setup
        public void make() {
            files = generate(20_000, APPLY_EVENTS, 11);
            int rows = files.stream().mapToInt(EventFile::rows).sum();
            if (rows != APPLY_EVENTS) {
                throw new IllegalStateException("generated " + rows + " events, not " + APPLY_EVENTS);
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(APPLY_EVENTS)
    @Warmup(iterations = 3, time = 5)
    @Measurement(iterations = 5, time = 5)
    @Fork(value = 2, jvmArgsAppend = {"-Xmx2g"})
    public int apply(ApplyInput input) {
        FeatureState state = FeatureState.empty(REGISTRY, VIEW);
        for (EventFile f : input.files) {
            state.apply(f.source(), f.csv());
        }
        return state.customers();
    }

    /** A state holding {@code customers} customers with 8 events each on average, asked as of the last day. */
    @State(Scope.Benchmark)
    public static class AsOfInput {
        @Param({"20000", "1000000"})
        int customers;
        FeatureState state;
        long asOf;

        @Setup(Level.Trial)
        public void load() {
            state = FeatureState.empty(REGISTRY, VIEW);
            for (EventFile f : generate(customers, customers * 9, 13)) {
                state.apply(f.source(), f.csv());
            }
            asOf = EventTime.endOfDay(START.plusDays(DAYS - 1));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 7)
    @Fork(value = 2, jvmArgsAppend = {"-Xmx8g"})
    public FeatureBatch asOf(AsOfInput input) {
        return input.state.asOf(input.asOf);
    }
}
