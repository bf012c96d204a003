package dev.churnops.core.quality;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.churnops.core.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What data quality found in one raw event file, for people and for metrics: counts (every row in
 * is valid or quarantined, checked here), quarantined rows per reason kind, the file-level problems
 * that made it unusable, and its day's volume against the days before.
 *
 * @param source             the raw key checked
 * @param eventSource        the event source it was checked as, or null when the source is unknown
 * @param partition          the key's {@code dt=} partition as written
 * @param rowsIn             records after the header
 * @param rowsValid          records kept in the validated file
 * @param rowsQuarantined    records quarantined with reasons
 * @param rejectionsByReason quarantined rows per {@link EventRule#key()}, every kind listed
 * @param usable             false when the whole file was quarantined; then {@code problems} says why
 * @param problems           one sentence per reason the file is unusable
 * @param volume             the day's volume check, or null when the file was unusable (its rows are not counted)
 */
@JsonPropertyOrder({"source", "event_source", "partition", "rows_in", "rows_valid", "rows_quarantined",
        "rejections_by_reason", "usable", "problems", "volume"})
public record EventQualityReport(@JsonProperty("source") String source,
                                 @JsonProperty("event_source") String eventSource,
                                 @JsonProperty("partition") String partition,
                                 @JsonProperty("rows_in") int rowsIn,
                                 @JsonProperty("rows_valid") int rowsValid,
                                 @JsonProperty("rows_quarantined") int rowsQuarantined,
                                 @JsonProperty("rejections_by_reason") Map<String, Integer> rejectionsByReason,
                                 @JsonProperty("usable") boolean usable,
                                 @JsonProperty("problems") List<String> problems,
                                 @JsonProperty("volume") VolumeCheck volume) {

    public EventQualityReport {
        if (rowsIn != rowsValid + rowsQuarantined) {
            throw new IllegalArgumentException("EventQualityReport of " + source + " has rows_in " + rowsIn
                    + " but rows_valid " + rowsValid + " + rows_quarantined " + rowsQuarantined
                    + ": every row must be valid or quarantined.");
        }
        problems = List.copyOf(problems);
        if (usable != problems.isEmpty()) {
            throw new IllegalArgumentException("EventQualityReport of " + source + " says usable=" + usable + " with "
                    + problems.size() + " problem(s): a file is unusable exactly when it has problems.");
        }
        rejectionsByReason = Collections.unmodifiableMap(new LinkedHashMap<>(rejectionsByReason));
    }

    /** The report of {@code validation} of the file at {@code rawKey}. */
    public static EventQualityReport of(String rawKey, String eventSource, String partition, EventValidation validation,
                                        VolumeCheck volume) {
        return new EventQualityReport(rawKey, eventSource, partition, validation.rowsIn(), validation.rowsValid(),
                validation.rowsQuarantined(), validation.rejectionsByReason(), validation.usable(), validation.problems(),
                volume);
    }

    public static EventQualityReport fromJson(byte[] json) {
        return Json.read(json, EventQualityReport.class, "event quality report");
    }

    public byte[] toJson() {
        return Json.write(this);
    }
}
