package dev.churnops.bench;

import dev.churnops.core.events.EventSource;
import dev.churnops.core.quality.EventValidation;
import dev.churnops.core.quality.EventValidator;
import dev.churnops.core.quality.KnownCustomers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Data quality of one day's orders file: {@value #ROWS} rows of {@value #CUSTOMERS} known customers,
 * checked by the {@link EventValidator} from raw bytes to the kept CSV and the quarantined rows.
 * The score is rows per second ({@code ops/s} with one operation per row). {@code badPercent} of the
 * rows break one rule each (a malformed number, an unknown customer, a duplicate key, a time outside
 * the partition), so the cost of building reasons is in the figure too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class EventValidatorBenchmark {

    static final int ROWS = 200_000;
    static final int CUSTOMERS = 20_000;
    private static final LocalDate DAY = LocalDate.parse("2026-03-01");

    @Param({"0", "2"})
    public int badPercent;

    private byte[] file;
    private EventValidator validator;

    @Setup
    public void generate() {
        SplittableRandom random = new SplittableRandom(42);
        Map<String, Long> signups = new HashMap<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            signups.put("cust-" + c, Instant.parse("2025-01-01T00:00:00Z").getEpochSecond() + c * 600L);
        }
        validator = new EventValidator(KnownCustomers.of(signups),
                Clock.fixed(Instant.parse("2026-03-02T00:00:00Z"), ZoneOffset.UTC));
        StringBuilder csv = new StringBuilder(ROWS * 90).append(EventSource.ORDERS.header()).append('\n');
        int order = 0;
        int rows = 0;
        while (rows < ROWS) {
            order++;
            String customer = "cust-" + random.nextInt(CUSTOMERS);
            String time = String.format("%sT%02d:%02d:%02dZ", DAY, random.nextInt(24), random.nextInt(60), random.nextInt(60));
            int lines = 1 + random.nextInt(4);
            for (int line = 1; line <= lines && rows < ROWS; line++, rows++) {
                String category = EventSource.CATEGORIES.get(random.nextInt(EventSource.CATEGORIES.size()));
                String row = "ord-" + order + "," + customer + "," + time + "," + line + "," + category + ","
                        + (1 + random.nextInt(5)) + "," + (1 + random.nextInt(50_000)) / 100.0 + ","
                        + (random.nextInt(4) == 0 ? "0.15" : "0") + "," + (random.nextInt(20) == 0);
                if (random.nextInt(100) < badPercent) {
                    row = switch (random.nextInt(4)) {
                        case 0 -> row.replace(",0,", ",zero,").replace(",0.15,", ",abc,");
                        case 1 -> row.replace(customer, "nobody");
                        case 2 -> row.replace("," + line + ",", ",1,");
                        default -> row.replace(DAY.toString(), "2026-02-27");
                    };
                }
                csv.append(row).append('\n');
            }
        }
        file = csv.toString().getBytes(StandardCharsets.UTF_8);
        EventValidation check = validator.validate(EventSource.ORDERS, DAY, "orders.csv", file);
        if (check.rowsIn() != ROWS || (badPercent == 0 && check.rowsValid() != ROWS)) {
            throw new IllegalStateException("generated file checks to " + check.rowsValid() + " valid of " + check.rowsIn()
                    + ": " + check.rejected().stream().limit(3).toList());
        }
    }

    /**
     * Rows per second of this thread's CPU time, the median of 15 runs after 10 warm-up runs, for
     * each {@code badPercent}: on a shared machine the wall-clock score of JMH also counts the time
     * other processes held the cores. Run with
     * {@code java -cp bench/target/benchmarks.jar dev.churnops.bench.EventValidatorBenchmark}.
     */
    public static void main(String[] args) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int bad : new int[] {0, 2}) {
            EventValidatorBenchmark b = new EventValidatorBenchmark();
            b.badPercent = bad;
            b.generate();
            double[] rowsPerSecond = new double[15];
            for (int run = -10; run < rowsPerSecond.length; run++) {
                long start = threads.getCurrentThreadCpuTime();
                EventValidation v = b.validateOrdersDay();
                long cpu = threads.getCurrentThreadCpuTime() - start;
                if (v.rowsIn() != ROWS) {
                    throw new IllegalStateException("rows in " + v.rowsIn());
                }
                if (run >= 0) {
                    rowsPerSecond[run] = ROWS * 1e9 / cpu;
                }
            }
            java.util.Arrays.sort(rowsPerSecond);
            System.out.printf(java.util.Locale.ROOT, "badPercent=%d: median %.0f rows per CPU-second (min %.0f, max %.0f)%n",
                    bad, rowsPerSecond[rowsPerSecond.length / 2], rowsPerSecond[0], rowsPerSecond[rowsPerSecond.length - 1]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public EventValidation validateOrdersDay() {
        return validator.validate(EventSource.ORDERS, DAY, "orders.csv", file);
    }
}
