package dev.churnops.aws;

import java.util.Map;

/** Reading environment variables at the edge, with messages that name the variable and what was expected. */
final class EnvVars {

    private EnvVars() {
    }

    /** The value of {@code name}, trimmed; fails naming it when it is absent or blank. */
    static String required(Map<String, String> env, String name, String expected) {
        String value = optional(env, name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is not set: expected " + expected);
        }
        return value;
    }

    /** The value of {@code name}, trimmed, or null when it is absent or blank. */
    static String optional(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A whole number from {@code min} to {@code max}, or {@code fallback} when absent. */
    static int whole(Map<String, String> env, String name, int fallback, int min, int max, String unit) {
        String text = optional(env, name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Falls through to the message below, which says what a valid value is.
        }
        throw new IllegalArgumentException(name + " is '" + env.get(name) + "': expected a whole number of " + unit
                + " from " + min + " to " + max + " (default " + fallback + ")");
    }
}
