package dev.churnops.core.registry;

import java.util.List;

/**
 * One registered version: its number, status, the artifact key and SHA-256, when it was created,
 * a description and the history of status and alias changes.
 */
public record ModelVersion(String modelName, int version, ApprovalStatus status, String artifactKey,
                           String artifactSha256, String createdAt, String description, List<String> history) {

    public ModelVersion {
        history = List.copyOf(history);
    }
}
