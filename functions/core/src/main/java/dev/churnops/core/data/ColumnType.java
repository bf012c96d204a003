package dev.churnops.core.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kind of values a column holds, which decides how a value is checked and how training
 * encodes it: NUMERIC values are finite decimal numbers, BOOLEAN values are yes/no-like tokens
 * read as true/false, CATEGORICAL values are any other text compared after trimming.
 */
public enum ColumnType {
    NUMERIC, CATEGORICAL, BOOLEAN;

    /**
     * Reads a type name case-insensitively ({@code "numeric"}, {@code "Boolean"}), so hand-written
     * configuration does not have to shout.
     *
     * @throws IllegalArgumentException naming the value and the allowed names
     */
    @JsonCreator
    public static ColumnType parse(String value) {
        if (value != null) {
            String wanted = value.trim().toUpperCase(Locale.ROOT);
            for (ColumnType type : values()) {
                if (type.name().equals(wanted)) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("Column type '" + value + "' is not known: expected one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))
                + " (case-insensitive).");
    }
}
