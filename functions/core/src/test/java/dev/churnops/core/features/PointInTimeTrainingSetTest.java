package dev.churnops.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.events.EventTime;
import dev.churnops.core.pipeline.TrainingSetFiles;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointInTimeTrainingSetTest {

    private static final FeatureRegistry REGISTRY = FeatureStateTest.REGISTRY;
    private static final FeatureSchema SCHEMA = REGISTRY.schema(FeatureStateTest.VIEW);
    private static final double NONE = Double.NaN;

    private static long day(String date) {
        return EventTime.endOfDay(LocalDate.parse(date));
    }

    private static long at(String instant) {
        return EventTime.parse(instant);
    }

    /** A day's row with the label-support columns and orders_30d set (the rest missing). */
    private static void row(FeatureBatch.Builder b, String id, long asOf, double signup, double closed, double lastOrder,
                            double lastSession, double orders30d) {
        b.row(id, asOf, asOf + 60);
        b.number(SCHEMA.indexOf("signup_time"), signup);
        b.number(SCHEMA.indexOf("closed_time"), closed);
        b.number(SCHEMA.indexOf("last_order_time"), lastOrder);
        b.number(SCHEMA.indexOf("last_session_time"), lastSession);
        b.number(SCHEMA.indexOf("orders_30d"), orders30d);
        b.text(SCHEMA.indexOf("country"), "DE");
    }

    /**
     * Cutoffs 2026-01-31, 2026-02-28, 2026-03-31, horizon 30 days. At 2026-01-31: a ordered on
     * 01-20 and again 02-10 (No); b's last session 01-25, nothing after (Yes); c ordered 01-30
     * then closed 02-05 (Yes, closed); d's last order is 2025-10-01, too old (not eligible); e
     * closed 01-10 (not eligible); f is eligible but has no row at 03-02 (unlabeled); g signs up
     * on 02-01 (not there yet).
     */
    private static InMemoryOfflineFeatureStore store() {
        InMemoryOfflineFeatureStore store = new InMemoryOfflineFeatureStore();
        double jan1 = at("2026-01-01T00:00:00Z");
        long t1 = day("2026-01-31");
        FeatureBatch.Builder b1 = FeatureBatch.builder(SCHEMA);
        row(b1, "a", t1, jan1, NONE, at("2026-01-20T10:00:00Z"), NONE, 1);
        row(b1, "b", t1, jan1, NONE, NONE, at("2026-01-25T10:00:00Z"), 0);
        row(b1, "c", t1, jan1, NONE, at("2026-01-30T10:00:00Z"), NONE, 2);
        row(b1, "d", t1, at("2025-06-01T00:00:00Z"), NONE, at("2025-10-01T00:00:00Z"), NONE, 0);
        row(b1, "e", t1, jan1, at("2026-01-10T00:00:00Z"), at("2026-01-09T00:00:00Z"), NONE, 1);
        row(b1, "f", t1, jan1, NONE, at("2026-01-29T00:00:00Z"), NONE, 1);
        store.append(b1.build(), LocalDate.parse("2026-01-31"));
        long h1 = day("2026-03-02");
        FeatureBatch.Builder b2 = FeatureBatch.builder(SCHEMA);
        row(b2, "a", h1, jan1, NONE, at("2026-02-10T10:00:00Z"), NONE, 1);
        row(b2, "b", h1, jan1, NONE, NONE, at("2026-01-25T10:00:00Z"), 0);
        row(b2, "c", h1, jan1, at("2026-02-05T00:00:00Z"), at("2026-02-03T10:00:00Z"), NONE, 1);
        row(b2, "g", h1, at("2026-02-01T00:00:00Z"), NONE, at("2026-02-20T00:00:00Z"), NONE, 1);
        store.append(b2.build(), LocalDate.parse("2026-03-02"));
        // Second cutoff: only a and g eligible; a churns, g stays (its horizon row is written twice: the later write wins).
        long t2 = day("2026-02-28");
        FeatureBatch.Builder b3 = FeatureBatch.builder(SCHEMA);
        row(b3, "a", t2, jan1, NONE, at("2026-02-10T10:00:00Z"), NONE, 1);
        row(b3, "g", t2, at("2026-02-01T00:00:00Z"), NONE, at("2026-02-20T00:00:00Z"), NONE, 1);
        store.append(b3.build(), LocalDate.parse("2026-02-28"));
        long h2 = day("2026-03-30");
        FeatureBatch.Builder b4 = FeatureBatch.builder(SCHEMA);
        row(b4, "a", h2, jan1, NONE, at("2026-02-10T10:00:00Z"), NONE, 0);
        row(b4, "g", h2, at("2026-02-01T00:00:00Z"), NONE, at("2026-02-20T00:00:00Z"), NONE, 0);
        store.append(b4.build(), LocalDate.parse("2026-03-30"));
        FeatureBatch.Builder b4late = FeatureBatch.builder(SCHEMA);
        b4late.row("g", h2, h2 + 3600);
        b4late.number(SCHEMA.indexOf("signup_time"), at("2026-02-01T00:00:00Z"));
        b4late.number(SCHEMA.indexOf("last_session_time"), at("2026-03-15T00:00:00Z"));
        b4late.number(SCHEMA.indexOf("closed_time"), NONE);
        b4late.number(SCHEMA.indexOf("last_order_time"), at("2026-02-20T00:00:00Z"));
        store.append(b4late.build(), LocalDate.parse("2026-03-30"));
        // Third cutoff: g active, labelled by a row at 04-30.
        long t3 = day("2026-03-31");
        FeatureBatch.Builder b5 = FeatureBatch.builder(SCHEMA);
        row(b5, "g", t3, at("2026-02-01T00:00:00Z"), NONE, NONE, at("2026-03-15T00:00:00Z"), 0);
        store.append(b5.build(), LocalDate.parse("2026-03-31"));
        FeatureBatch.Builder b6 = FeatureBatch.builder(SCHEMA);
        row(b6, "g", day("2026-04-30"), at("2026-02-01T00:00:00Z"), NONE, at("2026-04-02T00:00:00Z"), NONE, 1);
        store.append(b6.build(), LocalDate.parse("2026-04-30"));
        return store;
    }

    @Test
    void labelsEligibleCustomersFromRowsAtTheHorizonAndSplitsByTime() {
        PointInTimeTrainingSet builder = new PointInTimeTrainingSet(store(), REGISTRY, FeatureStateTest.VIEW);
        List<Long> cutoffs = PointInTimeTrainingSet.monthlyCutoffs(LocalDate.parse("2026-01-31"), LocalDate.parse("2026-03-31"));
        assertEquals(List.of(day("2026-01-31"), day("2026-02-28"), day("2026-03-31")), cutoffs);
        PointInTimeTrainingSet.TrainingSet set = builder.build(cutoffs);

        PointInTimeTrainingSet.CutoffTable first = set.cutoffs().get(0);
        assertEquals(List.of("a", "b", "c"), first.rows().stream().map(r -> r.get(0)).toList());
        assertEquals(List.of("No", "Yes", "Yes"), first.rows().stream().map(r -> r.get(r.size() - 1)).toList());
        assertEquals(1, first.unlabeled(), "f has no row at the horizon");
        assertEquals(2, first.churned());
        assertEquals(List.of("a:Yes", "g:No"), set.cutoffs().get(1).rows().stream().map(r -> r.get(0) + ":" + r.get(r.size() - 1)).toList());
        assertEquals(List.of("g:No"), set.cutoffs().get(2).rows().stream().map(r -> r.get(0) + ":" + r.get(r.size() - 1)).toList());

        List<String> header = first.header();
        assertEquals(List.of("customer_id", "cutoff"), header.subList(0, 2));
        assertEquals("churn", header.get(header.size() - 1));
        assertEquals(REGISTRY.modelFeatures(FeatureStateTest.VIEW), header.subList(2, header.size() - 1));
        String train = new String(set.train(), StandardCharsets.UTF_8);
        assertTrue(train.startsWith(String.join(",", header) + "\n"));
        assertTrue(train.contains("\na,2026-01-31,"), train);
        assertEquals(4, train.split("\n").length, "header and the three rows of the first cutoff");
        assertTrue(new String(set.test(), StandardCharsets.UTF_8).contains("\ng,2026-03-31,"));

        assertEquals("customer_id", set.spec().idColumn());
        assertEquals("churn", set.spec().labelColumn());
        assertEquals("Yes", set.spec().positiveLabel());
        LabeledTable read = TrainingSetFiles.read(set.train(), set.spec(), "train/data.csv");
        assertEquals(3, read.size());
    }

    @Test
    void aSnapshotHoldsTheCustomersACutoffTableWouldWithTheSameFeatureCells() {
        PointInTimeTrainingSet builder = new PointInTimeTrainingSet(store(), REGISTRY, FeatureStateTest.VIEW);
        PointInTimeTrainingSet.CutoffTable table = builder.build(PointInTimeTrainingSet.monthlyCutoffs(
                LocalDate.parse("2026-01-31"), LocalDate.parse("2026-03-31"))).cutoffs().get(0);

        PointInTimeTrainingSet.Snapshot snapshot = builder.eligibleAsOf(day("2026-01-31"), PointInTimeTrainingSet.DEFAULT_ACTIVITY_DAYS);

        // d is inactive for 90 days and e closed; f is eligible though it cannot be labelled yet.
        assertEquals(List.of("a", "b", "c", "f"), snapshot.entityIds());
        assertEquals(6, snapshot.read());
        assertEquals(REGISTRY.modelFeatures(FeatureStateTest.VIEW), snapshot.features());
        for (int i = 0; i < table.rows().size(); i++) {
            List<String> row = table.rows().get(i);
            assertEquals(row.subList(2, row.size() - 1), snapshot.values().get(i), "features of " + row.get(0));
        }
        assertEquals(List.of("b", "c", "f"), builder.eligibleAsOf(day("2026-01-31"), 7).entityIds(),
                "a's last order, 11 days before, is outside a 7-day activity window");
    }

    @Test
    void aSnapshotOfADayWithoutRowsSaysTheDataDoesNotReachIt() {
        PointInTimeTrainingSet builder = new PointInTimeTrainingSet(store(), REGISTRY, FeatureStateTest.VIEW);
        String m = assertThrows(IllegalArgumentException.class, () -> builder.eligibleAsOf(day("2026-05-10"), 90)).getMessage();
        assertTrue(m.contains("2026-05-10T23:59:59Z") && m.contains("no 'customer_behaviour' rows")
                && m.contains("not materialized for that day"), m);
    }

    @Test
    void refusesCutoffsWhoseHorizonIsBeyondTheData() {
        PointInTimeTrainingSet builder = new PointInTimeTrainingSet(store(), REGISTRY, FeatureStateTest.VIEW);
        List<Long> cutoffs = List.of(day("2026-01-31"), day("2026-02-28"), day("2026-04-15"));
        String m = assertThrows(IllegalArgumentException.class, () -> builder.build(cutoffs)).getMessage();
        assertTrue(m.contains("2026-04-15T23:59:59Z") && m.contains("data ends before it"), m);
    }

    @Test
    void refusesTooFewOrUnorderedCutoffs() {
        PointInTimeTrainingSet builder = new PointInTimeTrainingSet(store(), REGISTRY, FeatureStateTest.VIEW);
        assertThrows(IllegalArgumentException.class, () -> builder.build(List.of(day("2026-01-31"), day("2026-02-28"))));
        String m = assertThrows(IllegalArgumentException.class,
                () -> builder.build(List.of(day("2026-02-28"), day("2026-01-31"), day("2026-03-31")))).getMessage();
        assertTrue(m.contains("increasing order"), m);
    }
}
