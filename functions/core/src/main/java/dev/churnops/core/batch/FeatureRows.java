package dev.churnops.core.batch;

import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.model.FeatureEncoder;
import dev.churnops.core.registry.ModelCard;
import dev.churnops.core.scoring.FieldError;
import dev.churnops.core.scoring.InputValidator;
import dev.churnops.core.scoring.ServingModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a validated table as the feature maps a serving model validates and scores, holding
 * only the columns of the model's input signature (other columns of the file are not the model's
 * business). Values take the Java types a JSON request would carry, decided by the file's pinned
 * column type: NUMERIC becomes a Double (missing: null), BOOLEAN a Boolean, CATEGORICAL a String.
 * A signature column the file lacks is an error naming it, never a column of nulls. Public for the
 * scoring benchmark ({@code churnops bench score}), which scores a validated table's rows the same way.
 */
public final class FeatureRows {

    private final String[] names;
    private final double[][] numbers;
    private final String[][] texts;
    private final boolean[] booleans;

    private FeatureRows(String[] names, double[][] numbers, String[][] texts, boolean[] booleans) {
        this.names = names;
        this.numbers = numbers;
        this.texts = texts;
        this.booleans = booleans;
    }

    /**
     * @param what names the data and the model in the error message
     * @throws MissingColumnException when a signature column is not a feature column of {@code table}
     */
    public static FeatureRows of(LabeledTable table, List<ModelCard.InputColumn> signature, String what) {
        requireColumns(table.featureNames(), signature, what);
        int width = signature.size();
        String[] names = new String[width];
        double[][] numbers = new double[width][];
        String[][] texts = new String[width][];
        boolean[] booleans = new boolean[width];
        for (int c = 0; c < width; c++) {
            String name = signature.get(c).name();
            names[c] = name;
            ColumnType type = table.featureType(name);
            if (type == ColumnType.NUMERIC) {
                numbers[c] = table.numeric(name);
            } else {
                texts[c] = table.categorical(name);
                booleans[c] = type == ColumnType.BOOLEAN;
            }
        }
        return new FeatureRows(names, numbers, texts, booleans);
    }

