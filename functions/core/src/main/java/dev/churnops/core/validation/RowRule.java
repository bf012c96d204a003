package dev.churnops.core.validation;

import java.util.Locale;

/**
 * The row-level rules a record can break; a record breaking any is quarantined. The report counts
 * rejected rows per rule under {@link #key()} (a row breaking two rules counts once under each).
 */
public enum RowRule {
    /** The record could not be split into the header's fields (blank line, ragged row, broken quote). */
    PARSE_ERROR,
    /** A value does not fit the column's type (text in a NUMERIC column, "maybe" in a BOOLEAN one). */
    WRONG_TYPE,
    /** The id column has no value, or the file has no id column. */
    MISSING_ID,
    /** The id was already seen on an earlier line. */
    DUPLICATE_ID,
    /** The label column has no value, or the file has no label column. */
    MISSING_LABEL,
    /** The label is not among the suite's allowed labels. */
    UNKNOWN_LABEL,
    /** A number is outside the column's [min, max]. */
    OUT_OF_RANGE,
    /** A category is not among the column's allowed categories. */
    UNKNOWN_CATEGORY;

    /** The snake_case name used in reports and metrics, e.g. {@code duplicate_id}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
