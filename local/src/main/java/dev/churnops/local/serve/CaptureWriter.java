package dev.churnops.local.serve;

import dev.churnops.core.port.ScoreCapture;
import dev.churnops.core.scoring.CaptureLine;
import dev.churnops.core.scoring.CustomerScore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Local score capture: a sample of scored customers appended as JSON lines to
 * {@code <home>/capture/<model>/dt=YYYY-MM-DD/part-<start>.jsonl}, one object per customer
 * ({@code ts, model, version, customerId, probability, segment, features}), for monitoring to
 * compare with training; {@link CaptureLine} holds the format, which the scoring function's
 * capture to S3 shares. The request thread only draws a number and offers a record to a bounded
 * queue; one background thread writes. Sampling is deterministic: the n-th call is kept when the
 * n-th {@code nextDouble()} of a {@code SplittableRandom} with the configured seed is below the
 * rate, so a rerun keeps the same calls. A full queue drops the record and counts it;
 * {@link #capture} never throws and never blocks. {@link #close()} writes what is queued, flushes
 * and closes the file.
 */
public final class CaptureWriter implements ScoreCapture, AutoCloseable {

    private record Captured(Instant ts, Map<String, ?> features, CustomerScore score) {
    }

    /** Queued by {@link #close()} to wake the writer at once instead of at its next poll. */
    private static final Captured WAKE = new Captured(null, null, null);

    private final Path home;
    private final Path directory;
    private final String model;
    private final double rate;
    private final long seed;
    private final Clock clock;
    private final PrintStream log;
    private final String fileName;
    private final BlockingQueue<Captured> queue;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    // Touched by the writer thread only.
    private LocalDate openDate;
    private OutputStream out;
    private boolean failed;

    /**
     * @param home          the ChurnOps home; files go under {@code capture/<model>/}
     * @param model         the served model's name
     * @param rate          the share of scored customers kept, 0 to 1; 0 writes nothing and starts no thread
     * @param seed          the sampling sequence's seed
     * @param queueCapacity records waiting for the writer before new ones are dropped
     */
    public CaptureWriter(Path home, String model, double rate, long seed, int queueCapacity, Clock clock, PrintStream log) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("capture rate is " + rate + ": expected a share from 0 to 1.");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("capture queue capacity is " + queueCapacity + ": expected at least 1.");
        }
        this.home = home;
        this.directory = home.resolve("capture").resolve(model);
        this.model = Objects.requireNonNull(model, "model");
        this.rate = rate;
        this.seed = seed;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        // The start, to the millisecond, names the file, so restarts never share one.
        this.fileName = CaptureLine.partName(clock.instant(), null);
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        if (rate > 0) {
            writer = new Thread(this::drain, "churnops-capture-writer");
            writer.setDaemon(true);
            writer.start();
        } else {
            writer = null;
        }
    }

    @Override
    public void capture(Map<String, ?> features, CustomerScore score) {
        if (writer == null || closing || !sampled(calls.getAndIncrement())) {
            return;
        }
        try {
            if (!queue.offer(new Captured(clock.instant(), features == null ? Map.of() : features, score))) {
                dropped.incrementAndGet();
            }
        } catch (RuntimeException e) {
            // Capture must never fail a request; what could not be queued is counted as dropped.
            dropped.incrementAndGet();
        }
    }

    /** Whether the n-th call (from 0) is kept: {@link CaptureLine#sampled}, the format's shared sampling. */
    private boolean sampled(long n) {
        return CaptureLine.sampled(seed, n, rate);
    }

    private void drain() {
        List<Captured> batch = new ArrayList<>(256);
        while (true) {
            try {
                Captured first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, 4095);
                    batch.removeIf(c -> c == WAKE);
                    if (!batch.isEmpty()) {
                        write(batch);
                        batch.clear();
                    }
                }
                if (closing && queue.isEmpty()) {
                    break;
                }
            } catch (InterruptedException e) {
                // Nothing interrupts this thread on purpose (an interrupt would close the file
                // channel mid-write); if something does, write what is queued and stop.
                closing = true;
            }
        }
        closeFile();
    }

    private void write(List<Captured> batch) {
        if (failed) {
            dropped.addAndGet(batch.size());
            return;
        }
        try {
            for (Captured c : batch) {
                LocalDate date = LocalDate.ofInstant(c.ts(), ZoneOffset.UTC);
                if (!date.equals(openDate)) {
                    open(date);
                }
                writeLine(c);
            }
            // Flushed after every batch, so what was captured is on disk within one poll interval.
            out.flush();
            written.addAndGet(batch.size());
        } catch (IOException e) {
            failed = true;
            dropped.addAndGet(batch.size());
            log.println("churnops serve: capture stopped, cannot write under " + directory + ": " + e.getMessage());
            closeFile();
        }
    }

    private void open(LocalDate date) throws IOException {
        closeFile();
        Path dir = home.resolve(CaptureLine.partition(model, date));
        Files.createDirectories(dir);
        out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(fileName), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), 64 * 1024);
        openDate = date;
    }

    private void writeLine(Captured c) throws IOException {
        byte[] line;
        try {
            line = CaptureLine.encode(c.ts(), model, c.features(), c.score());
        } catch (IllegalArgumentException e) {
            // A line that cannot be written stops the capture like a failing disk: reported once, then counted.
            throw new IOException(e.getMessage(), e);
        }
        out.write(line);
    }

    private void closeFile() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                log.println("churnops serve: capture file under " + directory + " did not close cleanly: " + e.getMessage());
            }
            out = null;
            openDate = null;
        }
    }

    /** Records written to disk so far. */
    public long written() {
        return written.get();
    }

    /** Records dropped (queue full, or the file could not be written). */
    public long dropped() {
        return dropped.get();
    }

    /** The sampling rate. */
    public double rate() {
        return rate;
    }

    /** Writes everything queued, flushes and closes the file; later captures are ignored. */
    @Override
    public void close() {
        closing = true;
        if (writer == null) {
            return;
        }
        // When the queue is full the writer is busy anyway and will see 'closing' once it empties.
        queue.offer(WAKE);
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
