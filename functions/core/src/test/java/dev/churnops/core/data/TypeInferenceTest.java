package dev.churnops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeInferenceTest {

    private static final DatasetSpec SPEC = DatasetSpec.builder()
            .idColumn("customerID").labelColumn("Churn").positiveLabel("Yes").build();

    private static CsvTable read(String text) {
        return CsvReader.read(text.getBytes(StandardCharsets.UTF_8), "customers.csv");
    }

    private static ColumnType typeOf(String column, String csv, DatasetSpec spec) {
        return TypeInference.infer(read(csv), spec).column(column).type();
    }

    @Test
    void givesIdAndLabelTheirRolesAsCategorical() {
        TableSchema schema = TypeInference.infer(read("customerID,tenure,Churn\n1,5,Yes\n2,7,No\n"), SPEC);

        assertEquals(new ColumnSchema("customerID", ColumnType.CATEGORICAL, ColumnRole.ID), schema.column("customerID"));
        assertEquals(new ColumnSchema("Churn", ColumnType.CATEGORICAL, ColumnRole.LABEL), schema.column("Churn"));
        assertEquals(List.of(new ColumnSchema("tenure", ColumnType.NUMERIC, ColumnRole.FEATURE)), schema.features());
        assertEquals(1, schema.indexOf("tenure"));
        assertEquals(-1, schema.indexOf("nope"));
    }

    @Test
    void infersBooleansFromYesNoTrueFalseYNTFInAnyCase() {
        String csv = "customerID,Partner,Flag,Short,Churn\n"
                + "1,Yes,TRUE,y,Yes\n"
                + "2,no,false,N,No\n"
                + "3, YES ,True,t,No\n"
                + "4,NA,False,F,Yes\n";
        TableSchema schema = TypeInference.infer(read(csv), SPEC);

        assertEquals(ColumnType.BOOLEAN, schema.column("Partner").type());
        assertEquals(ColumnType.BOOLEAN, schema.column("Flag").type());
        assertEquals(ColumnType.BOOLEAN, schema.column("Short").type());
    }

    @Test
    void treatsZeroOneColumnsAsNumeric() {
        assertEquals(ColumnType.NUMERIC, typeOf("SeniorCitizen",
                "customerID,SeniorCitizen,Churn\n1,0,Yes\n2,1,No\n3,0,No\n", SPEC));
    }

    @Test
    void treatsAColumnAsNumericWhenAtLeast95PercentOfValuesAreNumbers() {
        StringBuilder mostlyNumbers = new StringBuilder("customerID,tenure,Churn\n");
        StringBuilder tooManyWords = new StringBuilder("customerID,tenure,Churn\n");
        for (int i = 0; i < 100; i++) {
            mostlyNumbers.append(i).append(',').append(i < 95 ? Integer.toString(i) : "abc").append(",No\n");
            tooManyWords.append(i).append(',').append(i < 94 ? Integer.toString(i) : "abc").append(",No\n");
        }
        assertEquals(ColumnType.NUMERIC, typeOf("tenure", mostlyNumbers.toString(), SPEC));
        assertEquals(ColumnType.CATEGORICAL, typeOf("tenure", tooManyWords.toString(), SPEC));
    }

    @Test
    void doesNotCountMissingTokensAgainstATypeLikeTelcosBlankTotalCharges() {
        String csv = "customerID,TotalCharges,Churn\n1,29.85,No\n2, ,No\n3,NA,Yes\n4,NaN,No\n5,1e3,No\n";
        assertEquals(ColumnType.NUMERIC, typeOf("TotalCharges", csv, SPEC));
    }

    @Test
    void rejectsHexInfinityAndTypeSuffixesAsNumbers() {
        assertEquals(ColumnType.CATEGORICAL, typeOf("x", "customerID,x,Churn\n1,0x1p3,No\n2,Infinity,No\n3,1d,No\n", SPEC));
        assertTrue(Cells.isNumber(" -12.5e-3 "));
        assertTrue(Cells.isNumber(".5"));
        assertFalse(Cells.isNumber("1e999"), "overflow is not a finite number");
        assertFalse(Cells.isNumber("1e"), "an exponent needs digits");
        assertFalse(Cells.isNumber("."), "a number needs a digit");
    }

    @Test
    void callsAColumnWithNoValuesCategorical() {
        assertEquals(ColumnType.CATEGORICAL, typeOf("empty", "customerID,empty,Churn\n1,,No\n2,NA,Yes\n", SPEC));
    }

    @Test
    void letsAnOverrideWinOverInference() {
        DatasetSpec spec = SPEC.toBuilder().type("SeniorCitizen", ColumnType.CATEGORICAL)
                .type("Partner", ColumnType.CATEGORICAL).build();
        TableSchema schema = TypeInference.infer(read("customerID,SeniorCitizen,Partner,Churn\n1,0,Yes,No\n2,1,No,Yes\n"), spec);

        assertEquals(ColumnType.CATEGORICAL, schema.column("SeniorCitizen").type());
        assertEquals(ColumnType.CATEGORICAL, schema.column("Partner").type());
    }

    @Test
    void marksIgnoredColumns() {
        DatasetSpec spec = SPEC.toBuilder().ignore("email").build();
        TableSchema schema = TypeInference.infer(read("customerID,email,tenure,Churn\n1,a@b.c,4,No\n"), spec);

        assertEquals(ColumnRole.IGNORED, schema.column("email").role());
        assertEquals(List.of("tenure"), schema.features().stream().map(ColumnSchema::name).toList());
    }

    @Test
    void skipsRecordsWithAParseError() {
        String csv = "customerID,tenure,Churn\n1,5,No\n2,oops,extra,No\n3,7,Yes\n";
        assertEquals(ColumnType.NUMERIC, typeOf("tenure", csv, SPEC));
    }

    @Test
    void failsWhenTheLabelColumnIsNotInTheHeaderNamingItAndTheColumns() {
        DataException e = assertThrows(DataException.class,
                () -> TypeInference.infer(read("customerID,tenure,churned\n1,5,Yes\n"), SPEC));
        assertEquals("The label column 'Churn' is not in the header of customers.csv; its columns are:"
                + " customerID, tenure, churned.", e.getMessage());
    }

    @Test
    void failsWhenTheIdColumnIsNotInTheHeader() {
        DataException e = assertThrows(DataException.class,
                () -> TypeInference.infer(read("id,tenure,Churn\n1,5,Yes\n"), SPEC));
        assertTrue(e.getMessage().startsWith("The id column 'customerID' is not in the header"), e.getMessage());
    }

    @Test
    void failsWhenAnOverriddenColumnIsNotInTheHeader() {
        DatasetSpec spec = SPEC.toBuilder().type("tenur", ColumnType.NUMERIC).build();
        DataException e = assertThrows(DataException.class,
                () -> TypeInference.infer(read("customerID,tenure,Churn\n1,5,Yes\n"), spec));
        assertTrue(e.getMessage().contains("'tenur'"), e.getMessage());
    }

    @Test
    void acceptsAnIgnoredColumnMissingFromAFileDerivedByToCsv() {
        DatasetSpec spec = SPEC.toBuilder().ignore("email").type("email", ColumnType.CATEGORICAL).build();
        TableSchema schema = TypeInference.infer(read("customerID,tenure,Churn\n1,5,Yes\n"), spec);
        assertEquals(List.of("customerID", "tenure", "Churn"), schema.names());
    }
}
