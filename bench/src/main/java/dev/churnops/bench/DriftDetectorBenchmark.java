package dev.churnops.bench;

import dev.churnops.core.monitoring.DriftConfig;
import dev.churnops.core.monitoring.DriftDetector;
import dev.churnops.core.monitoring.DriftReport;
import dev.churnops.core.monitoring.FeatureColumns;
import dev.churnops.core.monitoring.MonitoringBaseline;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One drift check as the monitoring workflow runs it: {@link DriftDetector#detect} on
 * {@value #CURRENT_ROWS} current rows of 30 features (20 numeric: normal, skewed and integer
 * counts, some with missing values; 10 categorical with 2 to 8 levels) against a baseline made from
 * {@value #TRAINING_ROWS} training rows. The columns and the baseline are built once in setup; only
 * detection is timed, one call per iteration (single-shot), in milliseconds. Two features carry a
 * real drift so the violation and reason paths run too. The goal is 3 s on 2 cores. Because the
 * machine may be shared, each iteration also prints the process CPU time it used (all threads,
 * GC and JIT included): on an otherwise idle machine with 2 cores the wall time is at least
 * half of it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 7)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class DriftDetectorBenchmark {

    static final int CURRENT_ROWS = 1_000_000;
    static final int TRAINING_ROWS = 100_000;
    static final int NUMERIC = 20;
    static final int CATEGORICAL = 10;

    private MonitoringBaseline baseline;
    private FeatureColumns current;
    private DriftDetector detector;

    @Setup
    public void build() {
        baseline = MonitoringBaseline.of(columns(TRAINING_ROWS, 1, false), null);
        current = columns(CURRENT_ROWS, 2, true);
        detector = new DriftDetector(DriftConfig.defaults());
        DriftReport report = detector.detect(baseline, current, null);
        System.out.printf("%ndrifted features: %s%n", report.summary().driftedFeatures());
    }

    private long cpuAtStart;

    @Setup(Level.Iteration)
    public void startCpuClock() {
        cpuAtStart = processCpuNanos();
    }

    @TearDown(Level.Iteration)
    public void printCpuTime() {
        System.out.printf("  process CPU time of the iteration: %d ms%n", (processCpuNanos() - cpuAtStart) / 1_000_000);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Benchmark
    public DriftReport detect() {
        return detector.detect(baseline, current, null);
    }

    static FeatureColumns columns(int rows, long seed, boolean drift) {
        FeatureColumns.Builder builder = FeatureColumns.builder(rows);
        for (int f = 0; f < NUMERIC; f++) {
            SplittableRandom random = new SplittableRandom(seed * 100 + f);
            double shift = drift && f == 3 ? 0.3 : 0;
            double[] values = new double[rows];
            for (int r = 0; r < rows; r++) {
                if (f % 4 == 1 && random.nextInt(20) == 0) {
                    values[r] = Double.NaN;
                    continue;
                }
                values[r] = switch (f % 5) {
                    case 0, 3 -> 50 + 10 * (random.nextGaussian() + shift);
                    case 1 -> Math.exp(random.nextGaussian() + shift);
                    case 2 -> -30 * Math.log(1 - random.nextDouble());
                    default -> random.nextInt(73);
                };
            }
            builder.numeric("n" + f, values);
        }
        for (int f = 0; f < CATEGORICAL; f++) {
            SplittableRandom random = new SplittableRandom(seed * 100 + 50 + f);
            int levels = 2 + f % 7;
            String[] names = new String[levels];
            for (int l = 0; l < levels; l++) {
                names[l] = "level-" + l;
            }
            String[] values = new String[rows];
            for (int r = 0; r < rows; r++) {
                // Skewed shares: level l has weight levels - l; feature c0 moves 10 points to its last level.
                int l = (int) Math.floor(levels * (1 - Math.sqrt(random.nextDouble())));
                if (drift && f == 0 && random.nextDouble() < 0.1) {
                    l = levels - 1;
                }
                values[r] = f % 3 == 2 && random.nextInt(25) == 0 ? null : names[Math.min(levels - 1, l)];
            }
            builder.categorical("c" + f, values);
        }
        return builder.build();
    }
}
