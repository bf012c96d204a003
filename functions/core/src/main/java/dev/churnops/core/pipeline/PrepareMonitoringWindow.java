package dev.churnops.core.pipeline;

import dev.churnops.core.data.Cells;
import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvRecord;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.CsvWriter;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.monitoring.CapturedScore;
import dev.churnops.core.monitoring.CapturedScores;
import dev.churnops.core.monitoring.MonitoringWindow;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.registry.ModelCard;
import dev.churnops.core.registry.ModelVersion;
import dev.churnops.core.scoring.CustomerScore;
import dev.churnops.core.scoring.FieldError;
import dev.churnops.core.scoring.ServingModel;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Gathers the customers one monitoring run looks at into {@code window.csv}, so the drift,
 * performance, business and anomaly checks that follow in parallel all read the same rows.
 *
 * <p>The current data is either a CSV file of customers (a customer table such as the one the
 * model was trained on, with or without its label column) or captured scores: the JSON lines the
 * scoring API writes under {@code capture/<model>/dt=YYYY-MM-DD/}, under a given prefix or, by
 * default, for the {@code windowDays} days up to the run's date. CSV rows are scored by the
 * monitored model version; a row it cannot score (a wrong type, an unknown category) stays in the
 * window for the drift checks with no probability, and is kept with its reasons in
 * {@code rejected.csv}. Captured lines that are not valid records are kept the same way; captured
 * scores of other model versions (a canary, the previous champion) are counted and left out, as
 * they would be compared with the wrong baseline. When the CSV holds the model's label column, its
 * labels are written as {@code labels.csv} for the performance check, so a labelled customer table
 * needs no separate label file.
 */
public final class PrepareMonitoringWindow {

    /** The columns of a labels file: the customer and whether it churned. */
    public static final List<String> LABEL_COLUMNS = List.of("customer_id", "churned");
    /** Id columns looked for, in this order, when the command names none. */
    static final List<String> ID_COLUMNS = List.of("customer_id", "customerID", "customerId", "CustomerID", "id");

    public record Command(String executionId, String modelName, String model, LocalDate date, int windowDays,
                          String currentKey, String labelsKey, String idColumn) {
        public Command {
            requireText(executionId, "executionId", "the execution's name");
            requireText(modelName, "modelName", "the registered model's name");
            requireText(model, "model", "an alias such as champion, or a version number");
            Objects.requireNonNull(date, "date");
            if (windowDays < 1 || windowDays > 366) {
                throw new IllegalArgumentException("windowDays is " + windowDays + ": expected 1 to 366 days of captured"
                        + " scores up to the run's date.");
            }
        }
    }

    /**
     * @param source        what was read: the CSV key or the capture prefixes
     * @param rows          customers in the window
     * @param scored        of them, with a probability
     * @param rejected      rows or lines kept in {@code rejectedKey} with their reasons
     * @param otherVersions captured scores of other versions of the model, left out
     * @param labelsKey     the labels the performance check reads, or null when none are known
     * @param labelsObserved whether the labels are outcomes already known for a customer table (its own label
     *                      column, or labels given with it), judged at once; captured scores wait out the
     *                      label horizon instead
     */
    public record Result(String modelName, int version, String windowKey, String source, int rows, int scored,
                         int rejected, String rejectedKey, int otherVersions, String labelsKey, int labelledRows,
                         boolean labelsObserved, boolean empty) {
    }

    private final BlobStore blobs;
    private final ModelRegistry registry;

    public PrepareMonitoringWindow(BlobStore blobs, ModelRegistry registry) {
        this.blobs = blobs;
        this.registry = registry;
    }

    public Result run(Command c) {
        ModelVersion version = resolve(registry, c.modelName(), c.model());
        String artifactKey = BlobLayout.modelArtifact(c.modelName(), version.version());
        ServingModel model = ServingModel.load(registry.artifact(c.modelName(), version.version()), artifactKey);
        List<String> rejected = new ArrayList<>();
        Gathered g;
        if (c.currentKey() != null && !c.currentKey().endsWith("/")) {
            g = fromCsv(c, model, rejected);
        } else {
            g = fromCapture(c, model, rejected);
        }
        MonitoringWindow window = g.window;
        String windowKey = BlobLayout.monitoring(c.date(), c.executionId(), "window.csv");
        blobs.put(windowKey, window.toCsv());
        String rejectedKey = null;
        if (!rejected.isEmpty()) {
            rejectedKey = BlobLayout.monitoring(c.date(), c.executionId(), "rejected.csv");
            StringBuilder out = new StringBuilder();
            CsvWriter.appendRow(out, List.of("source", "line", "reason", "raw"));
            for (String row : rejected) {
                out.append(row);
            }
            blobs.put(rejectedKey, out.toString().getBytes(StandardCharsets.UTF_8));
        }
        String labelsKey = c.labelsKey();
        int labelled = 0;
        if (labelsKey == null && g.labels != null && g.labels.length() > 0) {
            labelsKey = BlobLayout.monitoring(c.date(), c.executionId(), "labels.csv");
            labelled = g.labelledRows;
            blobs.put(labelsKey, g.labels.toString().getBytes(StandardCharsets.UTF_8));
        }
        return new Result(c.modelName(), version.version(), windowKey, g.source, window.size(), window.scores().length,
                rejected.size(), rejectedKey, g.otherVersions, labelsKey, labelled, g.table && labelsKey != null,
                window.size() == 0);
    }

