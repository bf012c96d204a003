package dev.churnops.core.port;

import java.util.Map;
import java.util.Objects;

/**
 * One message to people: a subject line, a severity, a JSON-ready body with the context needed to
 * act (execution, observed values, where to look), and string attributes for routing. Never carries
 * customer data beyond ids and scores.
 */
public record Notification(String subject, Severity severity, Map<String, Object> body, Map<String, String> attributes) {

    public enum Severity { INFO, WARNING, CRITICAL }

    public Notification {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(severity, "severity");
        // JSON bodies may hold nulls (no champion yet), which Map.copyOf refuses.
        body = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(body));
        attributes = Map.copyOf(attributes);
        if (subject.length() > 100) {
            // SNS rejects subjects over 100 characters.
            subject = subject.substring(0, 97) + "...";
        }
    }
}
