package dev.churnops.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.LabeledTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns a customer's raw column values into the numeric vector the model reads. Fitted on the
 * training split only, so no statistic of validation or test data leaks into the model.
 *
 * <p>Rules, stated once: a numeric column is standardised with the training mean and standard
 * deviation; a missing numeric value (blank or an NA-like token, such as Telco's blank
 * {@code TotalCharges}) is imputed with the training median and flagged in a {@code <column>__missing}
 * indicator when the training data had any missing value in that column. A categorical or boolean
 * column becomes one indicator per category seen in training ({@code <column>=<category>}); a
 * missing value gets its own {@code <column>=__missing__} indicator when training had one; a
 * category never seen in training encodes as all zeros.
 */
public final class FeatureEncoder {

    static final String MISSING_CATEGORY = "__missing__";

    /** How one input column becomes one or more model features. */
    public record ColumnEncoding(
            @JsonProperty("column") String column,
            @JsonProperty("type") ColumnType type,
            @JsonProperty("median") Double median,
            @JsonProperty("mean") Double mean,
            @JsonProperty("scale") Double scale,
            @JsonProperty("categories") List<String> categories,
            @JsonProperty("missing_indicator") boolean missingIndicator) {

        /**
         * Checked here because a model file can be edited or corrupted: a numeric column without its
         * statistics would fail only at scoring time, and unsorted categories (looked up by binary
         * search) would silently encode a known category as unseen.
         */
        public ColumnEncoding {
            if (column == null || column.isBlank()) {
                throw new IllegalArgumentException("encoder column name is missing or blank");
            }
            if (type == null) {
                throw new IllegalArgumentException("encoder column '" + column + "' has no type: expected NUMERIC, CATEGORICAL or BOOLEAN");
            }
            if (type == ColumnType.NUMERIC) {
                requireFinite(column, "median", median);
                requireFinite(column, "mean", mean);
                requireFinite(column, "scale", scale);
                if (scale <= 0) {
                    throw new IllegalArgumentException("encoder column '" + column + "' has scale " + scale
                            + ": expected a positive standard deviation");
                }
            } else {
                if (categories == null) {
                    throw new IllegalArgumentException("encoder column '" + column + "' lacks its categories");
                }
                for (int i = 0; i < categories.size(); i++) {
                    if (categories.get(i) == null || (i > 0 && categories.get(i - 1).compareTo(categories.get(i)) >= 0)) {
                        throw new IllegalArgumentException("encoder column '" + column + "': categories " + categories
                                + " must be distinct and sorted");
                    }
                }
                categories = List.copyOf(categories);
            }
        }

        private static void requireFinite(String column, String field, Double value) {
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("encoder column '" + column + "' has " + field + " " + value
                        + ": expected a finite number");
            }
        }

