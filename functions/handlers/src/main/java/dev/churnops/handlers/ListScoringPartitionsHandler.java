package dev.churnops.handlers;

import dev.churnops.core.batch.ListScoringPartitions;
import dev.churnops.core.features.PointInTimeTrainingSet;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Step {@code ListScoringPartitions}: row ranges of the validated file (or of the feature view's
 * snapshot, written for the run) to score and the champion version pinned for the whole run.
 */
public final class ListScoringPartitionsHandler
        extends JsonHandler<ListScoringPartitionsHandler.Event, ListScoringPartitions.Result> {

    /**
     * Defaults: with featureView null, validatedKey null means the newest file of the source;
     * activityDays null means the training sets' {@value PointInTimeTrainingSet#DEFAULT_ACTIVITY_DAYS};
     * modelName null means {@code CHURNOPS_MODEL_NAME}; partitionRows
     * {@value ListScoringPartitions#DEFAULT_PARTITION_ROWS}; date null means today (UTC).
     */
    public record Event(String executionId, String source, String validatedKey, String featureView, Integer activityDays,
                        String modelName, Integer partitionRows, String date) {
    }

    public ListScoringPartitionsHandler() {
        this(Services.fromEnvironment());
    }

    public ListScoringPartitionsHandler(Services services) {
        super(Event.class, services);
    }

    @Override
    protected ListScoringPartitions.Result handle(Event event) {
        LocalDate date = event.date() == null ? LocalDate.ofInstant(services.clock().instant(), ZoneOffset.UTC)
                : EventDates.parse(event.date(), "date");
        // The offline store is only built for a feature view: a validated file never loads its classes.
        ListScoringPartitions use = event.featureView() == null
                ? new ListScoringPartitions(services.blobs(), services.registry())
                : new ListScoringPartitions(services.blobs(), services.registry(), services.features().offline(),
                        services.features().states().registry());
        return use.run(new ListScoringPartitions.Command(
                required(event.executionId(), "executionId"), event.source(), event.validatedKey(), event.featureView(),
                event.activityDays() == null ? PointInTimeTrainingSet.DEFAULT_ACTIVITY_DAYS : event.activityDays(),
                services.settings().modelName(event.modelName()),
                event.partitionRows() == null ? ListScoringPartitions.DEFAULT_PARTITION_ROWS : event.partitionRows(), date));
    }
}
