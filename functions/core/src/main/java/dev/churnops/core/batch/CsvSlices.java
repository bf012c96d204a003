package dev.churnops.core.batch;

/**
 * Finds record boundaries in a CSV file without parsing its fields, so a partition reads its own
 * row range of a large file instead of building the whole table. A record ends at a line feed
 * outside quotes (RFC 4180: a quoted field may hold line breaks, and a doubled quote toggles the
 * state twice, changing nothing). A line that is empty where a record would start is not a record,
 * as {@code CsvReader} ignores trailing empty lines; an empty line in the middle of a file would
 * make the slice read back short, which the callers check. LF and CRLF endings are understood,
 * which covers the validated files this reads (LF, written by {@code LabeledTable.toCsv()}).
 */
final class CsvSlices {

    private CsvSlices() {
    }

    /**
     * The header followed by records {@code [start, end)}, as a CSV file of its own.
     *
     * @param csv       the bytes to hand to {@code CsvReader}
     * @param lineShift what to add to a physical line number in {@code csv} to get the line in the
     *                  original file
     */
    record Slice(byte[] csv, long lineShift) {
    }

    /** The number of records after the header. */
    static int count(byte[] csv) {
        return scan(csv, Integer.MAX_VALUE, Integer.MAX_VALUE).records;
    }

    /** Records {@code [start, end)} under the header; records past the end of the file are simply absent. */
    static Slice slice(byte[] csv, int start, int end) {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("row range [" + start + ", " + end + ") is not a range of rows");
        }
        Scan s = scan(csv, start, end);
        byte[] out = new byte[s.headerEnd + (s.to - s.from)];
        System.arraycopy(csv, 0, out, 0, s.headerEnd);
        System.arraycopy(csv, s.from, out, s.headerEnd, s.to - s.from);
        return new Slice(out, s.fromLine - s.firstRecordLine);
    }

    private static final class Scan {
        int headerEnd = -1;
        int from = -1;
        int to = -1;
        long firstRecordLine = -1;
        long fromLine = -1;
        int records;
    }

    /** One pass up to the start of record {@code end} (or the end of the file). */
    private static Scan scan(byte[] csv, int start, int end) {
        Scan s = new Scan();
        int n = csv.length;
        boolean quoted = false;
        boolean lineStart = true;
        boolean headerSeen = false;
        long line = 1;
        for (int i = 0; i < n; i++) {
            byte b = csv[i];
            if (lineStart) {
                lineStart = false;
                boolean empty = b == '\n' || b == '\r';
                if (!empty || !headerSeen) {
                    if (!headerSeen) {
                        headerSeen = true;
                    } else {
                        int index = s.records++;
                        if (index == 0) {
                            s.headerEnd = i;
                            s.firstRecordLine = line;
                        }
                        if (index == start) {
                            s.from = i;
                            s.fromLine = line;
                        }
                        if (index == end) {
                            s.to = i;
                            s.records--;
                            return s;
                        }
                    }
                }
            }
            if (b == '"') {
                quoted = !quoted;
            } else if (b == '\n') {
                line++;
                lineStart = !quoted;
            }
        }
        if (s.headerEnd < 0) {
            s.headerEnd = n;
            s.firstRecordLine = line;
        }
        if (s.from < 0) {
            s.from = n;
            s.fromLine = s.firstRecordLine;
        }
        if (s.to < 0) {
            s.to = n;
        }
        return s;
    }
}
