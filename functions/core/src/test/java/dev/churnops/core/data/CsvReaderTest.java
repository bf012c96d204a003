package dev.churnops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static CsvTable read(String text) {
        return CsvReader.read(text.getBytes(StandardCharsets.UTF_8), "customers.csv");
    }

    @Test
    void detectsCommaDelimiter() {
        CsvTable table = read("id,tenure,churn\n1,5,Yes\n2,7,No\n");
        assertEquals(',', table.delimiter());
        assertEquals(List.of("id", "tenure", "churn"), table.header());
        assertEquals(List.of("2", "7", "No"), table.records().get(1).fields());
        assertEquals(2, table.records().size());
    }

    @Test
    void detectsSemicolonDelimiterEvenWhenValuesHoldDecimalCommas() {
        CsvTable table = read("id;charges;churn\n1;29,85;Yes\n2;1889,5;No\n");
        assertEquals(';', table.delimiter());
        assertEquals(List.of("1", "29,85", "Yes"), table.records().get(0).fields());
        assertTrue(table.records().stream().allMatch(CsvRecord::parsed));
    }

    @Test
    void detectsTabDelimiter() {
        CsvTable table = read("id\tcontract\tchurn\n1\tOne year, auto-renew\tNo\n2\tTwo year\tYes\n");
        assertEquals('\t', table.delimiter());
        assertEquals("One year, auto-renew", table.records().get(0).fields().get(1));
        assertEquals(2, table.records().size());
    }

    @Test
    void detectsPipeDelimiter() {
        CsvTable table = read("id|churn\n1|Yes\n");
        assertEquals('|', table.delimiter());
        assertEquals(List.of("1", "Yes"), table.records().get(0).fields());
    }

    @Test
    void prefersCommaWhenCommaAndSemicolonAreBothConsistent() {
        CsvTable table = read("a,b;c\n1,2;3\n");
        assertEquals(',', table.delimiter());
        assertEquals(List.of("1", "2;3"), table.records().get(0).fields());
    }

    @Test
    void keepsTheDelimiterWhenOneEarlyRowIsRagged() {
        CsvTable table = read("a,b,c\n1,2,3\n4,5\n6,7,8\n");
        assertEquals(',', table.delimiter());
        assertEquals("expected 3 fields, found 2", table.records().get(1).parseError());
        assertEquals(3, table.records().size());
    }

    @Test
    void stripsUtf8ByteOrderMarkAndSaysSo() {
        byte[] body = "customerID,Churn\n1,Yes\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);

        CsvTable table = CsvReader.read(withBom, "bom.csv");

        assertTrue(table.hadByteOrderMark());
        assertEquals("customerID", table.header().get(0));
        assertEquals("customerID,Churn", table.headerRaw());
        assertFalse(read("customerID,Churn\n1,Yes\n").hadByteOrderMark());
    }

    @Test
    void readsQuotedFieldsWithDelimitersDoubledQuotesAndLineBreaks() {
        String text = "id,note,churn\n"
                + "1,\"late, twice\",Yes\n"
                + "2,\"said \"\"cancel\"\"\",No\n"
                + "3,\"line one\nline two\",Yes\n"
                + "4,plain,No\n";

        CsvTable table = read(text);

        List<CsvRecord> records = table.records();
        assertEquals(4, records.size());
        assertEquals("late, twice", records.get(0).fields().get(1));
        assertEquals("said \"cancel\"", records.get(1).fields().get(1));
        assertEquals("line one\nline two", records.get(2).fields().get(1));
        assertEquals(4, records.get(2).lineNumber(), "a multi-line record is numbered by its first line");
        assertEquals("3,\"line one\nline two\",Yes", records.get(2).raw());
        assertEquals(6, records.get(3).lineNumber(), "lines inside quotes still count");
        assertTrue(records.stream().allMatch(CsvRecord::parsed));
    }

    @Test
    void readsCrlfLfAndLoneCrLineEndingsAlike() {
        CsvTable crlf = read("id,churn\r\n1,Yes\r\n2,No\r\n");
        CsvTable lf = read("id,churn\n1,Yes\n2,No\n");
        CsvTable cr = read("id,churn\r1,Yes\r2,No\r");

        for (CsvTable table : List.of(crlf, lf, cr)) {
            assertEquals(List.of("id", "churn"), table.header());
            assertEquals(2, table.records().size());
            assertEquals(List.of("2", "No"), table.records().get(1).fields());
            assertEquals(3, table.records().get(1).lineNumber());
            assertEquals("2,No", table.records().get(1).raw());
        }
    }

    @Test
    void countsCrlfInsideQuotesAsOneLine() {
        CsvTable table = read("id,note\r\n1,\"a\r\nb\"\r\n2,c\r\n");
        assertEquals("a\r\nb", table.records().get(0).fields().get(1));
        assertEquals(4, table.records().get(1).lineNumber());
    }

    @Test
    void readsALastLineWithoutTerminator() {
        CsvTable table = read("id,churn\n1,Yes\n2,No");
        assertEquals(2, table.records().size());
        assertEquals(List.of("2", "No"), table.records().get(1).fields());
    }

    @Test
    void ignoresTrailingEmptyLinesButKeepsBlankLinesInTheMiddleAsBrokenRecords() {
        CsvTable table = read("id,churn\n1,Yes\n\n2,No\n\n\n");

        assertEquals(3, table.records().size());
        CsvRecord blank = table.records().get(1);
        assertEquals("blank line", blank.parseError());
        assertEquals(3, blank.lineNumber());
        assertEquals("", blank.raw());
        assertEquals(4, table.records().get(2).lineNumber());
    }

    @Test
    void marksRecordsWithTheWrongFieldCount() {
        CsvTable table = read("a,b,c\n1,2,3\n1,2\n1,2,3,4\n");

        assertEquals(3, table.records().size());
        assertNull(table.records().get(0).parseError());
        assertEquals("expected 3 fields, found 2", table.records().get(1).parseError());
        assertEquals("expected 3 fields, found 4", table.records().get(2).parseError());
        assertEquals("1,2,3,4", table.records().get(2).raw());
    }

    @Test
    void anUnterminatedQuoteCostsOnlyItsOwnLine() {
        CsvTable table = read("id,note,churn\n1,\"open,Yes\n2,fine,No\n3,ok,Yes\n");

        assertEquals(3, table.records().size());
        CsvRecord broken = table.records().get(0);
        assertTrue(broken.parseError().startsWith("unterminated quoted field"), broken.parseError());
        assertEquals("1,\"open,Yes", broken.raw());
        assertEquals(2, broken.lineNumber());
        assertEquals(List.of("2", "fine", "No"), table.records().get(1).fields());
        assertEquals(3, table.records().get(1).lineNumber());
        assertNull(table.records().get(2).parseError());
    }

    @Test
    void marksTextAfterAClosingQuote() {
        CsvTable table = read("id,note\n1,\"ab\"cd\n");
        assertTrue(table.records().get(0).parseError().startsWith("unexpected text after the closing quote of field 2"));
        assertEquals("abcd", table.records().get(0).fields().get(1));
    }

    @Test
    void trimsHeaderNames() {
        CsvTable table = read(" customerID , Churn\n1,Yes\n");
        assertEquals(List.of("customerID", "Churn"), table.header());
        assertEquals(" customerID , Churn", table.headerRaw());
    }

    @Test
    void rejectsAnEmptyFile() {
        DataException e = assertThrows(DataException.class, () -> CsvReader.read(new byte[0], "empty.csv"));
        assertEquals("empty.csv is empty: expected a header row.", e.getMessage());
    }

    @Test
    void rejectsAFileOfOnlyLineBreaksAsEmpty() {
        DataException e = assertThrows(DataException.class, () -> read("\n\r\n"));
        assertTrue(e.getMessage().contains("is empty: expected a header row"), e.getMessage());
    }

    @Test
    void rejectsBinaryContentNamingTheNulByteOffset() {
        byte[] gzipLike = {0x1f, (byte) 0x8b, 0x08, 0x00, 0x00};
        DataException e = assertThrows(DataException.class, () -> CsvReader.read(gzipLike, "raw.csv.gz"));
        assertTrue(e.getMessage().contains("byte offset 3"), e.getMessage());
        assertTrue(e.getMessage().contains("expected a UTF-8 text CSV"), e.getMessage());
    }

    @Test
    void rejectsInvalidUtf8NamingTheByteOffset() {
        byte[] latin1 = "id,city\n1,Montr\u00e9al\n".getBytes(StandardCharsets.ISO_8859_1);
        DataException e = assertThrows(DataException.class, () -> CsvReader.read(latin1, "latin1.csv"));
        assertTrue(e.getMessage().contains("byte offset 15"), e.getMessage());
        assertTrue(e.getMessage().contains("expected a UTF-8 text CSV"), e.getMessage());
    }

    @Test
    void rejectsDuplicateHeaderNamesNamingThem() {
        DataException e = assertThrows(DataException.class, () -> read("id,tenure,Churn,tenure\n1,2,Yes,3\n"));
        assertTrue(e.getMessage().contains("duplicate column names: 'tenure' (columns 2, 4)"), e.getMessage());
    }

    @Test
    void rejectsBlankHeaderNamesNamingTheirPositions() {
        DataException e = assertThrows(DataException.class, () -> read("id,,Churn, \n1,2,Yes,3\n"));
        assertTrue(e.getMessage().contains("blank column names at positions 2, 4"), e.getMessage());
    }

    @Test
    void readsAHeaderOnlyFileAsNoRecords() {
        CsvTable table = read("id;churn\n");
        assertEquals(';', table.delimiter());
        assertTrue(table.records().isEmpty());
    }
}
