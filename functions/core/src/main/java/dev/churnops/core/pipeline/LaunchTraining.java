package dev.churnops.core.pipeline;

import dev.churnops.core.port.TrainingJobRequest;
import dev.churnops.core.port.TrainingJobStatus;
import dev.churnops.core.port.TrainingJobs;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Use case: start a training job on a training set, and report on it. The job name is derived from
 * the execution, so a retried launch names the same job and cannot train twice.
 */
public final class LaunchTraining {

    public record Command(String executionId, String trainingSetPrefix, Map<String, String> hyperparameters) {
        public Command {
            Objects.requireNonNull(executionId, "executionId");
            Objects.requireNonNull(trainingSetPrefix, "trainingSetPrefix");
            hyperparameters = hyperparameters == null ? Map.of() : Map.copyOf(hyperparameters);
        }
    }

    private final TrainingJobs jobs;

    /** Every training job's name starts with it; the launch function's IAM policy relies on that. */
    public static final String JOB_PREFIX = "churnops-";

    public LaunchTraining(TrainingJobs jobs) {
        this.jobs = jobs;
    }

    public String launch(Command command) {
        String jobName = jobName(command.executionId());
        // Checked here, before anything is launched, so a typo fails the step with a clear message.
        dev.churnops.core.model.HyperParameters.parse(command.hyperparameters());
        Map<String, String> channels = new TreeMap<>();
        channels.put("train", command.trainingSetPrefix() + "train/");
        channels.put("validation", command.trainingSetPrefix() + "validation/");
        channels.put("config", command.trainingSetPrefix() + "config/");
        jobs.launch(new TrainingJobRequest(jobName, command.hyperparameters(), channels, BlobLayout.trainingJobs()));
        return jobName;
    }

    public TrainingJobStatus describe(String jobName) {
        return jobs.describe(jobName);
    }

    /** The job's name: the execution's, prefixed so that IAM can scope jobs to {@code churnops-*}. */
    static String jobName(String executionId) {
        String cleaned = executionId.replaceAll("[^a-zA-Z0-9-]", "-").replaceAll("-+", "-").replaceAll("^-|-$", "");
        // SageMaker allows 63 characters; a longer execution name keeps its end, where it differs.
        int room = 63 - JOB_PREFIX.length();
        String tail = cleaned.length() > room ? cleaned.substring(cleaned.length() - room).replaceAll("^-+", "") : cleaned;
        return JOB_PREFIX + tail;
    }
}
