package dev.churnops.core.validation;

import java.util.List;

/**
 * A quarantined record: where it started, its original text, and every reason it was rejected,
 * each naming the column, the value and what was expected.
 *
 * @param lineNumber 1-based physical line where the record starts in the source file
 * @param raw        the record's original text, without its line terminator
 * @param reasons    one sentence per broken rule, never empty
 */
public record RejectedRecord(long lineNumber, String raw, List<String> reasons) {

    public RejectedRecord {
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("RejectedRecord on line " + lineNumber
                    + " has no reasons: a record is only rejected for a reason.");
        }
    }
}
