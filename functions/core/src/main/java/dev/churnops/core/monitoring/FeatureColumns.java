package dev.churnops.core.monitoring;

import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.LabeledTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The features of a data set column by column, which is all a {@link MonitoringBaseline} and the
 * {@link DriftDetector} read: per feature its {@link ColumnType} and its values (numbers with NaN for
 * missing, categories with null for missing). Made from a {@link LabeledTable} with {@link #of}, or
 * built from arrays (a scoring log, a warehouse extract, a benchmark) without going through CSV.
 * Immutable: the builder copies the arrays it is given and the accessors hand out the held arrays
 * only inside this package.
 */
public final class FeatureColumns {

    private final int rows;
    private final List<String> names;
    private final Map<String, ColumnType> types;
    private final Map<String, double[]> numeric;
    private final Map<String, String[]> categorical;

    private FeatureColumns(int rows, List<String> names, Map<String, ColumnType> types, Map<String, double[]> numeric,
                           Map<String, String[]> categorical) {
        this.rows = rows;
        this.names = Collections.unmodifiableList(names);
        this.types = types;
        this.numeric = numeric;
        this.categorical = categorical;
    }

    /** The features of {@code table}; its own accessors already copy, so nothing is copied twice. */
    public static FeatureColumns of(LabeledTable table) {
        if (table == null) {
            throw new IllegalArgumentException("FeatureColumns.of needs a table, got null.");
        }
        Builder builder = new Builder(table.size());
        for (String name : table.featureNames()) {
            ColumnType type = table.featureType(name);
            if (type == ColumnType.NUMERIC) {
                builder.put(name, type, table.numeric(name), null);
            } else {
                builder.put(name, type, null, table.categorical(name));
            }
        }
        return builder.build();
    }

    /** A builder for {@code rows} rows; every column given must have exactly that many values. */
    public static Builder builder(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("The row count is " + rows + ": expected 0 or more.");
        }
        return new Builder(rows);
    }

    /** Number of rows. */
    public int size() {
        return rows;
    }

    /** Feature names in the order they were added (the table's order for {@link #of}). */
    public List<String> featureNames() {
        return names;
    }

    /** NUMERIC, CATEGORICAL or BOOLEAN; the latter two hold strings. */
    public ColumnType featureType(String name) {
        ColumnType type = types.get(name);
        if (type == null) {
            throw new IllegalArgumentException("'" + name + "' is not a feature of these columns; the features are: "
                    + String.join(", ", names) + ".");
        }
        return type;
    }

    /** A copy of a numeric feature's values, NaN where missing. */
    public double[] numeric(String name) {
        return numericView(name).clone();
    }

    /** A copy of a categorical or boolean feature's values, null where missing. */
    public String[] categorical(String name) {
        return categoricalView(name).clone();
    }

    /** The held values, not copied: for this package's readers, which never write to them. */
    double[] numericView(String name) {
        double[] values = numeric.get(name);
        if (values == null) {
            throw new IllegalArgumentException("Feature '" + name + "' is " + featureType(name)
                    + ", not NUMERIC: read it with categorical().");
        }
        return values;
    }

    /** The held values, not copied: for this package's readers, which never write to them. */
    String[] categoricalView(String name) {
        String[] values = categorical.get(name);
        if (values == null) {
            throw new IllegalArgumentException("Feature '" + name + "' is " + featureType(name)
                    + ": read it with numeric().");
        }
        return values;
    }

    /** Collects columns in order; every setter copies its array. */
    public static final class Builder {
        private final int rows;
        private final List<String> names = new ArrayList<>();
        private final Map<String, ColumnType> types = new HashMap<>();
        private final Map<String, double[]> numeric = new HashMap<>();
        private final Map<String, String[]> categorical = new HashMap<>();

        private Builder(int rows) {
            this.rows = rows;
        }

        /** A numeric feature; NaN is a missing value. */
        public Builder numeric(String name, double[] values) {
            return put(name, ColumnType.NUMERIC, values == null ? null : values.clone(), null);
        }

        /** A categorical feature; null is a missing value. */
        public Builder categorical(String name, String[] values) {
            return put(name, ColumnType.CATEGORICAL, null, values == null ? null : values.clone());
        }

        private Builder put(String name, ColumnType type, double[] numbers, String[] texts) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A feature column needs a name, got " + (name == null ? "null"
                        : "'" + name + "'") + ".");
            }
            if (types.containsKey(name)) {
                throw new IllegalArgumentException("Feature '" + name + "' was added twice: expected each name once.");
            }
            int length = numbers != null ? numbers.length : texts != null ? texts.length : -1;
            if (length < 0) {
                throw new IllegalArgumentException("Feature '" + name + "' has no values array (null): expected "
                        + rows + " values.");
            }
            if (length != rows) {
                throw new IllegalArgumentException("Feature '" + name + "' has " + length + " values: expected one per row, "
                        + rows + ".");
            }
            names.add(name);
            types.put(name, type);
            if (numbers != null) {
                numeric.put(name, numbers);
            } else {
                categorical.put(name, texts);
            }
            return this;
        }

        public FeatureColumns build() {
            return new FeatureColumns(rows, new ArrayList<>(names), Map.copyOf(types), Map.copyOf(numeric),
                    Map.copyOf(categorical));
        }
    }
}
