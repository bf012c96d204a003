package dev.churnops.aws;

import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.Notification;
import dev.churnops.core.port.Notifier;
import dev.churnops.core.port.TrainingJobRequest;
import dev.churnops.core.port.TrainingJobStatus;
import dev.churnops.core.port.TrainingJobs;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Adapters built on first use. Building an SDK client costs a Lambda cold start time (and, without
 * a region in the environment, a look-up), so the wiring hands out these stand-ins and a function
 * builds only the clients its step calls: the scoring function never builds an SNS or SageMaker
 * client. The first call builds the adapter once, thread-safely; a failure to build is thrown to
 * that caller and the next call tries again.
 */
final class Lazy<T> implements Supplier<T> {

    private final Supplier<? extends T> factory;
    private volatile T value;

    private Lazy(Supplier<? extends T> factory) {
        this.factory = factory;
    }

    static <T> Lazy<T> of(Supplier<? extends T> factory) {
        return new Lazy<>(factory);
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = factory.get();
                    value = v;
                }
            }
        }
        return v;
    }

    static BlobStore blobs(Lazy<? extends BlobStore> store) {
        return new BlobStore() {
            @Override
            public void put(String key, byte[] content) {
                store.get().put(key, content);
            }

            @Override
            public boolean putIfAbsent(String key, byte[] content) {
                return store.get().putIfAbsent(key, content);
            }

            @Override
            public Optional<byte[]> find(String key) {
                return store.get().find(key);
            }

            @Override
            public boolean exists(String key) {
                return store.get().exists(key);
            }

            @Override
            public void delete(String key) {
                store.get().delete(key);
            }

            @Override
            public List<String> list(String prefix) {
                return store.get().list(prefix);
            }
        };
    }

    static TrainingJobs trainingJobs(Lazy<? extends TrainingJobs> jobs) {
        return new TrainingJobs() {
            @Override
            public void launch(TrainingJobRequest request) {
                jobs.get().launch(request);
            }

            @Override
            public TrainingJobStatus describe(String jobName) {
                return jobs.get().describe(jobName);
            }
        };
    }

    static Notifier notifier(Lazy<? extends Notifier> notifier) {
        return (Notification notification) -> notifier.get().publish(notification);
    }
}
