package dev.churnops.handlers;

import dev.churnops.core.features.PointInTimeTrainingSet;
import dev.churnops.core.pipeline.PrepareMonitoringWindow;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Step {@code PrepareWindow} of the monitoring workflow: resolves the monitored model version and
 * writes the window of customers the checks read (captured scores, a customer CSV, or a feature
 * view's snapshot from the offline store). Answers with the use case's result plus the
 * run's date, which the checks and the decision share.
 */
public final class PrepareMonitoringHandler extends JsonHandler<PrepareMonitoringHandler.Event, PrepareMonitoringHandler.Result> {

    /**
     * Defaults: modelName null means {@code CHURNOPS_MODEL_NAME}; model null means the champion;
     * date null means today (UTC); windowDays null means 1; currentKey and featureView null mean the
     * captured scores of the window's days; activityDays null means the training sets' default (90).
     */
    public record Event(String executionId, String modelName, String model, String date, Integer windowDays,
                        String currentKey, String labelsKey, String idColumn, String featureView, Integer activityDays) {
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
        // The offline store is only built for a feature-view window: other windows never load its classes.
        PrepareMonitoringWindow use = event.featureView() == null
                ? new PrepareMonitoringWindow(services.blobs(), services.registry())
                : new PrepareMonitoringWindow(services.blobs(), services.registry(), services.features().offline(),
                        services.features().states().registry());
        PrepareMonitoringWindow.Result r = use.run(
                new PrepareMonitoringWindow.Command(required(event.executionId(), "executionId"),
                        services.settings().modelName(event.modelName()),
                        event.model() == null ? dev.churnops.core.port.ModelRegistry.CHAMPION : event.model(), date,
                        event.windowDays() == null ? 1 : event.windowDays(), event.currentKey(), event.labelsKey(),
                        event.idColumn(), event.featureView(),
                        event.activityDays() == null ? PointInTimeTrainingSet.DEFAULT_ACTIVITY_DAYS : event.activityDays()));
        return new Result(r.modelName(), r.version(), date.toString(), r.windowKey(), r.source(), r.rows(), r.scored(),
                r.rejected(), r.rejectedKey(), r.otherVersions(), r.labelsKey(), r.labelledRows(), r.labelsObserved(), r.empty());
    }
}
