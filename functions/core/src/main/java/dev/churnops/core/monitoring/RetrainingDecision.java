package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.churnops.core.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether a monitoring run starts retraining, from {@link RetrainingPolicy#decide}: the triggers that
 * fired, and every reason that held it back. It starts when at least one trigger fired and nothing
 * blocks it. As JSON (for the state machine's choice): {@code {"start", "triggers": [{"trigger",
 * "reason"}], "blockers": [{"blocker", "reason"}], "summary"}}.
 *
 * @param start    whether to start the training state machine
 * @param triggers the triggers that fired, in {@link RetrainingTrigger} order
 * @param blockers every reason not to start, in {@link Blocker} order; empty when {@code start}
 */
@JsonPropertyOrder({"start", "triggers", "blockers", "summary"})
public record RetrainingDecision(@JsonProperty("start") boolean start,
                                 @JsonProperty("triggers") List<Fired> triggers,
                                 @JsonProperty("blockers") List<Blocked> blockers) {

    public RetrainingDecision {
        triggers = List.copyOf(triggers);
        blockers = List.copyOf(blockers);
        if (start != (!triggers.isEmpty() && blockers.isEmpty())) {
            throw new IllegalArgumentException("Retraining decision field 'start' is " + start + " with "
                    + triggers.size() + " triggers and " + blockers.size()
                    + " blockers: expected start exactly when a trigger fired and nothing blocks.");
        }
    }

    /** The triggers that fired, without their reasons. */
    @JsonIgnore
    public List<RetrainingTrigger> firedTriggers() {
        return triggers.stream().map(Fired::trigger).toList();
    }

    /** Whether {@code blocker} is among the reasons not to start. */
    public boolean blockedBy(Blocker blocker) {
        return blockers.stream().anyMatch(b -> b.blocker() == blocker);
    }

    /** One paragraph for logs and messages: what fired and what blocked, in full sentences. */
    @JsonProperty("summary")
    public String summary() {
        StringBuilder text = new StringBuilder(start ? "Retraining starts." : "Retraining does not start.");
        for (Fired f : triggers) {
            text.append(" Trigger ").append(f.trigger().label()).append(": ").append(f.reason());
        }
        for (Blocked b : blockers) {
            text.append(' ').append(b.reason());
        }
        return text.toString();
    }

    public byte[] toJson() {
        return Json.write(this);
    }

    /** A trigger that fired, with a sentence saying what it saw. */
    @JsonPropertyOrder({"trigger", "reason"})
    public record Fired(@JsonProperty("trigger") RetrainingTrigger trigger, @JsonProperty("reason") String reason) {
        public Fired {
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A reason not to start, as a code for machines and a sentence for people. */
    @JsonPropertyOrder({"blocker", "reason"})
    public record Blocked(@JsonProperty("blocker") Blocker blocker, @JsonProperty("reason") String reason) {
        public Blocked {
            Objects.requireNonNull(blocker, "blocker");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The kinds of reason not to start. */
    public enum Blocker {
        /** Nothing fired. */
        NO_TRIGGER,
        /** A training run is running already. */
        IN_PROGRESS,
        /** Retraining started too recently. */
        COOLDOWN,
        /** Too few labelled rows arrived since the champion's training to give a different model. */
        TOO_FEW_LABELS;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
