package dev.churnops.core.validation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A dataset-level expectation the file did not meet (a column's missing rate, the row count, a
 * column absent or unexpected, a type that drifted). Reported, never a row rejection: ERROR means
 * the suite's promise is broken and deserves an alert, WARNING means worth a look.
 *
 * @param rule     what was checked: {@value #MAX_MISSING_RATE}, {@value #ROW_COUNT},
 *                 {@value #COLUMN_PRESENT}, {@value #COLUMN_EXPECTED} or {@value #COLUMN_TYPE}
 * @param column   the column concerned, or null for the whole file
 * @param observed what the file has
 * @param expected what the suite expects
 * @param severity ERROR or WARNING
 */
@JsonPropertyOrder({"rule", "column", "observed", "expected", "severity"})
public record FailedExpectation(
        @JsonProperty("rule") String rule,
        @JsonProperty("column") String column,
        @JsonProperty("observed") String observed,
        @JsonProperty("expected") String expected,
        @JsonProperty("severity") Severity severity) {

    /** A column's share of missing values is above its max_missing_rate. */
    public static final String MAX_MISSING_RATE = "max_missing_rate";
    /** The number of data rows is outside row_count. */
    public static final String ROW_COUNT = "row_count";
    /** A column of the suite is not in the file. */
    public static final String COLUMN_PRESENT = "column_present";
    /** A column of the file is not in the suite. */
    public static final String COLUMN_EXPECTED = "column_expected";
    /** The type given for this file's column differs from the suite's. */
    public static final String COLUMN_TYPE = "column_type";

    /** How much a failed expectation matters. */
    public enum Severity { ERROR, WARNING }
}
