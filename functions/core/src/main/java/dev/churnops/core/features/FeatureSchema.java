package dev.churnops.core.features;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The columns of a feature view as stores hold them: after the entity id and the event time, each
 * feature is either a number ({@link ValueType#DOUBLE}; counts too, missing as NaN) or text
 * ({@link ValueType#STRING}; missing as null). The offline Parquet files, the online store and
 * the training sets all use this order.
 */
public record FeatureSchema(String view, List<Column> columns) {

    /** The two kinds of stored feature value. */
    public enum ValueType { DOUBLE, STRING }

    public record Column(String name, ValueType type) {
        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /** The entity column every view is keyed by. */
    public static final String ENTITY = "customer_id";
    /** The instant (epoch seconds) a row's values hold as of. */
    public static final String EVENT_TIME = "event_time";
    /** When the row was written (epoch seconds): a late write of an old event time is visible as such. */
    public static final String WRITE_TIME = "write_time";

    public FeatureSchema {
        if (view == null || !view.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("feature view name '" + view
                    + "' must be 1-63 lower-case letters, digits and underscores, starting with a letter");
        }
        columns = List.copyOf(columns);
        Set<String> seen = new HashSet<>(List.of(ENTITY, EVENT_TIME, WRITE_TIME));
        for (Column c : columns) {
            if (!seen.add(c.name())) {
                throw new IllegalArgumentException("feature view '" + view + "' has column '" + c.name()
                        + "' twice (or under a reserved name: " + ENTITY + ", " + EVENT_TIME + ", " + WRITE_TIME + ")");
            }
        }
    }

    public int size() {
        return columns.size();
    }

    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("feature view '" + view + "' has no feature '" + name + "'");
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }
}
