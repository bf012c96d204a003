package dev.churnops.cdk.constructs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The repository's feature registry as the infrastructure needs it: which views exist and, per
 * feature, its name, value type and view, read from the same JSON file the domain code defines its
 * features in ({@code functions/core/src/main/resources/dev/churnops/core/features/customer-features.json}).
 * The app knows no domain code, so it reads the file itself, taking only {@code views[].name} and
 * {@code features[].name|type|view} and ignoring every other field. A file that cannot be read, or
 * a feature with no name, an unknown type or an undeclared view, fails synthesis naming the file
 * and the feature.
 *
 * @param file where the registry was read from (named in errors)
 * @param version the registry's {@code version}
 * @param views every view, each with its features in the file's order
 */
public record FeatureRegistry(Path file, int version, Map<String, Map<String, FeatureStore.FeatureType>> views) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public FeatureRegistry {
        Objects.requireNonNull(file, "FeatureRegistry.file");
        Map<String, Map<String, FeatureStore.FeatureType>> copy = new LinkedHashMap<>();
        views.forEach((view, features) -> copy.put(view, Collections.unmodifiableMap(new LinkedHashMap<>(features))));
        views = Collections.unmodifiableMap(copy);
    }

    /** Reads and checks the registry at {@code file}. */
    public static FeatureRegistry read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the feature registry " + file + " is not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the feature registry " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the feature registry " + file
                    + " must be a JSON object with \"version\", \"views\" and \"features\".");
        }
        JsonNode version = root.path("version");
        if (!version.canConvertToExactIntegral() || version.asInt() < 1) {
            throw new IllegalArgumentException("the feature registry " + file + " has \"version\" " + version
                    + " but must have a positive whole number.");
        }
        Map<String, Map<String, FeatureStore.FeatureType>> views = new LinkedHashMap<>();
        for (JsonNode view : array(root, "views", file)) {
            String name = view.path("name").asText("");
            if (name.isBlank()) {
                throw new IllegalArgumentException("the feature registry " + file + " has a view without a \"name\": " + view);
            }
            if (views.put(name, new LinkedHashMap<>()) != null) {
                throw new IllegalArgumentException("the feature registry " + file + " declares the view '" + name + "' twice.");
            }
        }
        for (JsonNode feature : array(root, "features", file)) {
            String name = feature.path("name").asText("");
            if (name.isBlank()) {
                throw new IllegalArgumentException("the feature registry " + file + " has a feature without a \"name\": " + feature);
            }
            String view = feature.path("view").asText("");
            Map<String, FeatureStore.FeatureType> features = views.get(view);
            if (features == null) {
                throw new IllegalArgumentException("feature '" + name + "' of the feature registry " + file + " is in view '"
                        + view + "' but the registry declares only the views " + views.keySet() + ".");
            }
            String type = feature.path("type").asText("");
            FeatureStore.FeatureType stored = switch (type) {
                case "double" -> FeatureStore.FeatureType.FRACTIONAL;
                case "string" -> FeatureStore.FeatureType.STRING;
                default -> throw new IllegalArgumentException("feature '" + name + "' of the feature registry " + file
                        + " has type '" + type + "' but must have type double or string.");
            };
            if (features.put(name, stored) != null) {
                throw new IllegalArgumentException("the feature registry " + file + " lists feature '" + name
                        + "' twice in view '" + view + "'.");
            }
        }
        return new FeatureRegistry(file, version.asInt(), views);
    }

    private static Iterable<JsonNode> array(JsonNode root, String field, Path file) {
        JsonNode node = root.path(field);
        if (!node.isArray()) {
            throw new IllegalArgumentException("the feature registry " + file + " has no \"" + field + "\" array.");
        }
        return node;
    }

    /** The features of {@code view}, name to stored type, in the registry's order. */
    public Map<String, FeatureStore.FeatureType> view(String view) {
        Map<String, FeatureStore.FeatureType> features = views.get(view);
        if (features == null) {
            throw new IllegalArgumentException("the feature registry " + file + " has no view '" + view
                    + "'; it declares " + views.keySet() + ".");
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException("view '" + view + "' of the feature registry " + file + " has no features.");
        }
        return features;
    }

    /** The names of the views, in the registry's order. */
    public Set<String> viewNames() {
        return new LinkedHashSet<>(views.keySet());
    }
}
