package dev.churnops.core.validation;

import dev.churnops.core.data.Cells;
import dev.churnops.core.data.ColumnRole;
import dev.churnops.core.data.ColumnSchema;
import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.CsvRecord;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.TableSchema;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sorts every record of a table into valid or quarantined against an {@link ExpectationSuite},
 * and reports what is wrong with the file as a whole. Row rules (a record breaking any is
 * quarantined with one reason per broken rule, naming the column, the value cut to 50 characters
 * and what was expected): the record parses; values fit the column's type in the suite; the id is
 * present and not seen on an earlier line (unless the suite says {@code "unique": false}); the
 * label is present and among the allowed labels; numbers are within [min, max]; categories are
 * allowed. These hold even for the data a suite was profiled from: a profile describes the data,
 * it does not excuse broken rows. A missing value never rejects a row (except id and label): too many missing values
 * in a column is a dataset-level failure. Dataset-level failures are reported, not rejected:
 * missing rate above a column's maximum, row count outside bounds, suite columns absent from the
 * file, file columns absent from the suite, and a schema type that differs from the suite's. The
 * file is unusable when the id, the label or a required column is not in the header, when no row
 * is valid, when the valid rows hold a single label class, or when the positive label never occurs.
 * Columns the spec ignores, or the schema marks IGNORED, are not checked.
 */
public final class Validator {

    private static final int LISTED_VALUES = 10;

    private Validator() {
    }

    /**
     * Validates {@code table}.
     *
     * @param schema the table's schema: supplies IGNORED roles and, for the type-drift warning, the
     *               types the caller inferred or pinned; row checks use the suite's types
     * @throws IllegalArgumentException when the spec and the suite disagree about the id column,
     *                                  the label column or the positive label
     */
    public static ValidationResult validate(CsvTable table, DatasetSpec spec, TableSchema schema, ExpectationSuite suite) {
        requireAgreement(spec, suite);
        List<String> header = table.header();
        int width = header.size();
        int idIndex = spec.idColumn() == null ? -1 : table.columnIndex(spec.idColumn());
        int labelIndex = table.columnIndex(spec.labelColumn());
        // Unique ids are a structural rule: only an explicit "unique": false in the suite turns it off.
        boolean uniqueIds = spec.idColumn() != null && suite.column(spec.idColumn())
                .map(c -> !Boolean.FALSE.equals(c.unique())).orElse(true);
        ValueCheck[] checks = new ValueCheck[width];
        for (int c = 0; c < width; c++) {
            String name = header.get(c);
            if (c != idIndex && c != labelIndex && !ignored(name, spec, schema)) {
                checks[c] = suite.column(name).map(ValueCheck::new).orElse(null);
            }
        }
        Set<String> allowedLabels = new HashSet<>(suite.allowedLabels());
        String expectedLabels = listed(suite.allowedLabels());

        List<CsvRecord> valid = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        int[] rejections = new int[RowRule.values().length];
        int[] missing = new int[width];
        int parsed = 0;
        Map<String, Long> firstSeen = new HashMap<>();
        TreeSet<String> labelsSeen = new TreeSet<>();
        TreeSet<String> validLabels = new TreeSet<>();
        for (CsvRecord record : table.records()) {
            Problems problems = new Problems();
            String label = null;
            if (!record.parsed()) {
                problems.add(RowRule.PARSE_ERROR, record.parseError());
            } else {
                parsed++;
                List<String> fields = record.fields();
                for (int c = 0; c < width; c++) {
                    String value = fields.get(c);
                    boolean absent = spec.isMissing(value);
                    if (absent) {
                        missing[c]++;
                    }
                    if (c == idIndex) {
                        if (absent) {
                            problems.add(RowRule.MISSING_ID, "column '" + header.get(c) + "': id is missing (value '"
                                    + Cells.abbreviate(value) + "'; expected a customer id)");
                        } else if (uniqueIds) {
                            String id = value.trim();
                            Long first = firstSeen.putIfAbsent(id, record.lineNumber());
                            if (first != null) {
                                problems.add(RowRule.DUPLICATE_ID, "column '" + header.get(c) + "': duplicate id '"
                                        + Cells.abbreviate(id) + "' (first seen on line " + first + ")");
                            }
                        }
                    } else if (c == labelIndex) {
                        if (absent) {
                            problems.add(RowRule.MISSING_LABEL, "column '" + header.get(c) + "': label is missing (value '"
                                    + Cells.abbreviate(value) + "'; expected one of: " + expectedLabels + ")");
                        } else {
                            label = value.trim();
                            labelsSeen.add(label);
                            if (!allowedLabels.contains(label)) {
                                problems.add(RowRule.UNKNOWN_LABEL, "column '" + header.get(c) + "': value '"
                                        + Cells.abbreviate(label) + "' is not an allowed label (expected one of: "
                                        + expectedLabels + ")");
                            }
                        }
                    } else if (!absent && checks[c] != null) {
                        checks[c].check(value, problems);
                    }
                }
                if (spec.idColumn() != null && idIndex < 0) {
                    problems.add(RowRule.MISSING_ID, "column '" + spec.idColumn() + "': not in the file (expected the id column)");
                }
                if (labelIndex < 0) {
                    problems.add(RowRule.MISSING_LABEL, "column '" + spec.labelColumn()
                            + "': not in the file (expected the label column)");
                }
            }
            if (problems.isEmpty()) {
                valid.add(record);
                validLabels.add(label);
            } else {
                rejected.add(new RejectedRecord(record.lineNumber(), record.raw(), problems.reasons));
                problems.rules.forEach(rule -> rejections[rule.ordinal()]++);
            }
        }

        int rowsIn = table.records().size();
        List<FailedExpectation> failed = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        checkColumns(table, spec, schema, suite, failed, unusable);
        checkMissingRates(table, spec, schema, suite, missing, parsed, failed);
        ExpectationSuite.RowCount bounds = suite.rowCount();
        if (bounds != null && !bounds.contains(rowsIn)) {
            failed.add(new FailedExpectation(FailedExpectation.ROW_COUNT, null, Integer.toString(rowsIn),
                    "between " + bounds.min() + " and " + bounds.max(), FailedExpectation.Severity.ERROR));
        }
        if (rowsIn == 0) {
            unusable.add(table.sourceName() + " has no data rows: expected at least one row after the header.");
        } else if (valid.isEmpty()) {
            unusable.add("No valid rows: all " + rowsIn + " rows of " + table.sourceName()
                    + " were quarantined (see the reasons file).");
        }
        if (validLabels.size() == 1) {
            unusable.add("label column '" + spec.labelColumn() + "' has a single class '" + validLabels.first()
                    + "': training needs both.");
        }
        if (labelIndex >= 0 && rowsIn > 0 && !labelsSeen.contains(spec.positiveLabel())) {
            unusable.add("positive label '" + spec.positiveLabel() + "' does not occur in column '" + spec.labelColumn()
                    + "' (values seen: " + (labelsSeen.isEmpty() ? "none" : listed(new ArrayList<>(labelsSeen))) + ").");
        }

        Map<String, Integer> byRule = new LinkedHashMap<>();
        for (RowRule rule : RowRule.values()) {
            byRule.put(rule.key(), rejections[rule.ordinal()]);
        }
        Map<String, Integer> missingByColumn = new LinkedHashMap<>();
        for (int c = 0; c < width; c++) {
            missingByColumn.put(header.get(c), missing[c]);
        }
        ValidationReport report = new ValidationReport(table.sourceName(), table.delimiter(), rowsIn, valid.size(),
                rejected.size(), byRule, missingByColumn, failed, unusable.isEmpty(), unusable);
        return new ValidationResult(valid, rejected, report);
    }

