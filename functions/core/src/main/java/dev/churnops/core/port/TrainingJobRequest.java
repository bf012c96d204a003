package dev.churnops.core.port;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a training job needs: a unique name, string hyperparameters (SageMaker passes them as
 * strings), input channels (channel name to blob prefix) and the blob prefix its output goes to.
 */
public record TrainingJobRequest(String jobName, Map<String, String> hyperparameters,
                                 Map<String, String> channels, String outputPrefix) {

    // SageMaker's own rule for training job names.
    private static final Pattern JOB_NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");

    public TrainingJobRequest {
        Objects.requireNonNull(jobName, "jobName");
        if (!JOB_NAME.matcher(jobName).matches()) {
            throw new IllegalArgumentException("training job name '" + jobName
                    + "' must be 1-63 letters, digits and inner hyphens");
        }
        hyperparameters = Map.copyOf(hyperparameters);
        channels = Map.copyOf(channels);
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("training job '" + jobName + "' has no input channels");
        }
        if (outputPrefix == null || !outputPrefix.endsWith("/")) {
            throw new IllegalArgumentException("output prefix '" + outputPrefix + "' must end with '/'");
        }
        BlobStore.checkKey(outputPrefix.substring(0, outputPrefix.length() - 1));
    }
}
