package dev.churnops.core.validation;

import static dev.churnops.core.validation.Fixtures.GOOD;
import static dev.churnops.core.validation.Fixtures.SPEC;
import static dev.churnops.core.validation.Fixtures.read;
import static dev.churnops.core.validation.Fixtures.selfValidate;
import static dev.churnops.core.validation.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.TableSchema;
import dev.churnops.core.data.TypeInference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidatorTest {

    private static RejectedRecord onlyRejected(ValidationResult result) {
        assertEquals(1, result.rejected().size(), () -> "rejected: " + result.rejected());
        return result.rejected().get(0);
    }

    @Test
    void acceptsEveryRowOfCleanDataValidatedAgainstItsOwnProfile() {
        ValidationResult result = selfValidate(GOOD, SPEC);

        assertEquals(6, result.valid().size());
        assertTrue(result.rejected().isEmpty());
        assertTrue(result.report().usable());
        assertTrue(result.report().failedExpectations().isEmpty(), () -> result.report().failedExpectations().toString());
    }

    @Test
    void treatsABlankNumericValueAsMissingNotAsWrongLikeTelcosTotalCharges() {
        ValidationResult result = selfValidate(GOOD, SPEC);

        assertTrue(result.valid().stream().anyMatch(r -> r.fields().get(0).equals("0005")));
        assertEquals(1, result.report().missingByColumn().get("TotalCharges"));
        assertEquals(0, result.report().rejections(RowRule.WRONG_TYPE));
    }

    @Test
    void quarantinesRaggedRowsWithTheirFieldCount() {
        String csv = GOOD + "0007,5,One year,No,No\n0008,3,One year,No,100.0,No,extra\n";

        ValidationResult result = selfValidate(csv, SPEC);

        assertEquals(2, result.rejected().size());
        assertEquals(List.of("expected 6 fields, found 5"), result.rejected().get(0).reasons());
        assertEquals(8, result.rejected().get(0).lineNumber());
        assertEquals(List.of("expected 6 fields, found 7"), result.rejected().get(1).reasons());
        assertEquals(2, result.report().rejections(RowRule.PARSE_ERROR));
        assertEquals(6, result.report().rowsValid());
    }

    @Test
    void quarantinesABlankLineInTheMiddleSoNothingIsDroppedSilently() {
        String csv = GOOD.replace("0003,", "\n0003,");
        ValidationResult result = selfValidate(csv, SPEC);

        RejectedRecord blank = onlyRejected(result);
        assertEquals(List.of("blank line"), blank.reasons());
        assertEquals(4, blank.lineNumber());
        assertEquals(7, result.report().rowsIn());
    }

    @Test
    void quarantinesTextInANumericColumnNamingTheColumnAndTheValue() {
        CsvTable table = read(GOOD + "0007,abc,One year,No,100.0,No\n");
        TableSchema schema = TypeInference.infer(table, SPEC.toBuilder().type("tenure", ColumnType.NUMERIC).build());
        ValidationResult result = validate(table, SPEC, schema, Profiler.profile(table, SPEC, schema));

        RejectedRecord rejected = onlyRejected(result);
        assertEquals(List.of("column 'tenure': value 'abc' is not a number (expected NUMERIC)"), rejected.reasons());
        assertEquals("0007,abc,One year,No,100.0,No", rejected.raw());
        assertEquals(1, result.report().rejections(RowRule.WRONG_TYPE));
    }

    @Test
    void appliesStructuralRulesEvenToTheDataTheSuiteWasProfiledFrom() {
        // 1 text value in 20 keeps tenure NUMERIC (95%), so the profile itself flags the row.
        StringBuilder csv = new StringBuilder("customerID,tenure,Churn\n");
        for (int i = 1; i <= 20; i++) {
            csv.append(i).append(',').append(i == 7 ? "seven" : Integer.toString(i)).append(',')
                    .append(i % 2 == 0 ? "Yes" : "No").append('\n');
        }
        ValidationResult result = selfValidate(csv.toString(), SPEC);

        RejectedRecord rejected = onlyRejected(result);
        assertEquals(8, rejected.lineNumber());
        assertEquals(List.of("column 'tenure': value 'seven' is not a number (expected NUMERIC)"), rejected.reasons());
    }

    @Test
    void quarantinesEveryRepeatOfAnIdAfterTheFirst() {
        String csv = GOOD + "0002,3,One year,No,100.0,No\n0002,4,One year,No,100.5,Yes\n";

        ValidationResult result = selfValidate(csv, SPEC);

        assertEquals(2, result.rejected().size());
        assertEquals(List.of("column 'customerID': duplicate id '0002' (first seen on line 3)"),
                result.rejected().get(0).reasons());
        assertEquals(List.of(8L, 9L), result.rejected().stream().map(RejectedRecord::lineNumber).toList());
        assertEquals(2, result.report().rejections(RowRule.DUPLICATE_ID));
        assertTrue(result.valid().stream().anyMatch(r -> r.lineNumber() == 3), "the first occurrence stays valid");
    }

    @Test
    void quarantinesARowWithAMissingIdOrLabel() {
        CsvTable profiled = read(GOOD);
        TableSchema schema = TypeInference.infer(profiled, SPEC);
        ExpectationSuite suite = Profiler.profile(profiled, SPEC, schema);
        CsvTable table = read(GOOD + "NA,3,One year,No,100.0,No\n0008,3,One year,No,100.0, \n");

        ValidationResult result = validate(table, SPEC, schema, suite);

        assertEquals(2, result.rejected().size());
        assertEquals(List.of("column 'customerID': id is missing (value 'NA'; expected a customer id)"),
                result.rejected().get(0).reasons());
        assertEquals(List.of("column 'Churn': label is missing (value ' '; expected one of: No, Yes)"),
                result.rejected().get(1).reasons());
        assertEquals(1, result.report().rejections(RowRule.MISSING_ID));
        assertEquals(1, result.report().rejections(RowRule.MISSING_LABEL));
    }

    @Test
    void quarantinesALabelOutsideTheAllowedValues() {
        CsvTable profiled = read(GOOD);
        TableSchema schema = TypeInference.infer(profiled, SPEC);
        ExpectationSuite suite = Profiler.profile(profiled, SPEC, schema);

        ValidationResult result = validate(read(GOOD + "0007,3,One year,No,100.0,Maybe\n"), SPEC, schema, suite);

        assertEquals(List.of("column 'Churn': value 'Maybe' is not an allowed label (expected one of: No, Yes)"),
                onlyRejected(result).reasons());
        assertEquals(1, result.report().rejections(RowRule.UNKNOWN_LABEL));
    }

    @Test
    void listsEveryReasonOfARowAndCutsLongValuesTo50Characters() {
        CsvTable profiled = read(GOOD);
        TableSchema schema = TypeInference.infer(profiled, SPEC);
        ExpectationSuite suite = Profiler.profile(profiled, SPEC, schema);
        String longText = "x".repeat(80);

        ValidationResult result = validate(read(GOOD + "0001," + longText + ",Weekly,maybe,100.0,No\n"),
                SPEC, schema, suite);

        List<String> reasons = onlyRejected(result).reasons();
        assertEquals(4, reasons.size(), reasons::toString);
        assertEquals("column 'customerID': duplicate id '0001' (first seen on line 2)", reasons.get(0));
        assertEquals("column 'tenure': value '" + "x".repeat(50) + "…' is not a number (expected NUMERIC)", reasons.get(1));
        assertEquals("column 'Contract': value 'Weekly' is not an allowed category (expected one of:"
                + " Month-to-month, One year, Two year)", reasons.get(2));
        assertEquals("column 'Partner': value 'maybe' is not a boolean (expected BOOLEAN: yes/no, true/false, y/n, t/f)",
                reasons.get(3));
    }

    @Test
    void reportsAMissingLabelColumnAsUnusableNamingIt() {
        CsvTable profiled = read(GOOD);
        TableSchema schema = TypeInference.infer(profiled, SPEC);
        ExpectationSuite suite = Profiler.profile(profiled, SPEC, schema);
        CsvTable noLabel = read("customerID,tenure,Contract,Partner,TotalCharges\n0001,1,One year,Yes,29.85\n");

        ValidationResult result = validate(noLabel, SPEC, schema, suite);

        ValidationReport report = result.report();
        assertFalse(report.usable());
        assertTrue(report.problems().contains("label column 'Churn' is missing from the header of customers.csv;"
                + " its columns are: customerID, tenure, Contract, Partner, TotalCharges."), report.problems()::toString);
        assertEquals(List.of("column 'Churn': not in the file (expected the label column)"),
                onlyRejected(result).reasons());
        assertTrue(report.failedExpectations().contains(new FailedExpectation(FailedExpectation.COLUMN_PRESENT, "Churn",
                "absent", "present (required)", FailedExpectation.Severity.ERROR)));
    }

    @Test
    void reportsASingleLabelClassAsUnusable() {
        String csv = "customerID,tenure,Churn\n1,5,No\n2,7,No\n3,9,No\n";
        DatasetSpec spec = SPEC;

        ValidationResult result = selfValidate(csv, spec);

        assertEquals(3, result.valid().size());
        assertFalse(result.report().usable());
        assertTrue(result.report().problems().contains(
                "label column 'Churn' has a single class 'No': training needs both."), result.report().problems()::toString);
    }

    @Test
    void reportsAPositiveLabelThatNeverOccursAsUnusable() {
        DatasetSpec spec = SPEC.toBuilder().positiveLabel("Y").build();

        ValidationResult result = selfValidate(GOOD, spec);

        assertEquals(6, result.valid().size(), "the rows are fine; the spec is wrong");
        assertFalse(result.report().usable());
        assertEquals(List.of("positive label 'Y' does not occur in column 'Churn' (values seen: No, Yes)."),
                result.report().problems());
    }

    @Test
    void reportsZeroValidRowsAsUnusable() {
        CsvTable profiled = read(GOOD);
        TableSchema schema = TypeInference.infer(profiled, SPEC);
        ExpectationSuite suite = Profiler.profile(profiled, SPEC, schema);
        CsvTable allRagged = read("customerID,tenure,Contract,Partner,TotalCharges,Churn\n0001,1\n0002,2\n");

        ValidationResult result = validate(allRagged, SPEC, schema, suite);

        assertTrue(result.valid().isEmpty());
        assertFalse(result.report().usable());
        assertTrue(result.report().problems().contains(
                "No valid rows: all 2 rows of customers.csv were quarantined (see the reasons file)."),
                result.report().problems()::toString);
    }

    @Test
    void reportsMissingRateAboveTheMaximumWithoutRejectingRows() {
        CsvTable profiled = read(GOOD);
        TableSchema schema = TypeInference.infer(profiled, SPEC);
        ExpectationSuite suite = Profiler.profile(profiled, SPEC, schema);
        String mostlyBlank = GOOD.replace(",29.85,", ",,").replace(",1889.5,", ",NA,").replace(",108.15,", ",?,");

        ValidationResult result = validate(read(mostlyBlank), SPEC, schema, suite);

        assertEquals(6, result.valid().size(), "missing values never reject a row");
        assertEquals(4, result.report().missingByColumn().get("TotalCharges"));
        FailedExpectation failed = result.report().failedExpectations().get(0);
        assertEquals(FailedExpectation.MAX_MISSING_RATE, failed.rule());
        assertEquals("TotalCharges", failed.column());
        assertEquals("0.6667 (4 of 6 rows)", failed.observed());
        assertEquals("<= 0.2167", failed.expected());
        assertEquals(FailedExpectation.Severity.ERROR, failed.severity());
        assertTrue(result.report().usable(), "a high missing rate alerts but does not block");
    }

    @Test
    void reportsRowCountOutsideTheBounds() {
        CsvTable profiled = read(GOOD);
        TableSchema schema = TypeInference.infer(profiled, SPEC);
        ExpectationSuite suite = new ExpectationSuite("telco", "customerID", "Churn", "Yes", List.of("No", "Yes"),
                new ExpectationSuite.RowCount(10, 100), Profiler.profile(profiled, SPEC, schema).columns());

        ValidationResult result = validate(profiled, SPEC, schema, suite);

        assertEquals(List.of(new FailedExpectation(FailedExpectation.ROW_COUNT, null, "6", "between 10 and 100",
                FailedExpectation.Severity.ERROR)), result.report().failedExpectations());
    }

    @Test
    void reportsColumnsMissingFromTheFileAndColumnsTheSuiteDoesNotKnow() {
        CsvTable profiled = read(GOOD);
        TableSchema schema = TypeInference.infer(profiled, SPEC);
        ExpectationSuite suite = Profiler.profile(profiled, SPEC, schema);
        CsvTable changed = read("customerID,tenure,Contract,TotalCharges,Churn,Region\n0001,1,One year,29.85,No,EU\n"
                + "0002,3,One year,29.85,Yes,US\n");

        ValidationResult result = validate(changed, SPEC, TypeInference.infer(changed, SPEC), suite);

        List<FailedExpectation> failed = result.report().failedExpectations();
        assertTrue(failed.contains(new FailedExpectation(FailedExpectation.COLUMN_PRESENT, "Partner", "absent",
                "present (required)", FailedExpectation.Severity.ERROR)), failed::toString);
        assertTrue(failed.contains(new FailedExpectation(FailedExpectation.COLUMN_EXPECTED, "Region", "present",
                "not in the suite", FailedExpectation.Severity.WARNING)), failed::toString);
        assertFalse(result.report().usable());
        assertTrue(result.report().problems().get(0).startsWith("required column 'Partner' is missing from the header"),
                result.report().problems()::toString);
    }

    @Test
    void warnsWhenTheGivenSchemaTypeDiffersFromTheSuite() {
        CsvTable profiled = read(GOOD);
        TableSchema schema = TypeInference.infer(profiled, SPEC);
        ExpectationSuite suite = Profiler.profile(profiled, SPEC, schema);
        TableSchema drifted = TypeInference.infer(profiled, SPEC.toBuilder().type("tenure", ColumnType.CATEGORICAL).build());

        ValidationResult result = validate(profiled, SPEC, drifted, suite);

        assertEquals(List.of(new FailedExpectation(FailedExpectation.COLUMN_TYPE, "tenure", "CATEGORICAL", "NUMERIC",
                FailedExpectation.Severity.WARNING)), result.report().failedExpectations());
    }

    @Test
    void skipsRowChecksOnIgnoredColumns() {
        DatasetSpec spec = SPEC.toBuilder().ignore("Contract").build();
        CsvTable profiled = read(GOOD);
        TableSchema schema = TypeInference.infer(profiled, spec);
        ExpectationSuite suite = Profiler.profile(profiled, spec, schema);

        ValidationResult result = validate(read(GOOD + "0007,3,Weekly,No,100.0,No\n"), spec, schema, suite);

        assertTrue(result.rejected().isEmpty(), () -> result.rejected().toString());
    }

    @Test
    void refusesASuiteThatDisagreesWithTheSpec() {
        CsvTable table = read(GOOD);
        TableSchema schema = TypeInference.infer(table, SPEC);
        ExpectationSuite suite = Profiler.profile(table, SPEC, schema);
        DatasetSpec other = SPEC.toBuilder().positiveLabel("No").build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Validator.validate(table, other, schema, suite));
        assertEquals("The dataset spec and the expectation suite disagree on positive_label: 'No' in the spec, 'Yes' in"
                + " the suite; fix one of them or profile the data again.", e.getMessage());
    }

    @Test
    void countsEveryRuleInTheReportIncludingZeros() {
        ValidationResult result = selfValidate(GOOD + "0001,1,One year,No,100.0,No\n", SPEC);

        assertEquals(List.of("parse_error", "wrong_type", "missing_id", "duplicate_id", "missing_label", "unknown_label",
                "out_of_range", "unknown_category"), List.copyOf(result.report().rejectionsByRule().keySet()));
        assertEquals(1, result.report().rejectionsByRule().get("duplicate_id"));
        assertEquals(0, result.report().rejectionsByRule().get("parse_error"));
    }

    @Test
    void reportRefusesCountsThatDoNotAddUp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ValidationReport("x.csv",
                ',', 10, 7, 2, java.util.Map.of(), java.util.Map.of(), List.of(), true, List.of()));
        assertTrue(e.getMessage().contains("every row must be valid or quarantined"), e.getMessage());
    }

    @Test
    void checksIdUniquenessUnlessAHandWrittenSuiteTurnsItOffExplicitly() {
        String suiteJson = """
                {"dataset": "telco", "id_column": "customerID", "label_column": "Churn", "positive_label": "Yes",
                 "allowed_labels": ["No", "Yes"],
                 "columns": [{"name": "customerID", "type": "CATEGORICAL"%s}, {"name": "Churn", "type": "CATEGORICAL"}]}
                """;
        CsvTable table = read("customerID,Churn\n1,Yes\n1,No\n");
        TableSchema schema = TypeInference.infer(table, SPEC);
        ExpectationSuite silent = ExpectationSuite.fromJson(suiteJson.formatted("").getBytes(StandardCharsets.UTF_8));
        ExpectationSuite optedOut = ExpectationSuite.fromJson(
                suiteJson.formatted(", \"unique\": false").getBytes(StandardCharsets.UTF_8));

        assertEquals(1, validate(table, SPEC, schema, silent).report().rejections(RowRule.DUPLICATE_ID));
        assertEquals(0, validate(table, SPEC, schema, optedOut).report().rejections(RowRule.DUPLICATE_ID));
    }
}
