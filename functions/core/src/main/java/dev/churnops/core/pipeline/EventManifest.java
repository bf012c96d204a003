package dev.churnops.core.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.churnops.core.json.Json;

/**
 * Written beside every validated event file: the source and partition it was checked as, its
 * header, the SHA-256 of the raw input it came from, and row counts.
 */
@JsonPropertyOrder({"event_source", "partition", "header", "raw_key", "raw_sha256", "rows_in", "rows_valid",
        "rows_quarantined"})
public record EventManifest(@JsonProperty("event_source") String eventSource,
                            @JsonProperty("partition") String partition,
                            @JsonProperty("header") String header,
                            @JsonProperty("raw_key") String rawKey,
                            @JsonProperty("raw_sha256") String rawSha256,
                            @JsonProperty("rows_in") int rowsIn,
                            @JsonProperty("rows_valid") int rowsValid,
                            @JsonProperty("rows_quarantined") int rowsQuarantined) {

    public static EventManifest fromJson(byte[] json) {
        return Json.read(json, EventManifest.class, "event manifest");
    }
}
