package dev.churnops.handlers;

import dev.churnops.core.pipeline.MaterializeFeatures;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Step {@code MaterializeFeatures}: every known customer's features as of the end of a day, to the
 * offline store (a new Parquet file) and the online store.
 */
public final class MaterializeFeaturesHandler extends JsonHandler<MaterializeFeaturesHandler.Event, MaterializeFeatures.Result> {

    /**
     * {@code date} (YYYY-MM-DD), or {@code triggerTime} (a scheduled event's ISO-8601 time: the day
     * before it); {@code online} false leaves the online store alone (a backfill day), default true.
     */
    public record Event(String executionId, String date, String triggerTime, Boolean online) {
    }

    public MaterializeFeaturesHandler() {
        this(Services.fromEnvironment());
    }

    public MaterializeFeaturesHandler(Services services) {
        super(Event.class, services);
    }

    @Override
    protected MaterializeFeatures.Result handle(Event event) {
        FeatureStores features = services.features();
        return new MaterializeFeatures(features.states(), features.offline(), features.online(), services.clock())
                .run(new MaterializeFeatures.Command(required(event.executionId(), "executionId"),
                        event.date() == null ? null : date(event.date()),
                        event.triggerTime() == null ? null : instant(event.triggerTime()), !Boolean.FALSE.equals(event.online())));
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("event field 'date' is '" + value + "': expected a day as YYYY-MM-DD");
        }
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("event field 'triggerTime' is '" + value
                    + "': expected an ISO-8601 instant such as 2026-12-02T01:00:00Z");
        }
    }
}
