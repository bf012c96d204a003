package dev.churnops.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The valid rows of a table held column by column with typed values: what training reads. Ids and
 * labels are trimmed; NUMERIC features are doubles with NaN for missing; CATEGORICAL features are
 * trimmed strings with null for missing; BOOLEAN features are the strings "true"/"false" (null for
 * missing), so a one-hot encoder can treat them like any category. IGNORED columns are not held.
 * Immutable: accessors return copies. {@link #toCsv()} writes the canonical form, which reads back
 * through {@link CsvReader} and {@link #of} with the same schema to the same values.
 */
public final class LabeledTable {

    private final TableSchema schema;
    private final String idColumn;
    private final String labelColumn;
    private final String missingToken;
    private final String[] ids;
    private final String[] labelValues;
    private final boolean[] labels;
    private final long[] lineNumbers;
    private final List<String> featureNames;
    private final Map<String, double[]> numeric;
    private final Map<String, String[]> categorical;

    private LabeledTable(TableSchema schema, String idColumn, String labelColumn, String missingToken, String[] ids,
                         String[] labelValues, boolean[] labels, long[] lineNumbers, List<String> featureNames,
                         Map<String, double[]> numeric, Map<String, String[]> categorical) {
        this.schema = schema;
        this.idColumn = idColumn;
        this.labelColumn = labelColumn;
        this.missingToken = missingToken;
        this.ids = ids;
        this.labelValues = labelValues;
        this.labels = labels;
        this.lineNumbers = lineNumbers;
        this.featureNames = featureNames;
        this.numeric = numeric;
        this.categorical = categorical;
    }

    /**
     * Builds the typed view of {@code validRecords} (records of {@code table} that passed
     * validation). Columns are found by name, so the file's column order does not matter; IGNORED
     * columns need not be in the file.
     *
     * @throws DataException            when an id, label or feature column of the schema is not in the file
     * @throws IllegalArgumentException when the schema disagrees with the spec about the id or label
     *                                  column, or a record would not have passed validation (parse
     *                                  error, missing id or label, a value of the wrong type)
     */
    public static LabeledTable of(CsvTable table, TableSchema schema, DatasetSpec spec, List<CsvRecord> validRecords) {
        return build(table, schema, spec, validRecords, false);
    }

    /**
     * As {@link #of}, for rows that are to be scored: the label column may be absent, from the schema
     * and the file alike (a snapshot of features, whose outcome is not known yet). Such a table's
     * label values are null and its labels false; nothing may train on it.
     */
    public static LabeledTable toScore(CsvTable table, TableSchema schema, DatasetSpec spec, List<CsvRecord> validRecords) {
        return build(table, schema, spec, validRecords, true);
    }

    private static LabeledTable build(CsvTable table, TableSchema schema, DatasetSpec spec, List<CsvRecord> validRecords,
                                      boolean labelOptional) {
        String labelColumn = schema.labelColumn().map(ColumnSchema::name).orElse(null);
        boolean unlabeled = labelOptional && labelColumn == null && table.columnIndex(spec.labelColumn()) < 0;
        if (!unlabeled && !spec.labelColumn().equals(labelColumn)) {
            throw new IllegalArgumentException("The schema's label column is " + quoted(labelColumn)
                    + " but the dataset spec's label_column is '" + spec.labelColumn() + "': they must agree.");
        }
        String idColumn = schema.idColumn().map(ColumnSchema::name).orElse(null);
        if (!Objects.equals(spec.idColumn(), idColumn)) {
            throw new IllegalArgumentException("The schema's id column is " + quoted(idColumn)
                    + " but the dataset spec's id_column is " + quoted(spec.idColumn()) + ": they must agree.");
        }
        int n = validRecords.size();
        int idIndex = idColumn == null ? -1 : indexIn(table, idColumn);
        int labelIndex = unlabeled ? -1 : indexIn(table, labelColumn);
        List<ColumnSchema> features = schema.features();
        int[] featureIndex = new int[features.size()];
        for (int f = 0; f < features.size(); f++) {
            featureIndex[f] = indexIn(table, features.get(f).name());
        }

        String[] ids = new String[n];
        String[] labelValues = new String[n];
        boolean[] labels = new boolean[n];
        long[] lineNumbers = new long[n];
        double[][] numbers = new double[features.size()][];
        String[][] texts = new String[features.size()][];
        List<Map<String, String>> interned = new ArrayList<>();
        for (int f = 0; f < features.size(); f++) {
            if (features.get(f).type() == ColumnType.NUMERIC) {
                numbers[f] = new double[n];
            } else {
                texts[f] = new String[n];
            }
            interned.add(new HashMap<>());
        }
        Map<String, String> labelIntern = new HashMap<>();
        for (int row = 0; row < n; row++) {
            CsvRecord record = validRecords.get(row);
            if (!record.parsed()) {
                throw notValid(record, "it has a parse error (" + record.parseError() + ")");
            }
            List<String> fields = record.fields();
            lineNumbers[row] = record.lineNumber();
            if (idIndex >= 0) {
                String id = fields.get(idIndex);
                if (spec.isMissing(id)) {
                    throw notValid(record, "its id is missing");
                }
                ids[row] = id.trim();
            } else {
                ids[row] = "line-" + record.lineNumber();
            }
            if (unlabeled) {
                labelValues[row] = null;
            } else {
                String label = fields.get(labelIndex);
                if (spec.isMissing(label)) {
                    throw notValid(record, "its label is missing");
                }
                labelValues[row] = labelIntern.computeIfAbsent(label.trim(), k -> k);
                labels[row] = labelValues[row].equals(spec.positiveLabel());
            }
            for (int f = 0; f < features.size(); f++) {
                String value = fields.get(featureIndex[f]);
                ColumnSchema column = features.get(f);
                boolean missing = spec.isMissing(value);
                switch (column.type()) {
                    case NUMERIC:
                        numbers[f][row] = missing ? Double.NaN : Cells.parseNumber(value);
                        if (!missing && Double.isNaN(numbers[f][row])) {
                            throw notValid(record, "column '" + column.name() + "' holds '" + Cells.abbreviate(value)
                                    + "', which is not a number");
                        }
                        break;
                    case BOOLEAN:
                        texts[f][row] = missing ? null : Cells.canonicalBoolean(value);
                        if (!missing && texts[f][row] == null) {
                            throw notValid(record, "column '" + column.name() + "' holds '" + Cells.abbreviate(value)
                                    + "', which is not a boolean");
                        }
                        break;
                    case CATEGORICAL:
                        // Interning: a million rows share a handful of category strings.
                        texts[f][row] = missing ? null : interned.get(f).computeIfAbsent(value.trim(), k -> k);
                        break;
                    default:
                        throw new IllegalStateException("unknown column type " + column.type());
                }
            }
        }
        Map<String, double[]> numeric = new LinkedHashMap<>();
        Map<String, String[]> categorical = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int f = 0; f < features.size(); f++) {
            names.add(features.get(f).name());
            if (numbers[f] != null) {
                numeric.put(features.get(f).name(), numbers[f]);
            } else {
                categorical.put(features.get(f).name(), texts[f]);
            }
        }
        String missingToken = spec.missingTokens().contains("") || spec.missingTokens().isEmpty()
                ? "" : spec.missingTokens().iterator().next();
        return new LabeledTable(schema, idColumn, labelColumn, missingToken, ids, labelValues, labels, lineNumbers,
                Collections.unmodifiableList(names), numeric, categorical);
    }

    private static String quoted(String name) {
        return name == null ? "absent" : "'" + name + "'";
    }

    private static int indexIn(CsvTable table, String column) {
        int i = table.columnIndex(column);
        if (i < 0) {
            throw new DataException("Column '" + column + "' of the schema is not in the header of "
                    + table.sourceName() + "; its columns are: " + String.join(", ", table.header()) + ".");
        }
        return i;
    }

    private static IllegalArgumentException notValid(CsvRecord record, String why) {
        return new IllegalArgumentException("The record on line " + record.lineNumber() + " cannot go into a labeled"
                + " table because " + why + ": pass only the records that passed validation.");
    }

    /** Number of rows. */
    public int size() {
        return ids.length;
    }

    /** The schema the table was built with (including IGNORED columns, which it does not hold). */
    public TableSchema schema() {
        return schema;
    }

    /** Customer ids, trimmed; {@code "line-<n>"} (the source line) when the table has no id column. */
    public String[] ids() {
        return ids.clone();
    }

    /** Labels: true where the label equals the positive label. */
    public boolean[] labels() {
        return labels.clone();
    }

    /** The label values as written (trimmed), e.g. "Yes"/"No". */
    public String[] labelValues() {
        return labelValues.clone();
    }

    /** Line in the source file where each row started. */
    public long[] lineNumbers() {
        return lineNumbers.clone();
    }

    /** FEATURE column names in schema order. */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * Type of a feature column.
     *
     * @throws IllegalArgumentException when {@code name} is not a feature, listing the features
     */
    public ColumnType featureType(String name) {
        if (numeric.containsKey(name)) {
            return ColumnType.NUMERIC;
        }
        if (categorical.containsKey(name)) {
            return schema.column(name).type();
        }
        throw new IllegalArgumentException(unknownFeature(name));
    }

    /**
     * Values of a NUMERIC feature, NaN where missing.
     *
     * @throws IllegalArgumentException when {@code feature} is not a NUMERIC feature (BOOLEAN
     *                                  columns are read with {@link #categorical(String)})
     */
    public double[] numeric(String feature) {
        double[] values = numeric.get(feature);
        if (values == null) {
            throw new IllegalArgumentException(categorical.containsKey(feature)
                    ? "Feature '" + feature + "' is " + featureType(feature) + ", not NUMERIC: read it with categorical()."
                    : unknownFeature(feature));
        }
        return values.clone();
    }

    /**
     * Values of a CATEGORICAL or BOOLEAN feature, null where missing; BOOLEAN values are "true"/"false".
     *
     * @throws IllegalArgumentException when {@code feature} is not such a feature
     */
    public String[] categorical(String feature) {
        String[] values = categorical.get(feature);
        if (values == null) {
            throw new IllegalArgumentException(numeric.containsKey(feature)
                    ? "Feature '" + feature + "' is NUMERIC: read it with numeric()."
                    : unknownFeature(feature));
        }
        return values.clone();
    }

    private String unknownFeature(String name) {
        return "'" + name + "' is not a feature of this table; its features are: " + String.join(", ", featureNames) + ".";
    }

    /**
     * The rows at {@code rowIndexes}, in that order; an index may repeat (bootstrap samples).
     *
     * @throws IndexOutOfBoundsException when an index is not a row
     */
    public LabeledTable select(int[] rowIndexes) {
        int n = rowIndexes.length;
        String[] newIds = new String[n];
        String[] newLabelValues = new String[n];
        boolean[] newLabels = new boolean[n];
        long[] newLines = new long[n];
        for (int i = 0; i < n; i++) {
            int r = Objects.checkIndex(rowIndexes[i], size());
            newIds[i] = ids[r];
            newLabelValues[i] = labelValues[r];
            newLabels[i] = labels[r];
            newLines[i] = lineNumbers[r];
        }
        Map<String, double[]> newNumeric = new LinkedHashMap<>();
        numeric.forEach((name, values) -> {
            double[] picked = new double[n];
            for (int i = 0; i < n; i++) {
                picked[i] = values[rowIndexes[i]];
            }
            newNumeric.put(name, picked);
        });
        Map<String, String[]> newCategorical = new LinkedHashMap<>();
        categorical.forEach((name, values) -> {
            String[] picked = new String[n];
            for (int i = 0; i < n; i++) {
                picked[i] = values[rowIndexes[i]];
            }
            newCategorical.put(name, picked);
        });
        return new LabeledTable(schema, idColumn, labelColumn, missingToken, newIds, newLabelValues, newLabels,
                newLines, featureNames, newNumeric, newCategorical);
    }

    /**
     * This table's rows followed by {@code other}'s, as one table: how cross-validation pools the
     * training and validation splits of one training set.
     *
     * @throws IllegalArgumentException when the tables' schemas differ
     */
    public LabeledTable append(LabeledTable other) {
        if (!schema.equals(other.schema)) {
            throw new IllegalArgumentException("Cannot append a table with schema " + other.schema.columns()
                    + " to one with schema " + schema.columns() + ": the schemas must be the same.");
        }
        Map<String, double[]> newNumeric = new LinkedHashMap<>();
        numeric.forEach((name, values) -> newNumeric.put(name, concat(values, other.numeric.get(name))));
        Map<String, String[]> newCategorical = new LinkedHashMap<>();
        categorical.forEach((name, values) -> newCategorical.put(name, concat(values, other.categorical.get(name))));
        boolean[] newLabels = java.util.Arrays.copyOf(labels, size() + other.size());
        System.arraycopy(other.labels, 0, newLabels, size(), other.size());
        long[] newLines = java.util.Arrays.copyOf(lineNumbers, size() + other.size());
        System.arraycopy(other.lineNumbers, 0, newLines, size(), other.size());
        return new LabeledTable(schema, idColumn, labelColumn, missingToken, concat(ids, other.ids),
                concat(labelValues, other.labelValues), newLabels, newLines, featureNames, newNumeric, newCategorical);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    /**
     * The table as CSV in canonical form: comma-delimited, LF endings, the schema's id, label and
     * feature columns in schema order (IGNORED columns left out), numbers as
     * {@link Cells#formatNumber}, booleans as true/false, missing values as the spec's empty
     * missing token (or its first one when "" is not a missing token).
     */
    public String toCsv() {
        List<String> columns = new ArrayList<>();
        for (ColumnSchema column : schema.columns()) {
            if (column.role() != ColumnRole.IGNORED) {
                columns.add(column.name());
            }
        }
        StringBuilder out = new StringBuilder();
        CsvWriter.appendRow(out, columns);
        List<String> row = new ArrayList<>(columns.size());
        for (int r = 0; r < size(); r++) {
            row.clear();
            for (String column : columns) {
                row.add(cell(column, r));
            }
            CsvWriter.appendRow(out, row);
        }
        return out.toString();
    }

    private String cell(String column, int row) {
        if (column.equals(idColumn)) {
            return ids[row];
        }
        if (column.equals(labelColumn)) {
            return labelValues[row];
        }
        double[] numbers = numeric.get(column);
        if (numbers != null) {
            return Double.isNaN(numbers[row]) ? missingToken : Cells.formatNumber(numbers[row]);
        }
        String text = categorical.get(column)[row];
        return text == null ? missingToken : text;
    }
}
