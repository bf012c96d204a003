package dev.churnops.core.data;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a whole CSV file from bytes into a {@link CsvTable}, keeping every record, broken or
 * not, with its physical line number and original text. Rules: UTF-8 with an optional byte order
 * mark; the delimiter is detected among comma, semicolon, tab and pipe as the first (in that
 * order) giving the same field count, greater than one, on the header and the next
 * {@value #DETECTION_SAMPLE} records; RFC 4180 quoting (quoted fields may hold delimiters, doubled
 * quotes and line breaks); CRLF, LF and lone CR line endings; empty lines at the end are ignored,
 * empty lines in the middle become records with parse error "blank line", records with the wrong
 * field count or a broken quote get a parse error: nothing is dropped silently. Reading is one
 * linear pass (plus bounded look-ahead for detection); the file is held in memory.
 */
public final class CsvReader {

    /** Records after the header used to detect the delimiter. */
    static final int DETECTION_SAMPLE = 20;

    private static final char[] CANDIDATES = {',', ';', '\t', '|'};
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private CsvReader() {
    }

    /**
     * Reads {@code content} as a CSV table.
     *
     * @param sourceName names the input in messages, e.g. the object key
     * @throws DataException when the whole input is unusable: empty, binary (NUL bytes or invalid
     *                       UTF-8, with the byte offset), or a header with blank or duplicate names
     */
    public static CsvTable read(byte[] content, String sourceName) {
        boolean bom = startsWithBom(content);
        int offset = bom ? BOM.length : 0;
        String text = decode(content, offset, sourceName);
        if (text.isBlank()) {
            throw new DataException(sourceName + " is empty: expected a header row.");
        }
        char delimiter = detectDelimiter(text);
        CsvParser parser = new CsvParser(text, delimiter);
        CsvParser.Raw headerRecord = parser.next();
        if (headerRecord.blank()) {
            throw new DataException("The first line of " + sourceName + " is blank: expected a header row.");
        }
        if (headerRecord.error() != null) {
            throw new DataException("The header of " + sourceName + " cannot be read: " + headerRecord.error() + ".");
        }
        List<String> header = checkHeader(headerRecord.fields(), sourceName);

        List<CsvRecord> records = new ArrayList<>();
        int trailingBlank = 0;
        for (CsvParser.Raw r = parser.next(); r != null; r = parser.next()) {
            String error = r.error();
            if (r.blank()) {
                error = "blank line";
                trailingBlank++;
            } else {
                trailingBlank = 0;
                if (error == null && r.fields().size() != header.size()) {
                    error = "expected " + header.size() + " fields, found " + r.fields().size();
                }
            }
            records.add(new CsvRecord(r.line(), r.raw(), r.fields(), error));
        }
        // Empty lines at the very end are an editor's habit, not records.
        List<CsvRecord> kept = records.subList(0, records.size() - trailingBlank);
        return new CsvTable(sourceName, delimiter, bom, headerRecord.raw(), header, kept);
    }

    private static boolean startsWithBom(byte[] content) {
        return content.length >= BOM.length && content[0] == BOM[0] && content[1] == BOM[1] && content[2] == BOM[2];
    }

    private static String decode(byte[] content, int offset, String sourceName) {
        for (int i = offset; i < content.length; i++) {
            if (content[i] == 0) {
                throw new DataException(sourceName + " is not a text file: found a NUL byte at byte offset " + i
                        + "; expected a UTF-8 text CSV (is it compressed, a spreadsheet or UTF-16?).");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content, offset, content.length - offset);
        // UTF-8 never decodes to more chars than it has bytes.
        CharBuffer out = CharBuffer.allocate(content.length - offset);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new DataException(sourceName + " is not valid UTF-8: invalid byte sequence at byte offset "
                    + in.position() + "; expected a UTF-8 text CSV (was it saved as Latin-1 or Windows-1252?).");
        }
        out.flip();
        return out.toString();
    }

    /**
     * The first candidate whose field count is above one and the same on the header and every
     * sampled record; failing that, the one matching the header on most sampled records (a ragged
     * row near the top must not flip the delimiter); failing that, comma (a one-column file).
     */
    static char detectDelimiter(String text) {
        char best = CANDIDATES[0];
        int bestMatches = -1;
        for (char candidate : CANDIDATES) {
            CsvParser parser = new CsvParser(text, candidate);
            CsvParser.Raw header = parser.next();
            int width = header.fields().size();
            if (width < 2 || header.error() != null) {
                continue;
            }
            int sampled = 0;
            int matches = 0;
            for (CsvParser.Raw r = parser.next(); r != null && sampled < DETECTION_SAMPLE; r = parser.next()) {
                if (r.blank()) {
                    continue;
                }
                sampled++;
                if (r.error() == null && r.fields().size() == width) {
                    matches++;
                }
            }
            if (matches == sampled) {
                return candidate;
            }
            if (matches > bestMatches) {
                best = candidate;
                bestMatches = matches;
            }
        }
        return best;
    }

    private static List<String> checkHeader(List<String> fields, String sourceName) {
        List<String> names = fields.stream().map(String::trim).collect(Collectors.toList());
        List<String> blank = new ArrayList<>();
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).isEmpty()) {
                blank.add(String.valueOf(i + 1));
            } else {
                positions.computeIfAbsent(names.get(i), k -> new ArrayList<>()).add(i + 1);
            }
        }
        if (!blank.isEmpty()) {
            throw new DataException("The header of " + sourceName + " has blank column names at position"
                    + (blank.size() > 1 ? "s " : " ") + String.join(", ", blank)
                    + " (1-based): every column needs a name.");
        }
        List<String> duplicates = positions.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .map(e -> "'" + e.getKey() + "' (columns "
                        + e.getValue().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.toList());
        if (!duplicates.isEmpty()) {
            throw new DataException("The header of " + sourceName + " has duplicate column names: "
                    + String.join(", ", duplicates) + "; every column name must be unique.");
        }
        return names;
    }
}
