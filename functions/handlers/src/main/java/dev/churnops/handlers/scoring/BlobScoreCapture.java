package dev.churnops.handlers.scoring;

import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.Metrics;
import dev.churnops.core.port.ScoreCapture;
import dev.churnops.core.scoring.CaptureLine;
import dev.churnops.core.scoring.CustomerScore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scoring function's score capture: a deterministic sample of scored customers
 * ({@link CaptureLine#sampled}, as {@code churnops serve} samples) kept in memory and written in
 * batches, one blob store object per batch and UTC day, in {@link CaptureLine}'s format under
 * {@code capture/<model>/dt=YYYY-MM-DD/part-<first line's time>-<instance>-<sequence>.jsonl}, the
 * layout of the local server's files. On Lambda the store is the S3 bucket.
 *
 * <p>The request thread draws a number, appends a reference to the features and the score, and
 * when the batch holds {@link CaptureSettings#batchLines()} lines, or its oldest line is
 * {@link CaptureSettings#flushAfter()} old, hands the batch to one background thread, which encodes
 * and writes it. The request never waits for a write, and a failed write is logged (its key and the
 * failure; never a line) and counted, never thrown. Lambda freezes an instance between invocations,
 * so a write begun after a response completes when the instance next runs.
 *
 * <p>At most {@link CaptureSettings#bufferLines()} lines are held (waiting, queued or being
 * written); a line beyond that is dropped and counted. Those held lines are what can be lost when
 * Lambda reclaims an idle instance: {@link #close} writes them, and the Lambda handler calls it from
 * a shutdown hook, but the runtime only gets a shutdown signal (SIGTERM, with about 300 ms) when an
 * extension is registered. So at most {@code bufferLines} lines per instance are lost, in practice
 * the last batch, fewer than {@code batchLines} lines from the last {@code flushAfter}.
 *
 * <p>Object names carry a random instance id, drawn again by {@link #restored()} after a SnapStart
 * restore, so instances restored from one snapshot never write the same key. Thread-safe.
 */
public final class BlobScoreCapture implements ScoreCapture, AutoCloseable {

    private record Captured(Instant ts, Map<String, ?> features, CustomerScore score) {
    }

    private final BlobStore blobs;
    private final String model;
    private final CaptureSettings settings;
    private final Clock clock;
    private final Metrics metrics;
    private final PrintStream log;
    private final Executor writer;

    private final Object lock = new Object();
    /** The lines of the batch being filled. Guarded by {@link #lock}. */
    private List<Captured> batch = new ArrayList<>();
    /** When the first line of {@link #batch} was captured. Guarded by {@link #lock}. */
    private Instant batchStart;
    /** Lines held: in {@link #batch}, queued for the writer, or being written. Guarded by {@link #lock}. */
    private int held;

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Dropped lines not reported as a metric yet. */
    private final AtomicLong droppedUnreported = new AtomicLong();
    private final AtomicLong objects = new AtomicLong();
    private volatile String instance;
    private volatile boolean paused;
    private volatile boolean closed;

    /**
     * Writes through one daemon thread of its own, started on the first batch.
     *
     * @param blobs where objects are written (the S3 bucket on Lambda)
     * @param model the served model's name: the directory under {@code capture/}
     * @param metrics receives {@code CaptureLinesWritten} and {@code CaptureLinesDropped} (Count, by
     *     {@code Model}) after each batch
     * @param log one line per failed write; never a captured line
     */
    public BlobScoreCapture(BlobStore blobs, String model, CaptureSettings settings, Clock clock, Metrics metrics,
                            PrintStream log) {
        this(blobs, model, settings, clock, metrics, log, writerThread());
    }

    /** With the writes run by {@code writer}, for tests. */
    BlobScoreCapture(BlobStore blobs, String model, CaptureSettings settings, Clock clock, Metrics metrics,
                     PrintStream log, Executor writer) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.model = Objects.requireNonNull(model, "model");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.log = Objects.requireNonNull(log, "log");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.instance = newInstanceId();
    }

    private static ExecutorService writerThread() {
        // One thread, created on the first batch (none exists in a SnapStart snapshot taken before any).
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread t = new Thread(task, "churnops-score-capture");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void capture(Map<String, ?> features, CustomerScore score) {
        if (!settings.enabled() || paused || closed) {
            return;
        }
        boolean keep = CaptureLine.sampled(settings.seed(), calls.getAndIncrement(), settings.rate());
        Instant now = clock.instant();
        List<Captured> full = null;
        synchronized (lock) {
            if (keep) {
                if (held >= settings.bufferLines()) {
                    dropped(1);
                } else {
                    if (batch.isEmpty()) {
                        batchStart = now;
                    }
                    batch.add(new Captured(now, features == null ? Map.of() : features, score));
                    held++;
                }
            }
            // Also checked on calls that keep nothing, so a quiet sample still leaves within flushAfter.
            if (!batch.isEmpty() && (batch.size() >= settings.batchLines()
                    || !now.isBefore(batchStart.plus(settings.flushAfter())))) {
                full = takeBatch();
            }
        }
        if (full != null) {
            submit(full);
        }
    }

    /** Hands what is buffered to the writer now, whatever its size or age. */
    public void flush() {
        List<Captured> lines;
        synchronized (lock) {
            lines = batch.isEmpty() ? null : takeBatch();
        }
        if (lines != null) {
            submit(lines);
        }
    }

    /**
     * Flushes and waits until every held line is written (or dropped), at most {@code timeout}.
     *
     * @return whether nothing is held any more
     */
    public boolean drain(Duration timeout) {
        flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (held > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Stops capturing, writes what is held within {@code timeout} and stops the writer thread. Lines
     * not written by then are lost with the process.
     *
     * @return whether every held line was written or dropped in time
     */
    public boolean close(Duration timeout) {
        closed = true;
        boolean drained = drain(timeout);
        if (writer instanceof ExecutorService service) {
            service.shutdown();
        }
        return drained;
    }

    /** {@link #close(Duration)} with five seconds to write what is held. */
    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /**
     * Ignores captures while {@code paused}: SnapStart priming scores a made-up customer, which must
     * neither be written nor advance the sampling sequence.
     */
    void paused(boolean value) {
        paused = value;
    }

    /** After a SnapStart restore: a new instance id, so no two restored instances write the same key. */
    public void restored() {
        instance = newInstanceId();
    }

    private List<Captured> takeBatch() {
        List<Captured> lines = batch;
        batch = new ArrayList<>(Math.min(lines.size(), settings.batchLines()));
        batchStart = null;
        return lines;
    }

    private void submit(List<Captured> lines) {
        try {
            writer.execute(() -> write(lines));
        } catch (RejectedExecutionException e) {
            // Only after close: the writer is gone, so the lines cannot be written.
            dropped(lines.size());
            release(lines.size());
        }
    }

    /** On the writer: one object per UTC day the lines span (one, but at midnight). */
    private void write(List<Captured> lines) {
        try {
            Map<String, List<Captured>> byPartition = new LinkedHashMap<>();
            for (Captured c : lines) {
                byPartition.computeIfAbsent(CaptureLine.partition(model, c.ts()), p -> new ArrayList<>()).add(c);
            }
            for (Map.Entry<String, List<Captured>> part : byPartition.entrySet()) {
                writeObject(part.getKey(), part.getValue());
            }
        } finally {
            release(lines.size());
        }
    }

    private void writeObject(String partition, List<Captured> lines) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(lines.size() * 512);
        int encoded = 0;
        for (Captured c : lines) {
            try {
                body.writeBytes(CaptureLine.encode(c.ts(), model, c.features(), c.score()));
                encoded++;
            } catch (IllegalArgumentException e) {
                // A value JSON cannot hold loses its own line, not the batch.
                dropped(1);
            }
        }
        if (encoded == 0) {
            report(0);
            return;
        }
        String key = partition + CaptureLine.partName(lines.get(0).ts(),
                instance + "-" + String.format("%06d", objects.incrementAndGet()));
        boolean stored;
        try {
            blobs.put(key, body.toByteArray());
            stored = true;
        } catch (RuntimeException e) {
            // Not hidden: logged by key (no customer data in it) and counted; a request never sees it.
            stored = false;
            dropped(encoded);
            log.println("score capture: " + encoded + " lines could not be written to " + key + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (stored) {
            written.addAndGet(encoded);
        }
        report(stored ? encoded : 0);
    }

    private void report(int lines) {
        Map<String, String> dimensions = Map.of("Model", model);
        if (lines > 0) {
            metrics.put("CaptureLinesWritten", lines, "Count", dimensions);
        }
        long lost = droppedUnreported.getAndSet(0);
        if (lost > 0) {
            metrics.put("CaptureLinesDropped", lost, "Count", dimensions);
        }
    }

    private void dropped(long lines) {
        dropped.addAndGet(lines);
        droppedUnreported.addAndGet(lines);
    }

    private void release(int lines) {
        synchronized (lock) {
            held -= lines;
            lock.notifyAll();
        }
    }

    private static String newInstanceId() {
        byte[] id = new byte[8];
        new SecureRandom().nextBytes(id);
        StringBuilder b = new StringBuilder(16);
        for (byte x : id) {
            b.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return b.toString();
    }

    /** Capture calls so far (kept or not). */
    public long calls() {
        return calls.get();
    }

    /** Lines written so far. */
    public long written() {
        return written.get();
    }

    /** Lines dropped so far: buffer full, a failed write, a value JSON cannot hold, or after close. */
    public long dropped() {
        return dropped.get();
    }

    /** The id in this instance's object names. */
    public String instance() {
        return instance;
    }

    public CaptureSettings settings() {
        return settings;
    }
}
