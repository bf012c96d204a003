package dev.churnops.handlers;

import dev.churnops.core.port.InMemoryBlobStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** One set of fakes of every port, and the {@link Services} built from them with a fixed clock. */
final class Fakes {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T06:30:00Z"), ZoneOffset.UTC);

    final InMemoryBlobStore blobs = new InMemoryBlobStore();
    final InMemoryModelRegistry registry = new InMemoryModelRegistry(blobs);
    final FakeTrainingJobs trainingJobs;
    final RecordingNotifier notifier = new RecordingNotifier();
    final RecordingMetrics metrics = new RecordingMetrics();
    final Services services;

    private Fakes(boolean train, Services.Settings settings) {
        trainingJobs = train ? FakeTrainingJobs.trainingInto(blobs) : FakeTrainingJobs.capturing();
        services = new Services(blobs, registry, trainingJobs, notifier, metrics, CLOCK, settings);
    }

    /** Fakes whose training jobs only capture requests. */
    static Fakes capturing() {
        return new Fakes(false, Services.Settings.DEFAULTS);
    }

    /** Fakes whose training jobs only capture requests, with the given settings. */
    static Fakes capturing(Services.Settings settings) {
        return new Fakes(false, settings);
    }

    /** Fakes whose training jobs train for real, in-process. */
    static Fakes training() {
        return new Fakes(true, Services.Settings.DEFAULTS);
    }
}
