package dev.churnops.handlers;

import java.util.Map;

/**
 * Step {@code PublishDataQuality}: records row counts and the quarantine rate as metrics, and says
 * whether the rate is an anomaly (above {@code CHURNOPS_MAX_QUARANTINE_RATE}) so the state machine
 * can alert.
 */
public final class PublishDataQualityHandler extends JsonHandler<PublishDataQualityHandler.Event, PublishDataQualityHandler.Result> {

    public record Event(String executionId, String source, Integer rowsIn, Integer rowsValid, Integer rowsQuarantined) {
    }

    public record Result(double quarantineRate, boolean anomaly, String message) {
    }

    public PublishDataQualityHandler() {
        this(Services.fromEnvironment());
    }

    public PublishDataQualityHandler(Services services) {
        super(Event.class, services);
    }

    @Override
    protected Result handle(Event event) {
        int in = required(event.rowsIn(), "rowsIn");
        int valid = required(event.rowsValid(), "rowsValid");
        int quarantined = required(event.rowsQuarantined(), "rowsQuarantined");
        if (valid + quarantined != in) {
            throw new InvalidEventException("rowsValid (" + valid + ") + rowsQuarantined (" + quarantined
                    + ") must equal rowsIn (" + in + ")");
        }
        Map<String, String> dims = Map.of("Source", required(event.source(), "source"));
        double rate = in == 0 ? 0.0 : (double) quarantined / in;
        services.metrics().put("RowsIn", in, "Count", dims);
        services.metrics().put("RowsValid", valid, "Count", dims);
        services.metrics().put("RowsQuarantined", quarantined, "Count", dims);
        services.metrics().put("QuarantineRate", rate, "None", dims);
        double max = services.settings().maxQuarantineRate();
        boolean anomaly = rate > max;
        String message = String.format(java.util.Locale.ROOT, "%d of %d rows quarantined (%.2f%%); alert threshold %.2f%%",
                quarantined, in, rate * 100, max * 100);
        return new Result(rate, anomaly, message);
    }
}
