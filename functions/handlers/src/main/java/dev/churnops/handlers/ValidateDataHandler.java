package dev.churnops.handlers;

import dev.churnops.core.pipeline.ValidateData;

/** Step {@code ValidateData}: validates one raw file; rejected rows go to quarantine with reasons. */
public final class ValidateDataHandler extends JsonHandler<ValidateDataHandler.Event, ValidateData.Result> {

    /** The object that arrived (bucket is informational locally) and the execution it belongs to. */
    public record Event(String bucket, String key, String executionId) {
    }

    public ValidateDataHandler() {
        this(Services.fromEnvironment());
    }

    public ValidateDataHandler(Services services) {
        super(Event.class, services);
    }

    @Override
    protected ValidateData.Result handle(Event event) {
        return new ValidateData(services.blobs(), services.features().knownCustomers(), services.clock()).run(new ValidateData.Command(
                required(event.key(), "key"), required(event.executionId(), "executionId")));
    }
}
