package dev.churnops.local.bench;

import dev.churnops.local.generate.GenerationResult;
import dev.churnops.local.generate.GeneratorConfig;
import dev.churnops.local.generate.ShopGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How fast the shop generator writes events on this machine: whole generations into a fresh
 * temporary directory each (deleted afterwards), timed from start to the last file closed, and
 * the median of their events per second. The first run includes the JIT's warm-up; the median
 * keeps it from dominating.
 */
public final class GenerateBenchmark {

    /**
     * One timed generation: wall-clock seconds, and the CPU seconds of the whole process over the
     * same interval (all threads, the collector's included), which other work on a shared machine
     * disturbs less.
     */
    public record Run(long events, long bytes, long defects, double seconds, double cpuSeconds) {
        public double eventsPerSecond() {
            return events / seconds;
        }
    }

    /** All runs and their median. */
    public record Result(GeneratorConfig config, int threads, List<Run> runs) {

        public double medianEventsPerSecond() {
            return Samples.median(runs.stream().mapToDouble(Run::eventsPerSecond).toArray());
        }

        public Map<String, Object> asJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("median_events_per_s", Math.round(medianEventsPerSecond()));
            m.put("events", runs.get(0).events());
            m.put("bytes", runs.get(0).bytes());
            m.put("customers", config.customers());
            m.put("days", config.days());
            m.put("threads", threads);
            m.put("events_per_s", runs.stream().map(r -> Math.round(r.eventsPerSecond())).toList());
            m.put("seconds", runs.stream().map(r -> Samples.round(r.seconds(), 3)).toList());
            m.put("cpu_seconds", runs.stream().map(r -> Samples.round(r.cpuSeconds(), 3)).toList());
            return m;
        }
    }

    private GenerateBenchmark() {
    }

    /** Generates {@code runs} times, calling {@code each} after every run. */
    public static Result measure(GeneratorConfig config, int runs, int threads, java.util.function.Consumer<Run> each) {
        List<Run> done = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Path dir;
            try {
                dir = Files.createTempDirectory("churnops-bench-generate");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a temporary directory to generate into", e);
            }
            try {
                long cpu0 = processCpuNanos();
                long t0 = System.nanoTime();
                GenerationResult result = ShopGenerator.generate(config, dir, threads);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
                Run run = new Run(result.events(), result.bytes(), result.defectTotal(), seconds, cpuSeconds);
                done.add(run);
                each.accept(run);
            } catch (IOException e) {
                throw new UncheckedIOException("generating into " + dir + " failed: " + e.getMessage(), e);
            } finally {
                delete(dir);
            }
        }
        return new Result(config, threads, done);
    }

    /** CPU time of this process so far, or -1 where the JVM does not tell. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the benchmark's output " + dir + ": " + e.getMessage(), e);
        }
    }
}
