package dev.churnops.handlers;

import dev.churnops.core.pipeline.CommitMonitoring;
import java.util.Map;

/** Steps {@code CommitStarted} and {@code CommitNotStarted} of the monitoring workflow: keeps the state, writes the summary. */
public final class CommitMonitoringHandler extends JsonHandler<CommitMonitoringHandler.Event, Map<String, Object>> {

    public record Event(String executionId, String date, String modelName, Map<String, Object> summary,
                        Boolean retrainingStarted, String trainingExecution) {
    }

    public CommitMonitoringHandler() {
        this(Services.fromEnvironment());
    }

    public CommitMonitoringHandler(Services services) {
        super(Event.class, services);
    }

    @Override
    protected Map<String, Object> handle(Event event) {
        return new CommitMonitoring(services.blobs()).run(new CommitMonitoring.Command(
                required(event.executionId(), "executionId"), EventDates.parse(required(event.date(), "date"), "date"),
                required(event.modelName(), "modelName"), required(event.summary(), "summary"),
                Boolean.TRUE.equals(event.retrainingStarted()), event.trainingExecution()));
    }
}