        int width() {
            if (type == ColumnType.NUMERIC) {
                return missingIndicator ? 2 : 1;
            }
            return categories.size() + (missingIndicator ? 1 : 0);
        }
    }

    private final List<ColumnEncoding> columns;
    private final List<String> featureNames;
    private final int[] offsets;

    @JsonCreator
    public FeatureEncoder(@JsonProperty("columns") List<ColumnEncoding> columns) {
        this.columns = List.copyOf(columns);
        this.offsets = new int[columns.size()];
        List<String> names = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            ColumnEncoding e = columns.get(c);
            offsets[c] = names.size();
            if (e.type() == ColumnType.NUMERIC) {
                names.add(e.column());
                if (e.missingIndicator()) {
                    names.add(e.column() + "__missing");
                }
            } else {
                for (String category : e.categories()) {
                    names.add(e.column() + "=" + category);
                }
                if (e.missingIndicator()) {
                    names.add(e.column() + "=" + MISSING_CATEGORY);
                }
            }
        }
        this.featureNames = List.copyOf(names);
    }

    /** Learns the encoding from the training split. */
    public static FeatureEncoder fit(LabeledTable train) {
        List<ColumnEncoding> encodings = new ArrayList<>();
        for (String name : train.featureNames()) {
            ColumnType type = train.featureType(name);
            if (type == ColumnType.NUMERIC) {
                encodings.add(fitNumeric(name, train.numeric(name)));
            } else {
                encodings.add(fitCategorical(name, type, train.categorical(name)));
            }
        }
        return new FeatureEncoder(encodings);
    }

    private static ColumnEncoding fitNumeric(String name, double[] values) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        boolean anyMissing = present.length < values.length;
        if (present.length == 0) {
            return new ColumnEncoding(name, ColumnType.NUMERIC, 0.0, 0.0, 1.0, null, anyMissing);
        }
        double median = present.length % 2 == 1
                ? present[present.length / 2]
                : (present[present.length / 2 - 1] + present[present.length / 2]) / 2.0;
        // Imputed values take part in the mean and spread, as they do at scoring time.
        double sum = 0;
        for (double v : values) {
            sum += Double.isNaN(v) ? median : v;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double v : values) {
            double d = (Double.isNaN(v) ? median : v) - mean;
            squares += d * d;
        }
        double sd = Math.sqrt(squares / values.length);
        return new ColumnEncoding(name, ColumnType.NUMERIC, median, mean, sd > 0 ? sd : 1.0, null, anyMissing);
    }

    private static ColumnEncoding fitCategorical(String name, ColumnType type, String[] values) {
        TreeSet<String> categories = new TreeSet<>();
        boolean anyMissing = false;
        for (String v : values) {
            if (v == null) {
                anyMissing = true;
            } else {
                categories.add(v);
            }
        }
        return new ColumnEncoding(name, type, null, null, null, List.copyOf(categories), anyMissing);
    }

    @JsonProperty("columns")
    public List<ColumnEncoding> columns() {
        return columns;
    }

    /** Names of the model features, in vector order. */
    public List<String> featureNames() {
        return featureNames;
    }

    public int width() {
        return featureNames.size();
    }

    /** The input column each model feature comes from, in vector order. */
    public String[] sourceColumns() {
        String[] source = new String[width()];
        for (int c = 0; c < columns.size(); c++) {
            int end = c + 1 < columns.size() ? offsets[c + 1] : width();
            Arrays.fill(source, offsets[c], end, columns.get(c).column());
        }
        return source;
    }

    /** Encodes every row of {@code table}; the table must have every column the encoder knows. */
    public double[][] encode(LabeledTable table) {
        double[][] rows = new double[table.size()][width()];
        for (int c = 0; c < columns.size(); c++) {
            ColumnEncoding e = columns.get(c);
            if (e.type() == ColumnType.NUMERIC) {
                double[] values = table.numeric(e.column());
                for (int r = 0; r < rows.length; r++) {
                    writeNumeric(e, offsets[c], values[r], rows[r]);
                }
            } else {
                String[] values = table.categorical(e.column());
                for (int r = 0; r < rows.length; r++) {
                    writeCategorical(e, offsets[c], values[r], rows[r]);
                }
            }
        }
        return rows;
    }

    /**
     * Encodes one customer given as column name to value (numbers, strings, booleans or null for
     * missing). Values are checked against the input signature: a wrong type names the column and
     * what was expected.
     */
    public double[] encode(Map<String, ?> raw) {
        double[] row = new double[width()];
        for (int c = 0; c < columns.size(); c++) {
            encodeValue(c, raw.get(columns.get(c).column()), row);
        }
        return row;
    }

    /** Category index meaning a category never seen in training: it encodes as all zeros. */
    public static final int UNSEEN = -1;
    /** Category index meaning a missing value. */
    public static final int MISSING = -2;

    /** The position in {@link #columns()} of the column named {@code name}, or -1 when the encoder has none. */
    public int columnIndex(String name) {
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).column().equals(name)) {
                return c;
            }
        }
        return -1;
    }

    /**
     * Writes one raw value of column {@code column} (an index into {@link #columns()}) into
     * {@code row}, as {@link #encode(Map)} does for each column; {@code row} must be zero in the
     * column's features.
     */
    public void encodeValue(int column, Object value, double[] row) {
        ColumnEncoding e = columns.get(column);
        if (e.type() == ColumnType.NUMERIC) {
            writeNumeric(e, offsets[column], numericValue(e.column(), value), row);
        } else {
            writeCategorical(e, offsets[column], categoricalValue(e, value), row);
        }
    }

    /** Writes a value of NUMERIC column {@code column}, NaN for missing, into {@code row}. */
    public void encodeNumber(int column, double value, double[] row) {
        writeNumeric(columns.get(column), offsets[column], value, row);
    }

    /**
     * The index of {@code category} among the training categories of CATEGORICAL or BOOLEAN column
     * {@code column} (a BOOLEAN column's categories are "true" and "false"); {@link #UNSEEN} when
     * training never saw it, {@link #MISSING} for null. Columnar scoring looks each category up
     * once, then sets the indicator at its {@link #categoryPosition} in each row.
     */
    public int categoryIndex(int column, String category) {
        if (category == null) {
            return MISSING;
        }
        int index = java.util.Collections.binarySearch(columns.get(column).categories(), category);
        return index >= 0 ? index : UNSEEN;
    }

    /**
     * Where in the vector the indicator a category of column {@code column}, given by its
     * {@link #categoryIndex}, sets to 1; -1 when it sets none (an unseen category, or a missing value
     * in a column trained without any): what {@link #encode(Map)} writes for that category, for
     * callers that write many rows.
     */
    public int categoryPosition(int column, int index) {
        ColumnEncoding e = columns.get(column);
        if (index >= 0) {
            return offsets[column] + index;
        }
        return index == MISSING && e.missingIndicator() ? offsets[column] + e.categories().size() : -1;
    }

    private static double numericValue(String column, Object value) {
        if (value == null) {
            return Double.NaN;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("column '" + column + "': value " + value + " is not a finite number");
            }
            return d;
        }
        throw new IllegalArgumentException("column '" + column + "': expected a number, got "
                + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
    }

    private static String categoricalValue(ColumnEncoding e, Object value) {
        if (value == null) {
            return null;
        }
        if (e.type() == ColumnType.BOOLEAN) {
            if (value instanceof Boolean b) {
                return b.toString();
            }
            throw new IllegalArgumentException("column '" + e.column() + "': expected true or false, got "
                    + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
        }
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("column '" + e.column() + "': expected a string category, got "
                + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
    }

    private static void writeNumeric(ColumnEncoding e, int offset, double value, double[] row) {
        boolean missing = Double.isNaN(value);
        double v = missing ? e.median() : value;
        row[offset] = (v - e.mean()) / e.scale();
        if (e.missingIndicator()) {
            row[offset + 1] = missing ? 1.0 : 0.0;
        }
    }

    private static void writeCategorical(ColumnEncoding e, int offset, String value, double[] row) {
        if (value == null) {
            if (e.missingIndicator()) {
                row[offset + e.categories().size()] = 1.0;
            }
            return;
        }
        int index = java.util.Collections.binarySearch(e.categories(), value);
        if (index >= 0) {
            row[offset + index] = 1.0;
        }
    }
}