    private static void requireAgreement(DatasetSpec spec, ExpectationSuite suite) {
        requireSame("label_column", spec.labelColumn(), suite.labelColumn());
        requireSame("id_column", spec.idColumn(), suite.idColumn());
        requireSame("positive_label", spec.positiveLabel(), suite.positiveLabel());
    }

    private static void requireSame(String field, String inSpec, String inSuite) {
        if (!Objects.equals(inSpec, inSuite)) {
            throw new IllegalArgumentException("The dataset spec and the expectation suite disagree on " + field
                    + ": " + describe(inSpec) + " in the spec, " + describe(inSuite)
                    + " in the suite; fix one of them or profile the data again.");
        }
    }

    private static String describe(String value) {
        return value == null ? "none" : "'" + value + "'";
    }

    private static boolean ignored(String column, DatasetSpec spec, TableSchema schema) {
        if (spec.ignoredColumns().contains(column)) {
            return true;
        }
        int i = schema.indexOf(column);
        return i >= 0 && schema.columns().get(i).role() == ColumnRole.IGNORED;
    }

    /** Suite columns absent from the file, file columns absent from the suite, and type drift. */
    private static void checkColumns(CsvTable table, DatasetSpec spec, TableSchema schema, ExpectationSuite suite,
                                     List<FailedExpectation> failed, List<String> unusable) {
        String columns = String.join(", ", table.header());
        for (ExpectationSuite.ColumnExpectation expected : suite.columns()) {
            if (table.columnIndex(expected.name()) >= 0) {
                continue;
            }
            boolean isId = expected.name().equals(spec.idColumn());
            boolean isLabel = expected.name().equals(spec.labelColumn());
            boolean required = expected.required() || isId || isLabel;
            failed.add(new FailedExpectation(FailedExpectation.COLUMN_PRESENT, expected.name(), "absent",
                    required ? "present (required)" : "present",
                    required ? FailedExpectation.Severity.ERROR : FailedExpectation.Severity.WARNING));
            if (required) {
                String what = isId ? "id column" : isLabel ? "label column" : "required column";
                unusable.add(what + " '" + expected.name() + "' is missing from the header of " + table.sourceName()
                        + "; its columns are: " + columns + ".");
            }
        }
        for (String name : table.header()) {
            ExpectationSuite.ColumnExpectation expected = suite.column(name).orElse(null);
            if (expected == null) {
                if (!spec.ignoredColumns().contains(name)) {
                    failed.add(new FailedExpectation(FailedExpectation.COLUMN_EXPECTED, name, "present",
                            "not in the suite", FailedExpectation.Severity.WARNING));
                }
                continue;
            }
            int i = schema.indexOf(name);
            if (i >= 0 && !ignored(name, spec, schema)) {
                ColumnSchema given = schema.columns().get(i);
                if (given.type() != expected.type()) {
                    failed.add(new FailedExpectation(FailedExpectation.COLUMN_TYPE, name, given.type().name(),
                            expected.type().name(), FailedExpectation.Severity.WARNING));
                }
            }
        }
    }

