package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.data.Cells;
import dev.churnops.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The captured scores of one or more JSON-lines files, as the serving capture writes them (one
 * object per line: {@code ts} ISO instant, {@code model}, {@code version} whole number,
 * {@code customerId} string or null, {@code probability} number from 0 to 1, {@code segment}
 * string or null, {@code features} object of column to number, string, boolean or null). Every
 * line ends up either as a {@link CapturedScore} or as a {@link RejectedLine} naming the field and
 * what was expected; a bad line never throws and is never dropped, so {@code lines = scores +
 * rejected} always holds. Fields the format does not name are ignored, so a newer writer that adds
 * one does not invalidate old readers. Rejection reasons never repeat feature values (customer
 * data); they may quote a malformed {@code ts} or {@code probability}.
 *
 * @param source   what was read, for messages ("capture/churn/dt=2026-03-01/part-1.jsonl"; sources
 *                 joined with ", " after {@link #combine})
 * @param lines    lines read, blank ones included
 * @param scores   the valid records, in file order
 * @param rejected the lines that are not valid records, with why (these are JSON-writable; the
 *                 scores are not, they hold instants)
 */
public record CapturedScores(String source, long lines, List<CapturedScore> scores, List<RejectedLine> rejected) {

    /** Longer lines are rejected without being held: a capture line is a few kilobytes. */
    public static final int MAX_LINE_BYTES = 1 << 20;

    public CapturedScores {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("CapturedScores.source is blank: name what was read.");
        }
        scores = List.copyOf(scores);
        rejected = List.copyOf(rejected);
        if (lines != scores.size() + rejected.size()) {
            throw new IllegalArgumentException("CapturedScores has " + lines + " lines but " + scores.size()
                    + " scores and " + rejected.size() + " rejected lines: every line must be one or the other.");
        }
    }

    /**
     * A line that is not a valid captured score.
     *
     * @param source the file it is in
     * @param line   its 1-based line number
     * @param reason one sentence naming the field and what was expected
     */
    public record RejectedLine(@JsonProperty("source") String source, @JsonProperty("line") long line,
                               @JsonProperty("reason") String reason) {
    }

    /** Parses {@code jsonl}; see {@link #parse(InputStream, String)}. */
    public static CapturedScores parse(byte[] jsonl, String source) {
        return parse(new ByteArrayInputStream(jsonl == null ? new byte[0] : jsonl), source);
    }

    /**
     * Reads every line of {@code jsonl} (UTF-8, LF or CRLF endings; a last line without an ending
     * counts); the stream is read to its end but not closed.
     *
     * @throws UncheckedIOException when the stream itself fails (a storage error, not bad content)
     */
    public static CapturedScores parse(InputStream jsonl, String source) {
        if (jsonl == null) {
            throw new IllegalArgumentException("The captured scores of " + source + " are a null stream: expected the"
                    + " bytes of a JSON-lines file.");
        }
        List<CapturedScore> scores = new ArrayList<>();
        List<RejectedLine> rejected = new ArrayList<>();
        LineReader reader = new LineReader(jsonl);
        long lines = 0;
        try {
            for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                lines++;
                try {
                    scores.add(record(line));
                } catch (Rejection r) {
                    rejected.add(new RejectedLine(source, lines, "Line " + lines + " of " + source + " " + r.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the captured scores of " + source + " failed after " + lines
                    + " lines: " + e.getMessage(), e);
        }
        return new CapturedScores(source, lines, scores, rejected);
    }

    /** All parts as one, in the given order; an empty list gives no scores from source "nothing". */
    public static CapturedScores combine(List<CapturedScores> parts) {
        if (parts.isEmpty()) {
            return new CapturedScores("nothing", 0, List.of(), List.of());
        }
        List<String> sources = new ArrayList<>();
        List<CapturedScore> scores = new ArrayList<>();
        List<RejectedLine> rejected = new ArrayList<>();
        long lines = 0;
        for (CapturedScores part : parts) {
            sources.add(part.source());
            scores.addAll(part.scores());
            rejected.addAll(part.rejected());
            lines += part.lines();
        }
        return new CapturedScores(String.join(", ", sources), lines, scores, rejected);
    }

    /** True when no line gave a valid score. */
    public boolean isEmpty() {
        return scores.isEmpty();
    }

    /** The valid scores scored in {@code [from, to)}; the list is a new one, file order kept. */
    public List<CapturedScore> between(Instant from, Instant to) {
        List<CapturedScore> kept = new ArrayList<>();
        for (CapturedScore s : scores) {
            if (!s.scoredAt().isBefore(from) && s.scoredAt().isBefore(to)) {
                kept.add(s);
            }
        }
        return kept;
    }

    /** The probabilities of the valid scores, in order: the current side of prediction drift. */
    public double[] probabilities() {
        return probabilities(scores);
    }

    /** The probabilities of {@code scores}, in order. */
    public static double[] probabilities(List<CapturedScore> scores) {
        double[] p = new double[scores.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = scores.get(i).probability();
        }
        return p;
    }

    /** The features of the valid scores typed by {@code baseline}; see {@link CapturedFeatures#of}. */
    public CapturedFeatures features(MonitoringBaseline baseline) {
        return CapturedFeatures.of(scores, baseline);
    }

    private static CapturedScore record(LineReader.Line line) throws Rejection {
        if (line.tooLong()) {
            throw new Rejection("is longer than " + MAX_LINE_BYTES + " bytes: expected one captured score per line.");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line.bytes(), 0, line.length()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Rejection("is not valid UTF-8: expected a JSON object in UTF-8.");
        }
        if (text.isBlank()) {
            throw new Rejection("is blank: expected a JSON object.");
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            throw new Rejection("is not valid JSON" + where + " (" + Cells.abbreviate(String.valueOf(e.getOriginalMessage()))
                    + "): expected one JSON object.");
        }
        if (node == null || !node.isObject()) {
            throw new Rejection("is a JSON " + kind(node) + ": expected a JSON object.");
        }
        Instant ts = instant(node.get("ts"));
        String model = text(node, "model", true);
        int version = version(node.get("version"));
        String customerId = customerId(node.get("customerId"));
        double probability = probability(node.get("probability"));
        String segment = text(node, "segment", false);
        Map<String, Object> features = features(node.get("features"));
        return new CapturedScore(customerId, ts, model, version, probability, segment, features);
    }

    private static Instant instant(JsonNode ts) throws Rejection {
        if (ts == null || ts.isNull()) {
            throw new Rejection("has no 'ts': expected the scoring time as an ISO-8601 instant such as 2026-03-01T10:15:30Z.");
        }
        if (!ts.isTextual()) {
            throw new Rejection("has 'ts' as a JSON " + kind(ts) + ": expected an ISO-8601 instant such as 2026-03-01T10:15:30Z.");
        }
        String value = ts.asText().trim();
        try {
            return Instant.parse(value);
        } catch (DateTimeException notUtc) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeException e) {
                throw new Rejection("has 'ts' '" + Cells.abbreviate(value)
                        + "', which is not an instant: expected ISO-8601 such as 2026-03-01T10:15:30Z.");
            }
        }
    }

    private static String text(JsonNode node, String field, boolean required) throws Rejection {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new Rejection("has no '" + field + "': expected the name of the model that scored.");
            }
            return null;
        }
        if (!value.isTextual() || (required && value.asText().isBlank())) {
            throw new Rejection("has '" + field + "' as " + (value.isTextual() ? "a blank string" : "a JSON " + kind(value))
                    + ": expected " + (required ? "a non-blank string." : "a string or null."));
        }
        return value.asText();
    }

    private static int version(JsonNode version) throws Rejection {
        if (version == null || version.isNull()) {
            throw new Rejection("has no 'version': expected the model version as a whole number.");
        }
        if (!version.isIntegralNumber() || !version.canConvertToInt() || version.asInt() < 0) {
            throw new Rejection("has 'version' " + (version.isNumber() ? version.asText() : "as a JSON " + kind(version))
                    + ": expected the model version as a whole number of 0 or more.");
        }
        return version.asInt();
    }

    private static String customerId(JsonNode id) throws Rejection {
        if (id == null || id.isNull()) {
            return null;
        }
        if (id.isTextual() && !id.asText().isBlank()) {
            return id.asText().trim();
        }
        if (id.isIntegralNumber()) {
            // Another writer may send numeric ids; they join labels by their decimal text.
            return id.asText();
        }
        throw new Rejection("has 'customerId' as " + (id.isTextual() ? "a blank string" : "a JSON " + kind(id))
                + ": expected a customer id string, or null for an inline request.");
    }

    private static double probability(JsonNode p) throws Rejection {
        if (p == null || p.isNull()) {
            throw new Rejection("has no 'probability': expected a churn probability, a number from 0 to 1.");
        }
        if (!p.isNumber()) {
            throw new Rejection("has 'probability' as a JSON " + kind(p) + ": expected a number from 0 to 1.");
        }
        double value = p.asDouble();
        if (!(value >= 0 && value <= 1)) {
            throw new Rejection("has 'probability' " + p.asText() + ": expected a number from 0 to 1.");
        }
        return value;
    }

    private static Map<String, Object> features(JsonNode features) throws Rejection {
        if (features == null || features.isNull()) {
            throw new Rejection("has no 'features': expected an object of column to value (empty when there were none).");
        }
        if (!features.isObject()) {
            throw new Rejection("has 'features' as a JSON " + kind(features) + ": expected an object of column to value.");
        }
        Map<String, Object> values = new LinkedHashMap<>(features.size() * 2);
        for (Iterator<Map.Entry<String, JsonNode>> it = features.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                values.put(e.getKey(), null);
            } else if (v.isNumber()) {
                values.put(e.getKey(), v.asDouble());
            } else if (v.isTextual()) {
                values.put(e.getKey(), v.asText());
            } else if (v.isBoolean()) {
                values.put(e.getKey(), v.asBoolean());
            } else {
                throw new Rejection("has feature '" + Cells.abbreviate(e.getKey()) + "' as a JSON " + kind(v)
                        + ": expected a number, a string, a boolean or null.");
            }
        }
        return values;
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isTextual()) {
            return "string";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        if (node.isNumber()) {
            return "number";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Why a line is not a captured score; carries only a message, so no stack trace is filled in. */
    private static final class Rejection extends Exception {
        Rejection(String message) {
            super(message, null, false, false);
        }
    }

    /** Splits a stream into lines of bytes without decoding, so one bad line cannot spoil the next. */
    private static final class LineReader {

        record Line(byte[] bytes, int length, boolean tooLong) {
        }

        private final InputStream in;
        private final byte[] chunk = new byte[64 * 1024];
        private int chunkLength;
        private int chunkPos;
        private boolean ended;

        LineReader(InputStream in) {
            this.in = in;
        }

        Line next() throws IOException {
            byte[] buffer = new byte[256];
            int length = 0;
            boolean tooLong = false;
            boolean any = false;
            while (true) {
                if (chunkPos == chunkLength) {
                    if (ended) {
                        break;
                    }
                    chunkLength = in.read(chunk);
                    chunkPos = 0;
                    if (chunkLength <= 0) {
                        chunkLength = 0;
                        ended = true;
                        break;
                    }
                }
                any = true;
                byte b = chunk[chunkPos++];
                if (b == '\n') {
                    if (length > 0 && buffer[length - 1] == '\r') {
                        length--;
                    }
                    return new Line(buffer, length, tooLong);
                }
                if (tooLong) {
                    continue;
                }
                if (length == MAX_LINE_BYTES) {
                    tooLong = true;
                    continue;
                }
                if (length == buffer.length) {
                    buffer = java.util.Arrays.copyOf(buffer, Math.min(MAX_LINE_BYTES, buffer.length * 2));
                }
                buffer[length++] = b;
            }
            if (!any) {
                return null;
            }
            if (length > 0 && buffer[length - 1] == '\r') {
                length--;
            }
            return new Line(buffer, length, tooLong);
        }
    }
}
