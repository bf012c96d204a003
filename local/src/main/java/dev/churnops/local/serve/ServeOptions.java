package dev.churnops.local.serve;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@code churnops serve} runs, beside the scoring settings the handler itself reads: the HTTP
 * server's settings ({@link LocalApiServer.Options}: address, port, threads, queue, stop grace),
 * how often it looks for a new champion, which source's validated file answers customer lookups,
 * what share of scores it captures, and how a new champion is brought in ({@link CanaryPolicy}). Built with {@link #builder()}, whose defaults are stated
 * there; checked on construction, each failure naming the field, the value and what was expected.
 *
 * @param server          where and how the server listens; its body limit is replaced by the
 *                        handler's when serving ({@link LocalScoringApi})
 * @param reloadInterval  how often the champion alias is read
 * @param featuresSource  the source whose newest validated file answers lookups; null for the one
 *                        the model name implies ({@link ValidatedTableLookup#impliedSource})
 * @param captureRate     share of scored customers captured, 0 to 1
 * @param captureSeed     seed of the capture sampling sequence
 * @param captureQueue    captured records that may wait for the writer; beyond it they are dropped
 * @param canary          how a new champion is brought in: as a canary, or at once
 */
public record ServeOptions(LocalApiServer.Options server, Duration reloadInterval, String featuresSource,
                           double captureRate, long captureSeed, int captureQueue, CanaryPolicy canary) {

    public ServeOptions {
        Objects.requireNonNull(server, "ServeOptions.server");
        Objects.requireNonNull(canary, "ServeOptions.canary");
        if (reloadInterval == null || reloadInterval.isNegative() || reloadInterval.isZero()) {
            throw new IllegalArgumentException("ServeOptions.reloadInterval is " + reloadInterval
                    + ": expected a positive duration.");
        }
        if (!(captureRate >= 0 && captureRate <= 1)) {
            throw new IllegalArgumentException("ServeOptions.captureRate is " + captureRate
                    + ": expected a share from 0 (capture nothing) to 1 (capture every score).");
        }
        if (captureQueue < 1) {
            throw new IllegalArgumentException("ServeOptions.captureQueue is " + captureQueue + ": expected at least 1.");
        }
        if (featuresSource != null && !featuresSource.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("ServeOptions.featuresSource is '" + featuresSource
                    + "': expected a source name (lower-case letters, digits and hyphens).");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Defaults: the server's ({@link LocalApiServer.Options}: loopback, port 8080, 2 × processors
     * threads, a queue of 1,024 requests, 10 s stop grace), champion read every 2 s, the implied
     * features source, 10% of scores captured with seed 42 through a queue of 10,000 records, and a
     * new champion brought in as a canary with {@link CanaryPolicy.Builder}'s defaults.
     */
    public static final class Builder {
        private final LocalApiServer.Options.Builder server = LocalApiServer.Options.builder();
        private Duration reloadInterval = Duration.ofSeconds(2);
        private String featuresSource;
        private double captureRate = 0.1;
        private long captureSeed = 42;
        private int captureQueue = 10_000;
        private CanaryPolicy canary = CanaryPolicy.builder().build();

        private Builder() {
        }

        public Builder bindAddress(InetAddress value) {
            server.bindAddress(value);
            return this;
        }

        public Builder port(int value) {
            server.port(value);
            return this;
        }

        public Builder threads(int value) {
            server.threads(value);
            return this;
        }

        public Builder queueCapacity(int value) {
            server.queueCapacity(value);
            return this;
        }

        public Builder stopGrace(Duration value) {
            server.stopGrace(value);
            return this;
        }

        public Builder reloadInterval(Duration value) {
            reloadInterval = value;
            return this;
        }

        public Builder featuresSource(String value) {
            featuresSource = value;
            return this;
        }

        public Builder captureRate(double value) {
            captureRate = value;
            return this;
        }

        public Builder captureSeed(long value) {
            captureSeed = value;
            return this;
        }

        public Builder captureQueue(int value) {
            captureQueue = value;
            return this;
        }

        public Builder canary(CanaryPolicy value) {
            canary = value;
            return this;
        }

        public ServeOptions build() {
            return new ServeOptions(server.build(), reloadInterval, featuresSource, captureRate, captureSeed, captureQueue,
                    canary);
        }
    }
}
