package dev.churnops.handlers;

import dev.churnops.core.pipeline.ValidateData;
import dev.churnops.core.quality.KnownCustomers;

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
        // KnownCustomers.NONE_YET until the feature state is wired in as the known customers: until
        // then every event but a signup is quarantined as of an unknown customer.
        return new ValidateData(services.blobs(), KnownCustomers.NONE_YET, services.clock()).run(new ValidateData.Command(
                required(event.key(), "key"), required(event.executionId(), "executionId")));
    }
}
