package dev.churnops.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
  * A value computed from a state's data and the context object: the right-hand side of a payload
  * template key ending in {@code .$}, or an {@code ErrorPath}/{@code CausePath}. It is either a
  * reference path or an intrinsic function call, parsed once when the definition is loaded.
  */
sealed interface Expression permits Expression.Path, IntrinsicFunctions.Call {

    /**
      * Evaluates the expression.
      *
      * @param field the definition field being evaluated, quoted in error causes
      * @throws StatesError {@code States.Runtime} for a missing path, {@code States.IntrinsicFailure}
      *     for an intrinsic given arguments it cannot work with
      */
    JsonNode evaluate(JsonNode input, JsonNode context, String field);

    static Expression parse(String text) throws ExpressionSyntaxException {
        String trimmed = text.trim();
        if (trimmed.startsWith("$")) {
            return new Path(JsonPath.parse(trimmed));
        }
        if (trimmed.startsWith("States.")) {
            return IntrinsicFunctions.parse(trimmed);
        }
        throw new ExpressionSyntaxException("'" + text + "' is neither a JSONPath (starting with '$')"
                + " nor an intrinsic function call (starting with 'States.')");
    }

    /** A reference path whose target must exist. */
    record Path(JsonPath path) implements Expression {

        @Override
        public JsonNode evaluate(JsonNode input, JsonNode context, String field) {
            return path.find(input, context).orElseThrow(() -> StatesError.runtime("The JSONPath '" + path
                    + "' specified for the field '" + field + "' could not be found in the input"));
        }
    }
}