    /** The version an alias or a version number names; fails naming what the registry has. */
    public static ModelVersion resolve(ModelRegistry registry, String modelName, String model) {
        if (model.chars().allMatch(Character::isDigit)) {
            int number = Integer.parseInt(model);
            return registry.version(modelName, number).orElseThrow(() -> new IllegalArgumentException("Model '"
                    + modelName + "' has no version " + number + "; its versions are " + versionNumbers(registry, modelName) + "."));
        }
        return registry.alias(modelName, model).orElseThrow(() -> new IllegalArgumentException("Model '" + modelName
                + "' has no version with the alias '" + model + "' (versions: " + versionNumbers(registry, modelName)
                + "): register and approve one, or name a version."));
    }

    private static List<Integer> versionNumbers(ModelRegistry registry, String modelName) {
        return registry.versions(modelName).stream().map(ModelVersion::version).toList();
    }

    /** {@code table}: the rows are a customer table scored by this run, not captured scores. */
    private record Gathered(MonitoringWindow window, String source, int otherVersions, StringBuilder labels,
                            int labelledRows, boolean table) {
    }

    private Gathered fromCsv(Command c, ServingModel model, List<String> rejected) {
        String key = c.currentKey();
        CsvTable table = CsvReader.read(blobs.get(key), key);
        List<String> header = table.header();
        String idColumn = c.idColumn() != null ? c.idColumn() : ID_COLUMNS.stream().filter(header::contains).findFirst()
                .orElse(null);
        if (idColumn != null && !header.contains(idColumn)) {
            throw new IllegalArgumentException("The current data '" + key + "' has no id column '" + idColumn
                    + "'; its columns are: " + String.join(", ", header) + ".");
        }
        ModelCard card = model.card();
        String labelColumn = card.label() == null ? null : card.label().column();
        String positive = card.label() == null ? null : card.label().positive();
        Set<String> inputs = new java.util.HashSet<>();
        card.inputSignature().forEach(column -> inputs.add(column.name()));
        List<String> features = new ArrayList<>();
        for (String column : header) {
            // A model trained without an id column may use it as a feature: then it stays one.
            boolean id = column.equals(idColumn) && !inputs.contains(column);
            if (!id && !column.equals(labelColumn) && !MonitoringWindow.META_COLUMNS.contains(column)) {
                features.add(column);
            }
        }
        int idIndex = idColumn == null ? -1 : header.indexOf(idColumn);
        int labelIndex = labelColumn == null ? -1 : header.indexOf(labelColumn);
        int[] featureIndex = features.stream().mapToInt(header::indexOf).toArray();
        Map<String, ModelCard.InputColumn> signature = new HashMap<>();
        for (ModelCard.InputColumn column : card.inputSignature()) {
            signature.put(column.name(), column);
        }
        MonitoringWindow.Builder window = MonitoringWindow.builder(features);
        StringBuilder labels = labelIndex < 0 ? null : new StringBuilder();
        int labelled = 0;
        if (labels != null) {
            CsvWriter.appendRow(labels, LABEL_COLUMNS);
        }
        String version = Integer.toString(model.version());
        // Scored by this run: its day's start stands for the time of scoring.
        String scoredAt = c.date().atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toString();
        for (CsvRecord record : table.records()) {
            if (!record.parsed()) {
                rejected.add(rejectedRow(key, record.lineNumber(), record.parseError(), record.raw()));
                continue;
            }
            List<String> f = record.fields();
            String id = idIndex < 0 ? "line-" + record.lineNumber() : f.get(idIndex).trim();
            String[] values = new String[features.size()];
            Map<String, Object> typed = new HashMap<>(features.size() * 2);
            for (int i = 0; i < values.length; i++) {
                String raw = f.get(featureIndex[i]);
                values[i] = isMissing(raw) ? null : raw.trim();
                typed.put(features.get(i), typedValue(signature.get(features.get(i)), values[i]));
            }
            List<FieldError> errors = model.validator().check(typed, "row");
            double probability = Double.NaN;
            String segment = null;
            if (errors.isEmpty()) {
                CustomerScore score = model.score(id, typed);
                probability = score.probability();
                segment = score.segment();
            } else {
                List<String> reasons = new ArrayList<>();
                for (FieldError e : errors) {
                    reasons.add("column '" + e.field().substring(e.field().indexOf('.') + 1) + "': " + e.message());
                }
                rejected.add(rejectedRow(key, record.lineNumber(), "not scored by " + model.modelName() + " v"
                        + model.version() + ": " + String.join("; ", reasons), record.raw()));
            }
            window.addRow(id, scoredAt, errors.isEmpty() ? version : null, probability, segment, values);
            if (labels != null && !isMissing(f.get(labelIndex))) {
                CsvWriter.appendRow(labels, List.of(id, Boolean.toString(f.get(labelIndex).trim().equals(positive))));
                labelled++;
            }
        }
        return new Gathered(window.build(), key, 0, labels, labelled, true);
    }

