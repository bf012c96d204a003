package dev.churnops.core.features;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a feature turns a customer's events into one value as of a time. Windowed aggregations look
 * at the whole UTC days {@code (asOfDay - window, asOfDay]}; without a window they look at every
 * event at or before the time. The registry checks each definition against
 * {@link #needsField()}, {@link #windowRule()} and the other rules here when it loads.
 */
public enum Aggregation {
    /** Rows matching the filter. */
    COUNT("count", false, WindowRule.OPTIONAL),
    /** Sum of a numeric field over rows matching the filter. */
    SUM("sum", true, WindowRule.OPTIONAL),
    /** Mean of a numeric field over matching rows that have it; missing when none has. */
    MEAN("mean", true, WindowRule.OPTIONAL),
    /** Rows matching {@code filter} per row matching {@code per_filter} (all rows when absent); missing when the latter are none. */
    SHARE("share", false, WindowRule.OPTIONAL),
    /** (matching rows in the last window + 1) / (matching rows in the window before + 1). */
    TREND("trend", false, WindowRule.REQUIRED),
    /** Distinct product categories of matching rows (unknown categories count as one). */
    DISTINCT("distinct", true, WindowRule.OPTIONAL),
    /** Shannon entropy in bits of matching rows over product categories; missing without rows. */
    ENTROPY("entropy", true, WindowRule.OPTIONAL),
    /** Share of matching rows in the most frequent product category; missing without rows. */
    TOP_SHARE("top_share", true, WindowRule.OPTIONAL),
    /** Fractional days from the latest matching event to the time; missing without one. */
    DAYS_SINCE_LAST("days_since_last", false, WindowRule.OPTIONAL),
    /** Epoch seconds of the latest matching event at or before the time; missing without one. */
    LAST_TIME("last_time", false, WindowRule.FORBIDDEN),
    /** Epoch seconds of the earliest matching event, when it is at or before the time. */
    FIRST_TIME("first_time", false, WindowRule.FORBIDDEN),
    /** Fractional days from the earliest matching event to the time. */
    DAYS_SINCE_FIRST("days_since_first", false, WindowRule.FORBIDDEN),
    /** Rows matching {@code filter} minus rows matching {@code minus_filter}, never below zero. */
    BALANCE("balance", false, WindowRule.OPTIONAL),
    /** A text field of the customer's profile row (the customers source). */
    VALUE("value", true, WindowRule.FORBIDDEN),
    /** A derived feature: {@code numerator} / {@code denominator}, two other numeric features; missing when the denominator is 0. */
    RATIO("ratio", false, WindowRule.FORBIDDEN);

    /** Whether a definition may, must or must not give a window. */
    public enum WindowRule { OPTIONAL, REQUIRED, FORBIDDEN }

    private final String jsonName;
    private final boolean needsField;
    private final WindowRule windowRule;

    Aggregation(String jsonName, boolean needsField, WindowRule windowRule) {
        this.jsonName = jsonName;
        this.needsField = needsField;
        this.windowRule = windowRule;
    }

    public String jsonName() {
        return jsonName;
    }

    public boolean needsField() {
        return needsField;
    }

    public WindowRule windowRule() {
        return windowRule;
    }

    /** True for aggregations over product categories. */
    public boolean overCategories() {
        return this == DISTINCT || this == ENTROPY || this == TOP_SHARE;
    }

    /** The aggregation written {@code name} in the registry file; fails naming the known ones. */
    public static Aggregation of(String name, String feature) {
        for (Aggregation a : values()) {
            if (a.jsonName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("feature '" + feature + "' has unknown aggregation '" + name
                + "': expected one of " + Arrays.stream(values()).map(Aggregation::jsonName).collect(Collectors.joining(", ")));
    }
}
