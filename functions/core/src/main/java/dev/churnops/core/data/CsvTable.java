package dev.churnops.core.data;

import java.util.List;

/**
 * A CSV file as read by {@link CsvReader}: its header and every record after it, including the
 * broken ones (which carry a parse error), so rows in = valid + quarantined can always be shown.
 *
 * @param sourceName       where the bytes came from, for messages and reports
 * @param delimiter        the detected field delimiter
 * @param hadByteOrderMark whether a UTF-8 byte order mark was stripped
 * @param headerRaw        the header line as it was in the file (without the mark)
 * @param header           the column names, trimmed, unique and non-blank
 * @param records          every record after the header, in file order
 */
public record CsvTable(String sourceName, char delimiter, boolean hadByteOrderMark, String headerRaw,
                       List<String> header, List<CsvRecord> records) {

    public CsvTable {
        header = List.copyOf(header);
        records = List.copyOf(records);
    }

    /** Position of a column in the header, or -1 when the file has no such column. */
    public int columnIndex(String name) {
        return header.indexOf(name);
    }
}
