package dev.churnops.handlers;

import dev.churnops.core.pipeline.RegisterCandidate;
import java.util.Map;

/** Step {@code RegisterModel}: the next registry version, Approved and champion or Rejected, per the gate. */
public final class RegisterModelHandler extends JsonHandler<RegisterModelHandler.Event, RegisterCandidate.Result> {

    public record Event(String executionId, String modelName, String evaluationKey, Boolean approved, String dataFingerprint,
                        Map<String, Integer> rows) {
    }

    public RegisterModelHandler() {
        this(Services.fromEnvironment());
    }

    public RegisterModelHandler(Services services) {
        super(Event.class, services);
    }

    @Override
    protected RegisterCandidate.Result handle(Event event) {
        return new RegisterCandidate(services.blobs(), services.registry()).run(new RegisterCandidate.Command(
                required(event.executionId(), "executionId"), services.settings().modelName(event.modelName()),
                required(event.evaluationKey(), "evaluationKey"), required(event.approved(), "approved"),
                required(event.dataFingerprint(), "dataFingerprint"), services.settings().codeVersion(), event.rows()));
    }
}
