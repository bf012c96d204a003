package dev.churnops.handlers;

import dev.churnops.core.batch.ScorePartition;

/** Step {@code ScorePartition} (one Map iteration): scores one row range with the pinned model version. */
public final class ScorePartitionHandler extends JsonHandler<ScorePartitionHandler.Event, ScorePartition.Result> {

    /** One partition descriptor with the run's file, model version and date; every field is required. */
    public record Event(String executionId, String validatedKey, String modelName, Integer modelVersion, String date,
                        Integer index, Integer start, Integer end) {
    }

    public ScorePartitionHandler() {
        this(Services.fromEnvironment());
    }

    public ScorePartitionHandler(Services services) {
        super(Event.class, services);
    }

    @Override
    protected ScorePartition.Result handle(Event event) {
        return new ScorePartition(services.blobs(), services.registry()).run(new ScorePartition.Command(
                required(event.executionId(), "executionId"), required(event.validatedKey(), "validatedKey"),
                required(event.modelName(), "modelName"), required(event.modelVersion(), "modelVersion"),
                EventDates.parse(event.date(), "date"), required(event.index(), "index"), required(event.start(), "start"),
                required(event.end(), "end")));
    }
}