    private static void checkMissingRates(CsvTable table, DatasetSpec spec, TableSchema schema, ExpectationSuite suite,
                                          int[] missing, int parsed, List<FailedExpectation> failed) {
        if (parsed == 0) {
            return;
        }
        List<String> header = table.header();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            ExpectationSuite.ColumnExpectation expected = suite.column(name).orElse(null);
            if (expected == null || ignored(name, spec, schema)) {
                continue;
            }
            double rate = missing[c] / (double) parsed;
            // Tolerance: a rate equal to the limit must pass despite binary rounding.
            if (rate > expected.maxMissingRate() + 1e-12) {
                failed.add(new FailedExpectation(FailedExpectation.MAX_MISSING_RATE, name,
                        String.format(Locale.ROOT, "%.4f (%d of %d rows)", rate, missing[c], parsed),
                        "<= " + expected.maxMissingRate(), FailedExpectation.Severity.ERROR));
            }
        }
    }

    /** Up to {@value #LISTED_VALUES} values joined by ", ", then how many there are in all. */
    private static String listed(List<String> values) {
        if (values.size() <= LISTED_VALUES) {
            return String.join(", ", values);
        }
        return String.join(", ", values.subList(0, LISTED_VALUES)) + ", … (" + values.size() + " in all)";
    }

    /** A record's broken rules and reasons, in the order found. */
    private static final class Problems {
        final EnumSet<RowRule> rules = EnumSet.noneOf(RowRule.class);
        final List<String> reasons = new ArrayList<>(0);

        void add(RowRule rule, String reason) {
            rules.add(rule);
            reasons.add(reason);
        }

        boolean isEmpty() {
            return reasons.isEmpty();
        }
    }

    /** The type, range and category checks of one suite column, prepared once per file. */
    private static final class ValueCheck {
        private final String name;
        private final ColumnType type;
        private final Double min;
        private final Double max;
        private final Set<String> allowed;
        private final String allowedText;

        ValueCheck(ExpectationSuite.ColumnExpectation expected) {
            this.name = expected.name();
            this.type = expected.type();
            this.min = expected.min();
            this.max = expected.max();
            this.allowed = expected.allowedCategories() == null ? null : new HashSet<>(expected.allowedCategories());
            this.allowedText = expected.allowedCategories() == null ? null : listed(expected.allowedCategories());
        }

        void check(String value, Problems problems) {
            String shown = "column '" + name + "': value '" + Cells.abbreviate(value) + "'";
            switch (type) {
                case NUMERIC: {
                    double d = Cells.parseNumber(value);
                    if (Double.isNaN(d)) {
                        problems.add(RowRule.WRONG_TYPE, shown + " is not a number (expected NUMERIC)");
                    } else if (min != null && d < min) {
                        problems.add(RowRule.OUT_OF_RANGE, shown + " is below the minimum "
                                + Cells.formatNumber(min) + " (expected NUMERIC " + range() + ")");
                    } else if (max != null && d > max) {
                        problems.add(RowRule.OUT_OF_RANGE, shown + " is above the maximum "
                                + Cells.formatNumber(max) + " (expected NUMERIC " + range() + ")");
                    }
                    break;
                }
                case BOOLEAN: {
                    String canonical = Cells.canonicalBoolean(value);
                    if (canonical == null) {
                        problems.add(RowRule.WRONG_TYPE, shown
                                + " is not a boolean (expected BOOLEAN: yes/no, true/false, y/n, t/f)");
                    } else if (allowed != null && !allowed.contains(canonical)) {
                        problems.add(RowRule.UNKNOWN_CATEGORY, shown + " (" + canonical
                                + ") is not an allowed value (expected one of: " + allowedText + ")");
                    }
                    break;
                }
                case CATEGORICAL:
                    if (allowed != null && !allowed.contains(value.trim())) {
                        problems.add(RowRule.UNKNOWN_CATEGORY, shown
                                + " is not an allowed category (expected one of: " + allowedText + ")");
                    }
                    break;
                default:
                    throw new IllegalStateException("unknown column type " + type);
            }
        }

        private String range() {
            if (min != null && max != null) {
                return "between " + Cells.formatNumber(min) + " and " + Cells.formatNumber(max);
            }
            return min != null ? ">= " + Cells.formatNumber(min) : "<= " + Cells.formatNumber(max);
        }
    }
}
