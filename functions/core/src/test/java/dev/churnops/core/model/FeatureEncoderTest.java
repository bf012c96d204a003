package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {

    private static final DatasetSpec SPEC = DatasetSpec.builder().idColumn("id").labelColumn("Churn").positiveLabel("Yes").build();

    /**
     * x has one blank: present values 1, 2, 5 → median 2; with the blank imputed the values are
     * 1, 2, 2, 5 → mean 2.5, population sd 1.5. color has a blank and two categories; flag is a
     * boolean column without blanks; z has no blanks.
     */
    private static final String SMALL = "id,x,color,flag,z,Churn\n"
            + "1,1,red,Yes,10,Yes\n"
            + "2,2,blue,No,20,No\n"
            + "3,,red,Yes,30,No\n"
            + "4,5,,No,40,Yes\n";

    private static final LabeledTable TABLE = SyntheticCustomers.table(SMALL, SPEC);
    private static final FeatureEncoder ENCODER = FeatureEncoder.fit(TABLE);

    private static int index(String feature) {
        int i = ENCODER.featureNames().indexOf(feature);
        assertTrue(i >= 0, "feature '" + feature + "' in " + ENCODER.featureNames());
        return i;
    }

    @Test
    void namesFeaturesInColumnOrderWithIndicators() {
        assertEquals(List.of("x", "x__missing", "color=blue", "color=red", "color=__missing__", "flag=false", "flag=true", "z"),
                ENCODER.featureNames());
        assertArrayEquals(new String[] {"x", "x", "color", "color", "color", "flag", "flag", "z"}, ENCODER.sourceColumns());
    }

    @Test
    void standardisesWithTrainingMeanAndPopulationStandardDeviation() {
        double[][] rows = ENCODER.encode(TABLE);
        int z = index("z");
        // z = 10, 20, 30, 40: mean 25, population sd sqrt(125).
        double sd = Math.sqrt(125);
        assertEquals(-15 / sd, rows[0][z], 1e-12);
        assertEquals(15 / sd, rows[3][z], 1e-12);
        double mean = 0;
        double squares = 0;
        for (double[] row : rows) {
            mean += row[z] / rows.length;
            squares += row[z] * row[z] / rows.length;
        }
        assertEquals(0.0, mean, 1e-12);
        assertEquals(1.0, squares, 1e-12);
    }

    @Test
    void imputesMissingNumbersWithTheTrainingMedianAndFlagsThem() {
        double[][] rows = ENCODER.encode(TABLE);
        int x = index("x");
        int flag = index("x__missing");
        assertEquals((1 - 2.5) / 1.5, rows[0][x], 1e-12);
        assertEquals(0.0, rows[0][flag]);
        // Row 3 is blank: imputed with the median 2, flagged.
        assertEquals((2 - 2.5) / 1.5, rows[2][x], 1e-12);
        assertEquals(1.0, rows[2][flag]);
        FeatureEncoder.ColumnEncoding encoding = ENCODER.columns().get(0);
        assertEquals(2.0, encoding.median());
        assertEquals(2.5, encoding.mean());
        assertEquals(1.5, encoding.scale(), 1e-12);
        assertTrue(encoding.missingIndicator());
    }

    @Test
    void omitsTheMissingIndicatorWhenTrainingHadNoBlanks() {
        FeatureEncoder.ColumnEncoding z = ENCODER.columns().get(3);
        assertEquals("z", z.column());
        assertFalse(z.missingIndicator());
        assertFalse(ENCODER.featureNames().contains("z__missing"));
        // A blank at scoring time is still imputed with the median (25), which standardises to 0.
        double[] row = ENCODER.encode(customer(3.0, "red", true, null));
        assertEquals(0.0, row[index("z")], 1e-12);
    }

    @Test
    void oneHotEncodesCategoriesWithAMissingIndicator() {
        double[][] rows = ENCODER.encode(TABLE);
        assertEquals(1.0, rows[0][index("color=red")]);
        assertEquals(0.0, rows[0][index("color=blue")]);
        assertEquals(0.0, rows[0][index("color=__missing__")]);
        assertEquals(1.0, rows[3][index("color=__missing__")]);
        assertEquals(0.0, rows[3][index("color=red")] + rows[3][index("color=blue")]);
        assertEquals(1.0, rows[0][index("flag=true")]);
        assertEquals(1.0, rows[1][index("flag=false")]);
    }

    @Test
    void encodesACategoryNeverSeenInTrainingAsAllZeros() {
        double[] row = ENCODER.encode(customer(2.0, "green", false, 20.0));
        assertEquals(0.0, row[index("color=blue")]);
        assertEquals(0.0, row[index("color=red")]);
        assertEquals(0.0, row[index("color=__missing__")]);
        assertEquals(1.0, row[index("flag=false")]);
    }

    @Test
    void encodesOneCustomerTheWayItEncodesTheTable() {
        double[][] rows = ENCODER.encode(TABLE);
        assertArrayEquals(rows[0], ENCODER.encode(customer(1.0, "red", true, 10.0)));
        assertArrayEquals(rows[2], ENCODER.encode(customer(null, "red", true, 30.0)));
        assertArrayEquals(rows[3], ENCODER.encode(customer(5, null, false, 40L)));
    }

    @Test
    void acceptsNullAsMissingForEveryColumnType() {
        double[] row = ENCODER.encode(customer(null, null, null, null));
        assertEquals(1.0, row[index("x__missing")]);
        assertEquals((2 - 2.5) / 1.5, row[index("x")], 1e-12);
        assertEquals(1.0, row[index("color=__missing__")]);
        // flag had no blanks in training: a missing flag sets neither indicator.
        assertEquals(0.0, row[index("flag=true")] + row[index("flag=false")]);
    }

    @Test
    void rejectsAStringForANumericColumnNamingTheColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ENCODER.encode(customer("4", "red", true, 10.0)));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
        assertTrue(e.getMessage().contains("expected a number"), e.getMessage());
    }

    @Test
    void rejectsANonFiniteNumberNamingTheColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ENCODER.encode(customer(Double.POSITIVE_INFINITY, "red", true, 10.0)));
        assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("finite"), e.getMessage());
    }

    @Test
    void rejectsWrongTypesForCategoricalAndBooleanColumns() {
        IllegalArgumentException color = assertThrows(IllegalArgumentException.class,
                () -> ENCODER.encode(customer(1.0, 7, true, 10.0)));
        assertTrue(color.getMessage().contains("'color'") && color.getMessage().contains("string"), color.getMessage());
        IllegalArgumentException flag = assertThrows(IllegalArgumentException.class,
                () -> ENCODER.encode(customer(1.0, "red", "Yes", 10.0)));
        assertTrue(flag.getMessage().contains("'flag'") && flag.getMessage().contains("true or false"), flag.getMessage());
    }

    @Test
    void givesIdenticalEncodingsAfterAJsonRoundTrip() {
        byte[] json = Json.write(ENCODER);
        FeatureEncoder read = Json.read(json, FeatureEncoder.class, "encoder");

        assertArrayEquals(json, Json.write(read));
        assertEquals(ENCODER.featureNames(), read.featureNames());
        double[][] expected = ENCODER.encode(TABLE);
        double[][] actual = read.encode(TABLE);
        for (int r = 0; r < expected.length; r++) {
            assertArrayEquals(expected[r], actual[r], "row " + r);
        }
        assertArrayEquals(ENCODER.encode(customer(null, "green", true, 12.5)), read.encode(customer(null, "green", true, 12.5)));
    }

    @Test
    void fitsOnSyntheticDataWithTheTypesInferredFromIt() {
        LabeledTable table = SyntheticCustomers.table(200, 5);
        FeatureEncoder encoder = FeatureEncoder.fit(table);
        Map<String, ColumnType> types = new HashMap<>();
        encoder.columns().forEach(c -> types.put(c.column(), c.type()));

        assertEquals(Map.of("tenure", ColumnType.NUMERIC, "MonthlyCharges", ColumnType.NUMERIC,
                "Contract", ColumnType.CATEGORICAL, "Partner", ColumnType.BOOLEAN,
                "PaymentMethod", ColumnType.CATEGORICAL), types);
        assertTrue(encoder.featureNames().contains("tenure__missing"));
        assertTrue(encoder.featureNames().contains("Contract=__missing__"));
        assertEquals(encoder.width(), encoder.encode(table)[0].length);
    }

    @Test
    void usesScaleOneForAConstantColumn() {
        LabeledTable constant = SyntheticCustomers.table("id,k,Churn\n1,3,Yes\n2,3,No\n", SPEC);
        FeatureEncoder encoder = FeatureEncoder.fit(constant);
        assertEquals(1.0, encoder.columns().get(0).scale());
        assertArrayEquals(new double[] {0.0}, encoder.encode(constant)[0]);
    }

    private static Map<String, Object> customer(Object x, Object color, Object flag, Object z) {
        Map<String, Object> m = new HashMap<>();
        m.put("x", x);
        m.put("color", color);
        m.put("flag", flag);
        m.put("z", z);
        return m;
    }
}
