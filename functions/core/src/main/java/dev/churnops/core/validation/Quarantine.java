package dev.churnops.core.validation;

import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.CsvWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The two quarantine files written for rejected records: the records themselves, untouched under
 * the original header so the file can be fixed and dropped back in as a new raw file, and a
 * line-number/reason listing for the person fixing it.
 */
public final class Quarantine {

    private Quarantine() {
    }

    /**
     * The original header line, then each rejected record's original text, byte for byte (a
     * record spanning lines keeps its inner line breaks); records are ended with LF and the byte
     * order mark, if the source had one, is not repeated.
     */
    public static byte[] rejectedCsv(CsvTable table, List<RejectedRecord> rejected) {
        return rejectedCsv(table.headerRaw(), rejected);
    }

    /** As {@link #rejectedCsv(CsvTable, List)}, for a file read without {@link CsvTable}: its header line as it was. */
    public static byte[] rejectedCsv(String headerRaw, List<RejectedRecord> rejected) {
        StringBuilder out = new StringBuilder(headerRaw).append('\n');
        for (RejectedRecord r : rejected) {
            out.append(r.raw()).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code line_number,reason} rows, a record's reasons joined with "; ", quoted as CSV needs. */
    public static byte[] reasonsCsv(List<RejectedRecord> rejected) {
        StringBuilder out = new StringBuilder();
        CsvWriter.appendRow(out, List.of("line_number", "reason"));
        for (RejectedRecord r : rejected) {
            CsvWriter.appendRow(out, List.of(Long.toString(r.lineNumber()), String.join("; ", r.reasons())));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
