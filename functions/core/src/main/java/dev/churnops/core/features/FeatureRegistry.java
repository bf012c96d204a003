package dev.churnops.core.features;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The versioned catalogue of feature views and features, read from a JSON file (the built-in one
 * is {@code dev/churnops/core/features/customer-features.json} on the classpath). Every definition
 * is checked when the file loads, so a typo in a source, field, aggregation or window stops the
 * load with a sentence naming the feature and the value instead of computing something else. The
 * order of features in the file is the column order of the view's {@link FeatureSchema}.
 */
public final class FeatureRegistry {

    /** Classpath location of the built-in registry. */
    public static final String BUILT_IN = "/dev/churnops/core/features/customer-features.json";

    private static final Set<String> TOP_FIELDS = Set.of("version", "views", "features");
    private static final Set<String> VIEW_FIELDS = Set.of("name", "entity", "description", "owner");
    private static final Set<String> FEATURE_FIELDS = Set.of("name", "description", "entity", "type", "source", "window",
            "aggregation", "field", "filter", "per_filter", "minus_filter", "numerator", "denominator", "owner", "view", "role");

    private final int version;
    private final String origin;
    private final Map<String, FeatureView> views;
    private final List<FeatureDefinition> features;

    private FeatureRegistry(int version, String origin, Map<String, FeatureView> views, List<FeatureDefinition> features) {
        this.version = version;
        this.origin = origin;
        this.views = views;
        this.features = features;
    }

    /** The registry shipped with ChurnOps, read and checked once per class loader (it cannot change). */
    public static FeatureRegistry builtIn() {
        return BuiltIn.REGISTRY;
    }

    /** Holds the built-in registry: read on first use only, so a process that never asks pays nothing. */
    private static final class BuiltIn {
        static final FeatureRegistry REGISTRY = load();
    }

