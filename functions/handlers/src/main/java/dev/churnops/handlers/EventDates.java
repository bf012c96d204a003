package dev.churnops.handlers;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Reads the calendar-date fields of batch-scoring events, {@code YYYY-MM-DD}, failing with the field's name. */
final class EventDates {

    private EventDates() {
    }

    static LocalDate parse(String value, String field) {
        try {
            return LocalDate.parse(JsonHandler.required(value, field));
        } catch (DateTimeParseException e) {
            throw new JsonHandler.InvalidEventException("event field '" + field + "' is '" + value + "': expected a date YYYY-MM-DD");
        }
    }
}
