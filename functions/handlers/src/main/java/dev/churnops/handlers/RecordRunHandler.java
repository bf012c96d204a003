package dev.churnops.handlers;

import dev.churnops.core.pipeline.RecordRun;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Step {@code RecordRun}: the run's record under {@code runs/<model>/<execution>.json}, and its copy on
 * the MLflow tracking server when one is configured. The training state machine calls it last, on its
 * success path ({@code outcome} {@code completed}) and after either failure alert ({@code failed}),
 * with every step's result so far (null for a step that never finished). A tracking failure is in the
 * result's {@code warnings} and in the function's log; it does not fail the step.
 */
public final class RecordRunHandler extends JsonHandler<RecordRunHandler.Event, RecordRun.Result> {

    public record Event(String executionId, String startTime, String outcome, String modelName, String source,
                        String trigger, Long seed, Map<String, String> hyperparameters, String objective,
                        RecordRun.TrainingSetStep trainingSet, RecordRun.TrainingStep training,
                        RecordRun.EvaluationStep evaluation, RecordRun.GateStep gate,
                        RecordRun.RegistrationStep registration, RecordRun.ReportStep report, RecordRun.StepError error,
                        Map<String, Object> config) {
    }

    public RecordRunHandler() {
        this(Services.fromEnvironment());
    }

    public RecordRunHandler(Services services) {
        super(Event.class, services);
    }

    @Override
    protected RecordRun.Result handle(Event event) {
        RecordRun.Outcome outcome;
        Instant started;
        try {
            outcome = RecordRun.Outcome.parse(required(event.outcome(), "outcome"));
            started = Instant.parse(required(event.startTime(), "startTime"));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidEventException("RecordRunHandler event: " + e.getMessage());
        }
        RecordRun.Result result = new RecordRun(services.blobs(), services.experiments()).run(new RecordRun.Command(
                required(event.executionId(), "executionId"), services.settings().modelName(event.modelName()), outcome,
                started, services.clock().instant(), event.trigger(), event.source(),
                event.seed() == null ? 42L : event.seed(), event.hyperparameters(), event.objective(),
                services.settings().codeVersion(),
                new RecordRun.Steps(event.trainingSet(), event.training(), event.evaluation(), event.gate(),
                        event.registration(), event.report(), event.error()), event.config()));
        // The function's log (CloudWatch on Lambda, the console locally) carries the warning as well.
        result.warnings().forEach(w -> System.err.println("RecordRun " + event.executionId() + ": " + w));
        return result;
    }
}
