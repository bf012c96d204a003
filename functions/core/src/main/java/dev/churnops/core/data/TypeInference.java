package dev.churnops.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides each column's type and role from the data and the user's {@link DatasetSpec}. Rules,
 * in order of precedence:
 * <ol>
 *   <li>the id and label columns get roles ID and LABEL and type CATEGORICAL;</li>
 *   <li>columns in {@code ignoredColumns} get role IGNORED (their type is still decided below);
 *       every other column is a FEATURE;</li>
 *   <li>a type override in the spec wins;</li>
 *   <li>BOOLEAN when there is at least one non-missing value and every one of them, trimmed, is
 *       yes/no, true/false, y/n or t/f in any case;</li>
 *   <li>NUMERIC when there is at least one non-missing value and at least
 *       {@value #NUMERIC_SHARE} of them are finite plain decimals ({@link Cells#parseNumber}: no hex,
 *       no "Infinity"; "NaN" is a missing token by default). So 0/1 columns are NUMERIC, and a few
 *       typos do not turn a numeric column into text: the validator quarantines those rows;</li>
 *   <li>otherwise CATEGORICAL (including columns with no values at all).</li>
 * </ol>
 * Missing values (the spec's missing tokens, after trimming) never count for or against a type,
 * and records with a parse error are skipped. The id and label columns and every overridden
 * column must be in the header, so a typo in the spec fails loudly; an ignored column may be
 * absent, as it is from files derived with {@link LabeledTable#toCsv()}.
 */
public final class TypeInference {

    /** Share of non-missing values that must be numbers for a column to be NUMERIC. */
    public static final double NUMERIC_SHARE = 0.95;

    private TypeInference() {
    }

    /**
     * The schema of {@code table}, columns in header order.
     *
     * @throws DataException when a column named by the spec is not in the header, naming it and
     *                       listing the header's columns
     */
    public static TableSchema infer(CsvTable table, DatasetSpec spec) {
        requireColumns(table, spec);
        List<String> header = table.header();
        int width = header.size();
        long[] present = new long[width];
        long[] numbers = new long[width];
        long[] booleans = new long[width];
        for (CsvRecord record : table.records()) {
            if (!record.parsed()) {
                continue;
            }
            List<String> fields = record.fields();
            for (int c = 0; c < width; c++) {
                String value = fields.get(c);
                if (spec.isMissing(value)) {
                    continue;
                }
                present[c]++;
                if (Cells.isNumber(value)) {
                    numbers[c]++;
                } else if (Cells.parseBoolean(value) != null) {
                    booleans[c]++;
                }
            }
        }
        Map<String, ColumnType> overrides = spec.typeOverrides();
        List<ColumnSchema> columns = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            String name = header.get(c);
            if (name.equals(spec.idColumn())) {
                columns.add(new ColumnSchema(name, ColumnType.CATEGORICAL, ColumnRole.ID));
            } else if (name.equals(spec.labelColumn())) {
                columns.add(new ColumnSchema(name, ColumnType.CATEGORICAL, ColumnRole.LABEL));
            } else {
                ColumnType type = overrides.containsKey(name) ? overrides.get(name)
                        : typeOf(present[c], numbers[c], booleans[c]);
                ColumnRole role = spec.ignoredColumns().contains(name) ? ColumnRole.IGNORED : ColumnRole.FEATURE;
                columns.add(new ColumnSchema(name, type, role));
            }
        }
        return new TableSchema(columns);
    }

    /**
     * The type of a column from counts of its values: {@code present} non-missing, of which
     * {@code numbers} parse as numbers and {@code booleans} as booleans. All booleans make BOOLEAN, at
     * least {@link #NUMERIC_SHARE} numbers NUMERIC, anything else (or nothing present) CATEGORICAL.
     */
    public static ColumnType typeOf(long present, long numbers, long booleans) {
        if (present == 0) {
            return ColumnType.CATEGORICAL;
        }
        if (booleans == present) {
            return ColumnType.BOOLEAN;
        }
        if (numbers >= NUMERIC_SHARE * present) {
            return ColumnType.NUMERIC;
        }
        return ColumnType.CATEGORICAL;
    }

    private static void requireColumns(CsvTable table, DatasetSpec spec) {
        if (spec.idColumn() != null) {
            requireColumn(table, spec.idColumn(), "id column");
        }
        requireColumn(table, spec.labelColumn(), "label column");
        for (String column : spec.typeOverrides().keySet()) {
            // Files derived from a table (LabeledTable.toCsv) leave ignored columns out and are read
            // back with the same spec, so only an override on a column that matters must be present.
            if (!spec.ignoredColumns().contains(column)) {
                requireColumn(table, column, "column with a type override");
            }
        }
    }

    private static void requireColumn(CsvTable table, String column, String what) {
        if (table.columnIndex(column) < 0) {
            throw new DataException("The " + what + " '" + column + "' is not in the header of " + table.sourceName()
                    + "; its columns are: " + String.join(", ", table.header()) + ".");
        }
    }
}
