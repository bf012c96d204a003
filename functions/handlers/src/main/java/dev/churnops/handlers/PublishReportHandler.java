package dev.churnops.handlers;

import dev.churnops.core.pipeline.PublishReport;
import java.util.Map;

/** Step {@code PublishReport}: the self-contained HTML report of a training execution. */
public final class PublishReportHandler extends JsonHandler<PublishReportHandler.Event, PublishReportHandler.Result> {

    public record Event(String executionId, String evaluationKey, String decisionKey, String dataFingerprint,
                        Long rowsIn, Long rowsValid, Long rowsQuarantined, Map<String, Double> trainingMetrics) {
    }

    public record Result(String reportKey) {
    }

    public PublishReportHandler() {
        this(Services.fromEnvironment());
    }

    public PublishReportHandler(Services services) {
        super(Event.class, services);
    }

    @Override
    protected Result handle(Event event) {
        long valid = event.rowsValid() == null ? 0 : event.rowsValid();
        long quarantined = event.rowsQuarantined() == null ? 0 : event.rowsQuarantined();
        long in = event.rowsIn() == null ? valid + quarantined : event.rowsIn();
        return new Result(new PublishReport(services.blobs()).run(new PublishReport.Command(
                required(event.executionId(), "executionId"), required(event.evaluationKey(), "evaluationKey"),
                event.decisionKey(), event.dataFingerprint(), services.settings().codeVersion(), in, valid, quarantined,
                event.trainingMetrics())));
    }
}
