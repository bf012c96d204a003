package dev.churnops.core.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits decoded CSV text into records one at a time for a given delimiter, tracking physical
 * line numbers. A quoted field left open at the end of the text would otherwise swallow the rest
 * of the file into one record, so such a record is cut back to its first line and reading resumes
 * on the next line: one bad quote costs one row. The rescan to the end of the text happens at
 * most once: every quote after an unterminated one is doubled, and a quote run of even length
 * always closes, so no later field can run to the end again and parsing stays linear.
 */
final class CsvParser {

    /** One record as split: start line, original text, fields, whether empty, and any error. */
    record Raw(long line, String raw, List<String> fields, boolean blank, String error) {
    }

    private final String text;
    private final char delimiter;
    private final int length;
    private int pos;
    private long line = 1;

    CsvParser(String text, char delimiter) {
        this.text = text;
        this.delimiter = delimiter;
        this.length = text.length();
    }

    /** The next record, or null at the end of the text (a final line terminator ends nothing new). */
    Raw next() {
        if (pos >= length) {
            return null;
        }
        int start = pos;
        long startLine = line;
        if (isLineBreak(text.charAt(pos))) {
            skipLineBreak();
            return new Raw(startLine, "", List.of(), true, null);
        }
        List<String> fields = new ArrayList<>();
        String error = null;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos < length && text.charAt(pos) == '"') {
                if (!readQuoted(value)) {
                    return unterminated(start, startLine, fields.size() + 1);
                }
                if (pos < length && text.charAt(pos) != delimiter && !isLineBreak(text.charAt(pos))) {
                    if (error == null) {
                        error = "unexpected text after the closing quote of field " + (fields.size() + 1)
                                + ": a quoted field must end at a delimiter or the end of the line";
                    }
                    // Keep the stray text so the field is not silently shortened.
                    value.append(scanUnquoted());
                }
                fields.add(value.toString());
            } else {
                fields.add(scanUnquoted());
            }
            if (pos < length && text.charAt(pos) == delimiter) {
                pos++;
                continue;
            }
            int end = pos;
            if (pos < length) {
                skipLineBreak();
            }
            return new Raw(startLine, text.substring(start, end), fields, false, error);
        }
    }

    /** Reads a quoted field starting at the opening quote; false when the text ends inside it. */
    private boolean readQuoted(StringBuilder value) {
        value.setLength(0);
        pos++;
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == '"') {
                if (pos + 1 < length && text.charAt(pos + 1) == '"') {
                    value.append('"');
                    pos += 2;
                    continue;
                }
                pos++;
                return true;
            }
            if (c == '\n' || (c == '\r' && (pos + 1 >= length || text.charAt(pos + 1) != '\n'))) {
                line++;
            }
            value.append(c);
            pos++;
        }
        return false;
    }

    private String scanUnquoted() {
        int from = pos;
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == delimiter || isLineBreak(c)) {
                break;
            }
            pos++;
        }
        return text.substring(from, pos);
    }

    private Raw unterminated(int start, long startLine, int field) {
        pos = start;
        line = startLine;
        while (pos < length && !isLineBreak(text.charAt(pos))) {
            pos++;
        }
        int end = pos;
        if (pos < length) {
            skipLineBreak();
        }
        return new Raw(startLine, text.substring(start, end), List.of(), false,
                "unterminated quoted field (field " + field + " opens a quote that is never closed)");
    }

    private void skipLineBreak() {
        if (text.charAt(pos) == '\r' && pos + 1 < length && text.charAt(pos + 1) == '\n') {
            pos += 2;
        } else {
            pos++;
        }
        line++;
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }
}
