package dev.churnops.core.monitoring;

import dev.churnops.core.port.Notification;
import java.util.List;
import java.util.Objects;

/**
 * What one monitoring run should tell people, from {@link IncidentLog#decide}: the notifications to
 * publish (one per incident that opened, escalated or passed its cooldown, and one per resolved
 * incident when the policy asks), the findings that were not alerted and why, the incidents that
 * resolved, and the log to keep for the next run. Publish the notifications first and store
 * {@link #state()} after, so a failed publish is retried with the old state instead of being lost.
 *
 * @param notifications the messages to publish, most severe first, resolutions last
 * @param suppressed    findings that caused no message, each with the reason
 * @param resolved      incidents open before this run and not seen in it
 * @param log           the incident log after this run
 */
public record AlertDecision(List<Notification> notifications, List<Suppressed> suppressed, List<Incident> resolved,
                            IncidentLog log) {

    public AlertDecision {
        notifications = List.copyOf(notifications);
        suppressed = List.copyOf(suppressed);
        resolved = List.copyOf(resolved);
        Objects.requireNonNull(log, "log");
    }

    /** The log after this run as JSON bytes, to store where the next run will read it. */
    public byte[] state() {
        return log.toJson();
    }

    /**
     * A finding that caused no message.
     *
     * @param finding    the finding
     * @param incidentId the open incident it belongs to, or null when it opened none (below the minimum severity)
     * @param reason     a full sentence saying why
     */
    public record Suppressed(Finding finding, String incidentId, String reason) {
        public Suppressed {
            Objects.requireNonNull(finding, "finding");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
