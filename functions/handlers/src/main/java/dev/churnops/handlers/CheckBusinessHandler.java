package dev.churnops.handlers;

import dev.churnops.core.monitoring.BusinessConfig;
import dev.churnops.core.pipeline.CheckBusiness;
import dev.churnops.core.pipeline.CheckResult;

/** Step {@code CheckBusiness} of the monitoring workflow: segments, churn rate, revenue at risk, campaign return. */
public final class CheckBusinessHandler extends JsonHandler<CheckEvent, CheckResult> {

    public CheckBusinessHandler() {
        this(Services.fromEnvironment());
    }

    public CheckBusinessHandler(Services services) {
        super(CheckEvent.class, services);
    }

    @Override
    protected CheckResult handle(CheckEvent event) {
        byte[] config = event.configJson();
        return new CheckBusiness(services.blobs()).run(event.load(services), event.labelsKey(),
                config == null ? null : BusinessConfig.read(config, "the business config of the monitoring run"));
    }
}
