package dev.churnops.local.adapter;

import dev.churnops.core.archive.TarGz;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.TrainingJobRequest;
import dev.churnops.core.port.TrainingJobStatus;
import dev.churnops.core.port.TrainingJobs;
import dev.churnops.training.TrainingEntrypoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs training jobs in-process with the real container entrypoint, in SageMaker's {@code /opt/ml}
 * layout rooted in a temporary directory: channels are copied from the blob store to
 * {@code input/data/<channel>/}, hyperparameters to {@code input/config/hyperparameters.json}, and
 * {@code model/} is packed into {@code <output>/<job>/output/model.tar.gz} as SageMaker does.
 * The job runs to completion inside {@link #launch}; a relaunch of a completed job is a no-op,
 * as a retried SageMaker call with the same name would be refused.
 */
public final class LocalTrainingJobs implements TrainingJobs {

    private final BlobStore blobs;

    public LocalTrainingJobs(BlobStore blobs) {
        this.blobs = blobs;
    }

    @Override
    public void launch(TrainingJobRequest request) {
        String statusKey = statusKey(request);
        if (blobs.exists(statusKey)) {
            return;
        }
        Path root;
        try {
            root = Files.createTempDirectory("churnops-opt-ml-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a training directory", e);
        }
        try {
            prepare(root, request);
            java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
            TrainingEntrypoint.Outcome outcome;
            try (java.io.PrintStream logStream = new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8)) {
                outcome = TrainingEntrypoint.run(root, logStream);
            }
            // Where SageMaker would send the container's output: CloudWatch Logs; locally, beside the job.
            blobs.put(request.outputPrefix() + request.jobName() + "/output/training.log", log.toByteArray());
            String artifactKey = null;
            String status = TrainingJobStatus.FAILED;
            if (outcome.exitCode() == 0) {
                artifactKey = request.outputPrefix() + request.jobName() + "/output/model.tar.gz";
                blobs.put(artifactKey, TarGz.write(files(root.resolve("model"))));
                status = TrainingJobStatus.COMPLETED;
            }
            blobs.put(statusKey, Json.write(new TrainingJobStatus(request.jobName(), status, artifactKey,
                    outcome.failureReason(), outcome.metrics())));
        } finally {
            delete(root);
        }
    }

    @Override
    public TrainingJobStatus describe(String jobName) {
        String key = "training-jobs/" + jobName + "/status.json";
        return Json.read(blobs.find(key).orElseThrow(() ->
                new IllegalArgumentException("no training job named '" + jobName + "'")), TrainingJobStatus.class, key);
    }

    private static String statusKey(TrainingJobRequest request) {
        return request.outputPrefix() + request.jobName() + "/status.json";
    }

    private void prepare(Path root, TrainingJobRequest request) {
        try {
            Path config = Files.createDirectories(root.resolve("input/config"));
            Files.write(config.resolve("hyperparameters.json"), Json.write(new TreeMap<>(request.hyperparameters())));
            for (Map.Entry<String, String> channel : request.channels().entrySet()) {
                Path dir = Files.createDirectories(root.resolve("input/data/" + channel.getKey()));
                for (String key : blobs.list(channel.getValue())) {
                    String relative = key.substring(channel.getValue().length());
                    Path target = dir.resolve(relative).normalize();
                    if (!target.startsWith(dir)) {
                        throw new IllegalArgumentException("channel object '" + key + "' leaves its channel directory");
                    }
                    Files.createDirectories(target.getParent());
                    Files.write(target, blobs.get(key));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the training input", e);
        }
    }

    private static SortedMap<String, byte[]> files(Path dir) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack the model directory", e);
        }
        return files;
    }

    private static void delete(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless; the job's result is already stored.
        }
    }
}
