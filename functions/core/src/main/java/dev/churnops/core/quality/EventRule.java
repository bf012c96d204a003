package dev.churnops.core.quality;

/**
 * The kinds of reasons an event row is quarantined for, each with the key it is counted under in
 * reports ({@code rejections_by_reason}). A row broken in several ways is counted once under each
 * kind it breaks.
 */
public enum EventRule {
    /** The file's source is neither an event source nor a configured dataset. */
    UNKNOWN_SOURCE("unknown_source"),
    /** The file as a whole cannot be read as its source: header differs, partition is not a date, empty. */
    UNUSABLE_FILE("unusable_file"),
    /** A row with more or fewer cells than the header. */
    COLUMN_COUNT("column_count"),
    /** A required cell is empty. */
    MISSING_VALUE("missing_value"),
    /** A cell is not of its column's kind: a malformed number, boolean or timestamp. */
    MALFORMED_VALUE("malformed_value"),
    /** A number outside its column's range. */
    OUT_OF_RANGE("out_of_range"),
    /** A value outside its column's allowed values. */
    NOT_ALLOWED("not_allowed"),
    /** The event time's UTC date is not the file's {@code dt=} partition. */
    OUTSIDE_PARTITION("outside_partition"),
    /** The event time is after the validation clock's now. */
    FUTURE_TIME("future_time"),
    /** The row's customer has not signed up. */
    UNKNOWN_CUSTOMER("unknown_customer"),
    /** A signup of a customer who has already signed up. */
    DUPLICATE_SIGNUP("duplicate_signup"),
    /** The event time is before the customer's signup. */
    BEFORE_SIGNUP("before_signup"),
    /** The row's key was already taken by an earlier valid row of the file. */
    DUPLICATE_KEY("duplicate_key");

    private final String key;

    EventRule(String key) {
        this.key = key;
    }

    /** The snake_case name used in reports and metrics. */
    public String key() {
        return key;
    }
}
