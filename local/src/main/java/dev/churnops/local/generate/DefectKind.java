package dev.churnops.local.generate;

/**
 * The kinds of malformed row the generator injects so quarantine can be checked against known
 * counts. Each defective row has exactly one of these problems and is otherwise a valid row.
 */
public enum DefectKind {

    /** A number column holds text that is no number ({@code 12.50.1}, {@code 3x}). */
    UNPARSEABLE_NUMBER("unparseable_number"),
    /** The event time is not {@code YYYY-MM-DDTHH:MM:SSZ} (a space for the T, no Z). */
    BAD_TIMESTAMP("bad_timestamp"),
    /** The event time lies one to two years after the generated period ends (and after its partition's day). */
    FUTURE_TIMESTAMP("future_timestamp"),
    /** The event happens earlier on the day the customer signs up, before the signup time. */
    BEFORE_SIGNUP("before_signup"),
    /** The customer id belongs to no customer ({@code C99xxxxxx}: real ids stay below 99,000,000). */
    UNKNOWN_CUSTOMER("unknown_customer"),
    /** The row has one column too few or one too many. */
    WRONG_COLUMN_COUNT("wrong_column_count");

    private final String key;

    DefectKind(String key) {
        this.key = key;
    }

    /** The name in {@code generator.json}. */
    public String key() {
        return key;
    }
}
