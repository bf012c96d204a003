package dev.churnops.core.features;

import dev.churnops.core.data.CsvWriter;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.events.EventTime;
import dev.churnops.core.port.OfflineFeatureStore;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds churn training sets from the offline feature store without looking into the future: for
 * each cutoff T, the features are the rows as of T, the eligible customers are those signed up and
 * not closed by T with an order or session in the activity window before it, and the label says
 * whether they churned in {@code (T, T + horizon]}: no order and no session in it, or a closure in
 * it, read from the label-support columns of the rows as of {@code T + horizon}. An eligible
 * customer without a row at {@code T + horizon} cannot be labelled and is left out (counted in
 * {@link CutoffTable#unlabeled()}). The last cutoff is the test split, the one before it the
 * validation split, the rest train: later data never trains a model judged on earlier data.
 */
public final class PointInTimeTrainingSet {

    public static final int DEFAULT_HORIZON_DAYS = 30;
    public static final int DEFAULT_ACTIVITY_DAYS = 90;
    public static final String ID_COLUMN = FeatureSchema.ENTITY;
    public static final String CUTOFF_COLUMN = "cutoff";
    public static final String LABEL_COLUMN = "churn";
    public static final String POSITIVE = "Yes";
    public static final String NEGATIVE = "No";

    private static final long SECONDS_PER_DAY = 86_400L;

    private final OfflineFeatureStore store;
    private final FeatureRegistry registry;
    private final String view;
    private final FeatureSchema schema;
    private final int signupColumn;
    private final int closedColumn;
    private final int lastOrderColumn;
    private final int lastSessionColumn;

    /** One cutoff's labelled rows: customer id, cutoff date, the model features, the label. */
    public record CutoffTable(long cutoff, List<String> header, List<List<String>> rows, int churned, int unlabeled) {
        public CutoffTable {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
        }
    }

    /** The split tables as CSV (header first) and the spec the training step reads them with. */
    public record TrainingSet(List<CutoffTable> cutoffs, byte[] train, byte[] validation, byte[] test, DatasetSpec spec) {
        /** The CSV of a {@link dev.churnops.core.pipeline.TrainingSetFiles#CHANNELS} channel. */
        public byte[] channel(String name) {
            return switch (name) {
                case "train" -> train;
                case "validation" -> validation;
                case "test" -> test;
                default -> throw new IllegalArgumentException("unknown channel '" + name + "': expected train, validation or test");
            };
        }
    }

    public PointInTimeTrainingSet(OfflineFeatureStore store, FeatureRegistry registry, String view) {
        this.store = Objects.requireNonNull(store, "store");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.view = view;
        this.schema = registry.schema(view);
        for (String needed : List.of("signup_time", "closed_time", "last_order_time", "last_session_time")) {
            if (!schema.names().contains(needed)) {
                throw new IllegalArgumentException("feature view '" + view + "' has no column '" + needed
                        + "': point-in-time labels need signup_time, closed_time, last_order_time and last_session_time");
            }
        }
        signupColumn = schema.indexOf("signup_time");
        closedColumn = schema.indexOf("closed_time");
        lastOrderColumn = schema.indexOf("last_order_time");
        lastSessionColumn = schema.indexOf("last_session_time");
    }

    /** The ends of {@code first}, {@code first + 1 month}, ... up to {@code last} inclusive. */
    public static List<Long> monthlyCutoffs(LocalDate first, LocalDate last) {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("monthly cutoffs from " + first + " to " + last + ": the last date is before the first");
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; !first.plusMonths(i).isAfter(last); i++) {
            out.add(EventTime.endOfDay(first.plusMonths(i)));
        }
        return out;
    }

    public TrainingSet build(List<Long> cutoffs) {
        return build(cutoffs, DEFAULT_HORIZON_DAYS, DEFAULT_ACTIVITY_DAYS);
    }

    /**
     * Labels every cutoff and splits them by time.
     *
     * @throws IllegalArgumentException when fewer than three cutoffs are given, a cutoff is not an
     *                                  end of day or not after the one before, or the store holds no
     *                                  rows as of a cutoff or of cutoff + horizon (the data ends before it)
     */
    public TrainingSet build(List<Long> cutoffs, int horizonDays, int activityDays) {
        if (cutoffs.size() < 3) {
            throw new IllegalArgumentException("got " + cutoffs.size() + " cutoffs: expected at least 3, one each for test and"
                    + " validation and at least one to train on");
        }
        if (horizonDays < 1 || activityDays < 1) {
            throw new IllegalArgumentException("horizon " + horizonDays + " days and activity window " + activityDays
                    + " days: expected both at least 1");
        }
        for (int i = 0; i < cutoffs.size(); i++) {
            long t = cutoffs.get(i);
            if (Math.floorMod(t, SECONDS_PER_DAY) != SECONDS_PER_DAY - 1) {
                throw new IllegalArgumentException("cutoff " + EventTime.format(t) + " is not the end of a UTC day");
            }
            if (i > 0 && t <= cutoffs.get(i - 1)) {
                throw new IllegalArgumentException("cutoff " + EventTime.format(t) + " is not after the one before it, "
                        + EventTime.format(cutoffs.get(i - 1)) + ": give cutoffs in increasing order");
            }
        }
        List<CutoffTable> tables = new ArrayList<>();
        for (long t : cutoffs) {
            tables.add(label(t, horizonDays, activityDays));
        }
        int k = tables.size();
        byte[] train = csv(tables.subList(0, k - 2));
        byte[] validation = csv(tables.subList(k - 2, k - 1));
        byte[] test = csv(tables.subList(k - 1, k));
        DatasetSpec spec = DatasetSpec.builder().name(view).idColumn(ID_COLUMN).labelColumn(LABEL_COLUMN)
                .positiveLabel(POSITIVE).ignore(CUTOFF_COLUMN).build();
        return new TrainingSet(tables, train, validation, test, spec);
    }

    private CutoffTable label(long t, int horizonDays, int activityDays) {
        long end = t + horizonDays * SECONDS_PER_DAY;
        FeatureBatch atCutoff = read(t, "cutoff " + EventTime.format(t));
        FeatureBatch atEnd = read(end, "cutoff " + EventTime.format(t) + " + " + horizonDays + " days");
        int closed = schema.indexOf("closed_time");
        int lastOrder = schema.indexOf("last_order_time");
        int lastSession = schema.indexOf("last_session_time");
        Map<String, Integer> endRows = new HashMap<>();
        for (int r = 0; r < atEnd.size(); r++) {
            endRows.put(atEnd.entityId(r), r);
        }
        List<String> model = registry.modelFeatures(view);
        int[] modelColumns = model.stream().mapToInt(schema::indexOf).toArray();
        List<String> header = new ArrayList<>();
        header.add(ID_COLUMN);
        header.add(CUTOFF_COLUMN);
        header.addAll(model);
        header.add(LABEL_COLUMN);
        String cutoffDate = LocalDate.ofEpochDay(Math.floorDiv(t, SECONDS_PER_DAY)).toString();
        List<List<String>> rows = new ArrayList<>();
        int churned = 0;
        int unlabeled = 0;
        for (int r = 0; r < atCutoff.size(); r++) {
            if (!eligible(atCutoff, r, t, activityDays)) {
                continue;
            }
            Integer later = endRows.get(atCutoff.entityId(r));
            if (later == null) {
                unlabeled++;
                continue;
            }
            boolean active = atEnd.number(later, lastOrder) > t || atEnd.number(later, lastSession) > t;
            double closedAt = atEnd.number(later, closed);
            boolean closedInHorizon = closedAt > t && closedAt <= end;
            boolean churn = !active || closedInHorizon;
            churned += churn ? 1 : 0;
            List<String> row = new ArrayList<>(header.size());
            row.add(atCutoff.entityId(r));
            row.add(cutoffDate);
            for (int c : modelColumns) {
                row.add(cell(atCutoff, r, c));
            }
            row.add(churn ? POSITIVE : NEGATIVE);
            rows.add(row);
        }
        return new CutoffTable(t, header, rows, churned, unlabeled);
    }

    /**
     * The customers a cutoff table would hold at {@code t}, before labels: the eligible rows as of
     * {@code t} and their model features, as the training rows spell them. What a model trained on
     * these sets scores as of {@code t}, so monitoring compares like with like.
     *
     * @throws IllegalArgumentException when the store holds no rows as of {@code t}
     */
    public Snapshot eligibleAsOf(long t, int activityDays) {
        if (activityDays < 1) {
            throw new IllegalArgumentException("activity window " + activityDays + " days: expected at least 1");
        }
        FeatureBatch rows = store.readAsOf(schema, t, 0, null);
        if (rows.size() == 0) {
            throw new IllegalArgumentException("the offline store has no '" + view + "' rows as of " + EventTime.format(t)
                    + ": features were not materialized for that day; choose a day the view has features for");
        }
        List<String> model = registry.modelFeatures(view);
        int[] modelColumns = model.stream().mapToInt(schema::indexOf).toArray();
        List<String> ids = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            if (!eligible(rows, r, t, activityDays)) {
                continue;
            }
            List<String> row = new ArrayList<>(modelColumns.length);
            for (int c : modelColumns) {
                row.add(cell(rows, r, c));
            }
            ids.add(rows.entityId(r));
            values.add(row);
        }
        return new Snapshot(t, model, ids, values, rows.size());
    }

    /**
     * The eligible customers of {@link #eligibleAsOf}: their ids, and per customer the values of
     * {@code features} in order (empty for missing); {@code read} counts the rows read before the rule.
     */
    public record Snapshot(long asOf, List<String> features, List<String> entityIds, List<List<String>> values, int read) {
        public Snapshot {
            features = List.copyOf(features);
            entityIds = List.copyOf(entityIds);
            values = List.copyOf(values);
        }
    }

    /**
     * The one eligibility rule of training sets and snapshots: signed up at or before {@code t}, not
     * closed by then, with an order or a session in the {@code activityDays} before it.
     */
    private boolean eligible(FeatureBatch rows, int r, long t, int activityDays) {
        double signedUp = rows.number(r, signupColumn);
        if (Double.isNaN(signedUp) || signedUp > t || !Double.isNaN(rows.number(r, closedColumn))) {
            return false;
        }
        long activeSince = t - activityDays * SECONDS_PER_DAY;
        return rows.number(r, lastOrderColumn) > activeSince || rows.number(r, lastSessionColumn) > activeSince;
    }

    /** A feature value as the training CSV writes it: whole numbers without a fraction, empty for missing. */
    private static String cell(FeatureBatch rows, int r, int c) {
        Object v = rows.value(r, c);
        return v == null ? "" : v instanceof Double d ? number(d) : v.toString();
    }

    private FeatureBatch read(long time, String what) {
        FeatureBatch rows = store.readAsOf(schema, time, 0, null);
        if (rows.size() == 0) {
            throw new IllegalArgumentException("the offline store has no '" + view + "' rows as of " + EventTime.format(time)
                    + " (" + what + "): the data ends before it; choose earlier cutoffs or a shorter horizon");
        }
        return rows;
    }

    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    private static byte[] csv(List<CutoffTable> tables) {
        StringBuilder out = new StringBuilder();
        CsvWriter.appendRow(out, tables.get(0).header());
        for (CutoffTable table : tables) {
            for (List<String> row : table.rows()) {
                CsvWriter.appendRow(out, row);
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
