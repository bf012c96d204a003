package dev.churnops.core.features;

import dev.churnops.core.events.EventTime;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A forward scan over validated CSV bytes that marks where each field of the current row starts
 * and ends, without making a String per field: feature computation reads millions of rows a
 * second and only turns the few values it keeps into objects. Quoted fields are understood
 * (their bounds exclude the quotes; a doubled quote inside marks the field for decoding).
 * Also a {@link CharSequence} over the bytes, so timestamps parse in place.
 *
 * <p>The bounds of several rows are kept at once (a batch, one slot per row): feature computation
 * scans a batch first and then looks up the batch's customers together, so the memory waits of
 * those look-ups overlap instead of following one another. The field accessors read the selected
 * slot.
 *
 * <p>An unquoted field's end is found eight bytes at a time, and a row's time reuses the date of
 * the row before when its date bytes are the same (a file holds one day's rows), so only the
 * time of day is read.
 */
final class CsvRows implements CharSequence {

    /** Eight bytes of a {@code byte[]} as one little-endian long: byte {@code i} in bits {@code 8i..8i+7}. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long COMMAS = ONES * ',';
    private static final long NEWLINES = ONES * '\n';
    private static final long RETURNS = ONES * '\r';
    private static final long SECONDS_PER_DAY = 86_400L;
    /** {@link #dayStart} before any time was read whole: no day starts then (years 0000-9999 lie within 400 billion seconds of 1970). */
    private static final long NO_DAY = Long.MIN_VALUE;

    private final byte[] bytes;
    private final int columns;
    private int[] starts;
    private int[] ends;
    private boolean[] escaped;
    private int[] lines;
    /** Rows start before this offset; a row starting at or after it is left to another scan. */
    private int limit;
    /** Added to the line numbers counted, for a scan that started part-way into the file. */
    private int lineOffset;
    private int rowStart;
    /** Index of the selected slot's first field in {@link #starts}, {@link #ends} and {@link #escaped}. */
    private int base;
    private int slot;
    private int pos;
    private int line;
    /** Line breaks before {@code pos}: the current row's line number is one more than those before its start. */
    private int newlines;
    /** The last time read whole: its bytes 0-7 and 2-9 (the date, YYYY-MM-DD) and the first second of that day. */
    private long datePrefix;
    private long dateSuffix;
    private long dayStart = NO_DAY;

    CsvRows(byte[] bytes, int columns) {
        this(bytes, columns, 1);
    }

    /** A scan keeping the bounds of up to {@code slots} rows. */
    CsvRows(byte[] bytes, int columns, int slots) {
        this.bytes = bytes;
        this.columns = columns;
        this.starts = new int[columns * slots];
        this.ends = new int[columns * slots];
        this.escaped = new boolean[columns * slots];
        this.lines = new int[slots];
        this.limit = bytes.length;
    }

    /** A scan of {@code bytes} keeping its rows' bounds in the arrays of an earlier scan of as many columns (grown as needed). */
    CsvRows(byte[] bytes, int columns, CsvRows recycled) {
        this(bytes, columns, recycled == null || recycled.columns != columns ? 256 : 0);
        if (recycled != null && recycled.columns == columns) {
            starts = recycled.starts;
            ends = recycled.ends;
            escaped = recycled.escaped;
            lines = recycled.lines;
        }
    }

    /** A reader of the rows another scan has kept (its slots), with its own selected slot; lines offset by {@code lineOffset}. */
    CsvRows view(int lineOffset) {
        CsvRows v = new CsvRows(bytes, columns, 0);
        v.starts = starts;
        v.ends = ends;
        v.escaped = escaped;
        v.lines = lines;
        v.lineOffset = lineOffset;
        return v;
    }

    /** The arrays of this scan without its bytes, for a later scan of another file to reuse. */
    CsvRows arraysOnly() {
        return new CsvRows(new byte[0], columns, this);
    }

    /** Makes room for {@code slots} rows, keeping those scanned. */
    void reserve(int slots) {
        if (slots > lines.length) {
            int n = Math.max(slots, lines.length * 2);
            starts = Arrays.copyOf(starts, n * columns);
            ends = Arrays.copyOf(ends, n * columns);
            escaped = Arrays.copyOf(escaped, n * columns);
            lines = Arrays.copyOf(lines, n);
        }
    }

    /**
     * Scans only the rows that start in {@code [from, to)}, {@code from} being the start of a line
     * (or a line break before one) with {@code newlinesBefore} line breaks before it.
     */
    void range(int from, int to, int newlinesBefore) {
        pos = from;
        limit = to;
        newlines = newlinesBefore;
    }

    /** Where the scan stands: after {@link #next} returned false, the start of the first row it left (or the end). */
    int position() {
        return pos;
    }

    /** Where the row last scanned starts (its first field, or the quote before it). */
    int rowStart() {
        return rowStart;
    }

    /** Line breaks before {@link #position()}. */
    int newlines() {
        return newlines;
    }

    /** Makes {@code slot} the row the accessors read and the next {@link #next} fills. */
    void select(int slot) {
        this.slot = slot;
        this.base = slot * columns;
        this.line = lines[slot] + lineOffset;
    }

    int start(int column) {
        return starts[base + column];
    }

    int end(int column) {
        return ends[base + column];
    }

    byte[] bytes() {
        return bytes;
    }

    int line() {
        return line;
    }

    /** Checks that the first line is exactly {@code header}; positions the scan after it. */
    void header(String header, String sourceName) {
        int end = 0;
        while (end < bytes.length && bytes[end] != '\n') {
            end++;
        }
        int contentEnd = end > 0 && bytes[end - 1] == '\r' ? end - 1 : end;
        String found = new String(bytes, 0, contentEnd, StandardCharsets.UTF_8);
        if (found.startsWith("\uFEFF")) {
            found = found.substring(1);
        }
        if (!found.equals(header)) {
            throw new IllegalArgumentException(sourceName + " file has header '" + shorten(found) + "': expected exactly '" + header + "'");
        }
        pos = Math.min(end + 1, bytes.length);
        line = 1;
        newlines = end < bytes.length ? 1 : 0;
    }

    /** Moves to the next non-empty row; false at the end. */
    boolean next() {
        byte[] b = bytes;
        int n = b.length;
        while (pos < n && (b[pos] == '\n' || b[pos] == '\r')) {
            if (b[pos] == '\n') {
                newlines++;
            }
            pos++;
        }
        if (pos >= limit) {
            return false;
        }
        rowStart = pos;
        line = newlines + 1;
        lines[slot] = line;
        int p = pos;
        int at = base;
        for (int c = 0; c < columns; c++) {
            if (p < n && b[p] == '"') {
                p = quoted(at + c, c, p + 1);
            } else {
                starts[at + c] = p;
                p = fieldEnd(b, p, n);
                ends[at + c] = p;
                escaped[at + c] = false;
            }
            boolean last = c == columns - 1;
            if (last) {
                if (p < n && b[p] != '\n' && b[p] != '\r') {
                    throw new IllegalArgumentException("line " + line + " has more than " + columns + " fields: expected the source's columns only");
                }
            } else {
                if (p >= n || b[p] != ',') {
                    throw new IllegalArgumentException("line " + line + " has " + (c + 1) + " fields: expected " + columns);
                }
                p++;
            }
        }
        pos = p;
        return true;
    }

    /**
     * Where the unquoted field starting at {@code p} ends: its first comma or line break (a quote
     * inside it is data, as ever), or {@code n}. Eight bytes are tested at once while eight are
     * left; the last few one by one.
     */
    private static int fieldEnd(byte[] b, int p, int n) {
        for (int lastWord = n - Long.BYTES; p <= lastWord; p += Long.BYTES) {
            long w = (long) LONGS.get(b, p);
            long found = zeroBytes(w ^ COMMAS) | zeroBytes(w ^ NEWLINES) | zeroBytes(w ^ RETURNS);
            if (found != 0) {
                return p + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        while (p < n) {
            byte x = b[p];
            if (x == ',' || x == '\n' || x == '\r') {
                break;
            }
            p++;
        }
        return p;
    }

    /**
     * The high bit of every byte of {@code x} that is zero, and perhaps of bytes above the first
     * zero one (a borrow runs up from it): the lowest bit set is always that of the first zero
     * byte, which is all {@link #fieldEnd} asks. Bytes 0x80 and over never show.
     */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    private int quoted(int field, int c, int p) {
        byte[] b = bytes;
        starts[field] = p;
        boolean esc = false;
        while (true) {
            if (p >= b.length) {
                throw new IllegalArgumentException("line " + line + " has an unclosed quote in field " + (c + 1));
            }
            if (b[p] == '"') {
                if (p + 1 < b.length && b[p + 1] == '"') {
                    esc = true;
                    p += 2;
                    continue;
                }
                ends[field] = p;
                escaped[field] = esc;
                return p + 1;
            }
            if (b[p] == '\n') {
                newlines++;
            }
            p++;
        }
    }

    /**
     * The field as a time, epoch seconds, as {@link EventTime#parse} reads it (and failing as it
     * does). When the date bytes are those of the last time read whole, only the time of day is
     * read: the rows of a file share one day.
     */
    long time(int column) {
        int s = starts[base + column];
        int e = ends[base + column];
        byte[] b = bytes;
        if (e - s == EventTime.LENGTH) {
            if (dayStart != NO_DAY && (long) LONGS.get(b, s) == datePrefix && (long) LONGS.get(b, s + 2) == dateSuffix) {
                long second = secondOfDay(b, s);
                if (second >= 0) {
                    return dayStart + second;
                }
            }
            long t = EventTime.parse(this, s, e);
            datePrefix = (long) LONGS.get(b, s);
            dateSuffix = (long) LONGS.get(b, s + 2);
            dayStart = Math.floorDiv(t, SECONDS_PER_DAY) * SECONDS_PER_DAY;
            return t;
        }
        return EventTime.parse(this, s, e);
    }

    /** Mask of the six digit bytes of {@code HH:MM:SS} read as a little-endian long, and of its two colons. */
    private static final long DIGITS = 0xFFFF_00FF_FF00_FFFFL;
    private static final long COLONS = 0x0000_FF00_00FF_0000L;

    /**
     * The second of the day written {@code THH:MM:SSZ} at {@code s + 10}, or -1 when it is not
     * exactly that with HH under 24 and MM, SS under 60 (the caller then lets EventTime name the
     * fault). {@code HH:MM:SS} is read as one long.
     */
    private static long secondOfDay(byte[] b, int s) {
        if (b[s + 10] != 'T' || b[s + 19] != 'Z') {
            return -1;
        }
        long w = (long) LONGS.get(b, s + 11);
        // A digit is 0x30-0x39: high nibble 3, and still 3 after adding 6. No byte carries into the
        // next: the tests before hold the colons to 0x3A and the digit bytes to 0x30-0x3F, so adding
        // 6 leaves every byte under 0x46 (and taking '0' away borrows from none).
        if ((w & COLONS) != (ONES * ':' & COLONS) || (w & DIGITS & 0xF0F0_F0F0_F0F0_F0F0L) != (ONES * '0' & DIGITS)
                || ((w + ONES * 6) & DIGITS & 0xF0F0_F0F0_F0F0_F0F0L) != (ONES * '0' & DIGITS)) {
            return -1;
        }
        long d = w - ONES * '0';
        long hour = (d & 0xFF) * 10 + (d >>> 8 & 0xFF);
        long minute = (d >>> 24 & 0xFF) * 10 + (d >>> 32 & 0xFF);
        long second = (d >>> 48 & 0xFF) * 10 + (d >>> 56 & 0xFF);
        if (hour > 23 || minute > 59 || second > 59) {
            return -1;
        }
        return hour * 3600 + minute * 60 + second;
    }

    boolean isEmpty(int column) {
        return starts[base + column] == ends[base + column];
    }

    /** The field as text (decoded), for the values worth keeping. */
    String text(int column) {
        int s = starts[base + column];
        String raw = new String(bytes, s, ends[base + column] - s, StandardCharsets.UTF_8);
        return escaped[base + column] ? raw.replace("\"\"", "\"") : raw;
    }

    /** Whether the field is exactly {@code expected} (UTF-8 bytes). */
    boolean equalsBytes(int column, byte[] expected) {
        if (escaped[base + column]) {
            return text(column).equals(new String(expected, StandardCharsets.UTF_8));
        }
        int s = starts[base + column];
        int len = ends[base + column] - s;
        if (len != expected.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (bytes[s + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** The field as a number; validated files hold plain decimals, anything else takes the JDK's parser. */
    double number(int column) {
        int s = starts[base + column];
        int e = ends[base + column];
        byte[] b = bytes;
        int i = s;
        boolean negative = false;
        if (i < e && b[i] == '-') {
            negative = true;
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int scale = 0;
        boolean dot = false;
        for (; i < e; i++) {
            int x = b[i];
            if (x >= '0' && x <= '9') {
                // Up to 15 digits the mantissa is exact in a double, and one division by an exact
                // power of ten rounds once: the same value Double.parseDouble gives.
                if (digits == 15) {
                    return slowNumber(column);
                }
                mantissa = mantissa * 10 + (x - '0');
                digits++;
                if (dot) {
                    scale++;
                }
            } else if (x == '.' && !dot) {
                dot = true;
            } else {
                return slowNumber(column);
            }
        }
        if (digits == 0) {
            return slowNumber(column);
        }
        double v = scale == 0 ? (double) mantissa : mantissa / POW10[scale];
        return negative ? -v : v;
    }

    private double slowNumber(int column) {
        String t = text(column);
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + line + " field " + (column + 1) + " is '" + shorten(t) + "': expected a number");
        }
    }

    private static final double[] POW10 = new double[16];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private static String shorten(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    @Override
    public int length() {
        return bytes.length;
    }

    @Override
    public char charAt(int index) {
        return (char) (bytes[index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return "CsvRows(line " + line + ")";
    }
}
