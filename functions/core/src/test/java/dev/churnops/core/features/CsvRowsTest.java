package dev.churnops.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.events.EventTime;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvRowsTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Every row of {@code csv} as its fields' text, scanning with one slot. */
    private static List<List<String>> rows(String csv, int columns) {
        CsvRows rows = new CsvRows(bytes(csv), columns);
        List<List<String>> out = new ArrayList<>();
        rows.select(0);
        while (rows.next()) {
            List<String> fields = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                fields.add(rows.text(c));
            }
            out.add(fields);
        }
        return out;
    }

    private static String failure(String csv, int columns) {
        CsvRows rows = new CsvRows(bytes(csv), columns);
        rows.select(0);
        return assertThrows(IllegalArgumentException.class, () -> {
            while (rows.next()) {
                // scan to the bad row
            }
        }).getMessage();
    }

    @Test
    void unquotedFieldsEndAtEveryOffsetWithinAWord() {
        // A first field of 0-8 bytes moves the second's start through every offset of an eight-byte
        // word; the second field's length (0-24) then puts its end at every offset of one, two or
        // three words, whichever byte ends it.
        for (String end : List.of(",z\n", ",z\r\n", ",z\r", ",z")) {
            for (int shift = 0; shift <= 8; shift++) {
                for (int length = 0; length <= 24; length++) {
                    String first = "s".repeat(shift);
                    String second = "abcdefghijklmnopqrstuvwxyz".substring(0, length);
                    // Without a line break the row ends the bytes; a lone CR ends a row but is no new line.
                    boolean more = !end.equals(",z");
                    String csv = first + "," + second + end + (more ? "next,row,x\n" : "");
                    CsvRows rows = new CsvRows(bytes(csv), 3);
                    rows.select(0);
                    assertTrue(rows.next());
                    String where = "shift " + shift + ", length " + length + ", end " + end.replace("\n", "\\n").replace("\r", "\\r");
                    assertEquals(shift + 1, rows.start(1), where);
                    assertEquals(shift + 1 + length, rows.end(1), where);
                    assertEquals(second, rows.text(1), where);
                    assertEquals("z", rows.text(2), where);
                    if (more) {
                        assertTrue(rows.next(), where);
                        assertEquals("row", rows.text(1), where);
                        assertEquals(end.contains("\n") ? 2 : 1, rows.line(), where);
                    }
                    assertFalse(rows.next(), where);
                }
            }
        }
    }

    @Test
    void aFieldEndsAtTheEndOfTheBytesWhateverItsLength() {
        for (int length = 0; length <= 20; length++) {
            String last = "0123456789abcdefghij".substring(0, length);
            assertEquals(List.of(List.of("a", last)), rows("a," + last, 2), "length " + length);
            assertEquals(List.of(List.of("a", last)), rows("a," + last + "\r", 2), "length " + length + " then CR");
        }
        // A separator as the very last byte: the last field is empty.
        assertEquals(List.of(List.of("abcdefgh", "ijklmnop", "")), rows("abcdefgh,ijklmnop,", 3));
        assertEquals(List.of(List.of("abcdefghijklmnop", "")), rows("abcdefghijklmnop,", 2));
        // A row of exactly eight and sixteen bytes, no line break after it.
        assertEquals(List.of(List.of("abc", "defg")), rows("abc,defg", 2));
        assertEquals(List.of(List.of("abcdefg", "hijklmno")), rows("abcdefg,hijklmno", 2));
    }

    @Test
    void quotedFieldsKeepCommasLineBreaksAndDoubledQuotes() {
        String csv = "id,\"a, b\",x\n"
                + "id2,\"two\nlines, and more than eight bytes\",y\n"
                + "id3,\"say \"\"hi\"\"\",z\n"
                + "id4,\"\",\"q\"\n";
        CsvRows rows = new CsvRows(bytes(csv), 3);
        rows.select(0);
        assertTrue(rows.next());
        assertEquals("a, b", rows.text(1));
        assertEquals(1, rows.line());
        assertTrue(rows.next());
        assertEquals("two\nlines, and more than eight bytes", rows.text(1));
        assertEquals(2, rows.line());
        assertTrue(rows.next());
        assertEquals("say \"hi\"", rows.text(1));
        assertTrue(rows.equalsBytes(1, bytes("say \"hi\"")));
        assertEquals(4, rows.line(), "the quoted line break counts");
        assertTrue(rows.next());
        assertTrue(rows.isEmpty(1));
        assertEquals("q", rows.text(2));
        assertEquals(5, rows.line());
        assertFalse(rows.next());
        // A quote inside an unquoted field is data; only one at a field's start opens a quoted field.
        assertEquals(List.of(List.of("ab\"cdefghij\"k", "x")), rows("ab\"cdefghij\"k,x\n", 2));
    }

    @Test
    void crlfRowsBlankLinesAndEmptyFields() {
        String csv = "a,,c\r\n\r\n\n,,\r\nlonger-than-a-word,,\r\n";
        CsvRows rows = new CsvRows(bytes(csv), 3);
        rows.select(0);
        assertTrue(rows.next());
        assertEquals("a", rows.text(0));
        assertTrue(rows.isEmpty(1));
        assertEquals("c", rows.text(2));
        assertTrue(rows.next());
        assertEquals(4, rows.line(), "blank lines are skipped but counted");
        for (int c = 0; c < 3; c++) {
            assertTrue(rows.isEmpty(c));
        }
        assertTrue(rows.next());
        assertEquals("longer-than-a-word", rows.text(0));
        assertTrue(rows.isEmpty(2));
        assertEquals(5, rows.line());
        assertFalse(rows.next());
    }

    @Test
    void aBadRowIsNamedByItsLine() {
        String good = "o-0001,customer-000001,2026-01-01T10:00:00Z\r\n";
        // The row's own line is named, not the one its quoted line break ends on.
        assertEquals("line 3 has 2 fields: expected 3", failure(good + good + "\"a\nb\",c\n", 3));
        assertEquals("line 5 has 2 fields: expected 3", failure(good + good + "\"a\nb\",c,d\n" + "e,f\n", 3));
        assertEquals("line 3 has more than 3 fields: expected the source's columns only",
                failure(good + good + "o-3,customer-3,2026-01-01T10:00:00Z,extra-field\n", 3));
        assertEquals("line 2 has an unclosed quote in field 2", failure(good + "x,\"never closed, not even at the end", 3));
        assertEquals("line 1 has 1 fields: expected 3", failure("a-field-at-the-very-end", 3));
    }

    @Test
    void scansAsAByteByByteScanDoesOnRandomRows() {
        // Fields from an alphabet heavy in separators, quotes and multi-byte characters, every
        // length: the bounds, lines and failures must be those of a plain byte-by-byte scan.
        Random random = new Random(7);
        String[] pieces = {"a", "b", "0", ",", "\n", "\r", "\"", "\"\"", "é", "€", " ", "-", "xxxxxxxx"};
        for (int trial = 0; trial < 3000; trial++) {
            int columns = 1 + random.nextInt(4);
            StringBuilder csv = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                csv.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] b = bytes(csv.toString());
            assertEquals(reference(b, columns), scanned(b, columns), "trial " + trial + ": " + csv.toString().replace("\n", "\\n").replace("\r", "\\r"));
        }
    }

    /** Rows as "line:start-end(escaped),..." and the failure message, the way {@link CsvRows} reports them. */
    private static List<String> scanned(byte[] b, int columns) {
        List<String> out = new ArrayList<>();
        CsvRows rows = new CsvRows(b, columns);
        rows.select(0);
        try {
            while (rows.next()) {
                StringBuilder row = new StringBuilder().append(rows.line()).append(':');
                for (int c = 0; c < columns; c++) {
                    row.append(rows.start(c)).append('-').append(rows.end(c)).append('=').append(rows.text(c)).append(',');
                }
                out.add(row.toString());
            }
        } catch (IllegalArgumentException e) {
            out.add(e.getMessage());
        }
        return out;
    }

    /** A plain scan, one byte at a time, of the same rules (the test's oracle). */
    private static List<String> reference(byte[] b, int columns) {
        List<String> out = new ArrayList<>();
        int n = b.length;
        int p = 0;
        int newlines = 0;
        while (true) {
            while (p < n && (b[p] == '\n' || b[p] == '\r')) {
                if (b[p] == '\n') {
                    newlines++;
                }
                p++;
            }
            if (p >= n) {
                return out;
            }
            int line = newlines + 1;
            StringBuilder row = new StringBuilder().append(line).append(':');
            for (int c = 0; c < columns; c++) {
                int start;
                int end;
                String text;
                if (p < n && b[p] == '"') {
                    start = ++p;
                    boolean escaped = false;
                    while (true) {
                        if (p >= n) {
                            out.add("line " + line + " has an unclosed quote in field " + (c + 1));
                            return out;
                        }
                        if (b[p] == '"' && p + 1 < n && b[p + 1] == '"') {
                            escaped = true;
                            p += 2;
                        } else if (b[p] == '"') {
                            break;
                        } else {
                            if (b[p] == '\n') {
                                newlines++;
                            }
                            p++;
                        }
                    }
                    end = p++;
                    String raw = new String(b, start, end - start, StandardCharsets.UTF_8);
                    text = escaped ? raw.replace("\"\"", "\"") : raw;
                } else {
                    start = p;
                    while (p < n && b[p] != ',' && b[p] != '\n' && b[p] != '\r') {
                        p++;
                    }
                    end = p;
                    text = new String(b, start, end - start, StandardCharsets.UTF_8);
                }
                row.append(start).append('-').append(end).append('=').append(text).append(',');
                if (c == columns - 1) {
                    if (p < n && b[p] != '\n' && b[p] != '\r') {
                        out.add("line " + line + " has more than " + columns + " fields: expected the source's columns only");
                        return out;
                    }
                } else {
                    if (p >= n || b[p] != ',') {
                        out.add("line " + line + " has " + (c + 1) + " fields: expected " + columns);
                        return out;
                    }
                    p++;
                }
            }
            out.add(row.toString());
        }
    }

    // ------------------------------------------------------------------ times

    /** The times of a file with one column, read row by row with {@link CsvRows#time}. */
    private static List<Long> times(String... values) {
        CsvRows rows = new CsvRows(bytes(String.join("\n", values) + "\n"), 1);
        rows.select(0);
        List<Long> out = new ArrayList<>();
        while (rows.next()) {
            out.add(rows.time(0));
        }
        return out;
    }

    /** The text as {@link CsvRows} shows its bytes, one char per byte, as a failure quotes them. */
    private static String latin1(String s) {
        return new String(bytes(s), StandardCharsets.ISO_8859_1);
    }

    private static List<Long> parsed(String... values) {
        List<Long> out = new ArrayList<>();
        for (String v : values) {
            out.add(EventTime.parse(v));
        }
        return out;
    }

    @Test
    void timesAcrossMidnightAndBackAreEachTheirOwnDay() {
        String[] values = {"2026-01-01T23:59:58Z", "2026-01-01T23:59:59Z", "2026-01-02T00:00:00Z", "2026-01-02T00:00:01Z",
            "2026-01-01T12:00:00Z", "2024-02-29T23:59:59Z", "2024-03-01T00:00:00Z", "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z"};
        assertEquals(parsed(values), times(values));
        assertEquals(EventTime.parse("2026-01-02T00:00:00Z"), times("2026-01-01T23:59:59Z", "2026-01-02T00:00:00Z").get(1));
    }

    @Test
    void aChangedDateWithTheSameTimeOfDayIsReadWhole() {
        String[] values = {"2026-01-01T10:00:00Z", "2026-02-01T10:00:00Z", "2027-02-01T10:00:00Z", "2027-02-11T10:00:00Z",
            "2027-02-11T10:00:00Z"};
        List<Long> times = times(values);
        assertEquals(parsed(values), times);
        assertEquals(31 * 86_400L, times.get(1) - times.get(0));
    }

    @Test
    void aMalformedTimeAfterAGoodOneFailsAsEventTimeSays() {
        String good = "2026-01-01T10:00:00Z";
        for (String bad : List.of("2026-13-01T10:00:00Z", "2026-01-32T10:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T10:60:00Z",
                "2026-01-01T10:00:60Z", "2026-01-01 10:00:00Z", "2026-01-01T10:00:00X", "2026-01-01T1a:00:00Z", "2026-01-01T10-00:00Z",
                "2026-01-01T10:00;00Z", "2026-01-01T10:00:0/Z", "2026-01-01T10:00:0:Z", "2026-01-01T10:00:00", "2026-01-01T10:00:00Z0",
                "2026-01-01T\u00e90:00:0Z", "2026")) {
            String expected = assertThrows(IllegalArgumentException.class, () -> EventTime.parse(latin1(bad))).getMessage();
            String actual = assertThrows(IllegalArgumentException.class, () -> times(good, bad), bad).getMessage();
            assertEquals(expected, actual, bad);
        }
        // The good day is still known after the failure's full read.
        CsvRows rows = new CsvRows(bytes(good + "\n2026-01-01T25:00:00Z\n2026-01-01T11:00:00Z\n"), 1);
        rows.select(0);
        assertTrue(rows.next());
        assertEquals(EventTime.parse(good), rows.time(0));
        assertTrue(rows.next());
        assertThrows(IllegalArgumentException.class, () -> rows.time(0));
        assertTrue(rows.next());
        assertEquals(EventTime.parse("2026-01-01T11:00:00Z"), rows.time(0));
    }

    @Test
    void readsEveryTimeAsEventTimeDoesOnRandomTexts() {
        // Mostly one day's times, a few other days, and a byte of some changed to anything.
        Random random = new Random(11);
        String[] days = {"2026-01-01", "2026-01-02", "2025-12-31", "2024-02-29", "2023-02-29"};
        String alphabet = "0123456789:-TZ /a\u00e9";
        for (int trial = 0; trial < 200; trial++) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String day = days[random.nextInt(10) < 7 ? 0 : random.nextInt(days.length)];
                StringBuilder v = new StringBuilder(String.format("%sT%02d:%02d:%02dZ", day, random.nextInt(26), random.nextInt(62),
                        random.nextInt(62)));
                if (random.nextInt(5) == 0) {
                    v.setCharAt(random.nextInt(v.length()), alphabet.charAt(random.nextInt(alphabet.length())));
                }
                values.add(v.toString());
            }
            CsvRows rows = new CsvRows(bytes(String.join("\n", values) + "\n"), 1);
            rows.select(0);
            for (String v : values) {
                assertTrue(rows.next());
                Object expected;
                try {
                    expected = EventTime.parse(latin1(v));
                } catch (IllegalArgumentException e) {
                    expected = e.getMessage();
                }
                Object actual;
                try {
                    actual = rows.time(0);
                } catch (IllegalArgumentException e) {
                    actual = e.getMessage();
                }
                assertEquals(expected, actual, "trial " + trial + ": " + v);
            }
        }
    }
}
