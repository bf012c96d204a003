package dev.churnops.core.features;

import java.util.Arrays;
import java.util.Objects;

/**
 * Rows of one feature view, held by column: entity ids, event and write times (epoch seconds), a
 * {@code double[]} per numeric feature and a {@code String[]} per text feature (the other kind's
 * slot is null). What the offline and online stores take and give; built with {@link #builder}.
 */
public final class FeatureBatch {

    private final FeatureSchema schema;
    private final int size;
    private final String[] entityIds;
    private final long[] eventTimes;
    private final long[] writeTimes;
    private final double[][] numbers;
    private final String[][] texts;

    private FeatureBatch(FeatureSchema schema, int size, String[] entityIds, long[] eventTimes, long[] writeTimes,
                         double[][] numbers, String[][] texts) {
        this.schema = schema;
        this.size = size;
        this.entityIds = entityIds;
        this.eventTimes = eventTimes;
        this.writeTimes = writeTimes;
        this.numbers = numbers;
        this.texts = texts;
    }

    public FeatureSchema schema() {
        return schema;
    }

    public int size() {
        return size;
    }

    public String entityId(int row) {
        return entityIds[check(row)];
    }

    public long eventTime(int row) {
        return eventTimes[check(row)];
    }

    public long writeTime(int row) {
        return writeTimes[check(row)];
    }

    /** The value of numeric feature {@code column} in {@code row}; NaN when missing. */
    public double number(int row, int column) {
        double[] values = numbers[column];
        if (values == null) {
            throw new IllegalArgumentException("feature '" + schema.columns().get(column).name() + "' is text, not a number");
        }
        return values[check(row)];
    }

    /** The value of text feature {@code column} in {@code row}; null when missing. */
    public String text(int row, int column) {
        String[] values = texts[column];
        if (values == null) {
            throw new IllegalArgumentException("feature '" + schema.columns().get(column).name() + "' is a number, not text");
        }
        return values[check(row)];
    }

    /** The value as an object: Double (null for NaN) or String. */
    public Object value(int row, int column) {
        if (numbers[column] != null) {
            double v = numbers[column][check(row)];
            return Double.isNaN(v) ? null : v;
        }
        return texts[column][check(row)];
    }

    private int check(int row) {
        Objects.checkIndex(row, size);
        return row;
    }

    public static Builder builder(FeatureSchema schema) {
        return new Builder(schema, 16);
    }

    /** A builder with room for {@code rows} rows, for callers that know the count: no growing copies. */
    static Builder builder(FeatureSchema schema, int rows) {
        return new Builder(schema, Math.max(16, rows));
    }

    /** Appends rows; each row is started with {@link #row} and its values set by column index. */
    public static final class Builder {
        private final FeatureSchema schema;
        private int size;
        private String[] entityIds;
        private long[] eventTimes;
        private long[] writeTimes;
        private final double[][] numbers;
        private final String[][] texts;

        private Builder(FeatureSchema schema, int capacity) {
            this.schema = Objects.requireNonNull(schema, "schema");
            entityIds = new String[capacity];
            eventTimes = new long[capacity];
            writeTimes = new long[capacity];
            numbers = new double[schema.size()][];
            texts = new String[schema.size()][];
            for (int c = 0; c < schema.size(); c++) {
                if (schema.columns().get(c).type() == FeatureSchema.ValueType.DOUBLE) {
                    numbers[c] = new double[capacity];
                } else {
                    texts[c] = new String[capacity];
                }
            }
        }

        /** Starts a row; its features are missing until set. */
        public Builder row(String entityId, long eventTime, long writeTime) {
            Objects.requireNonNull(entityId, "entityId");
            if (size == entityIds.length) {
                grow();
            }
            entityIds[size] = entityId;
            eventTimes[size] = eventTime;
            writeTimes[size] = writeTime;
            for (double[] col : numbers) {
                if (col != null) {
                    col[size] = Double.NaN;
                }
            }
            size++;
            return this;
        }

        public Builder number(int column, double value) {
            if (numbers[column] == null) {
                throw new IllegalArgumentException("feature '" + schema.columns().get(column).name() + "' is text, not a number");
            }
            numbers[column][current()] = value;
            return this;
        }

        public Builder text(int column, String value) {
            if (texts[column] == null) {
                throw new IllegalArgumentException("feature '" + schema.columns().get(column).name() + "' is a number, not text");
            }
            texts[column][current()] = value;
            return this;
        }

        /** Sets a value given as an object: a Number for numeric features, a String for text; null is missing. */
        public Builder value(int column, Object value) {
            if (numbers[column] != null) {
                return number(column, value == null ? Double.NaN : ((Number) value).doubleValue());
            }
            return text(column, value == null ? null : value.toString());
        }

        public int size() {
            return size;
        }

        private int current() {
            if (size == 0) {
                throw new IllegalStateException("no row started: call row(...) first");
            }
            return size - 1;
        }

        private void grow() {
            int n = entityIds.length * 2;
            entityIds = Arrays.copyOf(entityIds, n);
            eventTimes = Arrays.copyOf(eventTimes, n);
            writeTimes = Arrays.copyOf(writeTimes, n);
            for (int c = 0; c < numbers.length; c++) {
                if (numbers[c] != null) {
                    numbers[c] = Arrays.copyOf(numbers[c], n);
                } else {
                    texts[c] = Arrays.copyOf(texts[c], n);
                }
            }
        }

        public FeatureBatch build() {
            double[][] n = new double[numbers.length][];
            String[][] t = new String[texts.length][];
            for (int c = 0; c < numbers.length; c++) {
                n[c] = numbers[c] == null ? null : Arrays.copyOf(numbers[c], size);
                t[c] = texts[c] == null ? null : Arrays.copyOf(texts[c], size);
            }
            return new FeatureBatch(schema, size, Arrays.copyOf(entityIds, size), Arrays.copyOf(eventTimes, size),
                    Arrays.copyOf(writeTimes, size), n, t);
        }
    }
}
