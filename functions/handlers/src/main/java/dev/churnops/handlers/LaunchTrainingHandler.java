package dev.churnops.handlers;

import dev.churnops.core.pipeline.LaunchTraining;
import java.util.Map;

/** Step {@code LaunchTraining}: starts the training job for a training set and returns its name. */
public final class LaunchTrainingHandler extends JsonHandler<LaunchTrainingHandler.Event, LaunchTrainingHandler.Result> {

    public record Event(String executionId, String trainingSetPrefix, Map<String, String> hyperparameters) {
    }

    public record Result(String jobName) {
    }

    public LaunchTrainingHandler() {
        this(Services.fromEnvironment());
    }

    public LaunchTrainingHandler(Services services) {
        super(Event.class, services);
    }

    @Override
    protected Result handle(Event event) {
        return new Result(new LaunchTraining(services.trainingJobs()).launch(new LaunchTraining.Command(
                required(event.executionId(), "executionId"), required(event.trainingSetPrefix(), "trainingSetPrefix"),
                event.hyperparameters())));
    }
}
