package dev.churnops.core.events;

import java.util.Set;

/**
 * One column of an event source: its name, the kind of value, whether it may be empty, and for
 * numbers the inclusive range, for enumerations the allowed values. Data quality checks rows
 * against these; the generator and feature computation rely on them.
 */
public record EventColumn(String name, Kind kind, boolean required, double min, double max, Set<String> allowed) {

    /** What a cell holds. */
    public enum Kind { ID, STRING, TIMESTAMP, INTEGER, DECIMAL, BOOLEAN }

    public EventColumn {
        allowed = allowed == null ? Set.of() : Set.copyOf(allowed);
    }

    static EventColumn id(String name) {
        return new EventColumn(name, Kind.ID, true, Double.NaN, Double.NaN, Set.of());
    }

    static EventColumn string(String name) {
        return new EventColumn(name, Kind.STRING, true, Double.NaN, Double.NaN, Set.of());
    }

    static EventColumn optionalString(String name) {
        return new EventColumn(name, Kind.STRING, false, Double.NaN, Double.NaN, Set.of());
    }

    static EventColumn oneOf(String name, String... values) {
        return new EventColumn(name, Kind.STRING, true, Double.NaN, Double.NaN, Set.of(values));
    }

    static EventColumn timestamp(String name) {
        return new EventColumn(name, Kind.TIMESTAMP, true, Double.NaN, Double.NaN, Set.of());
    }

    static EventColumn integer(String name, long min, long max) {
        return new EventColumn(name, Kind.INTEGER, true, min, max, Set.of());
    }

    static EventColumn optionalInteger(String name, long min, long max) {
        return new EventColumn(name, Kind.INTEGER, false, min, max, Set.of());
    }

    static EventColumn decimal(String name, double min, double max) {
        return new EventColumn(name, Kind.DECIMAL, true, min, max, Set.of());
    }

    static EventColumn bool(String name) {
        return new EventColumn(name, Kind.BOOLEAN, true, Double.NaN, Double.NaN, Set.of("true", "false"));
    }
}
