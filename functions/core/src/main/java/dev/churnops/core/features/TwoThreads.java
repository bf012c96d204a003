package dev.churnops.core.features;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs two independent parts of one step at once, one on the caller's thread and one on a pooled
 * daemon thread, and returns when both are done. Feature computation splits each large file and
 * each folding of old buckets this way; a file is a few milliseconds of work, so the helper
 * thread is reused rather than started per part (idle helpers end after a minute).
 */
final class TwoThreads {

    private static final ExecutorService HELPERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "feature-state-helper");
        thread.setDaemon(true);
        return thread;
    });

    private TwoThreads() {
    }

    /** Runs {@code other} on a helper and {@code mine} here; rethrows a failure of either (the caller's first). */
    static void run(Runnable other, Runnable mine) {
        Future<?> helper = HELPERS.submit(other);
        Throwable failure = null;
        try {
            mine.run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        while (true) {
            try {
                helper.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }
}
