package dev.churnops.local.asl;

/**
  * A JSONPath or intrinsic-function expression that cannot be parsed or uses something the local
  * interpreter does not support. It is checked so that every parse site must turn it into an
  * {@link AslDefinitionException} that names the state and the field the expression came from.
  */
final class ExpressionSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    ExpressionSyntaxException(String message) {
        super(message);
    }
}
