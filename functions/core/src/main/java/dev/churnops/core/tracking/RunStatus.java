package dev.churnops.core.tracking;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a training run ended: {@link #SUCCEEDED} (registered and approved), {@link #REJECTED} (trained,
 * evaluated and registered, but the gate kept the champion) or {@link #FAILED} (a step failed).
 */
public enum RunStatus {
    @JsonProperty("succeeded") SUCCEEDED,
    @JsonProperty("rejected") REJECTED,
    @JsonProperty("failed") FAILED;

    /** The lower-case name the run document and the CLI use. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
