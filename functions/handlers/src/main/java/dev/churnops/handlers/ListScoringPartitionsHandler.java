package dev.churnops.handlers;

import dev.churnops.core.batch.ListScoringPartitions;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Step {@code ListScoringPartitions}: row ranges of the validated file to score and the champion
 * version pinned for the whole run.
 */
public final class ListScoringPartitionsHandler
        extends JsonHandler<ListScoringPartitionsHandler.Event, ListScoringPartitions.Result> {

    /**
     * Defaults: validatedKey null means the newest file of the source; modelName null means
     * {@code CHURNOPS_MODEL_NAME}; partitionRows {@value ListScoringPartitions#DEFAULT_PARTITION_ROWS};
     * date null means today (UTC).
     */
    public record Event(String executionId, String source, String validatedKey, String modelName, Integer partitionRows,
                        String date) {
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
        return new ListScoringPartitions(services.blobs(), services.registry()).run(new ListScoringPartitions.Command(
                required(event.executionId(), "executionId"), event.source(), event.validatedKey(),
                services.settings().modelName(event.modelName()),
                event.partitionRows() == null ? ListScoringPartitions.DEFAULT_PARTITION_ROWS : event.partitionRows(), date));
    }
}
