package dev.churnops.core.scoring;

import dev.churnops.core.data.ColumnType;
import dev.churnops.core.registry.ModelCard;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one customer's features against the model's input signature before scoring: every column
 * of the signature may be given (a missing or null value is imputed, as in training), a numeric
 * column takes a JSON number, a boolean column true or false, a categorical column one of the
 * categories the model knows; a column the model does not know is an error. Every offending field
 * is reported, not just the first.
 */
public final class InputValidator {

    private final List<ModelCard.InputColumn> columns;
    private final Set<String> names = new HashSet<>();
    /** Per column (in {@link #columns} order), its categories as a set; null where any string goes. */
    private final List<Set<String>> categories = new ArrayList<>();

    public InputValidator(List<ModelCard.InputColumn> columns) {
        this.columns = List.copyOf(columns);
        for (ModelCard.InputColumn c : this.columns) {
            names.add(c.name());
            categories.add(c.categories() == null ? null : Set.copyOf(c.categories()));
        }
    }

    /**
     * The errors of {@code features}, each field named as {@code pathPrefix + "." + column}; an
     * empty, unmodifiable list when there are none (the list is made only for an error).
     */
    public List<FieldError> check(Map<String, ?> features, String pathPrefix) {
        List<FieldError> errors = null;
        for (String key : features.keySet()) {
            if (!names.contains(key)) {
                errors = add(errors, new FieldError(pathPrefix + "." + key, "is not an input of this model"));
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            FieldError error = check(i, features.get(columns.get(i).name()), pathPrefix);
            if (error != null) {
                errors = add(errors, error);
            }
        }
        return errors == null ? List.of() : errors;
    }

    private static List<FieldError> add(List<FieldError> errors, FieldError error) {
        List<FieldError> list = errors == null ? new ArrayList<>() : errors;
        list.add(error);
        return list;
    }

    /**
     * The error of one value of signature column {@code column} (an index into {@link #columns()}),
     * or null when the value is acceptable; null values (missing) always are. {@link #check(Map, String)}
     * is this for every column; columnar batch scoring calls it directly, so both report the same
     * fields with the same wording.
     */
    public FieldError check(int column, Object value, String pathPrefix) {
        if (value == null) {
            return null;
        }
        ModelCard.InputColumn c = columns.get(column);
        // The field path is built only for an error: this runs for every value of every request.
        switch (c.type()) {
            case NUMERIC -> {
                if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                    return new FieldError(field(pathPrefix, c), "expected a number, got " + describe(value));
                }
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    return new FieldError(field(pathPrefix, c), "expected true or false, got " + describe(value));
                }
            }
            case CATEGORICAL -> {
                Set<String> known = categories.get(column);
                if (!(value instanceof String s)) {
                    return new FieldError(field(pathPrefix, c), "expected a string, got " + describe(value));
                } else if (known != null && !known.contains(s)) {
                    return new FieldError(field(pathPrefix, c), "expected one of " + c.categories() + ", got '"
                            + abbreviate(s) + "'");
                }
            }
            default -> throw new IllegalStateException("unknown column type " + c.type());
        }
        return null;
    }

    /** The signature columns, in the order errors are reported. */
    public List<ModelCard.InputColumn> columns() {
        return columns;
    }

    private static String field(String pathPrefix, ModelCard.InputColumn column) {
        return pathPrefix + "." + column.name();
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "the string '" + abbreviate(s) + "'";
        }
        if (value instanceof Number) {
            return "the number " + value;
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value.getClass().getSimpleName();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** The JSON Schema (draft 2020-12) of a {@code features} object for these columns. */
    public Map<String, Object> jsonSchema() {
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        for (ModelCard.InputColumn c : columns) {
            Map<String, Object> p = new java.util.LinkedHashMap<>();
            if (c.type() == ColumnType.NUMERIC) {
                p.put("type", List.of("number", "null"));
            } else if (c.type() == ColumnType.BOOLEAN) {
                p.put("type", List.of("boolean", "null"));
            } else {
                p.put("type", List.of("string", "null"));
                if (c.categories() != null) {
                    List<Object> allowed = new ArrayList<>(c.categories());
                    allowed.add(null);
                    p.put("enum", allowed);
                }
            }
            properties.put(c.name(), p);
        }
        Map<String, Object> schema = new java.util.LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("additionalProperties", false);
        return schema;
    }
}
