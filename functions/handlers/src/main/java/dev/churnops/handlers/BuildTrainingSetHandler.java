package dev.churnops.handlers;

import dev.churnops.core.pipeline.BuildTrainingSet;

/** Step {@code BuildTrainingSet}: seeded stratified train / validation / test splits of validated data. */
public final class BuildTrainingSetHandler extends JsonHandler<BuildTrainingSetHandler.Event, BuildTrainingSet.Result> {

    /** Defaults: seed 42, validation and test shares 0.2 each; validatedKey null means the newest of the source. */
    public record Event(String executionId, String source, String validatedKey, Long seed, Double validationShare,
                        Double testShare) {
    }

    public BuildTrainingSetHandler() {
        this(Services.fromEnvironment());
    }

    public BuildTrainingSetHandler(Services services) {
        super(Event.class, services);
    }

    @Override
    protected BuildTrainingSet.Result handle(Event event) {
        return new BuildTrainingSet(services.blobs()).run(new BuildTrainingSet.Command(
                required(event.executionId(), "executionId"), event.source(), event.validatedKey(),
                event.seed() == null ? 42L : event.seed(),
                event.validationShare() == null ? 0.2 : event.validationShare(),
                event.testShare() == null ? 0.2 : event.testShare()));
    }
}
