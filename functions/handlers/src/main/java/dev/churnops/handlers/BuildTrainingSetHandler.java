package dev.churnops.handlers;

import dev.churnops.core.features.PointInTimeTrainingSet;
import dev.churnops.core.pipeline.BuildTrainingSet;

/**
 * Step {@code BuildTrainingSet}: scikit-learn's stratified train / test split of a validated
 * customer table (and validation rows cut from the training rows when a validation share is
 * given), or, when {@code featureView} is set, point-in-time splits from the offline feature store.
 */
public final class BuildTrainingSetHandler extends JsonHandler<BuildTrainingSetHandler.Event, BuildTrainingSet.Result> {

    /**
     * Defaults: seed 42, test share 0.2, validation share 0 (no validation rows: training chooses on
     * out-of-fold predictions); validatedKey null means the newest of the source. Point in time: horizon 30 days, activity window 90 days, 6 monthly cutoffs.
     */
    public record Event(String executionId, String source, String validatedKey, Long seed, Double validationShare,
                        Double testShare, String featureView, Integer horizonDays, Integer activityDays, Integer cutoffs) {
    }

    /** Monthly cutoffs of a point-in-time set when the event does not say. */
    public static final int DEFAULT_CUTOFFS = 6;

    public BuildTrainingSetHandler() {
        this(Services.fromEnvironment());
    }

    public BuildTrainingSetHandler(Services services) {
        super(Event.class, services);
    }

    @Override
    protected BuildTrainingSet.Result handle(Event event) {
        BuildTrainingSet.PointInTime pointInTime = event.featureView() == null ? null
                : new BuildTrainingSet.PointInTime(event.featureView(),
                        event.horizonDays() == null ? PointInTimeTrainingSet.DEFAULT_HORIZON_DAYS : event.horizonDays(),
                        event.activityDays() == null ? PointInTimeTrainingSet.DEFAULT_ACTIVITY_DAYS : event.activityDays(),
                        event.cutoffs() == null ? DEFAULT_CUTOFFS : event.cutoffs());
        BuildTrainingSet use = pointInTime == null ? new BuildTrainingSet(services.blobs())
                : new BuildTrainingSet(services.blobs(), services.features().offline(), services.features().states().registry());
        return use.run(new BuildTrainingSet.Command(
                required(event.executionId(), "executionId"), event.source(), event.validatedKey(),
                event.seed() == null ? 42L : event.seed(),
                event.validationShare() == null ? 0.0 : event.validationShare(),
                event.testShare() == null ? 0.2 : event.testShare(), pointInTime));
    }
}
