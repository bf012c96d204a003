package dev.churnops.core.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.events.EventSource;
import dev.churnops.core.events.EventTime;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureStateTest {

    static final FeatureRegistry REGISTRY = FeatureRegistry.builtIn();
    static final String VIEW = "customer_behaviour";
    static final long T = EventTime.endOfDay(LocalDate.parse("2026-03-31"));

    static FeatureState fresh() {
        return FeatureState.empty(REGISTRY, VIEW);
    }

    /** Customer c1's history up to 2026-03-31 (answers worked by hand below), and c2 signing up later. */
    static Events past() {
        return new Events()
                .add(EventSource.CUSTOMERS, "c1,2026-01-01T00:00:00Z,DE,ads,plus")
                .add(EventSource.CUSTOMERS, "c2,2026-04-01T00:00:00Z,FR,seo,none")
                .add(EventSource.ORDERS, "o1,c1,2026-03-30T12:00:00Z,1,electronics,2,10,0.5,false")
                .add(EventSource.ORDERS, "o1,c1,2026-03-30T12:00:00Z,2,fashion,1,20,0,true")
                .add(EventSource.ORDERS, "o2,c1,2026-03-10T00:00:00Z,1,books,1,30,0,false")
                .add(EventSource.ORDERS, "o3,c1,2026-02-15T00:00:00Z,1,electronics,1,40,0.25,false")
                .add(EventSource.ORDERS, "o4,c1,2025-12-20T00:00:00Z,1,electronics,1,100,0,false")
                .add(EventSource.SESSIONS, "s1,c1,2026-03-31T08:00:00Z,app,5,2,fashion")
                .add(EventSource.SESSIONS, "s2,c1,2026-03-20T10:00:00Z,web,3,1,")
                .add(EventSource.SESSIONS, "s3,c1,2026-01-15T10:00:00Z,web,3,1,")
                .add(EventSource.EMAILS, "e1,c1,2026-03-05T09:00:00Z,spring,sent")
                .add(EventSource.EMAILS, "e1,c1,2026-03-06T09:00:00Z,spring,opened")
                .add(EventSource.EMAILS, "e2,c1,2026-03-25T09:00:00Z,easter,sent")
                .add(EventSource.EMAILS, "e3,c1,2026-01-10T09:00:00Z,sale,sent")
                .add(EventSource.EMAILS, "e3,c1,2026-01-11T09:00:00Z,sale,opened")
                .add(EventSource.EMAILS, "e3,c1,2026-01-11T09:05:00Z,sale,clicked")
                .add(EventSource.TICKETS, "t1,c1,2026-03-01T10:00:00Z,opened,delivery,")
                .add(EventSource.TICKETS, "t1,c1,2026-03-03T10:00:00Z,resolved,delivery,4")
                .add(EventSource.TICKETS, "t2,c1,2026-03-28T10:00:00Z,opened,refund,")
                .add(EventSource.TICKETS, "t3,c1,2025-11-01T10:00:00Z,opened,delivery,")
                .add(EventSource.TICKETS, "t3,c1,2025-11-02T10:00:00Z,resolved,delivery,2")
                .add(EventSource.ORDERS, "o9,c3,2026-03-01T00:00:00Z,1,toys,1,5,0,false");
    }

    /** Events after 2026-03-31 of every source: asOf(2026-03-31) must not see any of them. */
    static Events future() {
        return new Events()
                .add(EventSource.CUSTOMERS, "c1,2026-04-03T00:00:00Z,US,tv,none")
                .add(EventSource.ORDERS, "o5,c1,2026-04-01T00:00:00Z,1,grocery,9,99,0.9,true")
                .add(EventSource.ORDERS, "o5,c1,2026-04-01T00:00:00Z,2,toys,9,99,0.9,true")
                .add(EventSource.SESSIONS, "s4,c1,2026-04-01T00:00:00Z,app,5,2,toys")
                .add(EventSource.EMAILS, "e4,c1,2026-04-01T00:00:00Z,x,clicked")
                .add(EventSource.TICKETS, "t2,c1,2026-04-01T00:00:00Z,resolved,refund,1")
                .add(EventSource.TICKETS, "t5,c1,2026-04-01T00:00:00Z,opened,refund,")
                .add(EventSource.CLOSURES, "c1,2026-04-02T00:00:00Z,moved");
    }

    static double value(FeatureBatch batch, String customer, String feature) {
        int row = row(batch, customer);
        return batch.number(row, batch.schema().indexOf(feature));
    }

    static int row(FeatureBatch batch, String customer) {
        for (int r = 0; r < batch.size(); r++) {
            if (batch.entityId(r).equals(customer)) {
                return r;
            }
        }
        throw new AssertionError("no row for " + customer);
    }

    static void assertFeature(FeatureBatch batch, String feature, double expected) {
        assertEquals(expected, value(batch, "c1", feature), 1e-12, feature);
    }

    static void assertHandWorkedAnswers(FeatureBatch b) {
        assertEquals(List.of("c1"), List.of(b.entityId(0)));
        assertEquals(1, b.size(), "c2 signs up later and c3 has no profile row: only c1 is known");
        assertEquals(T, b.eventTime(0));
        assertFeature(b, "days_since_last_order", 129_599 / 86_400.0);
        assertFeature(b, "days_since_last_session", 57_599 / 86_400.0);
        assertFeature(b, "orders_7d", 1);
        assertFeature(b, "orders_30d", 2);
        assertFeature(b, "orders_90d", 3);
        assertFeature(b, "sessions_7d", 1);
        assertFeature(b, "sessions_30d", 2);
        assertFeature(b, "sessions_90d", 3);
        assertFeature(b, "spend_30d", 60);
        assertFeature(b, "spend_90d", 90);
        assertFeature(b, "average_order_value_90d", 30);
        assertFeature(b, "orders_trend_30d", 1.5);
        assertFeature(b, "sessions_trend_30d", 3);
        assertFeature(b, "distinct_categories_90d", 3);
        assertFeature(b, "category_entropy_90d", 1.5);
        assertFeature(b, "top_category_share_90d", 0.5);
        assertFeature(b, "discount_rate_90d", 0.1875);
        assertFeature(b, "return_rate_90d", 0.25);
        assertFeature(b, "email_open_rate_30d", 0.5);
        assertFeature(b, "email_open_rate_90d", 2.0 / 3);
        assertFeature(b, "email_click_rate_30d", 0);
        assertFeature(b, "email_click_rate_90d", 1.0 / 3);
        assertFeature(b, "app_session_share_30d", 0.5);
        assertFeature(b, "tickets_90d", 2);
        assertFeature(b, "unresolved_tickets", 1);
        assertFeature(b, "mean_satisfaction_90d", 4);
        assertFeature(b, "tenure_days", (89 * 86_400 + 86_399) / 86_400.0);
        assertFeature(b, "last_order_time", EventTime.parse("2026-03-30T12:00:00Z"));
        assertFeature(b, "last_session_time", EventTime.parse("2026-03-31T08:00:00Z"));
        assertTrue(Double.isNaN(value(b, "c1", "closed_time")));
        assertFeature(b, "signup_time", EventTime.parse("2026-01-01T00:00:00Z"));
        assertEquals("DE", b.text(0, b.schema().indexOf("country")));
        assertEquals("ads", b.text(0, b.schema().indexOf("acquisition_channel")));
        assertEquals("plus", b.text(0, b.schema().indexOf("membership")));
    }

    @Test
    void computesEveryFeatureAsWorkedOutByHand() {
        FeatureState state = fresh();
        past().applyTo(state);
        assertHandWorkedAnswers(state.asOf(T));
    }

    @Test
    void eventsAfterTheTimeChangeNoFeatureOfIt() {
        FeatureState state = fresh();
        future().applyTo(state);
        past().applyTo(state);
        FeatureBatch withFuture = state.asOf(T);
        assertHandWorkedAnswers(withFuture);
        FeatureState clean = fresh();
        past().applyTo(clean);
        FeatureSupport.assertSameBatch(clean.asOf(T), withFuture, 0);
        // The planted events are visible once their day is reached: the test could fail.
        FeatureBatch later = state.asOf(EventTime.endOfDay(LocalDate.parse("2026-04-02")));
        assertEquals(EventTime.parse("2026-04-02T00:00:00Z"), value(later, "c1", "closed_time"));
        assertEquals(3.0, value(later, "c1", "return_rate_90d") * 6, 1e-12, "3 of 6 lines returned");
    }

    @Test
    void emptyStateAndEmptyWindowsGiveMissingValues() {
        FeatureState state = fresh();
        state.apply(EventSource.CUSTOMERS, Events.csv(EventSource.CUSTOMERS, List.of("c9,2026-03-01T00:00:00Z,DE,ads,none")));
        FeatureBatch b = state.asOf(T);
        assertEquals(0, value(b, "c9", "orders_90d"));
        assertTrue(Double.isNaN(value(b, "c9", "days_since_last_order")));
        assertTrue(Double.isNaN(value(b, "c9", "average_order_value_90d")));
        assertTrue(Double.isNaN(value(b, "c9", "category_entropy_90d")));
        assertEquals(1.0, value(b, "c9", "orders_trend_30d"));
        assertEquals(0, fresh().asOf(T).size());
    }

    @Test
    void redeliveredObjectIsAppliedOnce() {
        FeatureState once = fresh();
        FeatureState twice = fresh();
        byte[] orders = Events.csv(EventSource.ORDERS, past().rows.get(EventSource.ORDERS));
        byte[] customers = Events.csv(EventSource.CUSTOMERS, past().rows.get(EventSource.CUSTOMERS));
        assertTrue(once.applyOnce("raw/customers/a.csv", "h0", EventSource.CUSTOMERS, customers));
        assertTrue(once.applyOnce("raw/orders/a.csv", "h1", EventSource.ORDERS, orders));
        twice.applyOnce("raw/customers/a.csv", "h0", EventSource.CUSTOMERS, customers);
        twice.applyOnce("raw/orders/a.csv", "h1", EventSource.ORDERS, orders);
        assertFalse(twice.applyOnce("raw/orders/a.csv", "h1", EventSource.ORDERS, orders));
        FeatureSupport.assertSameBatch(once.asOf(T), twice.asOf(T), 0);
        assertArrayEquals(once.serialize(), twice.serialize());
        IllegalStateException changed = assertThrows(IllegalStateException.class,
                () -> twice.applyOnce("raw/orders/a.csv", "h2", EventSource.ORDERS, orders));
        assertTrue(changed.getMessage().contains("raw/orders/a.csv") && changed.getMessage().contains("h2"));
    }

    @Test
    void serializedStateGivesTheSameFeaturesAndBytes() {
        FeatureState state = fresh();
        past().applyTo(state);
        future().applyTo(state);
        state.applyOnce("raw/x", "abc", EventSource.CLOSURES, Events.csv(EventSource.CLOSURES, List.of()));
        byte[] bytes = state.serialize();
        FeatureState restored = FeatureState.deserialize(bytes, REGISTRY);
        assertArrayEquals(bytes, restored.serialize());
        FeatureSupport.assertSameBatch(state.asOf(T), restored.asOf(T), 0);
        assertEquals(state.customers(), restored.customers());
        assertEquals(state.signupTime("c1"), restored.signupTime("c1"));
        assertEquals(state.appliedObjects(), restored.appliedObjects());
    }

    @Test
    void refusesCorruptOrForeignState() {
        byte[] bytes = fresh().serialize();
        bytes[0] = 9;
        assertThrows(IllegalArgumentException.class, () -> FeatureState.deserialize(bytes, REGISTRY));
        byte[] good = fresh().serialize();
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 2);
        assertThrows(IllegalArgumentException.class, () -> FeatureState.deserialize(truncated, REGISTRY));
    }

    @Test
    void knowsSignupTimesAndCustomerCount() {
        FeatureState state = fresh();
        past().applyTo(state);
        assertEquals(EventTime.parse("2026-01-01T00:00:00Z"), state.signupTime("c1").getAsLong());
        assertTrue(state.signupTime("c3").isEmpty(), "c3 has orders but no profile row");
        assertTrue(state.signupTime("nobody").isEmpty());
        assertEquals(3, state.customers());
    }

    @Test
    void refusesTimesThatAreNotAnEndOfDayOrOlderThanTheRetention() {
        FeatureState state = fresh();
        past().applyTo(state);
        String notEnd = assertThrows(IllegalArgumentException.class, () -> state.asOf(T - 5)).getMessage();
        assertTrue(notEnd.contains("2026-03-31T23:59:54Z") && notEnd.contains("end of a UTC day"), notEnd);
        String old = assertThrows(IllegalArgumentException.class,
                () -> state.asOf(EventTime.endOfDay(LocalDate.parse("2026-02-01")))).getMessage();
        assertTrue(old.contains("2026-02-01") && old.contains("earliest day is 2026-03-01"), old);
    }

    @Test
    void refusesAWrongHeaderAndRaggedRows() {
        FeatureState state = fresh();
        String header = assertThrows(IllegalArgumentException.class,
                () -> state.apply(EventSource.ORDERS, "order_id,customer_id\n".getBytes())).getMessage();
        assertTrue(header.contains("'order_id,customer_id'") && header.contains(EventSource.ORDERS.header()), header);
        String ragged = assertThrows(IllegalArgumentException.class,
                () -> state.apply(EventSource.CLOSURES, Events.csv(EventSource.CLOSURES, List.of("c1,2026-01-01T00:00:00Z")))).getMessage();
        assertTrue(ragged.contains("line 2") && ragged.contains("expected 3"), ragged);
    }

    @Test
    void quotedFieldsAreRead() {
        FeatureState state = fresh();
        state.apply(EventSource.CUSTOMERS, Events.csv(EventSource.CUSTOMERS, List.of("c1,2026-01-01T00:00:00Z,\"Korea, \"\"South\"\"\",ads,plus")));
        state.apply(EventSource.ORDERS, Events.csv(EventSource.ORDERS, List.of("o1,c1,2026-03-30T12:00:00Z,1,\"books\",1,10,0,false")));
        FeatureBatch b = state.asOf(T);
        assertEquals("Korea, \"South\"", b.text(0, b.schema().indexOf("country")));
        assertEquals(1.0, value(b, "c1", "distinct_categories_90d"));
        assertEquals(1.0, value(b, "c1", "top_category_share_90d"));
    }

    @Test
    void oldDayBucketsAreFoldedIntoLifetimeTotalsSoTheStateStaysBounded() {
        FeatureState state = fresh();
        state.apply(EventSource.CUSTOMERS, Events.csv(EventSource.CUSTOMERS, List.of("c1,2025-01-01T00:00:00Z,DE,ads,plus")));
        LocalDate first = LocalDate.parse("2025-01-01");
        int[] sizes = new int[2];
        for (int d = 0; d < 400; d++) {
            String t = EventTime.format(EventTime.endOfDay(first.plusDays(d)) - 3600);
            state.apply(EventSource.TICKETS, Events.csv(EventSource.TICKETS, List.of("t" + d + ",c1," + t + ",opened,delivery,")));
            if (d == 199) {
                sizes[0] = state.serialize().length;
            }
        }
        sizes[1] = state.serialize().length;
        assertTrue(sizes[1] <= sizes[0] + 8 * 64, "state grew from " + sizes[0] + " to " + sizes[1] + " bytes");
        FeatureBatch b = state.asOf(EventTime.endOfDay(first.plusDays(399)));
        assertEquals(400.0, value(b, "c1", "unresolved_tickets"), "lifetime totals keep the folded days");
        assertEquals(90.0, value(b, "c1", "tickets_90d"));
        // A late file for a folded day still counts in the lifetime totals.
        state.apply(EventSource.TICKETS, Events.csv(EventSource.TICKETS, List.of("t0,c1,2025-01-01T10:00:00Z,resolved,delivery,5")));
        FeatureBatch after = state.asOf(EventTime.endOfDay(first.plusDays(399)));
        assertEquals(399.0, value(after, "c1", "unresolved_tickets"));
        assertTrue(Double.isNaN(value(after, "c1", "mean_satisfaction_90d")), "the late resolution is outside the 90 days");
    }

    @Test
    void twoThreadApplyGivesTheSameStateAndReportsBadRows() {
        FeatureState parallel = fresh();
        parallel.parallelFrom(1);
        past().applyTo(parallel);
        future().applyTo(parallel);
        FeatureState sequential = fresh();
        past().applyTo(sequential);
        future().applyTo(sequential);
        assertArrayEquals(sequential.serialize(), parallel.serialize());
        assertHandWorkedAnswers(parallel.asOf(T));
        List<String> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add("c" + i + ",2026-01-01T00:00:00Z,moved");
        }
        rows.add("c99,2026-13-01T00:00:00Z,moved");
        String m = assertThrows(IllegalArgumentException.class,
                () -> parallel.apply(EventSource.CLOSURES, Events.csv(EventSource.CLOSURES, rows))).getMessage();
        assertTrue(m.contains("2026-13-01T00:00:00Z") && m.contains("line 52"), m);
    }

    @Test
    void theFirstBadRowIsReportedEvenWhenItsBatchHoldsALaterOne() {
        // Rows are scanned ahead in batches; a later ragged row or empty id must not hide an
        // earlier bad value, and the rows before the bad one still count.
        List<String> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add("o" + i + ",c" + (i % 7) + ",2026-01-01T10:00:00Z,1,books,2,9.99,0,false");
        }
        rows.set(130, "o130,c1,2026-01-01T10:00:00Z,1,books,2,many,0,false");
        rows.set(140, "o140,c1,2026-01-01T10:00:00Z,1");
        rows.set(150, "o150,,2026-01-01T10:00:00Z,1,books,2,9.99,0,false");
        FeatureState state = fresh();
        String m = assertThrows(IllegalArgumentException.class,
                () -> state.apply(EventSource.ORDERS, Events.csv(EventSource.ORDERS, rows))).getMessage();
        assertTrue(m.startsWith("orders file, line 132: ") && m.contains("'many'"), m);
        assertEquals(7, state.customers(), "the rows before the bad one were applied");
        rows.set(130, "o130,c1,2026-01-01T10:00:00Z,1,books,2,9.99,0,false");
        rows.set(140, "o140,c1,2026-01-01T10:00:00Z,1,books,2,9.99,0,false");
        String empty = assertThrows(IllegalArgumentException.class,
                () -> fresh().apply(EventSource.ORDERS, Events.csv(EventSource.ORDERS, rows))).getMessage();
        assertTrue(empty.startsWith("orders file, line 152: ") && empty.contains("customer_id is empty"), empty);
    }

    @Test
    void twoThreadApplyReportsTheFirstBadValueWhicheverHalfAndShardHoldsIt() {
        List<String> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add("o" + i + ",c" + (i % 20) + ",2026-01-01T10:00:00Z,1,books,2,9.99,0,false");
        }
        // Row 60 (line 62, first half) and row 150 (line 152, second half) for customers of different shards.
        int late = 150;
        int early = 60;
        while (shard(rows.get(early)) == shard(rows.get(late))) {
            early++;
        }
        rows.set(late, rows.get(late).replace("9.99", "lots"));
        FeatureState onlyLate = fresh();
        onlyLate.parallelFrom(1);
        String m = assertThrows(IllegalArgumentException.class,
                () -> onlyLate.apply(EventSource.ORDERS, Events.csv(EventSource.ORDERS, rows))).getMessage();
        assertTrue(m.startsWith("orders file, line 152: ") && m.contains("'lots'"), m);
        rows.set(early, rows.get(early).replace("9.99", "many"));
        FeatureState both = fresh();
        both.parallelFrom(1);
        String first = assertThrows(IllegalArgumentException.class,
                () -> both.apply(EventSource.ORDERS, Events.csv(EventSource.ORDERS, rows))).getMessage();
        assertTrue(first.startsWith("orders file, line " + (early + 2) + ": ") && first.contains("'many'"), first);
    }

    private static int shard(String orderRow) {
        byte[] id = orderRow.split(",")[1].getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return FeatureState.shardOf(CustomerIndex.hash(id, 0, id.length));
    }

    @Test
    void twoThreadApplyOfAQuotedLineBreakAcrossTheMiddleGivesTheOneThreadState() {
        List<String> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add("c" + i + ",2026-01-01T00:00:00Z,DE,ads,plus");
        }
        rows.add("c20,2026-01-01T00:00:00Z,\"" + "far\n".repeat(400) + "away\",ads,plus");
        for (int i = 21; i < 40; i++) {
            rows.add("c" + i + ",2026-01-01T00:00:00Z,FR,seo,none");
        }
        byte[] csv = Events.csv(EventSource.CUSTOMERS, rows);
        FeatureState parallel = fresh();
        parallel.parallelFrom(1);
        parallel.apply(EventSource.CUSTOMERS, csv);
        FeatureState sequential = fresh();
        sequential.apply(EventSource.CUSTOMERS, csv);
        assertArrayEquals(sequential.serialize(), parallel.serialize());
        assertEquals(40, parallel.customers());
        // A bad row after the quoted line breaks is located counting them.
        rows.set(30, "c30,2026-01-01T00:00:00Z,FR,seo,none,extra");
        String m = assertThrows(IllegalArgumentException.class,
                () -> parallel.apply(EventSource.CUSTOMERS, Events.csv(EventSource.CUSTOMERS, rows))).getMessage();
        assertTrue(m.contains("line " + (30 + 2 + 400)), m);
    }
}
