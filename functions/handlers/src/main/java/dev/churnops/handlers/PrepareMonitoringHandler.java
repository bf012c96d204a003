package dev.churnops.handlers;

import dev.churnops.core.pipeline.PrepareMonitoringWindow;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Step {@code PrepareWindow} of the monitoring workflow: resolves the monitored model version and
 * writes the window of customers the checks read. Answers with the use case's result plus the
 * run's date, which the checks and the decision share.
 */
public final class PrepareMonitoringHandler extends JsonHandler<PrepareMonitoringHandler.Event, PrepareMonitoringHandler.Result> {

    /**
     * Defaults: modelName null means {@code CHURNOPS_MODEL_NAME}; model null means the champion;
     * date null means today (UTC); windowDays null means 1; currentKey null means the captured
     * scores of the window's days.
     */
    public record Event(String executionId, String modelName, String model, String date, Integer windowDays,
                        String currentKey, String labelsKey, String idColumn) {
    }

    /** The use case's result and the run's date. */
    public record Result(String modelName, int version, String date, String windowKey, String source, int rows,
                         int scored, int rejected, String rejectedKey, int otherVersions, String labelsKey,
                         int labelledRows, boolean labelsObserved, boolean empty) {
    }

    public PrepareMonitoringHandler() {
        this(Services.fromEnvironment());
    }

    public PrepareMonitoringHandler(Services services) {
        super(Event.class, services);
    }

    @Override
    protected Result handle(Event event) {
        LocalDate date = event.date() == null ? LocalDate.ofInstant(services.clock().instant(), ZoneOffset.UTC)
                : EventDates.parse(event.date(), "date");
        PrepareMonitoringWindow.Result r = new PrepareMonitoringWindow(services.blobs(), services.registry()).run(
                new PrepareMonitoringWindow.Command(required(event.executionId(), "executionId"),
                        services.settings().modelName(event.modelName()),
                        event.model() == null ? dev.churnops.core.port.ModelRegistry.CHAMPION : event.model(), date,
                        event.windowDays() == null ? 1 : event.windowDays(), event.currentKey(), event.labelsKey(),
                        event.idColumn()));
        return new Result(r.modelName(), r.version(), date.toString(), r.windowKey(), r.source(), r.rows(), r.scored(),
                r.rejected(), r.rejectedKey(), r.otherVersions(), r.labelsKey(), r.labelledRows(), r.labelsObserved(), r.empty());
    }
}
