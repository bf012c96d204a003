package dev.churnops.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
  * A compiled Choice Rule: a comparison of the {@code Variable} against a literal or (with the
  * {@code Path} suffix) another path, a type test ({@code IsPresent}, {@code IsNull}, ...), or an
  * {@code And}/{@code Or}/{@code Not} of nested rules. As the spec says, a comparison whose operands
  * are not of the operator's type is false, while a Variable that does not exist is a
  * {@code States.Runtime} error unless the rule is {@code IsPresent}; {@code And} and {@code Or} stop
  * at the first deciding rule so that {@code IsPresent} can guard a later comparison.
  */
sealed interface ChoiceRule {

    boolean matches(JsonNode input, JsonNode context);

    /** Operand type a comparison operator works on. */
    enum Family { STRING, NUMERIC, BOOLEAN, TIMESTAMP, TYPE_TEST }

    /** How the ordering of two operands decides a comparison. */
    enum Relation {
        EQUAL(order -> order == 0),
        LESS(order -> order < 0),
        GREATER(order -> order > 0),
        LESS_OR_EQUAL(order -> order <= 0),
        GREATER_OR_EQUAL(order -> order >= 0),
        /** Pattern matches and type tests, which are not decided by an ordering. */
        NONE(order -> false);

        private final IntPredicate accepts;

        Relation(IntPredicate accepts) {
            this.accepts = accepts;
        }

        /** Whether {@code left.compareTo(right)} satisfies the relation. */
        boolean accepts(int order) {
            return accepts.test(order);
        }
    }

