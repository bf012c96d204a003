package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why retraining may start: a finding of one of the monitoring kinds, or the schedule (the champion
 * is old, or there is none yet). Written in JSON as its lower-case label.
 */
public enum RetrainingTrigger {
    DATA_DRIFT, PREDICTION_DRIFT, PERFORMANCE, BUSINESS, ANOMALY, SCHEDULE;

    /** The trigger of findings of {@code kind}. */
    public static RetrainingTrigger of(Finding.Kind kind) {
        return valueOf(kind.name());
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RetrainingTrigger parse(String value) {
        for (RetrainingTrigger t : values()) {
            if (t.label().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("The retraining trigger is " + (value == null ? null : "'" + value + "'")
                + ": expected one of data_drift, prediction_drift, performance, business, anomaly, schedule.");
    }
}
