package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.churnops.core.port.Notification.Severity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One open problem of one model, as {@link IncidentLog} keeps it between monitoring runs: the findings
 * of one kind and sub-kind that have fired on every run since {@code firstSeen}. Its identity is the
 * model, kind and sub-kind (the affected features move from day to day, the problem does not), and its
 * id adds when it was first seen, so an incident that resolves and comes back later gets a new id.
 *
 * @param id              {@code <model>-<kind>-<sub_kind>-<first seen as yyyyMMdd'T'HHmmss'Z'>}
 * @param finding         the latest finding (for several findings in one run: the most severe, with the
 *                        affected lists merged)
 * @param firstSeen       the run that opened it
 * @param lastSeen        the latest run that saw it
 * @param lastAlertedAt   the run of its latest alert
 * @param alertedSeverity the severity of its latest alert; a finding above it alerts again at once
 * @param alerts          how many alerts it has had, 1 or more
 */
@JsonPropertyOrder({"id", "finding", "first_seen", "last_seen", "last_alerted_at", "alerted_severity", "alerts"})
public record Incident(@JsonProperty("id") String id,
                       @JsonProperty("finding") Finding finding,
                       @JsonProperty("first_seen") @JsonSerialize(using = IsoInstant.Writer.class)
                       @JsonDeserialize(using = IsoInstant.Reader.class) Instant firstSeen,
                       @JsonProperty("last_seen") @JsonSerialize(using = IsoInstant.Writer.class)
                       @JsonDeserialize(using = IsoInstant.Reader.class) Instant lastSeen,
                       @JsonProperty("last_alerted_at") @JsonSerialize(using = IsoInstant.Writer.class)
                       @JsonDeserialize(using = IsoInstant.Reader.class) Instant lastAlertedAt,
                       @JsonProperty("alerted_severity") Severity alertedSeverity,
                       @JsonProperty("alerts") Integer alerts) {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    public Incident {
        if (id == null || id.isBlank()) {
            throw invalid(id, "id", id == null ? null : "'" + id + "'", "a non-blank incident id");
        }
        if (finding == null) {
            throw invalid(id, "finding", null, "the incident's latest finding");
        }
        if (firstSeen == null || lastSeen == null || lastAlertedAt == null) {
            String field = firstSeen == null ? "first_seen" : lastSeen == null ? "last_seen" : "last_alerted_at";
            throw invalid(id, field, null, "an ISO-8601 UTC timestamp");
        }
        if (lastSeen.isBefore(firstSeen)) {
            throw invalid(id, "last_seen", lastSeen, "a time at or after first_seen " + firstSeen);
        }
        if (lastAlertedAt.isBefore(firstSeen) || lastAlertedAt.isAfter(lastSeen)) {
            throw invalid(id, "last_alerted_at", lastAlertedAt,
                    "a time from first_seen " + firstSeen + " to last_seen " + lastSeen);
        }
        if (alertedSeverity == null) {
            throw invalid(id, "alerted_severity", null, "one of INFO, WARNING, CRITICAL");
        }
        if (alerts == null || alerts < 1) {
            throw invalid(id, "alerts", alerts, "a count of 1 or more (an incident is alerted when it opens)");
        }
    }

    /** The deterministic id of the incident of {@code model} with {@code incidentKey} first seen at {@code firstSeen}. */
    public static String idFor(String model, Finding.Kind kind, String subKind, Instant firstSeen) {
        return model + "-" + kind.label() + "-" + subKind + "-" + ID_TIME.format(firstSeen);
    }

    /** {@link Finding#incidentKey()} of its finding. */
    public String key() {
        return finding.incidentKey();
    }

    private static IllegalArgumentException invalid(String id, String field, Object value, String expected) {
        String which = id == null || id.isBlank() ? "Incident" : "Incident " + id;
        return new IllegalArgumentException(which + " field '" + field + "' is " + value + ": expected " + expected + ".");
    }
}
