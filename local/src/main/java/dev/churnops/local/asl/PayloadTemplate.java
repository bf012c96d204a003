package dev.churnops.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
  * A compiled payload template, the value of {@code Parameters}, {@code ResultSelector} or
  * {@code ItemSelector}: JSON copied as is, except that a key ending in {@code .$} loses the suffix and
  * takes the value of its path ({@code $...} against the data, {@code $$...} against the context object)
  * or intrinsic call. Nested objects and arrays are templates too.
  */
final class PayloadTemplate {

    private sealed interface Node permits Constant, ObjectTemplate, ArrayTemplate, Dynamic {}

    private record Constant(JsonNode value) implements Node {}

    private record Entry(String key, Node value) {}

    private record ObjectTemplate(List<Entry> entries) implements Node {}

    private record ArrayTemplate(List<Node> items) implements Node {}

    private record Dynamic(Expression expression, String field) implements Node {}

    private final Node root;

    private PayloadTemplate(Node root) {
        this.root = root;
    }

    /**
      * Compiles a template, failing with the state and the full field path (e.g.
      * {@code Parameters.model.id.$}) of the first key that does not parse.
      */
    static PayloadTemplate compile(JsonNode template, String stateName, String field) {
        return new PayloadTemplate(compileNode(template, stateName, field));
    }

    private static Node compileNode(JsonNode template, String stateName, String field) {
        if (template.isObject()) {
            List<Entry> entries = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            for (Map.Entry<String, JsonNode> entry : template.properties()) {
                String key = entry.getKey();
                String childField = field + "." + key;
                Node value;
                String outputKey;
                if (key.endsWith(".$")) {
                    outputKey = key.substring(0, key.length() - 2);
                    if (!entry.getValue().isTextual()) {
                        throw new AslDefinitionException(stateName, childField,
                                "must be a string holding a JSONPath or an intrinsic function call, got " + entry.getValue());
                    }
                    try {
                        value = new Dynamic(Expression.parse(entry.getValue().textValue()), key);
                    } catch (ExpressionSyntaxException e) {
                        throw new AslDefinitionException(stateName, childField, "is invalid: " + e.getMessage());
                    }
                } else {
                    outputKey = key;
                    value = compileNode(entry.getValue(), stateName, childField);
                }
                if (!keys.add(outputKey)) {
                    throw new AslDefinitionException(stateName, childField,
                            "produces the key '" + outputKey + "' that another key of the same object also produces");
                }
                entries.add(new Entry(outputKey, value));
            }
            return new ObjectTemplate(List.copyOf(entries));
        }
        if (template.isArray()) {
            List<Node> items = new ArrayList<>();
            for (int i = 0; i < template.size(); i++) {
                items.add(compileNode(template.get(i), stateName, field + "[" + i + "]"));
            }
            return new ArrayTemplate(List.copyOf(items));
        }
        return new Constant(template);
    }

    /**
      * Builds the payload.
      *
      * @throws StatesError {@code States.Runtime} when a path is missing, or an intrinsic's failure
      */
    JsonNode evaluate(JsonNode input, JsonNode context) {
        return evaluate(root, input, context);
    }

    private static JsonNode evaluate(Node node, JsonNode input, JsonNode context) {
        if (node instanceof Constant constant) {
            return constant.value();
        }
        if (node instanceof Dynamic dynamic) {
            return dynamic.expression().evaluate(input, context, dynamic.field());
        }
        if (node instanceof ArrayTemplate array) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(array.items().size());
            array.items().forEach(item -> out.add(evaluate(item, input, context)));
            return out;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Entry entry : ((ObjectTemplate) node).entries()) {
            out.set(entry.key(), evaluate(entry.value(), input, context));
        }
        return out;
    }
}
