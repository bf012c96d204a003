package dev.churnops.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
  * A validated, compiled state machine, or one of its nested scopes (a Parallel branch or a Map's
  * item processor): where to start and the states reachable by name within the scope.
  */
record StateMachineDefinition(String startAt, Map<String, State> states) {

    StateMachineDefinition {
        states = Map.copyOf(states);
    }

    /**
      * Substitutes {@code ${Name}} placeholders, then parses and validates the whole definition,
      * including every nested branch, so that nothing unsupported is discovered halfway through a run.
      *
      * @throws AslDefinitionException naming the state and field at fault
      */
    static StateMachineDefinition parse(JsonNode definition, Map<String, String> substitutions) {
        return new DefinitionParser().parseStateMachine(
                DefinitionSubstitution.apply(definition, substitutions));
    }

    State state(String name) {
        return states.get(name);
    }
}