    /** Every comparison and type-test operator; the {@code Path} variants share the operator. */
    enum Operator {
        STRING_EQUALS("StringEquals", Family.STRING, Relation.EQUAL, true),
        STRING_LESS_THAN("StringLessThan", Family.STRING, Relation.LESS, true),
        STRING_GREATER_THAN("StringGreaterThan", Family.STRING, Relation.GREATER, true),
        STRING_LESS_THAN_EQUALS("StringLessThanEquals", Family.STRING, Relation.LESS_OR_EQUAL, true),
        STRING_GREATER_THAN_EQUALS("StringGreaterThanEquals", Family.STRING, Relation.GREATER_OR_EQUAL, true),
        STRING_MATCHES("StringMatches", Family.STRING, Relation.NONE, false),
        NUMERIC_EQUALS("NumericEquals", Family.NUMERIC, Relation.EQUAL, true),
        NUMERIC_LESS_THAN("NumericLessThan", Family.NUMERIC, Relation.LESS, true),
        NUMERIC_GREATER_THAN("NumericGreaterThan", Family.NUMERIC, Relation.GREATER, true),
        NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Family.NUMERIC, Relation.LESS_OR_EQUAL, true),
        NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Family.NUMERIC, Relation.GREATER_OR_EQUAL, true),
        BOOLEAN_EQUALS("BooleanEquals", Family.BOOLEAN, Relation.EQUAL, true),
        TIMESTAMP_EQUALS("TimestampEquals", Family.TIMESTAMP, Relation.EQUAL, true),
        TIMESTAMP_LESS_THAN("TimestampLessThan", Family.TIMESTAMP, Relation.LESS, true),
        TIMESTAMP_GREATER_THAN("TimestampGreaterThan", Family.TIMESTAMP, Relation.GREATER, true),
        TIMESTAMP_LESS_THAN_EQUALS("TimestampLessThanEquals", Family.TIMESTAMP, Relation.LESS_OR_EQUAL, true),
        TIMESTAMP_GREATER_THAN_EQUALS("TimestampGreaterThanEquals", Family.TIMESTAMP, Relation.GREATER_OR_EQUAL, true),
        IS_PRESENT("IsPresent", Family.TYPE_TEST, Relation.NONE, false),
        IS_NULL("IsNull", Family.TYPE_TEST, Relation.NONE, false),
        IS_NUMERIC("IsNumeric", Family.TYPE_TEST, Relation.NONE, false),
        IS_STRING("IsString", Family.TYPE_TEST, Relation.NONE, false),
        IS_BOOLEAN("IsBoolean", Family.TYPE_TEST, Relation.NONE, false),
        IS_TIMESTAMP("IsTimestamp", Family.TYPE_TEST, Relation.NONE, false);

        private static final Map<String, Operator> BY_FIELD = Arrays.stream(values())
                .collect(Collectors.toMap(op -> op.fieldName, Function.identity()));

        private final String fieldName;
        private final Family family;
        private final Relation relation;
        private final boolean hasPathVariant;

        Operator(String fieldName, Family family, Relation relation, boolean hasPathVariant) {
            this.fieldName = fieldName;
            this.family = family;
            this.relation = relation;
            this.hasPathVariant = hasPathVariant;
        }

        boolean accepts(int order) {
            return relation.accepts(order);
        }
    }

    /** Conjunction; stops at the first rule that does not match. */
    record And(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean matches(JsonNode input, JsonNode context) {
            for (ChoiceRule rule : rules) {
                if (!rule.matches(input, context)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Disjunction; stops at the first rule that matches. */
    record Or(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean matches(JsonNode input, JsonNode context) {
            for (ChoiceRule rule : rules) {
                if (rule.matches(input, context)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(ChoiceRule rule) implements ChoiceRule {
        @Override
        public boolean matches(JsonNode input, JsonNode context) {
            return !rule.matches(input, context);
        }
    }

    /**
      * {@code Variable <operator> operand}. Exactly one of {@code literal} and {@code operandPath} is set;
      * {@code pattern} is the compiled {@code StringMatches} pattern.
      */
    record Comparison(String field, JsonPath variable, Operator operator, JsonNode literal,
            JsonPath operandPath, Pattern pattern) implements ChoiceRule {

        @Override
        public boolean matches(JsonNode input, JsonNode context) {
            Optional<JsonNode> found = variable.find(input, context);
            if (operator == Operator.IS_PRESENT) {
                return found.isPresent() == literal.booleanValue();
            }
            JsonNode value = found.orElseThrow(() -> StatesError.runtime("Invalid path '" + variable
                    + "' in " + field + ": the choice rule's Variable does not exist in the input"));
            if (operator.family == Family.TYPE_TEST) {
                return typeTest(value) == literal.booleanValue();
            }
            JsonNode operand = literal != null ? literal
                    : operandPath.find(input, context).orElseThrow(() -> StatesError.runtime("Invalid path '"
                            + operandPath + "' in " + field + ": the path does not exist in the input"));
            return compare(value, operand);
        }

        private boolean typeTest(JsonNode value) {
            switch (operator) {
                case IS_NULL:
                    return value.isNull();
                case IS_NUMERIC:
                    return value.isNumber();
                case IS_STRING:
                    return value.isTextual();
                case IS_BOOLEAN:
                    return value.isBoolean();
                case IS_TIMESTAMP:
                    return value.isTextual() && Timestamps.parse(value.textValue()).isPresent();
                default:
                    throw new IllegalStateException("not a type test: " + operator);
            }
        }

        // Operands of the wrong type make the comparison false rather than an error, per the spec.
        private boolean compare(JsonNode value, JsonNode operand) {
            switch (operator.family) {
                case STRING:
                    if (!value.isTextual() || !operand.isTextual()) {
                        return false;
                    }
                    if (operator == Operator.STRING_MATCHES) {
                        return pattern.matcher(value.textValue()).matches();
                    }
                    return operator.accepts(value.textValue().compareTo(operand.textValue()));
                case NUMERIC:
                    return value.isNumber() && operand.isNumber()
                            && operator.accepts(value.decimalValue().compareTo(operand.decimalValue()));
                case BOOLEAN:
                    return value.isBoolean() && operand.isBoolean() && value.booleanValue() == operand.booleanValue();
                case TIMESTAMP:
                    Optional<Instant> left = value.isTextual() ? Timestamps.parse(value.textValue()) : Optional.empty();
                    Optional<Instant> right = operand.isTextual() ? Timestamps.parse(operand.textValue()) : Optional.empty();
                    return left.isPresent() && right.isPresent() && operator.accepts(left.get().compareTo(right.get()));
                default:
                    throw new IllegalStateException("not a comparison: " + operator);
            }
        }
    }

    // ------------------------------------------------------------------ parsing

    /**
      * Compiles one rule.
      *
      * @param extraFields fields the caller handles itself ({@code Next} on a top-level rule)
      */
    static ChoiceRule parse(JsonNode json, String stateName, String field, Set<String> extraFields) {
        if (!json.isObject()) {
            throw new AslDefinitionException(stateName, field, "must be a Choice Rule object, got " + json);
        }
        for (String combinator : List.of("And", "Or", "Not")) {
            if (json.has(combinator)) {
                return parseCombinator(json, combinator, stateName, field, extraFields);
            }
        }
        return parseComparison(json, stateName, field, extraFields);
    }

    private static ChoiceRule parseCombinator(JsonNode json, String combinator, String stateName,
            String field, Set<String> extraFields) {
        rejectUnknownFields(json, stateName, field, extraFields, Set.of(combinator, "Comment"));
        JsonNode operand = json.get(combinator);
        String operandField = field + "." + combinator;
        if (combinator.equals("Not")) {
            return new Not(parse(operand, stateName, operandField, Set.of()));
        }
        if (!operand.isArray() || operand.isEmpty()) {
            throw new AslDefinitionException(stateName, operandField, "must be a non-empty array of Choice Rules");
        }
        List<ChoiceRule> rules = new ArrayList<>();
        for (int i = 0; i < operand.size(); i++) {
            rules.add(parse(operand.get(i), stateName, operandField + "[" + i + "]", Set.of()));
        }
        return combinator.equals("And") ? new And(List.copyOf(rules)) : new Or(List.copyOf(rules));
    }

    private static ChoiceRule parseComparison(JsonNode json, String stateName, String field,
            Set<String> extraFields) {
        String operatorField = null;
        Iterator<String> names = json.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.equals("Variable") || name.equals("Comment") || extraFields.contains(name)) {
                continue;
            }
            if (name.equals("Next")) {
                throw new AslDefinitionException(stateName, field + "." + name,
                        "is only allowed on a top-level Choice Rule, not inside And, Or or Not");
            }
            if (operatorOf(name) == null) {
                throw new AslDefinitionException(stateName, field + "." + name,
                        "is not supported by the local interpreter: it is not a Choice Rule operator");
            }
            if (operatorField != null) {
                throw new AslDefinitionException(stateName, field + "." + name,
                        "is a second comparison operator next to '" + operatorField + "'; a rule has exactly one"
                                + " (combine rules with And/Or)");
            }
            operatorField = name;
        }
        if (operatorField == null) {
            throw new AslDefinitionException(stateName, field,
                    "has no comparison operator (StringEquals, NumericLessThan, IsPresent, And, ...)");
        }
        JsonNode variableJson = json.get("Variable");
        if (variableJson == null || !variableJson.isTextual()) {
            throw new AslDefinitionException(stateName, field + ".Variable",
                    "is required for '" + operatorField + "' and must be a JSONPath string");
        }
        JsonPath variable = parsePath(variableJson.textValue(), stateName, field + ".Variable");
        Operator operator = operatorOf(operatorField);
        JsonNode operand = json.get(operatorField);
        String operandField = field + "." + operatorField;
        if (!operatorField.equals(operator.fieldName)) {
            if (!operand.isTextual()) {
                throw new AslDefinitionException(stateName, operandField, "must be a JSONPath string, got " + operand);
            }
            return new Comparison(field, variable, operator, null,
                    parsePath(operand.textValue(), stateName, operandField), null);
        }
        checkLiteral(operator, operand, stateName, operandField);
        Pattern pattern = operator == Operator.STRING_MATCHES ? wildcardPattern(operand.textValue()) : null;
        return new Comparison(field, variable, operator, operand, null, pattern);
    }

    private static Operator operatorOf(String fieldName) {
        Operator direct = Operator.BY_FIELD.get(fieldName);
        if (direct != null) {
            return direct;
        }
        if (fieldName.endsWith("Path")) {
            Operator base = Operator.BY_FIELD.get(fieldName.substring(0, fieldName.length() - 4));
            if (base != null && base.hasPathVariant) {
                return base;
            }
        }
        return null;
    }

    private static void checkLiteral(Operator operator, JsonNode operand, String stateName, String field) {
        boolean ok;
        String expected;
        switch (operator.family) {
            case STRING:
                ok = operand.isTextual();
                expected = "a string";
                break;
            case NUMERIC:
                ok = operand.isNumber();
                expected = "a number";
                break;
            case TIMESTAMP:
                ok = operand.isTextual() && Timestamps.parse(operand.textValue()).isPresent();
                expected = "an RFC 3339 timestamp string such as \"2026-01-01T00:00:00Z\"";
                break;
            default:
                ok = operand.isBoolean();
                expected = "true or false";
        }
        if (!ok) {
            throw new AslDefinitionException(stateName, field, "must be " + expected + ", got " + operand);
        }
    }

    private static JsonPath parsePath(String text, String stateName, String field) {
        try {
            return JsonPath.parse(text);
        } catch (ExpressionSyntaxException e) {
            throw new AslDefinitionException(stateName, field, "is invalid: " + e.getMessage());
        }
    }

    private static void rejectUnknownFields(JsonNode json, String stateName, String field,
            Set<String> extraFields, Set<String> allowed) {
        json.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name) && !extraFields.contains(name)) {
                throw new AslDefinitionException(stateName, field + "." + name,
                        "is not supported by the local interpreter next to " + allowed);
            }
        });
    }

    /** {@code *} matches any run of characters; {@code \*} and {@code \\} stand for themselves. */
    static Pattern wildcardPattern(String wildcard) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < wildcard.length(); i++) {
            char c = wildcard.charAt(i);
            if (c == '\\' && i + 1 < wildcard.length()) {
                literal.append(wildcard.charAt(++i));
            } else if (c == '*') {
                regex.append(Pattern.quote(literal.toString())).append(".*");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
