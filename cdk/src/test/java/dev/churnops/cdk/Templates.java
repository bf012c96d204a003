package dev.churnops.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading synthesised CloudFormation templates as JSON. */
final class Templates {

    private Templates() {
    }

    /** Logical id → resource, for every resource of {@code type}. */
    static Map<String, JsonNode> resources(JsonNode template, String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        template.path("Resources").properties().forEach(e -> {
            if (e.getValue().path("Type").asText().equals(type)) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    /** One IAM policy statement and where it is. */
    record Statement(String stack, String policy, JsonNode json) {
        List<String> actions() {
            return strings(json.path("Action"));
        }

        List<JsonNode> resources() {
            List<JsonNode> list = new ArrayList<>();
            JsonNode r = json.path("Resource");
            if (r.isArray()) {
                r.forEach(list::add);
            } else if (!r.isMissingNode()) {
                list.add(r);
            }
            return list;
        }

        @Override
        public String toString() {
            return stack + "/" + policy + ": " + json;
        }
    }

    /**
     * Every statement of every identity policy: AWS::IAM::Policy, AWS::IAM::ManagedPolicy and the
     * inline policies of AWS::IAM::Role.
     */
    static List<Statement> identityStatements(String stack, JsonNode template) {
        List<Statement> list = new ArrayList<>();
        template.path("Resources").properties().forEach(e -> {
            String type = e.getValue().path("Type").asText();
            JsonNode props = e.getValue().path("Properties");
            if (type.equals("AWS::IAM::Policy") || type.equals("AWS::IAM::ManagedPolicy")) {
                props.path("PolicyDocument").path("Statement").forEach(s -> list.add(new Statement(stack, e.getKey(), s)));
            } else if (type.equals("AWS::IAM::Role")) {
                props.path("Policies").forEach(p -> p.path("PolicyDocument").path("Statement")
                        .forEach(s -> list.add(new Statement(stack, e.getKey(), s))));
            }
        });
        return list;
    }

    static List<String> strings(JsonNode node) {
        List<String> list = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> list.add(n.asText()));
        } else if (node.isTextual()) {
            list.add(node.asText());
        }
        return list;
    }

    /**
     * The literal text of a string property that may be an {@code Fn::Join} of literals and
     * references: the literals concatenated, each reference replaced by {@code <ref>}.
     */
    static String literalText(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        JsonNode join = value.path("Fn::Join");
        if (join.isArray()) {
            StringBuilder b = new StringBuilder();
            for (JsonNode part : join.get(1)) {
                b.append(part.isTextual() ? part.asText() : "<ref>");
            }
            return b.toString();
        }
        return "<ref>";
    }

    /** The references ({@code Fn::GetAtt}, {@code Ref}, …) inside an {@code Fn::Join}, in order. */
    static List<JsonNode> joinedReferences(JsonNode value) {
        List<JsonNode> refs = new ArrayList<>();
        JsonNode join = value.path("Fn::Join");
        if (join.isArray()) {
            join.get(1).forEach(part -> {
                if (!part.isTextual()) {
                    refs.add(part);
                }
            });
        }
        return refs;
    }
}
