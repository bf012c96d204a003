package dev.churnops.core.tracking;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * What happened when a run was also logged to an MLflow tracking server: {@code logged}, with the
 * experiment and MLflow run it went to, or {@code failed}, with the error and as far as it got (the
 * experiment and run ids are null when the failure came before they existed). The tracking URI is
 * recorded without any user information it may carry.
 */
public record TrackingResult(@JsonProperty("status") String status,
                             @JsonProperty("tracking_uri") String trackingUri,
                             @JsonProperty("experiment_id") String experimentId,
                             @JsonProperty("run_id") String runId,
                             @JsonProperty("error") String error) {

    public static final String LOGGED = "logged";
    public static final String FAILED = "failed";

    public TrackingResult {
        if (!LOGGED.equals(status) && !FAILED.equals(status)) {
            throw new IllegalArgumentException("tracking status '" + status + "' must be '" + LOGGED + "' or '" + FAILED + "'");
        }
        Objects.requireNonNull(trackingUri, "trackingUri");
        if (FAILED.equals(status) && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("a failed tracking result needs an error saying what failed");
        }
    }

    public static TrackingResult logged(String trackingUri, String experimentId, String runId) {
        return new TrackingResult(LOGGED, trackingUri, experimentId, runId, null);
    }

    public static TrackingResult failed(String trackingUri, String experimentId, String runId, String error) {
        return new TrackingResult(FAILED, trackingUri, experimentId, runId, error);
    }

    public boolean succeeded() {
        return LOGGED.equals(status);
    }
}
