package dev.churnops.handlers;

import dev.churnops.core.pipeline.LaunchTraining;
import dev.churnops.core.port.TrainingJobStatus;

/** Step {@code DescribeTraining}: the status of a training job, polled by the state machine. */
public final class DescribeTrainingHandler extends JsonHandler<DescribeTrainingHandler.Event, TrainingJobStatus> {

    public record Event(String jobName) {
    }

    public DescribeTrainingHandler() {
        this(Services.fromEnvironment());
    }

    public DescribeTrainingHandler(Services services) {
        super(Event.class, services);
    }

    @Override
    protected TrainingJobStatus handle(Event event) {
        return new LaunchTraining(services.trainingJobs()).describe(required(event.jobName(), "jobName"));
    }
}
