package dev.churnops.local.bench;

import dev.churnops.core.batch.FeatureRows;
import dev.churnops.core.scoring.CustomerScore;
import dev.churnops.core.scoring.ServingModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How fast a registered model scores, measured in this JVM on the real scoring path
 * ({@link ServingModel}: input validation, encoding, prediction and calibration), one thread:
 *
 * <ul>
 * <li><b>single row</b>: one customer's feature map to a churn probability, each call timed on its
 *     own with {@link System#nanoTime()}; the median cost of a clock reading is measured and
 *     subtracted. Timings go into a preallocated array, sorted once per round for nearest-rank
 *     percentiles; the figure reported is the median over rounds. The same again <b>with
 *     reasons</b>: the whole per-customer answer of the scoring API (probability, risk segment and
 *     reason codes), reported beside it.</li>
 * <li><b>batch</b>: customers scored per second over at least a round's time of back-to-back
 *     scoring as batch scoring does it: the rows held as columns ({@link FeatureRows}), each checked
 *     and encoded straight from them into one reused buffer, then probability and segment; no CSV
 *     parsing or writing. The median over rounds.</li>
 * <li><b>model load</b>: {@link ServingModel#load} of the artifact's bytes (gunzip, untar, parse,
 *     check), repeated after warm-up in the same JVM, so class loading and JIT compilation are
 *     paid already: the median of every load in every round. The very first load, cold, is
 *     reported on its own.</li>
 * </ul>
 *
 * <p>Before measuring, every path runs for the warm-up time, stopping early once the single-row
 * mean of five consecutive 20 ms chunks varies by at most 5% (and at least a third of the warm-up
 * time has passed), so the JIT has compiled what the rounds time. Results are folded into a field
 * the JIT cannot prove unused, so no scoring call is optimized away.
 */
public final class ScoringBenchmark {

    /** How long and how often to measure. */
    public record Options(int rounds, double warmupSeconds, double roundSeconds) {

        public static final int DEFAULT_ROUNDS = 5;
        public static final double DEFAULT_WARMUP_SECONDS = 3;
        public static final double DEFAULT_ROUND_SECONDS = 0.6;

        public Options {
            if (rounds < 1 || rounds > 1000) {
                throw new IllegalArgumentException("--rounds " + rounds + ": expected a whole number from 1 to 1000");
            }
            if (!(warmupSeconds >= 0 && warmupSeconds <= 600)) {
                throw new IllegalArgumentException("--warmup-seconds " + warmupSeconds + ": expected seconds from 0 to 600");
            }
            if (!(roundSeconds >= 0.001 && roundSeconds <= 600)) {
                throw new IllegalArgumentException("--round-seconds " + roundSeconds
                        + ": expected seconds from 0.001 to 600");
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_ROUNDS, DEFAULT_WARMUP_SECONDS, DEFAULT_ROUND_SECONDS);
        }
    }

    /** Latency of one kind of single-row call, in microseconds, clock overhead subtracted; medians over rounds. */
    public record Latency(double p50Us, double p99Us, double p999Us, double meanUs, long calls) {
    }

    /** Everything measured, and how. */
    public record Result(String modelName, int modelVersion, String algorithm, long artifactBytes,
                         Latency singleRow, Latency withReasons, double batchRowsPerSecond, double[] batchRoundRates,
                         double modelLoadMs, int modelLoads, double firstModelLoadMs,
                         int rounds, double warmupSeconds, boolean warmupStable, long timerOverheadNanos,
                         int rows, String rowsSource, int rowsSkipped, String batchPath) {

        /**
         * The figures as {@code churnops bench score --json} prints them: the contract's five keys
         * first, then the rest, each named with its unit.
         */
        public Map<String, Object> asJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("single_row_p50_us", Samples.round(singleRow.p50Us(), 3));
            m.put("single_row_p99_us", Samples.round(singleRow.p99Us(), 3));
            m.put("batch_rows_per_s", Math.round(batchRowsPerSecond));
            m.put("model_load_ms", Samples.round(modelLoadMs, 3));
            m.put("artifact_bytes", artifactBytes);
            m.put("single_row_p999_us", Samples.round(singleRow.p999Us(), 3));
            m.put("single_row_mean_us", Samples.round(singleRow.meanUs(), 3));
            m.put("single_row_calls", singleRow.calls());
            m.put("single_row_includes", "input validation, encoding, prediction, calibration; no reasons");
            m.put("with_reasons_p50_us", Samples.round(withReasons.p50Us(), 3));
            m.put("with_reasons_p99_us", Samples.round(withReasons.p99Us(), 3));
            m.put("with_reasons_p999_us", Samples.round(withReasons.p999Us(), 3));
            m.put("with_reasons_calls", withReasons.calls());
            m.put("batch_rows_per_s_rounds", Arrays.stream(batchRoundRates).mapToObj(Math::round).toList());
            m.put("batch_threads", 1);
            m.put("batch_path", batchPath);
            m.put("model_load_first_ms", Samples.round(firstModelLoadMs, 3));
            m.put("model_loads", modelLoads);
            m.put("model_load_includes", "ServingModel.load of the artifact's bytes in memory (gunzip, untar, parse, checks), "
                    + "in a JIT-warm JVM; model_load_first_ms is the first, cold load");
            m.put("model", modelName + " v" + modelVersion);
            m.put("algorithm", algorithm);
            m.put("rows", rows);
            m.put("rows_source", rowsSource);
            m.put("rows_skipped", rowsSkipped);
            m.put("rounds", rounds);
            m.put("warmup_seconds", Samples.round(warmupSeconds, 3));
            m.put("warmup_stable", warmupStable);
            m.put("timer_overhead_ns", timerOverheadNanos);
            m.put("jvm", System.getProperty("java.vm.name") + " " + Runtime.version());
            m.put("cores", Runtime.getRuntime().availableProcessors());
            return m;
        }
    }

    private static final long CHUNK_NANOS = 20_000_000;
    private static final int STABLE_CHUNKS = 5;
    private static final double STABLE_SPREAD = 0.05;
    private static final int MAX_LOADS_PER_ROUND = 5;
    /** How the batch figure scores, for the report. */
    static final String BATCH_PATH = "columnar: rows held as columns, checked and encoded from them into one reused "
            + "buffer (FeatureRows.RowEncoder), then probability and segment, as batch scoring's ScorePartition does";

    /** Folded results; volatile, so writing it keeps every scoring call that fed it. */
    private static volatile double consumed;

    private final byte[] artifact;
    private final String source;
    private final ServingModel model;
    private final double firstLoadMs;
    private double sink;

    private ScoringBenchmark(byte[] artifact, String source, ServingModel model, double firstLoadMs) {
        this.artifact = artifact;
        this.source = source;
        this.model = model;
        this.firstLoadMs = firstLoadMs;
    }

    /**
     * Loads the artifact, timing this first (cold) load; fails as {@link ServingModel#load} does
     * when the artifact is corrupt or not a registered model.
     */
    public static ScoringBenchmark load(byte[] artifact, String source) {
        long t0 = System.nanoTime();
        ServingModel model = ServingModel.load(artifact, source);
        long t1 = System.nanoTime();
        return new ScoringBenchmark(artifact, source, model, (t1 - t0) / 1e6);
    }

    public ServingModel model() {
        return model;
    }

    /** Warms up, then measures {@code options.rounds()} rounds over {@code rows}. */
    public Result measure(BenchRows rows, Options options) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, Object>[] customers = rows.rows().toArray(new Map[0]);
        // Validated rows and generated ones alike become columns, scored as ScorePartition scores a file.
        FeatureRows.RowEncoder columns = FeatureRows.of(rows.rows(), model.validator().columns()).encoderFor(model, "row");
        long roundNanos = (long) (options.roundSeconds() * 1e9);
        long[] samples = new long[(int) Math.min(8_000_000, Math.max(10_000, options.roundSeconds() * 4_000_000))];
        long overhead = Samples.timerOverheadNanos();
        long warmStart = System.nanoTime();
        boolean stable = warmUp(customers, columns, samples, (long) (options.warmupSeconds() * 1e9));
        double warmupSeconds = (System.nanoTime() - warmStart) / 1e9;

        List<Latency> single = new ArrayList<>();
        List<Latency> reasons = new ArrayList<>();
        double[] batch = new double[options.rounds()];
        List<Double> loads = new ArrayList<>();
        for (int round = 0; round < options.rounds(); round++) {
            single.add(latency(samples, timeCalls(customers, samples, roundNanos, false), overhead));
            reasons.add(latency(samples, timeCalls(customers, samples, Math.max(1, roundNanos / 2), true), overhead));
            batch[round] = batchRate(columns, customers.length, roundNanos);
            timeLoads(loads, roundNanos / 2);
        }
        consumed = sink;
        double[] loadMs = loads.stream().mapToDouble(Double::doubleValue).toArray();
        return new Result(model.modelName(), model.version(), model.card().algorithm(), artifact.length,
                medianOf(single), medianOf(reasons), Samples.median(batch), batch, Samples.median(loadMs), loadMs.length,
                firstLoadMs, options.rounds(), warmupSeconds, stable, overhead, customers.length, rows.source(),
                rows.skipped(), BATCH_PATH);
    }

    /**
     * Runs every measured path until the single-row timings settle or the budget is spent;
     * true when they settled.
     */
    private boolean warmUp(Map<String, Object>[] customers, FeatureRows.RowEncoder columns, long[] samples, long budget) {
        if (budget <= 0) {
            return false;
        }
        long start = System.nanoTime();
        long minimum = budget / 3;
        double[] recent = new double[STABLE_CHUNKS];
        int chunks = 0;
        long loadNanos = 0;
        int loads = 0;
        List<Double> ignored = new ArrayList<>();
        while (true) {
            int n = timeCalls(customers, samples, Math.min(CHUNK_NANOS, budget), false);
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += samples[i];
            }
            recent[chunks++ % STABLE_CHUNKS] = (double) sum / n;
            timeCalls(customers, samples, Math.min(CHUNK_NANOS / 2, budget), true);
            batchRate(columns, customers.length, Math.min(CHUNK_NANOS / 2, budget));
            long elapsed = System.nanoTime() - start;
            // Loads are slow next to a score; keep them to a fifth of the warm-up, but do a few.
            if (loads < 3 || loadNanos < elapsed / 5) {
                long t0 = System.nanoTime();
                timeLoads(ignored, 0);
                loadNanos += System.nanoTime() - t0;
                loads++;
                elapsed = System.nanoTime() - start;
            }
            if (elapsed >= minimum && chunks >= STABLE_CHUNKS && spread(recent) <= STABLE_SPREAD) {
                return true;
            }
            if (elapsed >= budget) {
                return false;
            }
        }
    }

    private static double spread(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return min > 0 ? (max - min) / min : Double.POSITIVE_INFINITY;
    }

    /**
     * Times single-row calls one by one into {@code samples} until {@code nanos} have passed or the
     * array is full; returns how many. The customers are taken in turn, so successive calls see
     * different rows, as a server would.
     */
    private int timeCalls(Map<String, Object>[] customers, long[] samples, long nanos, boolean withReasons) {
        double s = 0;
        int n = 0;
        int next = 0;
        long deadline = System.nanoTime() + nanos;
        while (n < samples.length) {
            Map<String, Object> customer = customers[next];
            next = next + 1 == customers.length ? 0 : next + 1;
            long t0 = System.nanoTime();
            s += withReasons ? scoreWithReasons(customer) : probability(customer);
            long t1 = System.nanoTime();
            samples[n++] = t1 - t0;
            if (t1 >= deadline) {
                break;
            }
        }
        sink += s;
        return n;
    }

    /** The single-row path: validated features to a calibrated probability. */
    private double probability(Map<String, Object> customer) {
        if (!model.validator().check(customer, "features").isEmpty()) {
            throw new IllegalStateException("a benchmark row fails the model's input validation");
        }
        return model.probability(customer);
    }

    /** The scoring API's answer for one customer: probability, segment and reasons. */
    private double scoreWithReasons(Map<String, Object> customer) {
        if (!model.validator().check(customer, "features").isEmpty()) {
            throw new IllegalStateException("a benchmark row fails the model's input validation");
        }
        CustomerScore score = model.score("bench", customer);
        return score.probability() + score.segment().length() + score.reasons().size();
    }

    /**
     * Customers per second scored back to back, in whole passes over the {@code n} rows, for at
     * least {@code nanos}: checked and encoded from the columns into one buffer, as batch scoring does.
     */
    private double batchRate(FeatureRows.RowEncoder columns, int n, long nanos) {
        double[] encoded = new double[columns.width()];
        double s = 0;
        long scored = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            for (int r = 0; r < n; r++) {
                if (!columns.encode(r, encoded).isEmpty()) {
                    throw new IllegalStateException("a benchmark row fails the model's input validation");
                }
                double p = model.probabilityOfEncoded(encoded);
                s += p + model.segment(p).length();
            }
            scored += n;
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        sink += s;
        return scored / (elapsed / 1e9);
    }

    /** Loads the artifact from its bytes at least once and at most a few times within {@code nanos}. */
    private void timeLoads(List<Double> millis, long nanos) {
        long start = System.nanoTime();
        for (int i = 0; i < MAX_LOADS_PER_ROUND; i++) {
            long t0 = System.nanoTime();
            ServingModel loaded = ServingModel.load(artifact, source);
            long t1 = System.nanoTime();
            millis.add((t1 - t0) / 1e6);
            sink += loaded.version();
            if (t1 - start >= nanos) {
                break;
            }
        }
    }

    /** Sorts the first {@code n} samples and takes the round's figures, less the clock's own cost. */
    private static Latency latency(long[] samples, int n, long overhead) {
        Arrays.sort(samples, 0, n);
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += samples[i];
        }
        return new Latency(net(Samples.percentile(samples, n, 0.50), overhead),
                net(Samples.percentile(samples, n, 0.99), overhead), net(Samples.percentile(samples, n, 0.999), overhead),
                Math.max(0, (double) sum / n - overhead) / 1000, n);
    }

    private static double net(long nanos, long overhead) {
        return Math.max(0, nanos - overhead) / 1000.0;
    }

    private static Latency medianOf(List<Latency> rounds) {
        return new Latency(Samples.median(rounds.stream().mapToDouble(Latency::p50Us).toArray()),
                Samples.median(rounds.stream().mapToDouble(Latency::p99Us).toArray()),
                Samples.median(rounds.stream().mapToDouble(Latency::p999Us).toArray()),
                Samples.median(rounds.stream().mapToDouble(Latency::meanUs).toArray()),
                rounds.stream().mapToLong(Latency::calls).sum());
    }
}
