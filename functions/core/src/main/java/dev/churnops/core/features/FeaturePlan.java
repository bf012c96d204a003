package dev.churnops.core.features;

import dev.churnops.core.events.EventColumn;
import dev.churnops.core.events.EventSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A view's feature definitions compiled into the accumulators {@link FeatureState} keeps: per
 * source, the per-day slots (sums, or maxima for times) that every windowed feature is a function
 * of, shared between features that need the same one; the earliest-time slots; the profile
 * fields; and one evaluator per column.
 */
final class FeaturePlan {

    static final int SOURCES = EventSource.values().length;
    static final int CATEGORY_BUCKETS = EventSource.CATEGORIES.size() + 1;
    /** Days of day buckets kept beyond the longest span, so late files and asOf up to that many days back stay exact. */
    static final int GRACE_DAYS = 31;

    enum SlotKind { ONE, FIELD, NET_AMOUNT, TIME, PRESENT, CATEGORY }

    /** A row condition: column equals a value (integers compared as numbers). */
    record Condition(int column, byte[] value, boolean integer, long number) {
        boolean test(CsvRows row) {
            if (integer) {
                return !row.isEmpty(column) && row.number(column) == number;
            }
            return row.equalsBytes(column, value);
        }
    }

    record Slot(SlotKind kind, int column, Condition[] conditions, int index, boolean max) {
        boolean matches(CsvRows row) {
            for (Condition c : conditions) {
                if (!c.test(row)) {
                    return false;
                }
            }
            return true;
        }
    }

    static final class SourcePlan {
        final EventSource source;
        /** The source's header line, made once rather than per file. */
        final String header;
        final List<Slot> slotList = new ArrayList<>();
        Slot[] slots;
        int width;
        boolean[] max;
        int[] windows;
        final TreeSet<Integer> windowSet = new TreeSet<>();
        final Map<String, Slot> byKey = new LinkedHashMap<>();
        final List<Slot> firsts = new ArrayList<>();
        Slot[] firstSlots;
        /** Indexes of the slots that keep a maximum (times); the rest are sums. */
        int[] maxSlots;
        /** A bucket with nothing in it: sums 0, maxima minus infinity. */
        double[] emptyRow;
        /** Scratch space for combining maxima in asOf (one thread); folding uses its shard's own. */
        double[] scratch;
        /** Columns of an order line's net amount (-1 for other sources). */
        final int quantity;
        final int price;
        final int discount;

        SourcePlan(EventSource source) {
            this.source = source;
            this.header = source.header();
            boolean orders = source == EventSource.ORDERS;
            this.quantity = orders ? source.indexOf("quantity") : -1;
            this.price = orders ? source.indexOf("unit_price") : -1;
            this.discount = orders ? source.indexOf("discount") : -1;
        }

        int windowRow(Integer window) {
            if (window == null) {
                return windows.length;
            }
            for (int i = 0; i < windows.length; i++) {
                if (windows[i] == window) {
                    return i;
                }
            }
            throw new IllegalStateException("window " + window + " not planned");
        }
    }

    /** How one column is computed: indexes into the accumulators. */
    record Column(FeatureDefinition definition, Aggregation aggregation, int source, int row, int previousRow,
                  int a, int b, int first, int profile, int numerator, int denominator) {
    }

    final String view;
    final FeatureSchema schema;
    final SourcePlan[] sources = new SourcePlan[SOURCES];
    final List<Column> columns = new ArrayList<>();
    final List<Integer> profileColumns = new ArrayList<>();
    int firstCount;
    final int maxSpanDays;
    final int retentionDays;
    final String fingerprint;

    FeaturePlan(FeatureRegistry registry, String view) {
        this.view = view;
        this.schema = registry.schema(view);
        for (EventSource s : EventSource.values()) {
            sources[s.ordinal()] = new SourcePlan(s);
        }
        List<FeatureDefinition> defs = registry.features(view);
        int span = 1;
        for (FeatureDefinition d : defs) {
            if (!d.isDerived() && d.window() != null) {
                SourcePlan sp = sources[d.eventSource().ordinal()];
                sp.windowSet.add(d.window());
                if (d.aggregation() == Aggregation.TREND) {
                    sp.windowSet.add(2 * d.window());
                }
            }
            span = Math.max(span, d.spanDays());
        }
        maxSpanDays = span;
        retentionDays = span + GRACE_DAYS;
        for (SourcePlan sp : sources) {
            sp.windows = sp.windowSet.stream().mapToInt(Integer::intValue).toArray();
        }
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (int i = 0; i < defs.size(); i++) {
            positions.put(defs.get(i).name(), i);
        }
        for (FeatureDefinition d : defs) {
            columns.add(compile(d, positions));
        }
        for (SourcePlan sp : sources) {
            sp.slots = sp.slotList.toArray(Slot[]::new);
            sp.firstSlots = sp.firsts.toArray(Slot[]::new);
            sp.max = new boolean[sp.width];
            for (Slot s : sp.slots) {
                int w = s.kind() == SlotKind.CATEGORY ? CATEGORY_BUCKETS : 1;
                for (int i = 0; i < w; i++) {
                    sp.max[s.index() + i] = s.max();
                }
            }
            sp.maxSlots = java.util.stream.IntStream.range(0, sp.width).filter(i -> sp.max[i]).toArray();
            sp.emptyRow = new double[sp.width];
            for (int i : sp.maxSlots) {
                sp.emptyRow[i] = Double.NEGATIVE_INFINITY;
            }
            sp.scratch = new double[sp.maxSlots.length];
        }
        StringBuilder text = new StringBuilder("registry v").append(registry.version()).append(" view ").append(view)
                .append(" retention ").append(retentionDays);
        defs.forEach(d -> text.append('\n').append(d));
        fingerprint = sha256(text.toString());
    }

