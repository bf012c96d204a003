package dev.churnops.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabeledTableTest {

    private static final DatasetSpec SPEC = DatasetSpec.builder()
            .idColumn("customerID").labelColumn("Churn").positiveLabel("Yes").ignore("email").build();

    private static final String CSV = "customerID,email,tenure,Contract,Partner,TotalCharges,Churn\n"
            + "A1,a@x.io,1,Month-to-month,Yes,29.85,No\n"
            + "A2,b@x.io,34,\"One year, auto\",no,1889.5,No\n"
            + "A3,c@x.io,0,Two year,TRUE, ,Yes\n"
            + "A4,d@x.io,2, Month-to-month ,NA,108.15,Yes\n";

    private static CsvTable read(String text, String source) {
        return CsvReader.read(text.getBytes(StandardCharsets.UTF_8), source);
    }

    private static LabeledTable labeled(String csv, DatasetSpec spec) {
        CsvTable table = read(csv, "customers.csv");
        return LabeledTable.of(table, TypeInference.infer(table, spec), spec, table.records());
    }

    @Test
    void holdsTypedColumnsWithNaNAndNullForMissing() {
        LabeledTable table = labeled(CSV, SPEC);

        assertEquals(4, table.size());
        assertArrayEquals(new String[] {"A1", "A2", "A3", "A4"}, table.ids());
        assertArrayEquals(new boolean[] {false, false, true, true}, table.labels());
        assertArrayEquals(new long[] {2, 3, 4, 5}, table.lineNumbers());
        assertEquals(List.of("tenure", "Contract", "Partner", "TotalCharges"), table.featureNames());
        assertArrayEquals(new double[] {29.85, 1889.5, Double.NaN, 108.15}, table.numeric("TotalCharges"));
        assertArrayEquals(new String[] {"Month-to-month", "One year, auto", "Two year", "Month-to-month"},
                table.categorical("Contract"), "categories are trimmed");
        assertEquals(ColumnType.BOOLEAN, table.featureType("Partner"));
        assertArrayEquals(new String[] {"true", "false", "true", null}, table.categorical("Partner"));
    }

    @Test
    void refusesToReadABooleanColumnAsNumbers() {
        LabeledTable table = labeled(CSV, SPEC);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.numeric("Partner"));
        assertTrue(e.getMessage().contains("BOOLEAN, not NUMERIC"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> table.categorical("tenure"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> table.numeric("email"));
        assertTrue(unknown.getMessage().contains("'email' is not a feature"), unknown.getMessage());
    }

    @Test
    void aTableToScoreMayLackTheLabelColumnButATableToTrainOnMayNot() {
        DatasetSpec spec = DatasetSpec.builder().idColumn("id").labelColumn("Churn").positiveLabel("Yes").build();
        CsvTable csv = CsvReader.read("id,tenure\nA1,3\nA2,\n".getBytes(StandardCharsets.UTF_8), "snapshot");
        TableSchema schema = new TableSchema(List.of(new ColumnSchema("id", ColumnType.CATEGORICAL, ColumnRole.ID),
                new ColumnSchema("tenure", ColumnType.NUMERIC, ColumnRole.FEATURE)));

        LabeledTable toScore = LabeledTable.toScore(csv, schema, spec, csv.records());
        IllegalArgumentException toTrain = assertThrows(IllegalArgumentException.class,
                () -> LabeledTable.of(csv, schema, spec, csv.records()));

        assertArrayEquals(new String[] {"A1", "A2"}, toScore.ids());
        assertArrayEquals(new double[] {3, Double.NaN}, toScore.numeric("tenure"));
        assertArrayEquals(new String[] {null, null}, toScore.labelValues(), "no outcome is known");
        assertArrayEquals(new boolean[] {false, false}, toScore.labels());
        assertTrue(toTrain.getMessage().contains("label column is absent"), toTrain::getMessage);
    }

    @Test
    void namesRowsByLineWhenThereIsNoIdColumn() {
        DatasetSpec spec = DatasetSpec.builder().labelColumn("Churn").positiveLabel("Yes").build();
        LabeledTable table = labeled("tenure,Churn\n1,Yes\n2,No\n", spec);
        assertArrayEquals(new String[] {"line-2", "line-3"}, table.ids());
    }

    @Test
    void selectsRowsInTheGivenOrderAllowingRepeats() {
        LabeledTable table = labeled(CSV, SPEC).select(new int[] {3, 0, 3});

        assertArrayEquals(new String[] {"A4", "A1", "A4"}, table.ids());
        assertArrayEquals(new boolean[] {true, false, true}, table.labels());
        assertArrayEquals(new double[] {2, 1, 2}, table.numeric("tenure"));
        assertArrayEquals(new long[] {5, 2, 5}, table.lineNumbers());
        assertThrows(IndexOutOfBoundsException.class, () -> table.select(new int[] {3}));
    }

    @Test
    void roundTripsThroughCsvWithTheSameSchema() {
        CsvTable source = read(CSV, "customers.csv");
        TableSchema schema = TypeInference.infer(source, SPEC);
        LabeledTable original = LabeledTable.of(source, schema, SPEC, source.records());

        String csv = original.toCsv();
        CsvTable reread = read(csv, "canonical.csv");
        LabeledTable copy = LabeledTable.of(reread, schema, SPEC, reread.records());

        assertEquals("customerID,tenure,Contract,Partner,TotalCharges,Churn", csv.lines().findFirst().orElseThrow());
        assertTrue(csv.contains("A2,34,\"One year, auto\",false,1889.5,No\n"), csv);
        assertTrue(csv.contains("A3,0,Two year,true,,Yes\n"), csv);
        assertEquals(original.size(), copy.size());
        assertArrayEquals(original.ids(), copy.ids());
        assertArrayEquals(original.labels(), copy.labels());
        assertArrayEquals(original.labelValues(), copy.labelValues());
        for (String feature : original.featureNames()) {
            if (original.featureType(feature) == ColumnType.NUMERIC) {
                assertArrayEquals(original.numeric(feature), copy.numeric(feature), feature);
            } else {
                assertArrayEquals(original.categorical(feature), copy.categorical(feature), feature);
            }
        }
        assertEquals(csv, copy.toCsv(), "the canonical form is a fixed point");
    }

    @Test
    void refusesRecordsThatWouldNotHavePassedValidation() {
        CsvTable table = read("customerID,tenure,Churn\nA1,abc,No\n", "bad.csv");
        DatasetSpec spec = DatasetSpec.builder().idColumn("customerID").labelColumn("Churn").positiveLabel("Yes")
                .type("tenure", ColumnType.NUMERIC).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabeledTable.of(table, TypeInference.infer(table, spec), spec, table.records()));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("'tenure' holds 'abc'"), e.getMessage());
    }

    @Test
    void returnsCopiesSoCallersCannotChangeTheTable() {
        LabeledTable table = labeled(CSV, SPEC);
        table.numeric("tenure")[0] = 99;
        table.ids()[0] = "changed";
        assertEquals(1, table.numeric("tenure")[0]);
        assertEquals("A1", table.ids()[0]);
        assertNull(table.categorical("Partner")[3]);
    }
}
