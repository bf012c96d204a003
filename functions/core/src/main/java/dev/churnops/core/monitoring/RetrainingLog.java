package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.churnops.core.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * The last retraining that monitoring started, kept by the caller between runs as JSON bytes
 * ({@code {"last_started_at", "execution_id", "triggers"}}) so that the next decision can honour the
 * cooldown. No or empty bytes are a log with no start; bytes that cannot be read are a
 * {@link CorruptStateException}, never an empty log, since that would lift the cooldown.
 *
 * @param lastStartedAt when retraining was last started, or null when never
 * @param executionId   the training execution started then, or null when never
 * @param triggers      the triggers that started it, in {@link RetrainingTrigger} order
 */
@JsonPropertyOrder({"last_started_at", "execution_id", "triggers"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetrainingLog(@JsonProperty("last_started_at") @JsonSerialize(using = IsoInstant.Writer.class)
                            @JsonDeserialize(using = IsoInstant.Reader.class) Instant lastStartedAt,
                            @JsonProperty("execution_id") String executionId,
                            @JsonProperty("triggers") List<RetrainingTrigger> triggers) {

    public RetrainingLog {
        if ((lastStartedAt == null) != (executionId == null)) {
            throw invalid(lastStartedAt == null ? "last_started_at" : "execution_id", null,
                    "both last_started_at and execution_id, or neither when retraining never started");
        }
        if (executionId != null && executionId.isBlank()) {
            throw invalid("execution_id", "'" + executionId + "'", "the training execution's id");
        }
        TreeSet<RetrainingTrigger> sorted = new TreeSet<>();
        if (triggers != null) {
            for (RetrainingTrigger t : triggers) {
                if (t == null) {
                    throw invalid("triggers", triggers, "trigger names, none of them null");
                }
                sorted.add(t);
            }
        }
        if (lastStartedAt != null && sorted.isEmpty()) {
            throw invalid("triggers", "empty", "the triggers that started the retraining at " + lastStartedAt);
        }
        if (lastStartedAt == null && !sorted.isEmpty()) {
            throw invalid("triggers", sorted, "none when retraining never started");
        }
        triggers = List.copyOf(sorted);
    }

    /** The log of a model monitoring never retrained. */
    public static RetrainingLog empty() {
        return new RetrainingLog(null, null, List.of());
    }

    /**
     * Reads the state written by {@link #toJson()}; null or zero bytes are the empty log.
     *
     * @throws CorruptStateException when the bytes are not a valid retraining log, naming what is wrong
     */
    public static RetrainingLog fromJson(byte[] state) {
        if (state == null || state.length == 0) {
            return empty();
        }
        try {
            return Json.read(state, RetrainingLog.class, "retraining log state");
        } catch (IllegalArgumentException e) {
            throw new CorruptStateException(e.getMessage() + " The state is left as it is: repair or remove it"
                    + " deliberately, since an empty log would lift the retraining cooldown.", e);
        }
    }

    public byte[] toJson() {
        return Json.write(this);
    }

    /**
     * The log after the training state machine was started for {@code decision}.
     *
     * @throws IllegalArgumentException when the decision did not start retraining, or {@code at} is before the last start
     */
    public RetrainingLog started(RetrainingDecision decision, Instant at, String executionId) {
        if (decision == null || !decision.start()) {
            throw new IllegalArgumentException("The retraining decision is " + (decision == null ? null : decision.summary())
                    + ": expected a decision that starts retraining.");
        }
        if (at == null || (lastStartedAt != null && at.isBefore(lastStartedAt))) {
            throw new IllegalArgumentException("The start time is " + at + ": expected a time at or after the last start "
                    + lastStartedAt + ".");
        }
        if (executionId == null || executionId.isBlank()) {
            throw new IllegalArgumentException("The execution id is " + (executionId == null ? null : "'" + executionId + "'")
                    + ": expected the id of the training execution that was started.");
        }
        return new RetrainingLog(at, executionId, decision.firedTriggers());
    }

    private static IllegalArgumentException invalid(String field, Object value, String expected) {
        return new IllegalArgumentException("Retraining log field '" + field + "' is " + value + ": expected " + expected + ".");
    }
}
