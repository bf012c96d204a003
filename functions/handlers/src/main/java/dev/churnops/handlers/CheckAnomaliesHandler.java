package dev.churnops.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.monitoring.AnomalyChecks;
import dev.churnops.core.monitoring.AnomalyConfig;
import dev.churnops.core.pipeline.CheckAnomalies;
import dev.churnops.core.pipeline.CheckResult;

/**
 * Step {@code CheckAnomalies} of the monitoring workflow. {@code api}, when given, holds the scoring
 * API's figures for the window: {@code {"requests": n, "serverErrors": n, "p99Millis": x}}.
 */
public final class CheckAnomaliesHandler extends JsonHandler<CheckEvent, CheckResult> {

    public CheckAnomaliesHandler() {
        this(Services.fromEnvironment());
    }

    public CheckAnomaliesHandler(Services services) {
        super(CheckEvent.class, services);
    }

    @Override
    protected CheckResult handle(CheckEvent event) {
        byte[] config = event.configJson();
        return new CheckAnomalies(services.blobs()).run(event.load(services),
                event.rejected() == null ? 0 : event.rejected(), api(event.api()),
                config == null ? AnomalyConfig.defaults() : AnomalyConfig.read(config,
                        "the anomaly config of the monitoring run"), services.clock().instant());
    }

    private static AnomalyChecks.ApiFigures api(JsonNode api) {
        if (api == null || api.isNull() || api.isMissingNode()) {
            return null;
        }
        if (!api.path("requests").canConvertToLong() || !api.path("serverErrors").canConvertToLong()) {
            throw new InvalidEventException("event field 'api' needs whole numbers 'requests' and 'serverErrors'"
                    + " (and optionally 'p99Millis'); got " + api);
        }
        JsonNode p99 = api.get("p99Millis");
        return new AnomalyChecks.ApiFigures(api.get("requests").asLong(), api.get("serverErrors").asLong(),
                p99 == null || p99.isNull() ? null : p99.asDouble());
    }
}
