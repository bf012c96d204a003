package dev.churnops.core.batch;

import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.registry.ModelCard;
import java.util.ArrayList;
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

    /** Row {@code r} as column name to value; null where the value is missing. */
    public Map<String, Object> row(int r) {
        Map<String, Object> row = new HashMap<>(names.length * 2);
        for (int c = 0; c < names.length; c++) {
            Object value;
            if (numbers[c] != null) {
                double d = numbers[c][r];
                value = Double.isNaN(d) ? null : d;
            } else {
                String text = texts[c][r];
                value = text == null ? null : booleans[c] ? Boolean.valueOf(text) : text;
            }
            row.put(names[c], value);
        }
        return row;
    }
}