    /** A CSV cell as the model's validator expects it: numbers and booleans parsed where they parse. */
    private static Object typedValue(ModelCard.InputColumn column, String text) {
        if (text == null || column == null) {
            return text;
        }
        return switch (column.type()) {
            case NUMERIC -> {
                double d = Cells.parseNumber(text);
                yield Double.isNaN(d) ? text : (Object) d;
            }
            case BOOLEAN -> {
                Boolean b = Cells.parseBoolean(text);
                yield b == null ? text : b;
            }
            case CATEGORICAL -> text;
        };
    }

    private Gathered fromCapture(Command c, ServingModel model, List<String> rejected) {
        List<String> prefixes = new ArrayList<>();
        if (c.currentKey() != null) {
            prefixes.add(c.currentKey());
        } else {
            for (int d = c.windowDays() - 1; d >= 0; d--) {
                prefixes.add(BlobLayout.capture(c.modelName(), c.date().minusDays(d)));
            }
        }
        List<CapturedScore> records = new ArrayList<>();
        Set<String> featureNames = new LinkedHashSet<>();
        int other = 0;
        for (String prefix : prefixes) {
            for (String key : blobs.list(prefix)) {
                if (!key.endsWith(".jsonl")) {
                    continue;
                }
                byte[] content = blobs.get(key);
                CapturedScores parsed = CapturedScores.parse(content, key);
                if (!parsed.rejected().isEmpty()) {
                    String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
                    for (CapturedScores.RejectedLine r : parsed.rejected()) {
                        String raw = r.line() >= 1 && r.line() <= lines.length ? lines[(int) r.line() - 1] : "";
                        rejected.add(rejectedRow(key, r.line(), r.reason(), raw));
                    }
                }
                for (CapturedScore score : parsed.scores()) {
                    if (score.version() != model.version() || !score.model().equals(c.modelName())) {
                        other++;
                        continue;
                    }
                    featureNames.addAll(score.features().keySet());
                    records.add(score);
                }
            }
        }
        List<String> features = new ArrayList<>();
        for (String name : featureNames) {
            if (MonitoringWindow.META_COLUMNS.contains(name)) {
                // Cannot be a window column; kept visible rather than dropped.
                rejected.add(rejectedRow(String.join(" ", prefixes), 0, "captured feature '" + name
                        + "' has the name of a window column and is left out", ""));
            } else {
                features.add(name);
            }
        }
        MonitoringWindow.Builder window = MonitoringWindow.builder(features);
        for (CapturedScore r : records) {
            String[] values = new String[features.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = text(r.features().get(features.get(i)));
            }
            window.addRow(r.customerId(), r.scoredAt().toString(), Integer.toString(r.version()), r.probability(),
                    r.segment() != null ? r.segment() : model.segment(r.probability()), values);
        }
        return new Gathered(window.build(), String.join(" ", prefixes), other, null, 0, false);
    }

    /** A captured feature value as window text: numbers in their canonical form, null for missing. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return Cells.formatNumber(n.doubleValue());
        }
        return value.toString();
    }

    private static String rejectedRow(String source, long line, String reason, String raw) {
        StringBuilder out = new StringBuilder();
        CsvWriter.appendRow(out, List.of(source, Long.toString(line), reason, raw));
        return out.toString();
    }

    /** Missing as training reads it: the usual spellings of "no value", after trimming. */
    private static boolean isMissing(String value) {
        return value == null || DatasetSpec.DEFAULT_MISSING_TOKENS.contains(value.trim());
    }

    private static void requireText(String value, String field, String expected) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing: expected " + expected + ".");
        }
    }
}
