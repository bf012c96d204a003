package dev.churnops.core.data;

import java.util.List;

/**
 * One record of a CSV file as read, kept with its original text so that a rejected record can
 * be written back untouched for fixing and re-ingestion.
 *
 * @param lineNumber 1-based physical line where the record starts; the header is line 1
 * @param raw        the original text of the record without its line terminator; spans several
 *                   lines when a quoted field holds line breaks
 * @param fields     the unquoted field values, untrimmed; empty when the record could not be split
 * @param parseError why the record is structurally broken ("blank line", "expected 21 fields,
 *                   found 20", an unterminated quote), or null when it parsed
 */
public record CsvRecord(long lineNumber, String raw, List<String> fields, String parseError) {

    public CsvRecord {
        if (lineNumber < 1) {
            throw new IllegalArgumentException("CsvRecord.lineNumber is " + lineNumber + " but must be >= 1.");
        }
        if (raw == null) {
            throw new IllegalArgumentException("CsvRecord.raw is null on line " + lineNumber + ".");
        }
        fields = List.copyOf(fields);
    }

    /** True when the record parsed and has as many fields as the header. */
    public boolean parsed() {
        return parseError == null;
    }
}
