package dev.churnops.core.pipeline;

import dev.churnops.core.data.Cells;
import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvRecord;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.CsvWriter;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.events.EventTime;
import dev.churnops.core.features.FeatureRegistry;
import dev.churnops.core.features.PointInTimeTrainingSet;
import dev.churnops.core.monitoring.CapturedScore;
import dev.churnops.core.monitoring.CapturedScores;
import dev.churnops.core.monitoring.MonitoringWindow;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.port.OfflineFeatureStore;
import dev.churnops.core.registry.ModelCard;
import dev.churnops.core.registry.ModelVersion;
import dev.churnops.core.scoring.CustomerScore;
import dev.churnops.core.scoring.FieldError;
import dev.churnops.core.scoring.ServingModel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 *
 * <p>The third source is a feature view of the feature store ({@code featureView}): the view's rows
 * as of the end of the run's day (UTC), read point in time from the offline store, restricted to
 * the customers a training set's cutoff at that moment would hold (signed up, not closed, active
 * in the last {@code activityDays}), and scored like CSV rows at the end of that day. This is what
 * a model trained on the view's point-in-time sets sees, so its drift is judged like with like. It
 * carries no labels: performance is judged only from labels given with {@code labelsKey}.
 */
public final class PrepareMonitoringWindow {

    /** The columns of a labels file: the customer and whether it churned. */
    public static final List<String> LABEL_COLUMNS = List.of("customer_id", "churned");
    /** Id columns looked for, in this order, when the command names none. */
    static final List<String> ID_COLUMNS = List.of("customer_id", "customerID", "customerId", "CustomerID", "id");

    /**
     * One run's request. {@code currentKey} names a CSV (or, ending in {@code /}, a prefix of
     * captured scores); {@code featureView} names a feature view instead, read as of the end of
     * {@code date} for the customers active in its last {@code activityDays}; with neither, the
     * captured scores of the {@code windowDays} days up to {@code date} are read.
     */
    public record Command(String executionId, String modelName, String model, LocalDate date, int windowDays,
                          String currentKey, String labelsKey, String idColumn, String featureView, int activityDays) {
        public Command {
            requireText(executionId, "executionId", "the execution's name");
            requireText(modelName, "modelName", "the registered model's name");
            requireText(model, "model", "an alias such as champion, or a version number");
            Objects.requireNonNull(date, "date");
            if (windowDays < 1 || windowDays > 366) {
                throw new IllegalArgumentException("windowDays is " + windowDays + ": expected 1 to 366 days of captured"
                        + " scores up to the run's date.");
            }
            if (featureView != null) {
                requireText(featureView, "featureView", "the name of a feature view, such as customer_behaviour");
                if (currentKey != null) {
                    throw new IllegalArgumentException("currentKey is '" + currentKey + "' and featureView is '" + featureView
                            + "': each names the current data, expected one of them.");
                }
            }
            if (activityDays < 1 || activityDays > 365) {
                throw new IllegalArgumentException("activityDays is " + activityDays + ": expected 1 to 365 days in which a"
                        + " customer of the feature view must have ordered or visited to be monitored.");
            }
        }

        /** A request for a CSV or captured scores. */
        public Command(String executionId, String modelName, String model, LocalDate date, int windowDays,
                       String currentKey, String labelsKey, String idColumn) {
            this(executionId, modelName, model, date, windowDays, currentKey, labelsKey, idColumn, null,
                    PointInTimeTrainingSet.DEFAULT_ACTIVITY_DAYS);
        }
    }

    /**
     * @param source        what was read: the CSV key, the capture prefixes, or the feature view and its time
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
    private final OfflineFeatureStore offline;
    private final FeatureRegistry features;

    /** For CSV files and captured scores only: a {@code featureView} request fails. */
    public PrepareMonitoringWindow(BlobStore blobs, ModelRegistry registry) {
        this(blobs, registry, null, null);
    }

