package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.Notification.Severity;
import java.time.Duration;

/**
 * When an incident is worth a message, immutable and validated in one place; readable from JSON
 * (snake_case, every field optional) and buildable in code. A field left out takes its default:
 * <ul>
 *   <li>{@code cooldown_hours} 168 (7 days): an incident still firing is alerted again only once
 *       this long has passed since its last alert (a rise in severity alerts at once). The default
 *       is longer than the daily monitoring schedule on purpose: with a cooldown equal to the
 *       schedule's period, an ongoing incident would be alerted on every run, or not, depending on
 *       seconds of schedule jitter. 0 alerts on every run;</li>
 *   <li>{@code minimum_severity} WARNING: findings below it neither open nor keep open an incident;</li>
 *   <li>{@code notify_on_resolve} true: an incident not seen in a run is resolved with an INFO message.</li>
 * </ul>
 */
@JsonPropertyOrder({"cooldown_hours", "minimum_severity", "notify_on_resolve"})
public record AlertPolicy(@JsonProperty("cooldown_hours") Integer cooldownHours,
                          @JsonProperty("minimum_severity") Severity minimumSeverity,
                          @JsonProperty("notify_on_resolve") Boolean notifyOnResolve) {

    public static final int DEFAULT_COOLDOWN_HOURS = 168;
    /** A year: longer than that is a typo (hours for days) rather than a policy. */
    public static final int MAX_COOLDOWN_HOURS = 24 * 366;

    public AlertPolicy {
        cooldownHours = cooldownHours == null ? DEFAULT_COOLDOWN_HOURS : cooldownHours;
        if (cooldownHours < 0 || cooldownHours > MAX_COOLDOWN_HOURS) {
            throw new IllegalArgumentException("Alert policy field 'cooldown_hours' is " + cooldownHours
                    + ": expected a number of hours from 0 to " + MAX_COOLDOWN_HOURS + ".");
        }
        minimumSeverity = minimumSeverity == null ? Severity.WARNING : minimumSeverity;
        notifyOnResolve = notifyOnResolve == null ? Boolean.TRUE : notifyOnResolve;
    }

    /** Every field at its default. */
    public static AlertPolicy defaults() {
        return new AlertPolicy(null, null, null);
    }

    /** Reads an alert policy document; {@code what} names it in error messages. */
    public static AlertPolicy read(byte[] json, String what) {
        return Json.read(json, AlertPolicy.class, what);
    }

    public byte[] toJson() {
        return Json.write(this);
    }

    @JsonIgnore
    public Duration cooldown() {
        return Duration.ofHours(cooldownHours);
    }

    /** This policy with another cooldown. */
    public AlertPolicy withCooldown(Duration cooldown) {
        if (cooldown.isNegative() || cooldown.toSeconds() % 3600 != 0 || cooldown.toHours() > MAX_COOLDOWN_HOURS) {
            throw new IllegalArgumentException("Alert policy field 'cooldown_hours' is " + cooldown
                    + ": expected a whole number of hours from 0 to " + MAX_COOLDOWN_HOURS + ".");
        }
        return new AlertPolicy((int) cooldown.toHours(), minimumSeverity, notifyOnResolve);
    }

    /** This policy with another minimum severity. */
    public AlertPolicy withMinimumSeverity(Severity severity) {
        return new AlertPolicy(cooldownHours, severity, notifyOnResolve);
    }

    /** This policy with resolution messages on or off. */
    public AlertPolicy withNotifyOnResolve(boolean notify) {
        return new AlertPolicy(cooldownHours, minimumSeverity, notify);
    }
}
