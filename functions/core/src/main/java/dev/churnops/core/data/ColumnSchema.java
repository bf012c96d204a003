package dev.churnops.core.data;

/**
 * One column's name, value type and role, as inferred from the data or fixed by a suite.
 *
 * @param name the column name as in the (trimmed) header
 * @param type how values are read
 * @param role what the column is used for
 */
public record ColumnSchema(String name, ColumnType type, ColumnRole role) {

    public ColumnSchema {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("ColumnSchema.name is " + (name == null ? "null" : "blank")
                    + ": every column needs a name.");
        }
        if (type == null) {
            throw new IllegalArgumentException("ColumnSchema.type is null for column '" + name
                    + "': expected NUMERIC, CATEGORICAL or BOOLEAN.");
        }
        if (role == null) {
            throw new IllegalArgumentException("ColumnSchema.role is null for column '" + name
                    + "': expected ID, LABEL, FEATURE or IGNORED.");
        }
    }
}