    /**
     * @param offline  the offline feature store feature-view windows are read from; null when none is
     *                 configured (a {@code featureView} request then fails saying so)
     * @param features the feature registry describing the views; null means the built-in one
     */
    public PrepareMonitoringWindow(BlobStore blobs, ModelRegistry registry, OfflineFeatureStore offline,
                                   FeatureRegistry features) {
        this.blobs = blobs;
        this.registry = registry;
        this.offline = offline;
        this.features = features;
    }

    public Result run(Command c) {
        ModelVersion version = resolve(registry, c.modelName(), c.model());
        String artifactKey = BlobLayout.modelArtifact(c.modelName(), version.version());
        ServingModel model = ServingModel.load(registry.artifact(c.modelName(), version.version()), artifactKey);
        List<String> rejected = new ArrayList<>();
        Gathered g;
        if (c.featureView() != null) {
            g = fromFeatureView(c, model, rejected);
        } else if (c.currentKey() != null && !c.currentKey().endsWith("/")) {
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
        if (labelsKey != null) {
            labelled = labelCount(labelsKey);
        } else if (g.labels != null && g.labels.length() > 0) {
            labelsKey = BlobLayout.monitoring(c.date(), c.executionId(), "labels.csv");
            labelled = g.labelledRows;
            blobs.put(labelsKey, g.labels.toString().getBytes(StandardCharsets.UTF_8));
        }
        return new Result(c.modelName(), version.version(), windowKey, g.source, window.size(), window.scores().length,
                rejected.size(), rejectedKey, g.otherVersions, labelsKey, labelled, g.table && labelsKey != null,
                window.size() == 0);
    }

    /**
     * How many customers a given labels file labels, for the retraining policy's count of new labels;
     * 0 when the file cannot be read, which the performance check then reports with its reasons.
     */
    private int labelCount(String labelsKey) {
        try {
            return dev.churnops.core.monitoring.Labels.parse(blobs.get(labelsKey), labelsKey).size();
        } catch (dev.churnops.core.data.DataException | BlobStore.MissingBlobException e) {
            return 0;
        }
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

    /** {@code table}: the rows are a customer table or feature snapshot scored by this run, not captured scores. */
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
        StringBuilder labels = labelIndex < 0 ? null : new StringBuilder();
        int labelled = 0;
        if (labels != null) {
            CsvWriter.appendRow(labels, LABEL_COLUMNS);
        }
        // Scored by this run: its day's start stands for the time of scoring.
        Scorer scorer = new Scorer(model, features, c.date().atStartOfDay(ZoneOffset.UTC).toInstant(), key, rejected);
        for (CsvRecord record : table.records()) {
            if (!record.parsed()) {
                rejected.add(rejectedRow(key, record.lineNumber(), record.parseError(), record.raw()));
                continue;
            }
            List<String> f = record.fields();
            String id = idIndex < 0 ? "line-" + record.lineNumber() : f.get(idIndex).trim();
            String[] values = new String[features.size()];
            for (int i = 0; i < values.length; i++) {
                String raw = f.get(featureIndex[i]);
                values[i] = isMissing(raw) ? null : raw.trim();
            }
            scorer.add(id, values, record.lineNumber(), record.raw());
            if (labels != null && !isMissing(f.get(labelIndex))) {
                CsvWriter.appendRow(labels, List.of(id, Boolean.toString(f.get(labelIndex).trim().equals(positive))));
                labelled++;
            }
        }
        return new Gathered(scorer.window(), key, 0, labels, labelled, true);
    }

    /**
     * The feature view's eligible customers as of the end of the run's day, by the rule the view's
     * training sets use at a cutoff, scored at that moment. Rows are numbered in the snapshot's
     * (customer id) order for rejected.csv.
     */
    private Gathered fromFeatureView(Command c, ServingModel model, List<String> rejected) {
        String view = c.featureView();
        if (offline == null) {
            throw new IllegalStateException("featureView '" + view + "' was asked for, but no offline feature store is"
                    + " configured for monitoring: configure one (FEATURE_OFFLINE), or give currentKey or captured scores.");
        }
        FeatureRegistry registryOfFeatures = features != null ? features : FeatureRegistry.builtIn();
        List<String> viewFeatures = registryOfFeatures.modelFeatures(view);
        List<String> missing = model.card().inputSignature().stream().map(ModelCard.InputColumn::name)
                .filter(name -> !viewFeatures.contains(name)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(c.modelName() + " v" + model.version() + " takes input(s) " + missing
                    + " that feature view '" + view + "' does not have: it was not trained on this view; monitor it with"
                    + " the data it was trained on (currentKey).");
        }
        long asOf = EventTime.endOfDay(c.date());
        PointInTimeTrainingSet.Snapshot snapshot = new PointInTimeTrainingSet(offline, registryOfFeatures, view)
                .eligibleAsOf(asOf, c.activityDays());
        String source = BlobLayout.offlineFeatures(view) + " as of " + EventTime.format(asOf);
        Scorer scorer = new Scorer(model, snapshot.features(), Instant.ofEpochSecond(asOf), source, rejected);
        for (int r = 0; r < snapshot.entityIds().size(); r++) {
            List<String> row = snapshot.values().get(r);
            String[] values = new String[row.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.get(i).isEmpty() ? null : row.get(i);
            }
            List<String> raw = new ArrayList<>(row.size() + 1);
            raw.add(snapshot.entityIds().get(r));
            raw.addAll(row);
            StringBuilder line = new StringBuilder();
            CsvWriter.appendRow(line, raw);
            scorer.add(snapshot.entityIds().get(r), values, r + 1L, line.toString().stripTrailing());
        }
        return new Gathered(scorer.window(), source, 0, null, 0, true);
    }

    /**
     * Scores the rows of a customer table or feature snapshot with the monitored version into the
     * window. A row the version cannot score stays in the window for the drift checks, without a
     * probability, and goes to {@code rejected} with every reason.
     */
    private static final class Scorer {
        private final ServingModel model;
        private final List<String> features;
        private final Map<String, ModelCard.InputColumn> signature = new HashMap<>();
        private final String scoredAt;
        private final String version;
        private final String source;
        private final List<String> rejected;
        private final MonitoringWindow.Builder window;

        Scorer(ServingModel model, List<String> features, Instant scoredAt, String source, List<String> rejected) {
            this.model = model;
            this.features = features;
            for (ModelCard.InputColumn column : model.card().inputSignature()) {
                signature.put(column.name(), column);
            }
            this.scoredAt = scoredAt.toString();
            this.version = Integer.toString(model.version());
            this.source = source;
            this.rejected = rejected;
            this.window = MonitoringWindow.builder(features);
        }

        /** One row: {@code values} in the order of the features, null for missing. */
        void add(String id, String[] values, long line, String raw) {
            Map<String, Object> typed = new HashMap<>(features.size() * 2);
            for (int i = 0; i < values.length; i++) {
                typed.put(features.get(i), typedValue(signature.get(features.get(i)), values[i]));
            }
            List<FieldError> errors = model.validator().check(typed, "row");
            if (errors.isEmpty()) {
                CustomerScore score = model.score(id, typed);
                window.addRow(id, scoredAt, version, score.probability(), score.segment(), values);
                return;
            }
            List<String> reasons = new ArrayList<>();
            for (FieldError e : errors) {
                reasons.add("column '" + e.field().substring(e.field().indexOf('.') + 1) + "': " + e.message());
            }
            rejected.add(rejectedRow(source, line, "not scored by " + model.modelName() + " v" + model.version() + ": "
                    + String.join("; ", reasons), raw));
            window.addRow(id, scoredAt, null, Double.NaN, null, values);
        }

        MonitoringWindow window() {
            return window.build();
        }
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