    private static FeatureRegistry load() {
        try (InputStream in = FeatureRegistry.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the built-in feature registry " + BUILT_IN + " is not on the classpath");
            }
            return parse(in.readAllBytes(), "classpath:" + BUILT_IN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads and checks a registry file; {@code origin} names it in error messages. */
    public static FeatureRegistry parse(byte[] json, String origin) {
        try {
            return read(json, origin);
        } catch (IllegalArgumentException e) {
            if (e instanceof Json.InvalidDocumentException) {
                throw e;
            }
            throw new IllegalArgumentException("feature registry " + origin + ": " + e.getMessage(), e);
        }
    }

    private static FeatureRegistry read(byte[] json, String origin) {
        JsonNode root = Json.tree(json, "feature registry " + origin);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object with version, views and features");
        }
        unknownFields(root, TOP_FIELDS, "the registry");
        JsonNode versionNode = root.get("version");
        if (versionNode == null || !versionNode.canConvertToInt() || !versionNode.isIntegralNumber() || versionNode.asInt() < 1) {
            throw new IllegalArgumentException("version is " + versionNode + ": expected a whole number of at least 1");
        }
        Map<String, FeatureView> views = new LinkedHashMap<>();
        for (JsonNode v : array(root, "views")) {
            unknownFields(v, VIEW_FIELDS, "a view");
            FeatureView view = new FeatureView(text(v, "name"), text(v, "entity"), text(v, "description"), text(v, "owner"));
            if (views.put(view.name(), view) != null) {
                throw new IllegalArgumentException("view '" + view.name() + "' is defined twice");
            }
        }
        List<FeatureDefinition> features = new ArrayList<>();
        Map<String, FeatureDefinition> byName = new LinkedHashMap<>();
        for (JsonNode f : array(root, "features")) {
            String name = text(f, "name");
            unknownFields(f, FEATURE_FIELDS, "feature '" + name + "'");
            FeatureDefinition d = new FeatureDefinition(name, text(f, "description"), text(f, "entity"),
                    type(f, name), text(f, "source"), window(f, name), Aggregation.of(text(f, "aggregation"), name),
                    text(f, "field"), conditions(f, "filter", name), conditions(f, "per_filter", name),
                    conditions(f, "minus_filter", name), text(f, "numerator"), text(f, "denominator"),
                    text(f, "owner"), text(f, "view"),
                    f.hasNonNull("role") ? FeatureDefinition.Role.of(text(f, "role"), name) : FeatureDefinition.Role.FEATURE);
            if (byName.put(d.name(), d) != null) {
                throw new IllegalArgumentException("feature '" + d.name() + "' is defined twice: feature names are unique");
            }
            FeatureView view = views.get(d.view());
            if (view == null) {
                throw new IllegalArgumentException("feature '" + d.name() + "' belongs to unknown view '" + d.view()
                        + "': expected one of " + views.keySet());
            }
            if (!view.entity().equals(d.entity())) {
                throw new IllegalArgumentException("feature '" + d.name() + "' has entity '" + d.entity() + "' but view '"
                        + view.name() + "' is keyed by '" + view.entity() + "'");
            }
            features.add(d);
        }
        for (FeatureDefinition d : features) {
            if (d.isDerived()) {
                operand(d, d.numerator(), "numerator", byName);
                operand(d, d.denominator(), "denominator", byName);
            }
        }
        return new FeatureRegistry(versionNode.asInt(), origin, views, List.copyOf(features));
    }

    private static void operand(FeatureDefinition d, String operand, String role, Map<String, FeatureDefinition> byName) {
        FeatureDefinition o = byName.get(operand);
        if (o == null) {
            throw new IllegalArgumentException("feature '" + d.name() + "' has " + role + " '" + operand + "', which is not a feature of the registry");
        }
        if (o.isDerived() || o.type() != FeatureSchema.ValueType.DOUBLE || !o.view().equals(d.view())) {
            throw new IllegalArgumentException("feature '" + d.name() + "' has " + role + " '" + operand
                    + "': expected a numeric feature computed from events in the same view");
        }
    }

    public int version() {
        return version;
    }

    public String origin() {
        return origin;
    }

    public List<FeatureView> views() {
        return List.copyOf(views.values());
    }

    public FeatureView view(String name) {
        FeatureView v = views.get(name);
        if (v == null) {
            throw new IllegalArgumentException("feature registry " + origin + " has no view '" + name + "': its views are " + views.keySet());
        }
        return v;
    }

    /** Every feature of the registry, in file order. */
    public List<FeatureDefinition> features() {
        return features;
    }

    /** The features of {@code view} in column order, label-support columns included. */
    public List<FeatureDefinition> features(String view) {
        view(view);
        return features.stream().filter(f -> f.view().equals(view)).toList();
    }

    /** The names of the view's model inputs (role {@code feature}), in column order. */
    public List<String> modelFeatures(String view) {
        return features(view).stream().filter(f -> f.role() == FeatureDefinition.Role.FEATURE).map(FeatureDefinition::name).toList();
    }

    /** The stored columns of {@code view}: every feature, label-support ones included, in file order. */
    public FeatureSchema schema(String view) {
        return new FeatureSchema(view, features(view).stream()
                .map(f -> new FeatureSchema.Column(f.name(), f.type())).toList());
    }

    private static void unknownFields(JsonNode node, Set<String> known, String what) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(what + " is " + node + ": expected a JSON object");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!known.contains(n)) {
                throw new IllegalArgumentException(what + " has unknown property '" + n + "': expected some of " + new java.util.TreeSet<>(known));
            }
        }
    }

    private static List<JsonNode> array(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("'" + field + "' is " + node + ": expected a JSON array");
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("property '" + field + "' of " + node.path("name").asText("an entry")
                    + " is " + v + ": expected text");
        }
        return v.asText();
    }

    private static FeatureSchema.ValueType type(JsonNode f, String name) {
        String t = text(f, "type");
        if ("double".equals(t)) {
            return FeatureSchema.ValueType.DOUBLE;
        }
        if ("string".equals(t)) {
            return FeatureSchema.ValueType.STRING;
        }
        throw new IllegalArgumentException("feature '" + name + "' has type '" + t + "': expected double or string");
    }

    private static Integer window(JsonNode f, String name) {
        JsonNode w = f.get("window");
        if (w == null || w.isNull()) {
            return null;
        }
        if (!w.isIntegralNumber() || !w.canConvertToInt()) {
            throw new IllegalArgumentException("feature '" + name + "' has window " + w + ": expected a whole number of days or null");
        }
        return w.asInt();
    }

    private static Map<String, String> conditions(JsonNode f, String field, String name) {
        JsonNode c = f.get(field);
        if (c == null || c.isNull()) {
            return Map.of();
        }
        if (!c.isObject()) {
            throw new IllegalArgumentException("feature '" + name + "' has " + field + " " + c + ": expected an object of column: value");
        }
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = c.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException("feature '" + name + "' has " + field + " value " + e.getValue()
                        + " for column '" + e.getKey() + "': expected text, e.g. \"1\" or \"true\"");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
