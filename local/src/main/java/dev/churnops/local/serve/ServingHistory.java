package dev.churnops.local.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which version of a model served when, and why it changed: one JSON object per line at
 * {@code serving/<model>/history.jsonl} in the home's blob store, oldest first, appended to and never
 * rewritten otherwise. Each {@link Event} says when, what happened (started, canary_started, promoted,
 * rolled_back, canary_cancelled, swapped, stopped), from which version to which, why, and for a
 * canary its figures. Appends are serialized within the process; two servers appending to one home
 * at the same instant may lose one line (the store has no append), which is why each server's own
 * log says the same.
 */
public final class ServingHistory {

    /** What changed. */
    public enum Kind {
        started, canary_started, promoted, rolled_back, canary_cancelled, swapped, stopped
    }

    /**
     * One change of what serves.
     *
     * @param time    ISO-8601 instant
     * @param model   the model name
     * @param event   what happened
     * @param from    the version serving before (null when nothing was)
     * @param to      the version serving after, or the canary concerned
     * @param reason  why, in one sentence
     * @param canary  the canary's figures ({@link Canary#figures()}), null for events without one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(@JsonProperty("time") String time, @JsonProperty("model") String model,
                        @JsonProperty("event") Kind event, @JsonProperty("from") Integer from, @JsonProperty("to") int to,
                        @JsonProperty("reason") String reason, @JsonProperty("canary") Map<String, Object> canary) {

        public Event {
            Objects.requireNonNull(time, "Event.time");
            Objects.requireNonNull(model, "Event.model");
            Objects.requireNonNull(event, "Event.event");
            Objects.requireNonNull(reason, "Event.reason");
        }
    }

    private static final ObjectMapper LINE = Json.mapper().copy()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    private final BlobStore blobs;
    private final String model;
    private final Clock clock;

    public ServingHistory(BlobStore blobs, String model, Clock clock) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.model = Objects.requireNonNull(model, "model");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code serving/<model>/history.jsonl}. */
    public static String key(String model) {
        return "serving/" + model + "/history.jsonl";
    }

    /** Appends one event stamped now, and returns it. */
    public synchronized Event append(Kind kind, Integer from, int to, String reason, Map<String, Object> canary) {
        Event e = new Event(clock.instant().toString(), model, kind, from, to, reason, canary);
        byte[] line;
        try {
            line = (LINE.writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        byte[] before = blobs.find(key(model)).orElse(new byte[0]);
        byte[] after = new byte[before.length + line.length];
        System.arraycopy(before, 0, after, 0, before.length);
        System.arraycopy(line, 0, after, before.length, line.length);
        blobs.put(key(model), after);
        return e;
    }

    /** Every event of {@code model}, oldest first; empty when it never served. */
    public static List<Event> read(BlobStore blobs, String model) {
        String key = key(model);
        List<Event> events = new ArrayList<>();
        byte[] bytes = blobs.find(key).orElse(new byte[0]);
        int n = 0;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            n++;
            if (!line.isBlank()) {
                events.add(Json.read(line.getBytes(StandardCharsets.UTF_8), Event.class, key + " line " + n));
            }
        }
        return events;
    }
}
