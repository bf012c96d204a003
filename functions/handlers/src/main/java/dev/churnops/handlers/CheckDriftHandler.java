package dev.churnops.handlers;

import dev.churnops.core.monitoring.DriftConfig;
import dev.churnops.core.pipeline.CheckDrift;
import dev.churnops.core.pipeline.CheckResult;

/** Step {@code CheckDrift} of the monitoring workflow: data and prediction drift against the training baseline. */
public final class CheckDriftHandler extends JsonHandler<CheckEvent, CheckResult> {

    public CheckDriftHandler() {
        this(Services.fromEnvironment());
    }

    public CheckDriftHandler(Services services) {
        super(CheckEvent.class, services);
    }

    @Override
    protected CheckResult handle(CheckEvent event) {
        byte[] config = event.configJson();
        return new CheckDrift(services.blobs(), services.registry()).run(event.load(services),
                config == null ? DriftConfig.defaults() : DriftConfig.read(config, "the drift config of the monitoring run"));
    }
}
