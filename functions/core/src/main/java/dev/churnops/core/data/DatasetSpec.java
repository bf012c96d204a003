package dev.churnops.core.data;

import dev.churnops.core.json.Json;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the user says about a customer table, from command-line flags or a small JSON dataset
 * config file ({@code id_column}, {@code label_column}, {@code positive_label}, {@code types},
 * {@code missing_tokens}, {@code ignored_columns}). All validation lives in the compact
 * constructor and fails with a sentence naming the field and the value; column names, tokens and
 * the positive label are trimmed, because values in the file are compared after trimming too.
 *
 * @param name           the dataset's name, used in suites and reports; default {@value #DEFAULT_NAME}
 * @param idColumn       the customer identifier column, or null when the table has none
 * @param labelColumn    the column holding the label to predict; required
 * @param positiveLabel  the label value meaning "churned"; required
 * @param typeOverrides  column types that win over inference; never the id or label column
 * @param missingTokens  cell values (after trimming) that mean "no value"; default
 *                       {@link #DEFAULT_MISSING_TOKENS}
 * @param ignoredColumns columns kept in the file but left out of training and row checks
 */
@JsonPropertyOrder({"name", "id_column", "label_column", "positive_label", "types", "missing_tokens",
        "ignored_columns"})
public record DatasetSpec(
        @JsonProperty("name") String name,
        @JsonProperty("id_column") @JsonInclude(JsonInclude.Include.NON_NULL) String idColumn,
        @JsonProperty("label_column") String labelColumn,
        @JsonProperty("positive_label") String positiveLabel,
        @JsonProperty("types") Map<String, ColumnType> typeOverrides,
        @JsonProperty("missing_tokens") Set<String> missingTokens,
        @JsonProperty("ignored_columns") Set<String> ignoredColumns) {

    /** The dataset name when none is given. */
    public static final String DEFAULT_NAME = "customers";

    /**
     * Values that mean "missing" when none are given: the spellings pandas, R, SQL exports and
     * spreadsheets use. Compared after trimming, so a lone space (Telco's TotalCharges) is missing.
     */
    public static final Set<String> DEFAULT_MISSING_TOKENS = Collections.unmodifiableSet(new LinkedHashSet<>(
            List.of("", "NA", "N/A", "NaN", "nan", "null", "NULL", "None", "?", "-")));

    public DatasetSpec {
        name = name == null ? DEFAULT_NAME : name.trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("DatasetSpec.name (name) is blank: give the dataset a name"
                    + " or leave it out for the default '" + DEFAULT_NAME + "'.");
        }
        if (idColumn != null) {
            idColumn = idColumn.trim();
            if (idColumn.isEmpty()) {
                throw new IllegalArgumentException("DatasetSpec.idColumn (id_column) is blank: name the"
                        + " customer id column, or leave it out when the table has none.");
            }
        }
        if (labelColumn == null || labelColumn.isBlank()) {
            throw new IllegalArgumentException("DatasetSpec.labelColumn (label_column) is "
                    + (labelColumn == null ? "missing" : "blank")
                    + ": name the column holding the churn label, e.g. 'Churn'.");
        }
        labelColumn = labelColumn.trim();
        if (positiveLabel == null || positiveLabel.isBlank()) {
            throw new IllegalArgumentException("DatasetSpec.positiveLabel (positive_label) is "
                    + (positiveLabel == null ? "missing" : "blank")
                    + ": give the value of column '" + labelColumn + "' that means the customer churned, e.g. 'Yes'.");
        }
        positiveLabel = positiveLabel.trim();
        if (labelColumn.equals(idColumn)) {
            throw new IllegalArgumentException("DatasetSpec.idColumn (id_column) is '" + idColumn
                    + "', the same as the label column: the id and the label must be different columns.");
        }
        typeOverrides = copyTypes(typeOverrides, idColumn, labelColumn);
        missingTokens = copyTokens(missingTokens);
        ignoredColumns = copyIgnored(ignoredColumns, idColumn, labelColumn);
    }

    private static Map<String, ColumnType> copyTypes(Map<String, ColumnType> types, String id, String label) {
        Map<String, ColumnType> copy = new LinkedHashMap<>();
        if (types != null) {
            for (Map.Entry<String, ColumnType> e : types.entrySet()) {
                String column = requireColumnName("typeOverrides (types)", e.getKey());
                if (column.equals(id) || column.equals(label)) {
                    throw new IllegalArgumentException("DatasetSpec.typeOverrides (types) sets a type for column '"
                            + column + "', which is the " + (column.equals(id) ? "id" : "label")
                            + " column: id and label columns are always CATEGORICAL; remove the override.");
                }
                if (e.getValue() == null) {
                    throw new IllegalArgumentException("DatasetSpec.typeOverrides (types) has no type for column '"
                            + column + "': expected NUMERIC, CATEGORICAL or BOOLEAN.");
                }
                copy.put(column, e.getValue());
            }
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Set<String> copyTokens(Set<String> tokens) {
        if (tokens == null) {
            return DEFAULT_MISSING_TOKENS;
        }
        Set<String> copy = new LinkedHashSet<>();
        for (String token : tokens) {
            if (token == null) {
                throw new IllegalArgumentException("DatasetSpec.missingTokens (missing_tokens) contains null:"
                        + " list the strings that mean 'no value', e.g. \"\" or \"NA\".");
            }
            copy.add(token.trim());
        }
        return Collections.unmodifiableSet(copy);
    }

    private static Set<String> copyIgnored(Set<String> ignored, String id, String label) {
        Set<String> copy = new LinkedHashSet<>();
        if (ignored != null) {
            for (String raw : ignored) {
                String column = requireColumnName("ignoredColumns (ignored_columns)", raw);
                if (column.equals(id) || column.equals(label)) {
                    throw new IllegalArgumentException("DatasetSpec.ignoredColumns (ignored_columns) contains '"
                            + column + "', which is the " + (column.equals(id) ? "id" : "label")
                            + " column: the id and label cannot be ignored.");
                }
                copy.add(column);
            }
        }
        return Collections.unmodifiableSet(copy);
    }

    private static String requireColumnName(String field, String column) {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("DatasetSpec." + field + " contains a "
                    + (column == null ? "null" : "blank") + " column name: expected a column of the header.");
        }
        return column.trim();
    }

    /** True when {@code value} is null or, after trimming, one of the missing tokens. */
    public boolean isMissing(String value) {
        return value == null || missingTokens.contains(value.trim());
    }

    /** True when the table has a customer id column. */
    public boolean hasIdColumn() {
        return idColumn != null;
    }

    /** Reads a dataset config file; unknown fields and invalid values fail with a sentence. */
    public static DatasetSpec fromJson(byte[] json) {
        return Json.read(json, DatasetSpec.class, "dataset spec");
    }

    /** Pretty JSON with snake_case field names, the format {@link #fromJson(byte[])} reads. */
    public byte[] toJson() {
        return Json.write(this);
    }

    /** A builder holding the defaults: name {@value #DEFAULT_NAME}, {@link #DEFAULT_MISSING_TOKENS}, no id. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this spec, to change one thing. */
    public Builder toBuilder() {
        Builder b = new Builder().name(name).idColumn(idColumn).labelColumn(labelColumn)
                .positiveLabel(positiveLabel).missingTokens(missingTokens).ignoredColumns(ignoredColumns);
        typeOverrides.forEach(b::type);
        return b;
    }

    /**
     * Collects the spec's fields; {@link #build()} validates them all in the record's constructor.
     * Defaults: name {@value #DEFAULT_NAME}, no id column, no type overrides, the default missing
     * tokens, no ignored columns; the label column and positive label must be set.
     */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private String idColumn;
        private String labelColumn;
        private String positiveLabel;
        private final Map<String, ColumnType> types = new LinkedHashMap<>();
        private Set<String> missingTokens = DEFAULT_MISSING_TOKENS;
        private final Set<String> ignoredColumns = new LinkedHashSet<>();

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder idColumn(String idColumn) {
            this.idColumn = idColumn;
            return this;
        }

        public Builder labelColumn(String labelColumn) {
            this.labelColumn = labelColumn;
            return this;
        }

        public Builder positiveLabel(String positiveLabel) {
            this.positiveLabel = positiveLabel;
            return this;
        }

        /** Forces the type of one column, overriding inference. */
        public Builder type(String column, ColumnType type) {
            types.put(column, type);
            return this;
        }

        /** Replaces the missing tokens (the defaults are dropped). */
        public Builder missingTokens(Collection<String> tokens) {
            this.missingTokens = new LinkedHashSet<>(tokens);
            return this;
        }

        /** Adds columns to leave out of training and row checks. */
        public Builder ignoredColumns(Collection<String> columns) {
            ignoredColumns.addAll(columns);
            return this;
        }

        /** Adds one column to leave out of training and row checks. */
        public Builder ignore(String column) {
            ignoredColumns.add(column);
            return this;
        }

        public DatasetSpec build() {
            return new DatasetSpec(name, idColumn, labelColumn, positiveLabel, types, missingTokens, ignoredColumns);
        }
    }
}
