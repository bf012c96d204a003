package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A feature's type as Model Monitor writes it in {@code inferred_type}: whole numbers are Integral,
 * other numbers Fractional, categories and booleans String; Unknown is read but never written.
 */
public enum InferredType {
    @JsonProperty("Integral") INTEGRAL,
    @JsonProperty("Fractional") FRACTIONAL,
    @JsonProperty("String") STRING,
    @JsonProperty("Unknown") UNKNOWN;

    /** True for Integral and Fractional. */
    public boolean numeric() {
        return this == INTEGRAL || this == FRACTIONAL;
    }

    /** The name as written in the JSON documents. */
    public String label() {
        return switch (this) {
            case INTEGRAL -> "Integral";
            case FRACTIONAL -> "Fractional";
            case STRING -> "String";
            case UNKNOWN -> "Unknown";
        };
    }
}
