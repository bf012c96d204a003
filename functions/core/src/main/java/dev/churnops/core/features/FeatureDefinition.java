package dev.churnops.core.features;

import dev.churnops.core.events.EventColumn;
import dev.churnops.core.events.EventSource;
import java.util.Map;
import java.util.TreeMap;

/**
 * One feature of the registry: what it means, who owns it, and how it is computed from one event
 * source (or {@code derived} from two other features). Checks everything it can on its own when
 * built, failing with a sentence naming the feature, the property and the value; checks that need
 * the whole registry (views, duplicates, ratio operands) live in {@link FeatureRegistry}.
 *
 * @param window       whole UTC days the aggregation looks back, or null for every event so far
 * @param field        the numeric or category column the aggregation reads, when it needs one
 * @param filter       column = value conditions a row must meet (all of them); empty for every row
 * @param perFilter    for {@code share}: the rows the share is taken of (empty: every row)
 * @param minusFilter  for {@code balance}: the rows subtracted
 * @param numerator    for {@code ratio}: the feature divided
 * @param denominator  for {@code ratio}: the feature divided by
 */
public record FeatureDefinition(String name, String description, String entity, FeatureSchema.ValueType type,
                                String source, Integer window, Aggregation aggregation, String field,
                                Map<String, String> filter, Map<String, String> perFilter, Map<String, String> minusFilter,
                                String numerator, String denominator, String owner, String view, Role role) {

    /** The source name of features computed from other features. */
    public static final String DERIVED = "derived";
    /** The longest window a feature may have, in days. */
    public static final int MAX_WINDOW_DAYS = 730;
    /** The computed order-line value {@code quantity * unit_price * (1 - discount)} of the orders source. */
    public static final String NET_AMOUNT = "net_amount";

    /** Whether a column is a model input or only supports labels and eligibility. */
    public enum Role {
        FEATURE("feature"), LABEL_SUPPORT("label_support");

        private final String jsonName;

        Role(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }

        static Role of(String name, String feature) {
            for (Role r : values()) {
                if (r.jsonName.equals(name)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("feature '" + feature + "' has unknown role '" + name
                    + "': expected feature or label_support");
        }
    }

    public FeatureDefinition {
        if (name == null || !name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("feature name '" + name
                    + "' must be 1-63 lower-case letters, digits and underscores, starting with a letter");
        }
        require(description, name, "description", "say what the value means");
        require(owner, name, "owner", "name the team answering for it");
        require(view, name, "view", "name the feature view it belongs to");
        if (!FeatureSchema.ENTITY.equals(entity)) {
            throw new IllegalArgumentException("feature '" + name + "' has entity '" + entity + "': expected '"
                    + FeatureSchema.ENTITY + "'");
        }
        if (aggregation == null) {
            throw new IllegalArgumentException("feature '" + name + "' has no aggregation");
        }
        role = role == null ? Role.FEATURE : role;
        filter = canonical(filter);
        perFilter = canonical(perFilter);
        minusFilter = canonical(minusFilter);
        FeatureSchema.ValueType expectedType = aggregation == Aggregation.VALUE ? FeatureSchema.ValueType.STRING
                : FeatureSchema.ValueType.DOUBLE;
        if (type != expectedType) {
            throw new IllegalArgumentException("feature '" + name + "' has type '" + lower(type) + "': aggregation '"
                    + aggregation.jsonName() + "' gives " + lower(expectedType));
        }
        checkWindow(name, aggregation, window);
        if (DERIVED.equals(source)) {
            if (aggregation != Aggregation.RATIO) {
                throw new IllegalArgumentException("feature '" + name + "' is derived with aggregation '"
                        + aggregation.jsonName() + "': derived features use aggregation 'ratio'");
            }
            require(numerator, name, "numerator", "name the feature to divide");
            require(denominator, name, "denominator", "name the feature to divide by");
            if (field != null || !filter.isEmpty() || !perFilter.isEmpty() || !minusFilter.isEmpty()) {
                throw new IllegalArgumentException("feature '" + name + "' is derived but gives a field or filter: a ratio only names its numerator and denominator");
            }
        } else {
            EventSource events = sourceOf(name, source);
            if (aggregation == Aggregation.RATIO) {
                throw new IllegalArgumentException("feature '" + name + "' uses aggregation 'ratio' on source '" + source
                        + "': ratios are of source 'derived'");
            }
            if (numerator != null || denominator != null) {
                throw new IllegalArgumentException("feature '" + name + "' gives a numerator or denominator: only 'ratio' features have them");
            }
            checkField(name, events, aggregation, field);
            checkFilter(name, events, "filter", filter);
            checkFilter(name, events, "per_filter", perFilter);
            checkFilter(name, events, "minus_filter", minusFilter);
            if (!perFilter.isEmpty() && aggregation != Aggregation.SHARE) {
                throw new IllegalArgumentException("feature '" + name + "' gives per_filter: only 'share' features have one");
            }
            if (aggregation == Aggregation.BALANCE && minusFilter.isEmpty()) {
                throw new IllegalArgumentException("feature '" + name + "' is a balance without minus_filter: name the rows to subtract");
            }
            if (!minusFilter.isEmpty() && aggregation != Aggregation.BALANCE) {
                throw new IllegalArgumentException("feature '" + name + "' gives minus_filter: only 'balance' features have one");
            }
            if (aggregation == Aggregation.VALUE && events != EventSource.CUSTOMERS) {
                throw new IllegalArgumentException("feature '" + name + "' reads a value from source '" + source
                        + "': 'value' reads the profile row, source 'customers'");
            }
        }
    }

    /** The event source of a non-derived feature. */
    public EventSource eventSource() {
        if (isDerived()) {
            throw new IllegalStateException("feature '" + name + "' is derived: it has no event source");
        }
        return EventSource.of(source);
    }

    public boolean isDerived() {
        return DERIVED.equals(source);
    }

    /** The number of days of events the feature needs before the time: its window, twice it for a trend, 0 for lifetime. */
    public int spanDays() {
        if (window == null) {
            return 0;
        }
        return aggregation == Aggregation.TREND ? 2 * window : window;
    }

    private static EventSource sourceOf(String name, String source) {
        return EventSource.find(source).orElseThrow(() -> new IllegalArgumentException("feature '" + name
                + "' has unknown source '" + source + "': expected one of " + EventSource.names() + " or '" + DERIVED + "'"));
    }

    private static void checkWindow(String name, Aggregation aggregation, Integer window) {
        if (window != null && (window < 1 || window > MAX_WINDOW_DAYS)) {
            throw new IllegalArgumentException("feature '" + name + "' has window " + window + ": expected 1 to "
                    + MAX_WINDOW_DAYS + " days, or null for every event so far");
        }
        if (window == null && aggregation.windowRule() == Aggregation.WindowRule.REQUIRED) {
            throw new IllegalArgumentException("feature '" + name + "' has no window: aggregation '"
                    + aggregation.jsonName() + "' needs one");
        }
        if (window != null && aggregation.windowRule() == Aggregation.WindowRule.FORBIDDEN) {
            throw new IllegalArgumentException("feature '" + name + "' has window " + window + ": aggregation '"
                    + aggregation.jsonName() + "' looks at every event so far; give window null");
        }
    }

    private static void checkField(String name, EventSource events, Aggregation aggregation, String field) {
        if (!aggregation.needsField()) {
            if (field != null) {
                throw new IllegalArgumentException("feature '" + name + "' gives field '" + field + "': aggregation '"
                        + aggregation.jsonName() + "' reads no field");
            }
            return;
        }
        if (field == null) {
            throw new IllegalArgumentException("feature '" + name + "' has no field: aggregation '"
                    + aggregation.jsonName() + "' needs one");
        }
        if (aggregation == Aggregation.SUM || aggregation == Aggregation.MEAN) {
            if (events == EventSource.ORDERS && NET_AMOUNT.equals(field)) {
                return;
            }
            EventColumn column = column(name, events, field);
            if (column.kind() != EventColumn.Kind.INTEGER && column.kind() != EventColumn.Kind.DECIMAL) {
                throw new IllegalArgumentException("feature '" + name + "' sums field '" + field + "' of source '"
                        + events.sourceName() + "', which is " + lower(column.kind()) + ": expected a number column"
                        + (events == EventSource.ORDERS ? " or '" + NET_AMOUNT + "'" : ""));
            }
        } else if (aggregation.overCategories()) {
            column(name, events, field);
            if (!field.equals("category") && !field.equals("top_category")) {
                throw new IllegalArgumentException("feature '" + name + "' counts categories of field '" + field
                        + "': expected a product category column (category or top_category)");
            }
        } else {
            EventColumn column = column(name, events, field);
            if (column.kind() != EventColumn.Kind.STRING) {
                throw new IllegalArgumentException("feature '" + name + "' takes the value of field '" + field
                        + "', which is " + lower(column.kind()) + ": expected a text column");
            }
        }
    }

    private static void checkFilter(String name, EventSource events, String what, Map<String, String> conditions) {
        for (Map.Entry<String, String> e : conditions.entrySet()) {
            EventColumn column = column(name, events, e.getKey());
            if (column.name().equals(FeatureSchema.ENTITY) || column.name().equals(events.timeColumn())) {
                throw new IllegalArgumentException("feature '" + name + "' filters on column '" + column.name()
                        + "' in " + what + ": the customer and the time cannot be filtered on");
            }
            String value = e.getValue();
            if (value == null) {
                throw new IllegalArgumentException("feature '" + name + "' has no value for column '" + column.name() + "' in " + what);
            }
            if (!column.allowed().isEmpty() && !column.allowed().contains(value)) {
                throw new IllegalArgumentException("feature '" + name + "' filters column '" + column.name() + "' on '"
                        + value + "' in " + what + ": expected one of " + new java.util.TreeSet<>(column.allowed()));
            }
            if (column.kind() == EventColumn.Kind.INTEGER) {
                long parsed;
                try {
                    parsed = Long.parseLong(value);
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("feature '" + name + "' filters integer column '" + column.name()
                            + "' on '" + value + "' in " + what + ": expected a whole number");
                }
                if (parsed < column.min() || parsed > column.max()) {
                    throw new IllegalArgumentException("feature '" + name + "' filters column '" + column.name() + "' on "
                            + parsed + " in " + what + ": expected " + (long) column.min() + " to " + (long) column.max());
                }
            }
            if (column.kind() == EventColumn.Kind.DECIMAL || column.kind() == EventColumn.Kind.TIMESTAMP) {
                throw new IllegalArgumentException("feature '" + name + "' filters " + lower(column.kind()) + " column '"
                        + column.name() + "' in " + what + ": filters compare text, integers and flags only");
            }
        }
    }

    private static EventColumn column(String name, EventSource events, String field) {
        for (EventColumn c : events.columns()) {
            if (c.name().equals(field)) {
                return c;
            }
        }
        throw new IllegalArgumentException("feature '" + name + "' names field '" + field + "', which source '"
                + events.sourceName() + "' does not have: its columns are "
                + events.columns().stream().map(EventColumn::name).toList());
    }

    private static Map<String, String> canonical(Map<String, String> conditions) {
        // Sorted, so the same conditions written in another order share one accumulator.
        return conditions == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(conditions));
    }

    private static void require(String value, String name, String property, String hint) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("feature '" + name + "' has no " + property + ": " + hint);
        }
    }

    private static String lower(Object value) {
        return value == null ? "null" : value.toString().toLowerCase(java.util.Locale.ROOT);
    }
}
