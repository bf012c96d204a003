package dev.churnops.core.validation;

import static dev.churnops.core.validation.Fixtures.SPEC;
import static dev.churnops.core.validation.Fixtures.read;
import static dev.churnops.core.validation.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvRecord;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.TableSchema;
import dev.churnops.core.data.TypeInference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuarantineTest {

    private static final String HEADER = "customerID,note,tenure,Churn";

    @Test
    void rejectedFileHoldsTheOriginalHeaderAndLinesByteForByte() {
        String csv = HEADER + "\n"
                + "0001,plain,1,Yes\n"
                + "0002,\"said \"\"bye\"\",\nthen left\",abc,Yes\n"
                + "0003,  spaced  ,5,No\n"
                + "0003,\"caf\u00e9\",7,Yes\n"
                + "0004,x,9\n";
        CsvTable table = read(csv);
        DatasetSpec spec = SPEC.toBuilder().type("tenure", ColumnType.NUMERIC).build();
        TableSchema schema = TypeInference.infer(table, spec);
        ValidationResult result = validate(table, spec, schema, Profiler.profile(table, spec, schema));

        byte[] quarantined = Quarantine.rejectedCsv(table, result.rejected());

        String expected = HEADER + "\n"
                + "0002,\"said \"\"bye\"\",\nthen left\",abc,Yes\n"
                + "0003,\"caf\u00e9\",7,Yes\n"
                + "0004,x,9\n";
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), quarantined);
    }

    @Test
    void rejectedFileCanBeReadAgainAfterFixing() {
        String csv = HEADER + "\n0001,a,1,No\n0002,b,2\n0003,c,3,Yes\n";
        CsvTable table = read(csv);
        TableSchema schema = TypeInference.infer(table, SPEC);
        ValidationResult result = validate(table, SPEC, schema, Profiler.profile(table, SPEC, schema));

        String fixed = new String(Quarantine.rejectedCsv(table, result.rejected()), StandardCharsets.UTF_8)
                .replace("0002,b,2", "0002,b,2,No");
        CsvTable reread = CsvReader.read(fixed.getBytes(StandardCharsets.UTF_8), "fixed.csv");

        assertEquals(List.of(List.of("0002", "b", "2", "No")), reread.records().stream().map(CsvRecord::fields).toList());
    }

    @Test
    void reasonsFileListsLineNumbersAndQuotedReasons() {
        List<RejectedRecord> rejected = List.of(
                new RejectedRecord(3, "x", List.of("expected 4 fields, found 3")),
                new RejectedRecord(7, "y", List.of("column 'note': value 'say \"hi\"' is not a number (expected NUMERIC)",
                        "column 'customerID': duplicate id '1' (first seen on line 2)")));

        String reasons = new String(Quarantine.reasonsCsv(rejected), StandardCharsets.UTF_8);

        assertEquals("line_number,reason\n"
                + "3,\"expected 4 fields, found 3\"\n"
                + "7,\"column 'note': value 'say \"\"hi\"\"' is not a number (expected NUMERIC); column 'customerID':"
                + " duplicate id '1' (first seen on line 2)\"\n", reasons);
        CsvTable reread = CsvReader.read(reasons.getBytes(StandardCharsets.UTF_8), "reasons.csv");
        assertEquals("expected 4 fields, found 3", reread.records().get(0).fields().get(1));
    }
}
