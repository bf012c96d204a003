package dev.churnops.core.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvRecord;
import dev.churnops.core.data.CsvTable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvSlicesTest {

    private static final String FILE = "id,note,churned\n"
            + "a,plain,no\n"
            + "b,\"two\nlines\",yes\n"
            + "c,\"a \"\"quoted\"\" word\",no\n"
            + "d,last,yes\n";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static CsvTable read(CsvSlices.Slice slice) {
        return CsvReader.read(slice.csv(), "slice");
    }

    @Test
    void countsRecordsNotLinesWhenAQuotedFieldHoldsALineBreak() {
        assertEquals(4, CsvSlices.count(bytes(FILE)));
    }

    @Test
    void ignoresTrailingEmptyLinesAndAMissingFinalLineFeed() {
        assertEquals(4, CsvSlices.count(bytes(FILE + "\n\n")));
        assertEquals(4, CsvSlices.count(bytes(FILE.substring(0, FILE.length() - 1))));
        assertEquals(0, CsvSlices.count(bytes("id,churned\n")));
        assertEquals(0, CsvSlices.count(bytes("id,churned")));
    }

    @Test
    void aSliceIsTheHeaderAndExactlyTheRecordsOfItsRange() {
        CsvTable middle = read(CsvSlices.slice(bytes(FILE), 1, 3));

        assertEquals(List.of("id", "note", "churned"), middle.header());
        assertEquals(List.of("b", "c"), middle.records().stream().map(r -> r.fields().get(0)).toList());
        assertEquals("two\nlines", middle.records().get(0).fields().get(1));
        assertEquals("a \"quoted\" word", middle.records().get(1).fields().get(1));
    }

    @Test
    void lineShiftGivesTheRecordsLineInTheOriginalFile() {
        List<CsvRecord> whole = CsvReader.read(bytes(FILE), "file").records();
        for (int start = 0; start < 4; start++) {
            CsvSlices.Slice slice = CsvSlices.slice(bytes(FILE), start, 4);
            List<CsvRecord> part = read(slice).records();
            for (int i = 0; i < part.size(); i++) {
                assertEquals(whole.get(start + i).lineNumber(), part.get(i).lineNumber() + slice.lineShift(),
                        "record " + (start + i));
                assertEquals(whole.get(start + i).raw(), part.get(i).raw());
            }
        }
    }

    @Test
    void rangesThatTileTheFileReadBackEveryRecordOnce() {
        byte[] file = bytes(FILE);
        int total = 0;
        for (int start = 0; start < 4; start += 3) {
            total += read(CsvSlices.slice(file, start, Math.min(4, start + 3))).records().size();
        }
        assertEquals(4, total);
    }

    @Test
    void aRangePastTheEndReadsOnlyTheRowsThereAre() {
        assertEquals(1, read(CsvSlices.slice(bytes(FILE), 3, 10)).records().size());
        assertEquals(0, read(CsvSlices.slice(bytes(FILE), 7, 10)).records().size());
        assertEquals(0, read(CsvSlices.slice(bytes(FILE), 2, 2)).records().size());
    }

    @Test
    void understandsCrlfLineEndings() {
        String crlf = FILE.replace(",no\n", ",no\r\n");

        assertEquals(4, CsvSlices.count(bytes(crlf)));
        assertEquals(List.of("c", "d"), read(CsvSlices.slice(bytes(crlf), 2, 4)).records().stream()
                .map(r -> r.fields().get(0)).toList());
    }

    @Test
    void refusesABackwardRange() {
        assertThrows(IllegalArgumentException.class, () -> CsvSlices.slice(bytes(FILE), 3, 2));
    }
}
