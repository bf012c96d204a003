package dev.churnops.core.quality;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.churnops.core.json.Json;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rows that arrived per day for one source, kept in a blob so that each day's volume can be
 * compared with the days before it. A day holds a count per raw file, so a day of several files
 * adds them up while validating the same file again replaces its count instead of adding it twice.
 * Only the last {@value #KEPT_DAYS} days are kept.
 *
 * @param source the source name, such as {@code orders}
 * @param days   per UTC date ({@code YYYY-MM-DD}), rows per raw file name
 */
@JsonPropertyOrder({"source", "days"})
public record VolumeHistory(@JsonProperty("source") String source,
                            @JsonProperty("days") Map<String, Map<String, Long>> days) {

    /** Days kept: enough for the comparison window several times over, small enough to rewrite daily. */
    public static final int KEPT_DAYS = 35;

    public VolumeHistory {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("VolumeHistory source is '" + source + "': expected a source name");
        }
        TreeMap<String, Map<String, Long>> copy = new TreeMap<>();
        if (days != null) {
            days.forEach((day, files) -> {
                try {
                    LocalDate.parse(day);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("VolumeHistory of " + source + " has day '" + day
                            + "': expected a date YYYY-MM-DD");
                }
                TreeMap<String, Long> counts = new TreeMap<>();
                if (files != null) {
                    files.forEach((file, rows) -> {
                        if (rows == null || rows < 0) {
                            throw new IllegalArgumentException("VolumeHistory of " + source + " has " + rows + " rows for "
                                    + file + " on " + day + ": expected a count of zero or more");
                        }
                        counts.put(file, rows);
                    });
                }
                copy.put(day, Collections.unmodifiableMap(counts));
            });
        }
        days = Collections.unmodifiableMap(copy);
    }

    public static VolumeHistory empty(String source) {
        return new VolumeHistory(source, Map.of());
    }

    /** Reads a history written by {@link #toJson()}. */
    public static VolumeHistory fromJson(byte[] json) {
        return Json.read(json, VolumeHistory.class, "volume history");
    }

    public byte[] toJson() {
        return Json.write(this);
    }

    /** This history with {@code file}'s rows on {@code day} set to {@code rows} (replacing an earlier count). */
    public VolumeHistory withCount(LocalDate day, String file, long rows) {
        TreeMap<String, Map<String, Long>> next = new TreeMap<>(days);
        TreeMap<String, Long> files = new TreeMap<>(next.getOrDefault(day.toString(), Map.of()));
        files.put(file, rows);
        next.put(day.toString(), files);
        while (next.size() > KEPT_DAYS) {
            next.pollFirstEntry();
        }
        return new VolumeHistory(source, next);
    }

    /** Whether any file was counted on {@code day}. */
    public boolean has(LocalDate day) {
        return days.containsKey(day.toString());
    }

    /** Rows of every file counted on {@code day}; 0 when none was. */
    public long rows(LocalDate day) {
        return days.getOrDefault(day.toString(), Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }
}
