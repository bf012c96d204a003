package dev.churnops.core.pipeline;

import dev.churnops.core.events.EventSource;
import dev.churnops.core.port.BlobStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: apply a validated event file to the feature state, once. A file of a customer table
 * (a source that is not one of the shop's event sources, or one with a dataset config under
 * {@code config/datasets/}) or a file with no valid row passes
 * through with the reason; a file applied before (the same object delivered twice) is not counted
 * again.
 */
public final class UpdateFeatures {

    /** The validated file of an ingestion; {@code validatedKey} is null when no row was valid. */
    public record Command(String executionId, String source, String validatedKey, String rawSha256) {
        public Command {
            Objects.requireNonNull(executionId, "executionId");
            if (source == null || source.isBlank()) {
                throw new IllegalArgumentException("'source' is required: the raw/<source>/ the file arrived under");
            }
            if (validatedKey != null && (rawSha256 == null || !rawSha256.matches("[0-9a-f]{64}"))) {
                throw new IllegalArgumentException("'rawSha256' is '" + rawSha256 + "': expected the raw file's SHA-256 as 64 hex digits");
            }
        }
    }

    private final FeatureStates states;
    private final BlobStore blobs;

    public UpdateFeatures(FeatureStates states, BlobStore blobs) {
        this.states = states;
        this.blobs = blobs;
    }

    public FeatureStates.Applied run(Command command) {
        Optional<EventSource> source = EventSource.find(command.source());
        // As in ValidateData, a dataset config makes a source a customer table, even one named like an event source.
        if (source.isEmpty() || blobs.exists(BlobLayout.datasetConfig(command.source()))) {
            return new FeatureStates.Applied(false, "source '" + command.source()
                    + "' is a customer table, not an event source: it feeds training directly", 0, 0, null);
        }
        if (command.validatedKey() == null) {
            return new FeatureStates.Applied(false, "no valid row: nothing to apply", 0, states.load().customers(), null);
        }
        return states.apply(command.validatedKey(), command.rawSha256(), source.get());
    }
}
