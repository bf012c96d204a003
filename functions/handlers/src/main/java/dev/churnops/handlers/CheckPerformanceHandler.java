package dev.churnops.handlers;

import dev.churnops.core.monitoring.PerformanceConfig;
import dev.churnops.core.pipeline.CheckPerformance;
import dev.churnops.core.pipeline.CheckResult;

/** Step {@code CheckPerformance} of the monitoring workflow: ROC-AUC, F1, precision and recall on the labels that arrived. */
public final class CheckPerformanceHandler extends JsonHandler<CheckEvent, CheckResult> {

    public CheckPerformanceHandler() {
        this(Services.fromEnvironment());
    }

    public CheckPerformanceHandler(Services services) {
        super(CheckEvent.class, services);
    }

    @Override
    protected CheckResult handle(CheckEvent event) {
        byte[] config = event.configJson();
        return new CheckPerformance(services.blobs()).run(event.load(services), event.labelsKey(),
                Boolean.TRUE.equals(event.labelsObserved()),
                config == null ? PerformanceConfig.defaults() : PerformanceConfig.read(config,
                        "the performance config of the monitoring run"), services.clock().instant());
    }
}
