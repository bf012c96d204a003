package dev.churnops.core.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.churnops.core.json.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The format of captured scores, shared by every writer of them (the local server's files and the
 * scoring function's S3 objects) so that monitoring reads one format: one JSON object per line,
 * {@code {"ts", "model", "version", "customerId", "probability", "segment", "features"}} in that
 * order, features in the order they were scored with; files under
 * {@code capture/<model>/dt=YYYY-MM-DD/part-<start>[-<suffix>].jsonl}, dated by each line's UTC
 * timestamp; and the deterministic sampling that decides which scores are kept.
 */
public final class CaptureLine {

    /** The key prefix of every capture file. */
    public static final String ROOT = "capture/";

    /** The start in part names: UTC, to the millisecond. */
    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** SplittableRandom's golden gamma: consecutive calls draw consecutive values of one stream. */
    private static final long GAMMA = 0x9e3779b97f4a7c15L;
    /** One line per object: no indentation, and features in their given order rather than sorted. */
    private static final ObjectMapper LINES = Json.mapper().copy()
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private CaptureLine() {
    }

    /**
     * One captured score as UTF-8 JSON followed by {@code '\n'}.
     *
     * @param ts when the customer was scored
     * @param model the model name written when the score carries none
     * @param features the features the customer was scored on; null is written as {@code {}}
     */
    public static byte[] encode(Instant ts, String model, Map<String, ?> features, CustomerScore score) {
        Map<String, Object> line = new LinkedHashMap<>(8);
        line.put("ts", ts.toString());
        line.put("model", score.modelName() == null ? model : score.modelName());
        line.put("version", score.modelVersion());
        line.put("customerId", score.customerId());
        line.put("probability", score.probability());
        line.put("segment", score.segment());
        line.put("features", features == null ? Map.of() : features);
        byte[] json;
        try {
            json = LINES.writeValueAsBytes(line);
        } catch (JsonProcessingException e) {
            // Feature values are numbers, strings, booleans or null; anything else is a programming error.
            throw new IllegalArgumentException("captured features of a score cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
        byte[] withNewline = new byte[json.length + 1];
        System.arraycopy(json, 0, withNewline, 0, json.length);
        withNewline[json.length] = '\n';
        return withNewline;
    }

    /**
     * The directory (key prefix) of a model's captures of one UTC day:
     * {@code capture/<model>/dt=YYYY-MM-DD/}.
     */
    public static String partition(String model, LocalDate date) {
        Objects.requireNonNull(model, "model");
        return ROOT + model + "/dt=" + date + "/";
    }

    /** The partition of the UTC day of {@code ts}. */
    public static String partition(String model, Instant ts) {
        return partition(model, LocalDate.ofInstant(ts, ZoneOffset.UTC));
    }

    /**
     * A file name within a partition: {@code part-<start>.jsonl}, or {@code part-<start>-<suffix>.jsonl}
     * when {@code suffix} is not null, with {@code start} as {@code yyyyMMdd'T'HHmmssSSS'Z'} (UTC).
     */
    public static String partName(Instant start, String suffix) {
        return "part-" + START.format(start) + (suffix == null ? "" : "-" + suffix) + ".jsonl";
    }

    /**
     * Whether the {@code call}-th capture call (from 0) is kept at {@code rate}: whether the
     * {@code call}-th {@code nextDouble()} of {@code new SplittableRandom(seed)} is below it. Computed
     * directly from {@code call} (the generator's seed step and mix function), so callers share no
     * generator and take no lock.
     */
    public static boolean sampled(long seed, long call, double rate) {
        if (rate >= 1) {
            return true;
        }
        long z = seed + (call + 1) * GAMMA;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53 < rate;
    }
}