    private Column compile(FeatureDefinition d, Map<String, Integer> positions) {
        Aggregation agg = d.aggregation();
        if (d.isDerived()) {
            return new Column(d, agg, -1, -1, -1, -1, -1, -1, -1, positions.get(d.numerator()), positions.get(d.denominator()));
        }
        EventSource source = d.eventSource();
        SourcePlan sp = sources[source.ordinal()];
        int row = agg.windowRule() == Aggregation.WindowRule.FORBIDDEN && agg != Aggregation.LAST_TIME ? -1 : sp.windowRow(d.window());
        int prev = agg == Aggregation.TREND ? sp.windowRow(2 * d.window()) : -1;
        int a = -1;
        int b = -1;
        int first = -1;
        int profile = -1;
        switch (agg) {
            case COUNT, TREND -> a = slot(sp, SlotKind.ONE, -1, d.filter(), false).index();
            case SUM -> a = fieldSlot(sp, d).index();
            case MEAN -> {
                a = fieldSlot(sp, d).index();
                b = slot(sp, SlotKind.PRESENT, source.indexOf(d.field()), d.filter(), false).index();
            }
            case SHARE -> {
                a = slot(sp, SlotKind.ONE, -1, d.filter(), false).index();
                b = slot(sp, SlotKind.ONE, -1, d.perFilter(), false).index();
            }
            case BALANCE -> {
                a = slot(sp, SlotKind.ONE, -1, d.filter(), false).index();
                b = slot(sp, SlotKind.ONE, -1, d.minusFilter(), false).index();
            }
            case DISTINCT, ENTROPY, TOP_SHARE -> a = slot(sp, SlotKind.CATEGORY, source.indexOf(d.field()), d.filter(), false).index();
            case DAYS_SINCE_LAST, LAST_TIME -> a = slot(sp, SlotKind.TIME, -1, d.filter(), true).index();
            case FIRST_TIME, DAYS_SINCE_FIRST -> first = firstSlot(sp, d.filter());
            case VALUE -> {
                profile = profileColumns.indexOf(source.indexOf(d.field()));
                if (profile < 0) {
                    profileColumns.add(source.indexOf(d.field()));
                    profile = profileColumns.size() - 1;
                }
            }
            default -> throw new IllegalStateException("aggregation " + agg + " on a source");
        }
        return new Column(d, agg, source.ordinal(), row, prev, a, b, first, profile, -1, -1);
    }

    private Slot fieldSlot(SourcePlan sp, FeatureDefinition d) {
        if (FeatureDefinition.NET_AMOUNT.equals(d.field())) {
            return slot(sp, SlotKind.NET_AMOUNT, -1, d.filter(), false);
        }
        return slot(sp, SlotKind.FIELD, sp.source.indexOf(d.field()), d.filter(), false);
    }

    private Slot slot(SourcePlan sp, SlotKind kind, int column, Map<String, String> filter, boolean max) {
        String key = kind + "|" + column + "|" + filter;
        Slot existing = sp.byKey.get(key);
        if (existing != null) {
            return existing;
        }
        Slot s = new Slot(kind, column, conditions(sp.source, filter), sp.width, max);
        sp.width += kind == SlotKind.CATEGORY ? CATEGORY_BUCKETS : 1;
        sp.byKey.put(key, s);
        sp.slotList.add(s);
        return s;
    }

    private int firstSlot(SourcePlan sp, Map<String, String> filter) {
        String key = "FIRST|" + filter;
        Slot existing = sp.byKey.get(key);
        if (existing != null) {
            return existing.index();
        }
        Slot s = new Slot(SlotKind.TIME, -1, conditions(sp.source, filter), firstCount++, false);
        sp.byKey.put(key, s);
        sp.firsts.add(s);
        return s.index();
    }

    private static Condition[] conditions(EventSource source, Map<String, String> filter) {
        List<Condition> list = new ArrayList<>();
        filter.forEach((column, value) -> {
            int index = source.indexOf(column);
            boolean integer = source.columns().get(index).kind() == EventColumn.Kind.INTEGER;
            list.add(new Condition(index, value.getBytes(StandardCharsets.UTF_8), integer, integer ? Long.parseLong(value) : 0));
        });
        return list.toArray(Condition[]::new);
    }

    private static final byte[][] CATEGORY_BYTES = EventSource.CATEGORIES.stream()
            .map(c -> c.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);

    /** The bucket of a product category: its place in {@link EventSource#CATEGORIES}, or the last for any other. */
    static int category(CsvRows row, int column) {
        for (int i = 0; i < CATEGORY_BYTES.length; i++) {
            if (row.equalsBytes(column, CATEGORY_BYTES[i])) {
                return i;
            }
        }
        return CATEGORY_BYTES.length;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
