package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureBaselineTest {

    private static final DatasetSpec SPEC = DatasetSpec.builder().idColumn("id").labelColumn("Churn").positiveLabel("Yes").build();

    /** x: 1..9 and one blank; color: red ×2, blue, one blank; flag: boolean. */
    private static final LabeledTable TABLE = SyntheticCustomers.table("id,x,color,flag,Churn\n"
            + "1,4,red,Yes,Yes\n2,1,blue,No,No\n3,,red,Yes,No\n4,9,,No,No\n5,2,red,No,No\n"
            + "6,3,red,No,Yes\n7,5,blue,Yes,No\n8,6,red,No,No\n9,7,blue,No,No\n10,8,red,No,No\n", SPEC);

    private static FeatureBaseline.ColumnStatistics column(FeatureBaseline baseline, String name) {
        return baseline.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void countsRowsAndThePositiveRate() {
        FeatureBaseline baseline = FeatureBaseline.of(TABLE);
        assertEquals(10, baseline.rows());
        assertEquals(0.2, baseline.positiveRate(), 1e-12);
    }

    @Test
    void describesANumericColumnWithoutItsMissingValues() {
        FeatureBaseline.ColumnStatistics x = column(FeatureBaseline.of(TABLE), "x");
        assertEquals(ColumnType.NUMERIC, x.type());
        assertEquals(10, x.count());
        assertEquals(1, x.missing());
        assertEquals(5.0, x.mean(), 1e-12);
        assertEquals(Math.sqrt(60.0 / 9), x.std(), 1e-12);
        assertEquals(1.0, x.min());
        assertEquals(9.0, x.max());
        // Nearest rank over the 9 present values: p50 is the 5th, p25 the 3rd, p99 the 9th.
        assertEquals(5.0, x.quantiles().get("p50"));
        assertEquals(3.0, x.quantiles().get("p25"));
        assertEquals(9.0, x.quantiles().get("p99"));
        assertEquals(1.0, x.quantiles().get("p01"));
        assertNull(x.categories());
    }

    @Test
    void countsCategoriesAndMissingValues() {
        FeatureBaseline baseline = FeatureBaseline.of(TABLE);
        FeatureBaseline.ColumnStatistics color = column(baseline, "color");
        assertEquals(Map.of("red", 6, "blue", 3), color.categories());
        assertEquals(1, color.missing());
        assertNull(color.mean());
        assertEquals(Map.of("true", 3, "false", 7), column(baseline, "flag").categories());
        assertEquals(ColumnType.BOOLEAN, column(baseline, "flag").type());
    }

    @Test
    void readsBackFromItsJson() {
        FeatureBaseline baseline = FeatureBaseline.of(TABLE);
        byte[] json = Json.write(baseline);
        assertEquals(new String(json), new String(Json.write(Json.read(json, FeatureBaseline.class, "baseline.json"))));
    }
}
