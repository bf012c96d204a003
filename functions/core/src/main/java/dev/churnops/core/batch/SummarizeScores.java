package dev.churnops.core.batch;

import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvRecord;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.CsvWriter;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.BlobStore;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Use case: close a batch-scoring run. Checks that the partitions tile the file's rows and that
 * rows in = scored + rejected in each and overall, re-counting the part files rather than trusting
 * the reported numbers; then writes {@code high-risk.csv} (probability descending, then customer
 * id) and {@code _SUMMARY.json} under {@code scores/<date>/<execution>/}. The result carries only
 * ids, scores and segments — what a notification may say about customers — with at most
 * {@value #TOP} of them inline.
 */
public final class SummarizeScores {

    /** High-risk customers listed inline in the result; the full list is in high-risk.csv. */
    public static final int TOP = 50;

    /** Bytes the inline ids may take, so a notification stays far below SNS's 256 KB even with absurdly long ids. */
    static final int TOP_BYTES = 64 * 1024;

    public static final List<String> SEGMENTS = List.of("high", "medium", "low");

    /** The run, the data and model it used, and the partition results the Map state collected. */
    public record Command(String executionId, LocalDate date, String modelName, int modelVersion, String validatedKey,
                          String dataFingerprint, String codeVersion, int rows, List<ScorePartition.Result> partitions) {
        public Command {
            if (executionId == null || executionId.isBlank()) {
                throw new IllegalArgumentException("executionId is required");
            }
            if (date == null) {
                throw new IllegalArgumentException("date is required");
            }
            if (modelName == null || modelName.isBlank()) {
                throw new IllegalArgumentException("modelName is required");
            }
            if (partitions == null) {
                throw new IllegalArgumentException("partitions is required (the results of every partition)");
            }
            if (rows < 0) {
                throw new IllegalArgumentException("rows is " + rows + ": expected the file's row count");
            }
            partitions = List.copyOf(partitions);
            codeVersion = codeVersion == null ? "unknown" : codeVersion;
        }
    }

    /** One high-risk customer as a notification may name it. */
    public record TopCustomer(String customerId, double probability, String segment) {
    }

    /** Totals, counts per segment, the top high-risk customers and where everything was written. */
    public record Result(String summaryKey, String highRiskKey, String scoresPrefix, int rowsIn, int scored,
                         int rejected, Map<String, Integer> segments, int highRisk, List<TopCustomer> top,
                         int partitions, String modelName, int modelVersion) {
    }

    private final BlobStore blobs;

    public SummarizeScores(BlobStore blobs) {
        this.blobs = blobs;
    }

    private record Scored(String id, double probability, String text, String segment) {
    }

    public Result run(Command c) {
        List<ScorePartition.Result> parts = new ArrayList<>(c.partitions());
        parts.sort(Comparator.comparingInt(ScorePartition.Result::index));
        checkTiling(parts, c.rows());
        Map<String, Integer> segments = new LinkedHashMap<>();
        SEGMENTS.forEach(s -> segments.put(s, 0));
        List<Scored> high = new ArrayList<>();
        int scored = 0;
        int rejected = 0;
        for (ScorePartition.Result p : parts) {
            int highInPart = readPart(p, c.modelVersion(), segments, high);
            if (highInPart != p.highRisk()) {
                throw new RowsNotConservedException(p.scoresKey() + " has " + highInPart
                        + " high-risk rows but partition " + p.index() + " reported " + p.highRisk());
            }
            if (p.rejected() > 0 && (p.rejectedKey() == null || !blobs.exists(p.rejectedKey()))) {
                throw new RowsNotConservedException("partition " + p.index() + " rejected " + p.rejected()
                        + " rows but wrote no rejected file");
            }
            scored += p.scored();
            rejected += p.rejected();
        }
        if (scored + rejected != c.rows()) {
            throw new RowsNotConservedException(c.rows() + " rows in, but " + scored + " scored + " + rejected + " rejected");
        }
        high.sort(Comparator.comparingDouble(Scored::probability).reversed().thenComparing(Scored::id));

        StringBuilder csv = new StringBuilder(high.size() * 40 + 64);
        CsvWriter.appendRow(csv, ScorePartition.COLUMNS);
        String version = Integer.toString(c.modelVersion());
        for (Scored s : high) {
            CsvWriter.appendRow(csv, List.of(s.id(), s.text(), s.segment(), version));
        }
        String highRiskKey = ScoreKeys.highRisk(c.date(), c.executionId());
        blobs.put(highRiskKey, csv.toString().getBytes(StandardCharsets.UTF_8));

        List<TopCustomer> top = new ArrayList<>();
        int bytes = 0;
        for (Scored s : high) {
            bytes += s.id().length() + 64;
            if (top.size() == TOP || bytes > TOP_BYTES) {
                break;
            }
            top.add(new TopCustomer(s.id(), s.probability(), s.segment()));
        }
        String summaryKey = ScoreKeys.summary(c.date(), c.executionId());
        blobs.put(summaryKey, Json.write(summary(c, parts, scored, rejected, segments, high.size(), highRiskKey)));
        return new Result(summaryKey, highRiskKey, ScoreKeys.prefix(c.date(), c.executionId()), c.rows(), scored,
                rejected, segments, high.size(), top, parts.size(), c.modelName(), c.modelVersion());
    }

    /** Partitions 0..n-1, each once, whose ranges follow each other from row 0 to the last row, each conserving its rows. */
    private static void checkTiling(List<ScorePartition.Result> parts, int rows) {
        int expectedStart = 0;
        for (int i = 0; i < parts.size(); i++) {
            ScorePartition.Result p = parts.get(i);
            if (p.index() != i) {
                throw new RowsNotConservedException("partition " + i + " is " + (p.index() < i ? "listed twice" : "missing")
                        + "; results came for partitions " + parts.stream().map(ScorePartition.Result::index).toList());
            }
            if (p.start() != expectedStart) {
                throw new RowsNotConservedException("partition " + i + " starts at row " + p.start() + ", expected "
                        + expectedStart + ": rows would be " + (p.start() > expectedStart ? "skipped" : "scored twice"));
            }
            if (p.rowsIn() != p.end() - p.start() || p.scored() + p.rejected() != p.rowsIn()) {
                throw new RowsNotConservedException("partition " + i + " has rows [" + p.start() + ", " + p.end() + ") but "
                        + p.rowsIn() + " in, " + p.scored() + " scored, " + p.rejected() + " rejected");
            }
            expectedStart = p.end();
        }
        if (expectedStart != rows) {
            throw new RowsNotConservedException("the partitions cover rows [0, " + expectedStart + ") of a file of "
                    + rows + " rows");
        }
    }

    /** Counts a part file's rows by segment, collects its high-risk rows, and checks its row count; returns its high-risk count. */
    private int readPart(ScorePartition.Result p, int modelVersion, Map<String, Integer> segments, List<Scored> high) {
        CsvTable table = CsvReader.read(blobs.get(p.scoresKey()), p.scoresKey());
        if (!table.header().equals(ScorePartition.COLUMNS)) {
            throw new IllegalStateException(p.scoresKey() + " has columns " + table.header() + ", expected " + ScorePartition.COLUMNS);
        }
        List<CsvRecord> records = table.records();
        if (records.size() != p.scored()) {
            throw new RowsNotConservedException(p.scoresKey() + " holds " + records.size() + " scores but partition "
                    + p.index() + " reported " + p.scored() + " scored");
        }
        String version = Integer.toString(modelVersion);
        int highInPart = 0;
        for (CsvRecord r : records) {
            List<String> f = r.fields();
            if (!r.parsed() || !SEGMENTS.contains(f.get(2)) || !f.get(3).equals(version)) {
                throw new IllegalStateException(p.scoresKey() + " line " + r.lineNumber() + " is not a score of v"
                        + modelVersion + ": " + (r.parsed() ? f : r.parseError()));
            }
            segments.merge(f.get(2), 1, Integer::sum);
            if (f.get(2).equals("high")) {
                highInPart++;
                high.add(new Scored(f.get(0), Double.parseDouble(f.get(1)), f.get(1), f.get(2)));
            }
        }
        return highInPart;
    }

    private static Map<String, Object> summary(Command c, List<ScorePartition.Result> parts, int scored, int rejected,
                                               Map<String, Integer> segments, int highRisk, String highRiskKey) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("execution", c.executionId());
        s.put("date", c.date().toString());
        s.put("model", Map.of("name", c.modelName(), "version", c.modelVersion()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("validated_key", c.validatedKey());
        data.put("fingerprint", c.dataFingerprint());
        s.put("data", data);
        s.put("code_version", c.codeVersion());
        s.put("rows", Map.of("in", c.rows(), "scored", scored, "rejected", rejected));
        s.put("segments", segments);
        s.put("high_risk", Map.of("count", highRisk, "key", highRiskKey));
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (ScorePartition.Result p : parts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", p.index());
            m.put("start", p.start());
            m.put("end", p.end());
            m.put("rows_in", p.rowsIn());
            m.put("scored", p.scored());
            m.put("rejected", p.rejected());
            m.put("high_risk", p.highRisk());
            m.put("scores_key", p.scoresKey());
            m.put("rejected_key", p.rejectedKey());
            m.put("reasons_key", p.reasonsKey());
            partitions.add(m);
        }
        s.put("partitions", partitions);
        return s;
    }
}
