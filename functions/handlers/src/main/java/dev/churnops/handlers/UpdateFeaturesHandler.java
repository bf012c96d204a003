package dev.churnops.handlers;

import dev.churnops.core.pipeline.FeatureStates;
import dev.churnops.core.pipeline.UpdateFeatures;

/** Step {@code UpdateFeatures}: applies an ingestion's validated event file to the feature state, once. */
public final class UpdateFeaturesHandler extends JsonHandler<UpdateFeaturesHandler.Event, FeatureStates.Applied> {

    /** {@code validatedKey} is null when the file had no valid row. */
    public record Event(String executionId, String source, String validatedKey, String rawKey, String rawSha256) {
    }

    public UpdateFeaturesHandler() {
        this(Services.fromEnvironment());
    }

    public UpdateFeaturesHandler(Services services) {
        super(Event.class, services);
    }

    @Override
    protected FeatureStates.Applied handle(Event event) {
        return new UpdateFeatures(services.features().states(), services.blobs()).run(new UpdateFeatures.Command(
                required(event.executionId(), "executionId"), required(event.source(), "source"), event.validatedKey(),
                event.rawSha256()));
    }
}