    /** Fails naming every signature column missing from {@code featureColumns}. */
    static void requireColumns(List<String> featureColumns, List<ModelCard.InputColumn> signature, String what) {
        List<String> missing = new ArrayList<>();
        for (ModelCard.InputColumn c : signature) {
            if (!featureColumns.contains(c.name())) {
                missing.add(c.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingColumnException(what + ": the model reads column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing.stream().map(m -> "'" + m + "'").toList())
                    + " but the file has no such feature column; its feature columns are: "
                    + String.join(", ", featureColumns) + "; score it with a model trained on a table of these columns.");
        }
    }

    /**
     * Rows given as the feature maps a scoring request carries (numbers, booleans, strings, null for
     * missing), held as columns of {@code signature}: for a benchmark of rows that were never a file.
     *
     * @throws IllegalArgumentException when a value is not of its column's type
     */
    public static FeatureRows of(List<? extends Map<String, ?>> rows, List<ModelCard.InputColumn> signature) {
        int width = signature.size();
        String[] names = new String[width];
        double[][] numbers = new double[width][];
        String[][] texts = new String[width][];
        boolean[] booleans = new boolean[width];
        for (int c = 0; c < width; c++) {
            ModelCard.InputColumn column = signature.get(c);
            names[c] = column.name();
            if (column.type() == ColumnType.NUMERIC) {
                numbers[c] = new double[rows.size()];
            } else {
                texts[c] = new String[rows.size()];
                booleans[c] = column.type() == ColumnType.BOOLEAN;
            }
            for (int r = 0; r < rows.size(); r++) {
                Object value = rows.get(r).get(column.name());
                boolean fits = value == null || (numbers[c] != null ? value instanceof Number
                        : booleans[c] ? value instanceof Boolean : value instanceof String);
                if (!fits) {
                    throw new IllegalArgumentException("row " + r + ", column '" + column.name() + "': expected a "
                            + column.type() + " value, got " + value.getClass().getSimpleName());
                }
                if (numbers[c] != null) {
                    numbers[c][r] = value == null ? Double.NaN : ((Number) value).doubleValue();
                } else {
                    texts[c][r] = value == null ? null : value.toString();
                }
            }
        }
        return new FeatureRows(names, numbers, texts, booleans);
    }

    /** Row {@code r} as column name to value; null where the value is missing. */
    public Map<String, Object> row(int r) {
        Map<String, Object> row = new HashMap<>(names.length * 2);
        for (int c = 0; c < names.length; c++) {
            row.put(names[c], value(c, r));
        }
        return row;
    }

    /** The value of column {@code c} in row {@code r} as {@link #row} gives it. */
    private Object value(int c, int r) {
        if (numbers[c] != null) {
            double d = numbers[c][r];
            return Double.isNaN(d) ? null : d;
        }
        String text = texts[c][r];
        return text == null ? null : booleans[c] ? Boolean.valueOf(text) : text;
    }

    /**
     * Checks and encodes these rows for {@code model} straight from the columns, with no feature map
     * per row; how each column maps to the model's encoder is worked out here, once.
     *
     * @param pathPrefix what the error fields start with, as in {@link InputValidator#check(Map, String)}
     * @throws IllegalArgumentException when these rows were built for another input signature
     */
    public RowEncoder encoderFor(ServingModel model, String pathPrefix) {
        return new RowEncoder(model, pathPrefix);
    }

    /**
     * Rows of a {@link FeatureRows} checked and encoded for one model, with exactly the errors
     * {@link InputValidator#check(Map, String)} reports for {@link #row} (same fields, messages and
     * order: every message comes from the validator) and exactly the vector
     * {@link FeatureEncoder#encode(Map)} writes for it. It holds no per-row state, so threads may
     * share it as long as each passes its own buffer.
     */
    public final class RowEncoder {

        /** How a column's values are read: straight from the column, or as the boxed value of {@link #row}. */
        private static final int NUMBER = 0;
        private static final int FLAG = 1;
        private static final int CATEGORY = 2;
        private static final int BOXED = 3;

        private final InputValidator validator;
        private final FeatureEncoder encoder;
        private final String pathPrefix;
        private final int width;
        private final int[] kind;
        /** Per column, the encoder column it feeds, or -1 when the encoder has none. */
        private final int[] target;
        /**
         * Per CATEGORY column, for every category the signature accepts, where its indicator is in the
         * encoded row (-1 for none: an unseen category).
         */
        private final Map<String, Integer>[] codes;
        /** Per CATEGORY column, whether the signature accepts any string (it lists no categories). */
        private final boolean[] open;
        /** Per FLAG or CATEGORY column, where true, false and a missing value set their indicator (-1: none). */
        private final int[] truePosition;
        private final int[] falsePosition;
        private final int[] missingPosition;
        /** Encoder columns no signature column feeds: always missing, as in a map without them. */
        private final int[] unfed;

        @SuppressWarnings("unchecked")
        private RowEncoder(ServingModel model, String pathPrefix) {
            this.validator = model.validator();
            this.encoder = model.encoder();
            this.pathPrefix = pathPrefix;
            List<ModelCard.InputColumn> signature = validator.columns();
            List<String> signatureNames = signature.stream().map(ModelCard.InputColumn::name).toList();
            if (!signatureNames.equals(List.of(names))) {
                throw new IllegalArgumentException("feature rows of columns " + List.of(names)
                        + " cannot be encoded for " + model.modelName() + " v" + model.version()
                        + ", whose input signature is " + signatureNames);
            }
            width = names.length;
            kind = new int[width];
            target = new int[width];
            codes = new Map[width];
            open = new boolean[width];
            truePosition = new int[width];
            falsePosition = new int[width];
            missingPosition = new int[width];
            Arrays.fill(truePosition, -1);
            Arrays.fill(falsePosition, -1);
            Arrays.fill(missingPosition, -1);
            boolean[] fed = new boolean[encoder.columns().size()];
            for (int c = 0; c < width; c++) {
                ModelCard.InputColumn column = signature.get(c);
                int e = encoder.columnIndex(column.name());
                target[c] = e;
                ColumnType encoded = e < 0 ? column.type() : encoder.columns().get(e).type();
                if (e >= 0) {
                    fed[e] = true;
                }
                // Anything unusual (a file type other than the signature's, an encoder of another
                // type) goes through the boxed value, so it fails or encodes exactly as a map would.
                if (column.type() != encoded) {
                    kind[c] = BOXED;
                } else if (column.type() == ColumnType.NUMERIC && numbers[c] != null) {
                    kind[c] = NUMBER;
                } else if (column.type() == ColumnType.BOOLEAN && texts[c] != null && booleans[c]) {
                    kind[c] = FLAG;
                    truePosition[c] = position(e, "true");
                    falsePosition[c] = position(e, "false");
                    missingPosition[c] = position(e, null);
                } else if (column.type() == ColumnType.CATEGORICAL && texts[c] != null && !booleans[c]) {
                    kind[c] = CATEGORY;
                    open[c] = column.categories() == null;
                    // The accepted categories are the validator's (the signature's); an unknown one
                    // is reported by the validator itself.
                    List<String> accepted = column.categories() != null ? column.categories()
                            : e >= 0 ? encoder.columns().get(e).categories() : List.of();
                    Map<String, Integer> map = new HashMap<>(accepted.size() * 2);
                    for (String category : accepted) {
                        map.put(category, position(e, category));
                    }
                    codes[c] = map;
                    missingPosition[c] = position(e, null);
                } else {
                    kind[c] = BOXED;
                }
            }
            int count = 0;
            for (boolean f : fed) {
                count += f ? 0 : 1;
            }
            unfed = new int[count];
            for (int e = 0, i = 0; e < fed.length; e++) {
                if (!fed[e]) {
                    unfed[i++] = e;
                }
            }
        }

        /** Where {@code category} (null: missing) of encoder column {@code e} sets its indicator; -1 for none. */
        private int position(int e, String category) {
            return e < 0 ? -1 : encoder.categoryPosition(e, encoder.categoryIndex(e, category));
        }

        /** The length of an encoded row. */
        public int width() {
            return encoder.width();
        }

        /**
         * Checks row {@code r} and, when it passes, writes its encoding into {@code encoded} (of
         * {@link #width()}, overwritten whole); returns the row's errors, empty when it passes (the
         * buffer then holds no meaningful row).
         */
        public List<FieldError> encode(int r, double[] encoded) {
            Arrays.fill(encoded, 0.0);
            List<FieldError> errors = null;
            for (int c = 0; c < width; c++) {
                int e = target[c];
                switch (kind[c]) {
                    case NUMBER -> {
                        double d = numbers[c][r];
                        if (Double.isInfinite(d)) {
                            errors = add(errors, validator.check(c, d, pathPrefix));
                        } else if (e >= 0) {
                            encoder.encodeNumber(e, d, encoded);
                        }
                    }
                    case FLAG -> {
                        String text = texts[c][r];
                        // Boolean.valueOf, as the feature map holds it: anything but "true" is false.
                        set(encoded, text == null ? missingPosition[c]
                                : Boolean.parseBoolean(text) ? truePosition[c] : falsePosition[c]);
                    }
                    case CATEGORY -> {
                        String text = texts[c][r];
                        if (text == null) {
                            set(encoded, missingPosition[c]);
                        } else {
                            Integer position = codes[c].get(text);
                            if (position != null) {
                                set(encoded, position);
                            } else if (!open[c]) {
                                FieldError error = validator.check(c, text, pathPrefix);
                                errors = add(errors, error);
                                if (error == null) {
                                    set(encoded, position(e, text));
                                }
                            } else {
                                set(encoded, position(e, text));
                            }
                        }
                    }
                    default -> {
                        Object value = value(c, r);
                        FieldError error = validator.check(c, value, pathPrefix);
                        if (error != null) {
                            errors = add(errors, error);
                        } else if (e >= 0) {
                            encoder.encodeValue(e, value, encoded);
                        }
                    }
                }
            }
            if (errors != null) {
                return errors;
            }
            for (int e : unfed) {
                encoder.encodeValue(e, null, encoded);
            }
            return List.of();
        }

        private static void set(double[] encoded, int position) {
            if (position >= 0) {
                encoded[position] = 1.0;
            }
        }

        private static List<FieldError> add(List<FieldError> errors, FieldError error) {
            if (error == null) {
                return errors;
            }
            List<FieldError> out = errors == null ? new ArrayList<>(2) : errors;
            out.add(error);
            return out;
        }
    }
}
