package dev.churnops.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
  * Fills {@code ${Name}} placeholders in every string value of a definition, the way SAM's
  * {@code DefinitionSubstitutions} does when it deploys {@code statemachines/*.asl.json}. A placeholder
  * without a value fails loudly: running with the literal text {@code ${TrainFunctionArn}} as a
  * Resource would only fail later and further from the cause.
  */
final class DefinitionSubstitution {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private DefinitionSubstitution() {}

    static JsonNode apply(JsonNode definition, Map<String, String> values) {
        return substitute(definition, values);
    }

    private static JsonNode substitute(JsonNode node, Map<String, String> values) {
        if (node.isTextual()) {
            return TextNode.valueOf(substitute(node.textValue(), values));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(field -> copy.set(field.getKey(), substitute(field.getValue(), values)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(item -> copy.add(substitute(item, values)));
            return copy;
        }
        return node;
    }

    private static String substitute(String text, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = values.get(name);
            if (value == null) {
                throw new AslDefinitionException("Definition placeholder '${" + name + "}' has no value;"
                        + " pass it in AslOptions.substitutions (known: " + new TreeSet<>(values.keySet()) + ")");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
