package dev.churnops.core.port;

import java.util.Map;

/**
 * The state of a training job as SageMaker reports it: {@code InProgress}, {@code Completed},
 * {@code Failed} or {@code Stopped}; the model artifact key once completed, the failure reason once
 * failed, and the final metrics the job emitted (as SageMaker's {@code FinalMetricDataList}), such
 * as {@code train_seconds}.
 */
public record TrainingJobStatus(String jobName, String status, String modelArtifactKey, String failureReason,
                                Map<String, Double> finalMetrics) {

    public static final String IN_PROGRESS = "InProgress";
    public static final String COMPLETED = "Completed";
    public static final String FAILED = "Failed";

    public TrainingJobStatus {
        finalMetrics = finalMetrics == null ? Map.of() : Map.copyOf(finalMetrics);
    }
}
