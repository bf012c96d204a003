package dev.churnops.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.pipeline.MonitoringRun;

/**
 * The event of every check of the monitoring workflow: the run, the model version and the window
 * the prepare step wrote, the labels when known, and the check's own config (null for its
 * defaults). {@code rows}, {@code rejected} and {@code api} are read by the anomaly check only.
 */
public record CheckEvent(String executionId, String date, String modelName, Integer version, String windowKey,
                         String labelsKey, Boolean labelsObserved, Integer rows, Integer rejected, JsonNode api, JsonNode config) {

    /** Loads the model version's card, baseline and the window. */
    MonitoringRun load(Services services) {
        if (executionId == null || date == null || modelName == null || version == null || windowKey == null) {
            throw new JsonHandler.InvalidEventException("a monitoring check event needs executionId, date, modelName,"
                    + " version and windowKey (the PrepareWindow step's result); got " + this);
        }
        return MonitoringRun.load(services.blobs(), services.registry(), executionId, EventDates.parse(date, "date"),
                modelName, version, windowKey);
    }

    /** The check's config as JSON bytes, or null for its defaults. */
    byte[] configJson() {
        return config == null || config.isNull() ? null : config.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
