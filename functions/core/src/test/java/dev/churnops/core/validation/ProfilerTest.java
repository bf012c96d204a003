package dev.churnops.core.validation;

import static dev.churnops.core.validation.Fixtures.GOOD;
import static dev.churnops.core.validation.Fixtures.SPEC;
import static dev.churnops.core.validation.Fixtures.read;
import static dev.churnops.core.validation.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.DataException;
import dev.churnops.core.data.TableSchema;
import dev.churnops.core.data.TypeInference;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfilerTest {

    private static ExpectationSuite profile(String csv) {
        CsvTable table = read(csv);
        return Profiler.profile(table, SPEC, TypeInference.infer(table, SPEC));
    }

    @Test
    void recordsObservedRangesCategoriesAndLabels() {
        ExpectationSuite suite = profile(GOOD);

        assertEquals("telco", suite.dataset());
        assertEquals(List.of("No", "Yes"), suite.allowedLabels());
        ExpectationSuite.ColumnExpectation tenure = suite.column("tenure").orElseThrow();
        assertEquals(ColumnType.NUMERIC, tenure.type());
        assertEquals(0.0, tenure.min(), "observed 0..45, widened by half the range, floored at 0");
        assertEquals(67.5, tenure.max(), "observed 0..45, widened by half the range");
        assertEquals(List.of("Month-to-month", "One year", "Two year"),
                suite.column("Contract").orElseThrow().allowedCategories());
        assertEquals(List.of("false", "true"), suite.column("Partner").orElseThrow().allowedCategories());
        assertEquals(Boolean.TRUE, suite.column("customerID").orElseThrow().unique());
        assertNull(suite.column("customerID").orElseThrow().allowedCategories(), "ids are not categories");
        assertTrue(suite.columns().stream().allMatch(ExpectationSuite.ColumnExpectation::required));
    }

    @Test
    void allowsAFewMoreMissingValuesThanObserved() {
        ExpectationSuite suite = profile(GOOD);

        assertEquals(0.2167, suite.column("TotalCharges").orElseThrow().maxMissingRate(), "1/6 + 0.05, rounded up");
        assertEquals(0.05, suite.column("tenure").orElseThrow().maxMissingRate());
        assertEquals(1.0, Profiler.slack(0.99));
    }

    @Test
    void boundsTheRowCountBetweenATenthAndTenTimesTheObserved() {
        assertEquals(new ExpectationSuite.RowCount(1, 60), profile(GOOD).rowCount());
        StringBuilder csv = new StringBuilder("customerID,tenure,Churn\n");
        for (int i = 0; i < 250; i++) {
            csv.append(i).append(",1,").append(i % 2 == 0 ? "Yes" : "No").append('\n');
        }
        assertEquals(new ExpectationSuite.RowCount(25, 2500), profile(csv.toString()).rowCount());
    }

    @Test
    void leavesCategoriesOpenAboveTwoHundredDistinctValues() {
        StringBuilder csv = new StringBuilder("customerID,city,Churn\n");
        for (int i = 0; i < 201; i++) {
            csv.append(i).append(",city").append(i).append(',').append(i % 2 == 0 ? "Yes" : "No").append('\n');
        }
        assertNull(profile(csv.toString()).column("city").orElseThrow().allowedCategories());
    }

    @Test
    void alwaysAllowsThePositiveLabelEvenWhenTheProfileNeverSawIt() {
        ExpectationSuite suite = profile("customerID,tenure,Churn\n1,5,No\n2,6,No\n");
        assertEquals(List.of("No", "Yes"), suite.allowedLabels());
    }

    @Test
    void refusesToProfileATableWithoutRows() {
        CsvTable empty = read("customerID,tenure,Churn\n");
        DataException e = assertThrows(DataException.class,
                () -> Profiler.profile(empty, SPEC, TypeInference.infer(empty, SPEC)));
        assertEquals("Cannot profile customers.csv: it has no data rows after the header.", e.getMessage());
    }

    @Test
    void profileSavedAndLoadedQuarantinesAnOutOfRangeValueAndAnUnseenCategoryInNewData() {
        CsvTable history = read(GOOD);
        TableSchema schema = TypeInference.infer(history, SPEC);
        byte[] saved = Profiler.profile(history, SPEC, schema).toJson();

        ExpectationSuite loaded = ExpectationSuite.fromJson(saved);
        CsvTable arriving = read("customerID,tenure,Contract,Partner,TotalCharges,Churn\n"
                + "1001,12,One year,No,350.5,No\n"
                + "1002,-3,Two year,Yes,200.0,Yes\n"
                + "1003,5,Weekly,No,80.25,No\n"
                + "1004,7,Month-to-month,Yes,140.0,Yes\n", "raw/telco/dt=2024-06-01/customers.csv");
        ValidationResult result = validate(arriving, SPEC, loaded.schema(SPEC), loaded);

        assertEquals(2, result.valid().size());
        assertEquals(List.of(3L, 4L), result.rejected().stream().map(RejectedRecord::lineNumber).toList());
        assertEquals(List.of("column 'tenure': value '-3' is below the minimum 0 (expected NUMERIC between 0 and 67.5)"),
                result.rejected().get(0).reasons());
        assertEquals(List.of("column 'Contract': value 'Weekly' is not an allowed category (expected one of:"
                + " Month-to-month, One year, Two year)"), result.rejected().get(1).reasons());
        assertEquals(1, result.report().rejections(RowRule.OUT_OF_RANGE));
        assertEquals(1, result.report().rejections(RowRule.UNKNOWN_CATEGORY));
        assertTrue(result.report().usable(), () -> result.report().problems().toString());
    }
}
