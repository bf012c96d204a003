package dev.churnops.core.validation;

import dev.churnops.core.data.Cells;
import dev.churnops.core.data.ColumnRole;
import dev.churnops.core.data.ColumnSchema;
import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.CsvRecord;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.DataException;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.TableSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a first {@link ExpectationSuite} from data that is believed good, for a person to review
 * and edit. Only parsed records are looked at. Per column: the schema's type; required, except
 * IGNORED columns; max_missing_rate = observed rate + {@value #MISSING_RATE_SLACK} (at most 1,
 * rounded up to 4 decimals), so a slightly worse file still passes; NUMERIC min/max = the observed
 * range widened by {@value #RANGE_SLACK} of its width on each side, so next month's longest tenure
 * is not quarantined, but a column never seen negative keeps its floor at 0 when the observed
 * minimum is at least 0 (a count stays a count); CATEGORICAL and BOOLEAN allowed categories = the observed
 * values (trimmed; BOOLEAN as "true"/"false"), left out (any value) above
 * {@value #MAX_CATEGORIES} distinct values or when none were seen; the id column is unique and
 * has no categories; IGNORED columns get no constraints. Allowed labels = the observed labels plus
 * the positive label. Row count bounds = [max(1, n/10), n*10] for n data rows.
 */
public final class Profiler {

    /** Share of the observed numeric range added below and above it. */
    public static final double RANGE_SLACK = 0.5;

    static double widenedMin(double min, double max) {
        double widened = min - (max - min) * RANGE_SLACK;
        return min >= 0 && widened < 0 ? 0.0 : widened;
    }

    static double widenedMax(double min, double max) {
        return max + (max - min) * RANGE_SLACK;
    }

    /** Added to the observed missing rate to give max_missing_rate. */
    public static final double MISSING_RATE_SLACK = 0.05;
    /** Above this many distinct values a column's categories are not listed ("any"). */
    public static final int MAX_CATEGORIES = 200;

    private Profiler() {
    }

    /**
     * Profiles {@code table}, whose columns are described by {@code schema} (usually inferred).
     *
     * @throws DataException when the table has no data rows, none of them parses, or a schema
     *                       column is not in the header
     */
    public static ExpectationSuite profile(CsvTable table, DatasetSpec spec, TableSchema schema) {
        int rows = table.records().size();
        if (rows == 0) {
            throw new DataException("Cannot profile " + table.sourceName() + ": it has no data rows after the header.");
        }
        List<ColumnSchema> schemaColumns = schema.columns();
        ColumnStats[] stats = new ColumnStats[schemaColumns.size()];
        int[] indexes = new int[schemaColumns.size()];
        for (int k = 0; k < stats.length; k++) {
            ColumnSchema column = schemaColumns.get(k);
            indexes[k] = table.columnIndex(column.name());
            if (indexes[k] < 0) {
                throw new DataException("Cannot profile " + table.sourceName() + ": schema column '" + column.name()
                        + "' is not in its header; its columns are: " + String.join(", ", table.header()) + ".");
            }
            // Every label value must be listed; other columns only up to the cap.
            stats[k] = new ColumnStats(column.type(), column.role() == ColumnRole.LABEL ? Integer.MAX_VALUE : MAX_CATEGORIES);
        }
        // One row-major pass: a 100 MB file is walked once, not once per column.
        long parsed = 0;
        for (CsvRecord record : table.records()) {
            if (!record.parsed()) {
                continue;
            }
            parsed++;
            List<String> fields = record.fields();
            for (int k = 0; k < stats.length; k++) {
                stats[k].add(fields.get(indexes[k]), spec);
            }
        }
        if (parsed == 0) {
            throw new DataException("Cannot profile " + table.sourceName() + ": none of its " + rows
                    + " rows parses (first problem, line " + table.records().get(0).lineNumber() + ": "
                    + table.records().get(0).parseError() + ").");
        }
        List<ExpectationSuite.ColumnExpectation> columns = new ArrayList<>();
        TreeSet<String> labels = new TreeSet<>();
        for (int k = 0; k < stats.length; k++) {
            ColumnSchema column = schemaColumns.get(k);
            ColumnStats stat = stats[k];
            double maxMissing = slack(stat.missing / (double) parsed);
            switch (column.role()) {
                case ID:
                    columns.add(new ExpectationSuite.ColumnExpectation(column.name(), column.type(), true, maxMissing,
                            null, null, null, true));
                    break;
                case LABEL:
                    labels.addAll(stat.categories);
                    columns.add(new ExpectationSuite.ColumnExpectation(column.name(), column.type(), true, maxMissing,
                            null, null, null, null));
                    break;
                case IGNORED:
                    columns.add(new ExpectationSuite.ColumnExpectation(column.name(), column.type(), false, 1.0,
                            null, null, null, null));
                    break;
                case FEATURE:
                    boolean numeric = column.type() == ColumnType.NUMERIC && stat.numbers > 0;
                    boolean listed = column.type() != ColumnType.NUMERIC && !stat.categories.isEmpty()
                            && stat.categories.size() <= MAX_CATEGORIES;
                    columns.add(new ExpectationSuite.ColumnExpectation(column.name(), column.type(), true, maxMissing,
                            numeric ? widenedMin(stat.min, stat.max) : null, numeric ? widenedMax(stat.min, stat.max) : null,
                            listed ? List.copyOf(new TreeSet<>(stat.categories)) : null, null));
                    break;
                default:
                    throw new IllegalStateException("unknown column role " + column.role());
            }
        }
        labels.add(spec.positiveLabel());
        ExpectationSuite.RowCount bounds = new ExpectationSuite.RowCount(Math.max(1, rows / 10), rows * 10L);
        return new ExpectationSuite(spec.name(), spec.idColumn(), spec.labelColumn(), spec.positiveLabel(),
                List.copyOf(labels), bounds, columns);
    }

    /** Observed rate plus slack, rounded up to 4 decimals so the JSON stays readable. */
    static double slack(double observed) {
        double rate = Math.min(1.0, observed + MISSING_RATE_SLACK);
        // The epsilon keeps 0.05 from becoming 0.0501 through binary rounding.
        return Math.min(1.0, Math.ceil(rate * 10_000 - 1e-9) / 10_000);
    }

    /** What one column looked like: missing count, numeric range, distinct values (capped). */
    private static final class ColumnStats {
        private final ColumnType type;
        private final int cap;
        long missing;
        long numbers;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        final Set<String> categories = new HashSet<>();

        ColumnStats(ColumnType type, int cap) {
            this.type = type;
            this.cap = cap;
        }

        void add(String value, DatasetSpec spec) {
            if (spec.isMissing(value)) {
                missing++;
            } else if (type == ColumnType.NUMERIC) {
                double d = Cells.parseNumber(value);
                if (!Double.isNaN(d)) {
                    numbers++;
                    min = Math.min(min, d);
                    max = Math.max(max, d);
                }
            } else if (categories.size() <= cap) {
                // Past the cap the list is dropped anyway; stop growing the set (id-like columns).
                String category = type == ColumnType.BOOLEAN ? Cells.canonicalBoolean(value) : value.trim();
                if (category != null) {
                    categories.add(category);
                }
            }
        }
    }
}
