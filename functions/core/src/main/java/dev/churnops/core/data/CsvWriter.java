package dev.churnops.core.data;

import java.util.List;

/**
 * Writes CSV text that {@link CsvReader} reads back to the same fields: comma-delimited, LF line
 * endings, a field quoted (quotes doubled) only when it holds a comma, a quote or a line break.
 */
public final class CsvWriter {

    private CsvWriter() {
    }

    /** {@code value} as one CSV field. */
    public static String field(String value) {
        boolean needsQuotes = false;
        for (int i = 0; i < value.length() && !needsQuotes; i++) {
            char c = value.charAt(i);
            needsQuotes = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** Appends {@code values} as one CSV line, terminated by LF. */
    public static void appendRow(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(values.get(i)));
        }
        out.append('\n');
    }
}
