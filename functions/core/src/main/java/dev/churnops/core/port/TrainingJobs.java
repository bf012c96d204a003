package dev.churnops.core.port;

/**
 * Runs training jobs: SageMaker {@code CreateTrainingJob} on AWS, the same container entrypoint
 * in-process locally. Launch returns at once; callers poll {@link #describe}.
 */
public interface TrainingJobs {

    void launch(TrainingJobRequest request);

    TrainingJobStatus describe(String jobName);
}
