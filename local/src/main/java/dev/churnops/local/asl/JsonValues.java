package dev.churnops.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** Wording for JSON values in error causes: the type, and the value itself when it is a scalar. */
final class JsonValues {

    private JsonValues() {}

    static String describe(JsonNode value) {
        return value.getNodeType().name().toLowerCase() + (value.isValueNode() ? " " + value : "");
    }
}
