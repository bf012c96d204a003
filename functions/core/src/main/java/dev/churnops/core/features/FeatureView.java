package dev.churnops.core.features;

/**
 * A named group of features about one kind of entity, stored and served together: one offline
 * table and one online record per entity.
 */
public record FeatureView(String name, String entity, String description, String owner) {

    public FeatureView {
        if (name == null || !name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("feature view name '" + name
                    + "' must be 1-63 lower-case letters, digits and underscores, starting with a letter");
        }
        if (!FeatureSchema.ENTITY.equals(entity)) {
            throw new IllegalArgumentException("feature view '" + name + "' has entity '" + entity
                    + "': expected '" + FeatureSchema.ENTITY + "', the one entity the stores key rows by");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("feature view '" + name + "' has no description: say what its features describe");
        }
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("feature view '" + name + "' has no owner: name the team answering for it");
        }
    }
}
