package dev.churnops.core.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The columns of a table in order, each with its type and role; at most one id column and at most
 * one label column. Columns are looked up by name, never by position, because a new file may put
 * the same columns in another order.
 *
 * @param columns the columns, names unique
 */
public record TableSchema(List<ColumnSchema> columns) {

    public TableSchema {
        columns = List.copyOf(columns);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            if (seen.put(columns.get(i).name(), i) != null) {
                throw new IllegalArgumentException("TableSchema.columns names column '" + columns.get(i).name()
                        + "' twice: column names must be unique.");
            }
        }
        for (ColumnRole single : List.of(ColumnRole.ID, ColumnRole.LABEL)) {
            List<String> named = columns.stream().filter(c -> c.role() == single).map(ColumnSchema::name)
                    .collect(Collectors.toList());
            if (named.size() > 1) {
                throw new IllegalArgumentException("TableSchema.columns has " + named.size() + " " + single
                        + " columns (" + String.join(", ", named) + "): at most one is allowed.");
            }
        }
    }

    /** The FEATURE columns in order: what a model is trained on. */
    public List<ColumnSchema> features() {
        return columns.stream().filter(c -> c.role() == ColumnRole.FEATURE).collect(Collectors.toList());
    }

    /**
     * The column called {@code name}.
     *
     * @throws IllegalArgumentException naming the column and listing the schema's columns
     */
    public ColumnSchema column(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("The schema has no column '" + name + "'; its columns are: "
                    + String.join(", ", names()) + ".");
        }
        return columns.get(i);
    }

    /** Position of the column called {@code name}, or -1 when there is none. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** True when there is a column called {@code name}. */
    public boolean contains(String name) {
        return indexOf(name) >= 0;
    }

    /** Column names in order. */
    public List<String> names() {
        return columns.stream().map(ColumnSchema::name).collect(Collectors.toList());
    }

    /** The id column, if the table has one. */
    public Optional<ColumnSchema> idColumn() {
        return columns.stream().filter(c -> c.role() == ColumnRole.ID).findFirst();
    }

    /** The label column, if the schema has one. */
    public Optional<ColumnSchema> labelColumn() {
        return columns.stream().filter(c -> c.role() == ColumnRole.LABEL).findFirst();
    }
}
