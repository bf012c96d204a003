package dev.churnops.local.asl;

/**
  * A state machine definition the local interpreter refuses to run, because it is invalid Amazon
  * States Language or uses a construct the interpreter does not support. It is raised before any state
  * runs, so a typo in a branch that a given input would never reach still fails loudly; the message
  * names the state and the field, for example
  * {@code State 'Foo': field 'Heartbeat' is not supported by the local interpreter}.
  */
public final class AslDefinitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String stateName;
    private final String field;

    AslDefinitionException(String stateName, String field, String problem) {
        super(describe(stateName, field, problem));
        this.stateName = stateName;
        this.field = field;
    }

    AslDefinitionException(String message) {
        super(message);
        this.stateName = null;
        this.field = null;
    }

    /** The state the problem was found in, or {@code null} for a top-level or substitution problem. */
    public String stateName() {
        return stateName;
    }

    /** The offending field, e.g. {@code "Parameters.id.$"}, or {@code null} when no single field is at fault. */
    public String field() {
        return field;
    }

    private static String describe(String stateName, String field, String problem) {
        String where = stateName == null ? "State machine" : "State '" + stateName + "'";
        return field == null ? where + ": " + problem : where + ": field '" + field + "' " + problem;
    }
}
