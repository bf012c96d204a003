package dev.churnops.bench;

import dev.churnops.core.features.FeatureState;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * The apply throughput and asOf time of {@link FeatureStateBenchmark} as a plain command that also reports the
 * thread's CPU time: on a shared machine the wall-clock rate mostly measures the neighbours, the
 * CPU-time rate what one core of ours does. Usage:
 * {@code java -cp bench/target/benchmarks.jar dev.churnops.bench.FeatureStateThroughput [runs] [events] [customers]}.
 */
public final class FeatureStateThroughput {

    private FeatureStateThroughput() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : FeatureStateBenchmark.APPLY_EVENTS;
        int customers = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        List<FeatureStateBenchmark.EventFile> files = FeatureStateBenchmark.generate(customers, events, 11);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        double[] asOfWall = new double[runs];
        double[] asOfCpu = new double[runs];
        long asOf = dev.churnops.core.events.EventTime.endOfDay(FeatureStateBenchmark.START.plusDays(FeatureStateBenchmark.DAYS - 1));
        for (int run = 0; run < runs; run++) {
            long w0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            FeatureState state = FeatureState.empty(FeatureStateBenchmark.REGISTRY, FeatureStateBenchmark.VIEW);
            for (FeatureStateBenchmark.EventFile f : files) {
                state.apply(f.source(), f.csv());
            }
            wall[run] = events / ((System.nanoTime() - w0) / 1e9);
            cpu[run] = events / ((threads.getCurrentThreadCpuTime() - c0) / 1e9);
            long a0 = System.nanoTime();
            long ac0 = threads.getCurrentThreadCpuTime();
            int rows = state.asOf(asOf).size();
            asOfWall[run] = (System.nanoTime() - a0) / 1e6;
            asOfCpu[run] = (threads.getCurrentThreadCpuTime() - ac0) / 1e6;
            System.out.printf("run %d: apply %.0f events/s wall, %.0f events/s of thread CPU; asOf %d rows %.1f ms wall, %.1f ms CPU%n",
                    run + 1, wall[run], cpu[run], rows, asOfWall[run], asOfCpu[run]);
        }
        // The first third is warm-up for the JIT.
        int from = runs / 3;
        System.out.printf("median of runs %d-%d: apply %.0f events/s wall, %.0f events/s thread CPU; asOf %.1f ms wall, %.1f ms CPU%n",
                from + 1, runs, median(Arrays.copyOfRange(wall, from, runs)), median(Arrays.copyOfRange(cpu, from, runs)),
                median(Arrays.copyOfRange(asOfWall, from, runs)), median(Arrays.copyOfRange(asOfCpu, from, runs)));
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
