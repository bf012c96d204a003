package dev.churnops.core.monitoring;

import dev.churnops.core.data.Cells;
import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvRecord;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.CsvWriter;
import dev.churnops.core.data.TypeInference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The customers one monitoring run looks at: for each, its id, when and by which model version it
 * was scored, the probability and risk segment (NaN and null where the row could not be scored),
 * and its features as the current data held them. It is written once per run as
 * {@code window.csv}, so every check of the run reads the same rows.
 *
 * <p>Feature types are inferred from the window the way training infers them
 * ({@link TypeInference}): a column whose present values are all booleans is BOOLEAN ("true" /
 * "false"), one with at least {@link TypeInference#NUMERIC_SHARE} numbers is NUMERIC, anything else
 * CATEGORICAL. A value that does not fit its column's type (text in a numeric column) is read as
 * missing and counted in {@link #wrongTyped()}, so one bad value shows up as a violation instead of
 * turning the whole column into text or failing the run.
 */
public final class MonitoringWindow {

    public static final String ID = "customer_id";
    public static final String SCORED_AT = "scored_at";
    public static final String MODEL_VERSION = "model_version";
    public static final String PROBABILITY = "probability";
    public static final String SEGMENT = "segment";
    /** The columns every window starts with; the features follow. */
    public static final List<String> META_COLUMNS = List.of(ID, SCORED_AT, MODEL_VERSION, PROBABILITY, SEGMENT);

    private final String[] ids;
    private final String[] scoredAt;
    private final String[] versions;
    private final double[] probabilities;
    private final String[] segments;
    private final List<String> featureNames;
    private final Map<String, String[]> cells;
    private final Map<String, ColumnType> types = new LinkedHashMap<>();
    private final Map<String, double[]> numeric = new HashMap<>();
    private final Map<String, String[]> categorical = new HashMap<>();
    private final Map<String, Integer> wrongTyped = new LinkedHashMap<>();

    private MonitoringWindow(String[] ids, String[] scoredAt, String[] versions, double[] probabilities, String[] segments,
                             List<String> featureNames, Map<String, String[]> cells) {
        this.ids = ids;
        this.scoredAt = scoredAt;
        this.versions = versions;
        this.probabilities = probabilities;
        this.segments = segments;
        this.featureNames = List.copyOf(featureNames);
        this.cells = cells;
        for (String name : featureNames) {
            type(name, cells.get(name));
        }
    }

    private void type(String name, String[] column) {
        long present = 0;
        long numbers = 0;
        long booleans = 0;
        for (String v : column) {
            if (v == null) {
                continue;
            }
            present++;
            if (Cells.isNumber(v)) {
                numbers++;
            } else if (Cells.parseBoolean(v) != null) {
                booleans++;
            }
        }
        int wrong = 0;
        ColumnType type = TypeInference.typeOf(present, numbers, booleans);
        if (type == ColumnType.BOOLEAN) {
            String[] values = new String[column.length];
            for (int r = 0; r < column.length; r++) {
                values[r] = column[r] == null ? null : Cells.canonicalBoolean(column[r]);
            }
            types.put(name, ColumnType.BOOLEAN);
            categorical.put(name, values);
        } else if (type == ColumnType.NUMERIC) {
            double[] values = new double[column.length];
            for (int r = 0; r < column.length; r++) {
                values[r] = column[r] == null ? Double.NaN : Cells.parseNumber(column[r]);
                if (column[r] != null && Double.isNaN(values[r])) {
                    wrong++;
                }
            }
            types.put(name, ColumnType.NUMERIC);
            numeric.put(name, values);
        } else {
            types.put(name, ColumnType.CATEGORICAL);
            categorical.put(name, column);
        }
        if (wrong > 0) {
            wrongTyped.put(name, wrong);
        }
    }

    /** Reads a {@code window.csv} written by {@link #toCsv()}. */
    public static MonitoringWindow read(byte[] csv, String source) {
        CsvTable table = CsvReader.read(csv, source);
        List<String> header = table.header();
        if (header.size() < META_COLUMNS.size() || !header.subList(0, META_COLUMNS.size()).equals(META_COLUMNS)) {
            throw new IllegalArgumentException(source + " is not a monitoring window: its header must start with "
                    + String.join(",", META_COLUMNS) + " but is " + String.join(",", header));
        }
        Builder b = builder(header.subList(META_COLUMNS.size(), header.size()));
        for (CsvRecord record : table.records()) {
            if (!record.parsed()) {
                throw new IllegalArgumentException(source + " line " + record.lineNumber() + ": " + record.parseError());
            }
            List<String> f = record.fields();
            String[] features = new String[header.size() - META_COLUMNS.size()];
            for (int c = 0; c < features.length; c++) {
                features[c] = blankToNull(f.get(META_COLUMNS.size() + c));
            }
            String p = f.get(3);
            b.addRow(blankToNull(f.get(0)), blankToNull(f.get(1)), blankToNull(f.get(2)),
                    p.isEmpty() ? Double.NaN : Cells.parseNumber(p), blankToNull(f.get(4)), features);
        }
        return b.build();
    }

    private static String blankToNull(String v) {
        return v == null || v.isEmpty() ? null : v;
    }

    /** The window as CSV: {@link #META_COLUMNS}, then the features in order; missing values empty. */
    public byte[] toCsv() {
        StringBuilder out = new StringBuilder(64 + ids.length * (40 + 8 * featureNames.size()));
        List<String> header = new ArrayList<>(META_COLUMNS);
        header.addAll(featureNames);
        CsvWriter.appendRow(out, header);
        List<String> row = new ArrayList<>(header.size());
        for (int r = 0; r < ids.length; r++) {
            row.clear();
            row.add(nullToEmpty(ids[r]));
            row.add(nullToEmpty(scoredAt[r]));
            row.add(nullToEmpty(versions[r]));
            row.add(Double.isNaN(probabilities[r]) ? "" : Cells.formatNumber(probabilities[r]));
            row.add(nullToEmpty(segments[r]));
            for (String name : featureNames) {
                row.add(nullToEmpty(cells.get(name)[r]));
            }
            CsvWriter.appendRow(out, row);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String nullToEmpty(String v) {
        return v == null ? "" : v;
    }

    public int size() {
        return ids.length;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /** NUMERIC, BOOLEAN or CATEGORICAL, as inferred from the window. */
    public ColumnType featureType(String name) {
        ColumnType t = types.get(name);
        if (t == null) {
            throw new IllegalArgumentException("'" + name + "' is not a feature of this window; its features are: "
                    + String.join(", ", featureNames) + ".");
        }
        return t;
    }

    /** A NUMERIC feature's values, NaN where missing or not a number. */
    public double[] numeric(String name) {
        double[] v = numeric.get(name);
        if (v == null) {
            throw new IllegalArgumentException("Feature '" + name + "' of the window is " + featureType(name)
                    + ", not NUMERIC: read it with categorical().");
        }
        return v;
    }

    /** A BOOLEAN ("true"/"false") or CATEGORICAL feature's values, null where missing. */
    public String[] categorical(String name) {
        String[] v = categorical.get(name);
        if (v == null) {
            throw new IllegalArgumentException("Feature '" + name + "' of the window is " + featureType(name)
                    + ": read it with numeric().");
        }
        return v;
    }

    /** The raw text of a feature, null where missing, whatever its type. */
    public String[] raw(String name) {
        String[] v = cells.get(name);
        if (v == null) {
            throw new IllegalArgumentException("'" + name + "' is not a feature of this window.");
        }
        return v;
    }

    /** Per NUMERIC feature with values that are not numbers, how many; read as missing. */
    public Map<String, Integer> wrongTyped() {
        return Collections.unmodifiableMap(wrongTyped);
    }

    /** The features as the drift detector reads them; BOOLEAN columns as "true" / "false" categories. */
    public FeatureColumns features() {
        FeatureColumns.Builder b = FeatureColumns.builder(size());
        for (String name : featureNames) {
            if (types.get(name) == ColumnType.NUMERIC) {
                b.numeric(name, numeric.get(name));
            } else {
                b.categorical(name, categorical.get(name));
            }
        }
        return b.build();
    }

    /**
     * The scored rows as captured scores of {@code model}, features typed as the window reads them
     * (numbers, booleans, text); rows with no probability are left out.
     */
    public java.util.List<CapturedScore> capturedScores(String model) {
        java.util.List<CapturedScore> scores = new ArrayList<>(ids.length);
        for (int r = 0; r < ids.length; r++) {
            if (Double.isNaN(probabilities[r])) {
                continue;
            }
            Map<String, Object> features = new LinkedHashMap<>(featureNames.size() * 2);
            for (String name : featureNames) {
                Object value;
                ColumnType type = types.get(name);
                if (type == ColumnType.NUMERIC) {
                    double d = numeric.get(name)[r];
                    value = Double.isNaN(d) ? null : d;
                } else if (type == ColumnType.BOOLEAN) {
                    String b = categorical.get(name)[r];
                    value = b == null ? null : Boolean.valueOf(b);
                } else {
                    value = categorical.get(name)[r];
                }
                features.put(name, value);
            }
            scores.add(new CapturedScore(ids[r], java.time.Instant.parse(scoredAt[r]), model,
                    versions[r] == null ? 0 : Integer.parseInt(versions[r]), probabilities[r], segments[r], features));
        }
        return scores;
    }

    /** The latest scoring time of the window, or null when no row has one. */
    public java.time.Instant newestScoredAt() {
        java.time.Instant newest = null;
        for (String ts : scoredAt) {
            if (ts != null) {
                java.time.Instant t = java.time.Instant.parse(ts);
                newest = newest == null || t.isAfter(newest) ? t : newest;
            }
        }
        return newest;
    }

    public String[] ids() {
        return ids;
    }

    /** ISO-8601 instants, null where unknown. */
    public String[] scoredAt() {
        return scoredAt;
    }

    public String[] versions() {
        return versions;
    }

    /** NaN where the row was not scored. */
    public double[] probabilities() {
        return probabilities;
    }

    public String[] segments() {
        return segments;
    }

    /** The probabilities of the scored rows only, in row order. */
    public double[] scores() {
        return Arrays.stream(probabilities).filter(p -> !Double.isNaN(p)).toArray();
    }

    public static Builder builder(List<String> featureNames) {
        return new Builder(featureNames);
    }

    /** Collects rows; feature values are kept as text, null for missing. */
    public static final class Builder {
        private final List<String> featureNames;
        private final List<String> ids = new ArrayList<>();
        private final List<String> scoredAt = new ArrayList<>();
        private final List<String> versions = new ArrayList<>();
        private final List<String> segments = new ArrayList<>();
        private final List<String[]> rows = new ArrayList<>();
        private double[] probabilities = new double[64];

        private Builder(List<String> featureNames) {
            if (new java.util.HashSet<>(featureNames).size() != featureNames.size()) {
                throw new IllegalArgumentException("A monitoring window's feature names must be unique: " + featureNames);
            }
            for (String name : featureNames) {
                if (META_COLUMNS.contains(name)) {
                    throw new IllegalArgumentException("A feature may not be named '" + name + "': the window uses that"
                            + " column for itself (" + String.join(", ", META_COLUMNS) + ").");
                }
            }
            this.featureNames = List.copyOf(featureNames);
        }

        public List<String> featureNames() {
            return featureNames;
        }

        /** Adds a row; {@code features} holds one text per feature name, in order, null for missing. */
        public Builder addRow(String id, String scoredAt, String version, double probability, String segment,
                              String[] features) {
            if (features.length != featureNames.size()) {
                throw new IllegalArgumentException("A window row needs " + featureNames.size() + " feature values, got "
                        + features.length + ".");
            }
            if (ids.size() == probabilities.length) {
                probabilities = Arrays.copyOf(probabilities, probabilities.length * 2);
            }
            probabilities[ids.size()] = probability;
            ids.add(id);
            this.scoredAt.add(scoredAt);
            versions.add(version);
            segments.add(segment);
            rows.add(features);
            return this;
        }

        public int size() {
            return ids.size();
        }

        public MonitoringWindow build() {
            int n = ids.size();
            Map<String, String[]> cells = new LinkedHashMap<>();
            for (int c = 0; c < featureNames.size(); c++) {
                String[] column = new String[n];
                for (int r = 0; r < n; r++) {
                    column[r] = rows.get(r)[c];
                }
                cells.put(featureNames.get(c), column);
            }
            return new MonitoringWindow(ids.toArray(String[]::new), scoredAt.toArray(String[]::new),
                    versions.toArray(String[]::new), Arrays.copyOf(probabilities, n), segments.toArray(String[]::new),
                    featureNames, cells);
        }
    }
}
