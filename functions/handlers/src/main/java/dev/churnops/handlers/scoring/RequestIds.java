package dev.churnops.handlers.scoring;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids for requests that arrive without one (API Gateway always sends one; the local server
 * and tests may not): a random per-instance prefix and a counter, so generating one costs a
 * counter increment instead of a random draw. {@link #reseed()} draws a new prefix; a SnapStart
 * restore must call it, or every instance restored from one snapshot would hand out the same ids.
 */
final class RequestIds {

    private final AtomicLong counter = new AtomicLong();
    private volatile String prefix;

    RequestIds() {
        reseed();
    }

    void reseed() {
        byte[] seed = new byte[8];
        new SecureRandom().nextBytes(seed);
        StringBuilder b = new StringBuilder("gen-");
        for (byte x : seed) {
            b.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        prefix = b.append('-').toString();
        counter.set(0);
    }

    String next() {
        return prefix + Long.toHexString(counter.incrementAndGet());
    }

    /** The prefix of the ids this instance generates now. */
    String prefix() {
        return prefix;
    }
}
