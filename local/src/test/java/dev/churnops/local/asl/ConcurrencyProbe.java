package dev.churnops.local.asl;

import java.util.concurrent.TimeUnit;

/**
  * Counts how many fake task calls are in flight at once. Each call is held until {@code holdUntil}
  * calls are in flight together (or every expected call has started), so a correctly bounded pool
  * reaches exactly its bound. The full wave then stays in flight for a short grace window, returning
  * early if one call too many arrives, so an unbounded pool is caught overshooting. All waits are
  * waits for a condition with a deadline, never fixed sleeps.
  */
final class ConcurrencyProbe {

    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long OVERSHOOT_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final int holdUntil;
    private final int expectedCalls;
    private int inFlight;
    private int started;
    private int maxInFlight;

    ConcurrencyProbe(int holdUntil, int expectedCalls) {
        this.holdUntil = holdUntil;
        this.expectedCalls = expectedCalls;
    }

    synchronized void enter() {
        inFlight++;
        started++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        notifyAll();
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (inFlight < holdUntil && started < expectedCalls) {
            if (!waitUntil(deadline)) {
                throw new AssertionError("only " + inFlight + " call(s) in flight after 10 s, expected " + holdUntil);
            }
        }
        if (inFlight >= holdUntil) {
            long graceEnd = System.nanoTime() + OVERSHOOT_GRACE_NANOS;
            while (maxInFlight <= holdUntil && started < expectedCalls && waitUntil(graceEnd)) {
                // Keep the wave in flight: an extra call arriving now would exceed the bound.
            }
        }
    }

    synchronized void exit() {
        inFlight--;
        notifyAll();
    }

    synchronized int maxInFlight() {
        return maxInFlight;
    }

    /** Waits on this monitor; false once the deadline has passed. */
    private boolean waitUntil(long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return false;
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while holding a call", e);
        }
    }
}
