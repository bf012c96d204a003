package dev.churnops.handlers;

import java.util.Map;

/**
 * Step {@code PublishDataQuality}: records row counts and the quarantine rate as metrics, and says
 * whether the file is an anomaly so the state machine can alert: a quarantine rate above
 * {@code CHURNOPS_MAX_QUARANTINE_RATE}, or a day's volume far from the week before (validation's
 * {@code volumeAnomalies}, event sources only).
 */
public final class PublishDataQualityHandler extends JsonHandler<PublishDataQualityHandler.Event, PublishDataQualityHandler.Result> {

    /** {@code volumeAnomalies} may be absent or null (a customer table has none). */
    public record Event(String executionId, String source, Integer rowsIn, Integer rowsValid, Integer rowsQuarantined,
                        java.util.List<String> volumeAnomalies) {
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
        java.util.List<String> volume = event.volumeAnomalies() == null ? java.util.List.of() : event.volumeAnomalies();
        services.metrics().put("VolumeAnomaly", volume.isEmpty() ? 0 : 1, "Count", dims);
        double max = services.settings().maxQuarantineRate();
        boolean anomaly = rate > max || !volume.isEmpty();
        String message = String.format(java.util.Locale.ROOT, "%d of %d rows quarantined (%.2f%%); alert threshold %.2f%%",
                quarantined, in, rate * 100, max * 100);
        if (!volume.isEmpty()) {
            message = message + "; " + String.join("; ", volume);
        }
        return new Result(rate, anomaly, message);
    }
}
