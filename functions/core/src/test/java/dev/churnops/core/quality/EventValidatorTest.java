package dev.churnops.core.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.events.EventSource;
import dev.churnops.core.events.EventTime;
import dev.churnops.core.validation.RejectedRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    private static final LocalDate DAY = LocalDate.parse("2026-03-01");
    /** Late on the partition's day, so that a time later the same day is in the future. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T18:00:00Z"), ZoneOffset.UTC);
    private static final KnownCustomers CUSTOMERS = KnownCustomers.of(Map.of(
            "c1", EventTime.parse("2026-02-01T00:00:00Z"),
            "c2", EventTime.parse("2026-03-01T12:00:00Z")));

    private static final String ORDERS = EventSource.ORDERS.header() + "\n";
    private static final String GOOD_ORDER = "o1,c1,2026-03-01T10:00:00Z,1,books,2,12.50,0.1,false";

    private final EventValidator validator = new EventValidator(CUSTOMERS, CLOCK);

    private EventValidation validate(EventSource source, String csv) {
        EventValidation v = validator.validate(source, DAY, source.sourceName() + ".csv", csv.getBytes(StandardCharsets.UTF_8));
        assertAccounted(v);
        return v;
    }

    /** Rows in = valid + quarantined, the counts agree with the rows, and the kept file holds exactly the kept rows. */
    private static void assertAccounted(EventValidation v) {
        assertEquals(v.rowsIn(), v.rowsValid() + v.rowsQuarantined(), "rows in = valid + quarantined");
        String valid = new String(v.validCsv(), StandardCharsets.UTF_8);
        long keptLines = valid.isEmpty() ? 0 : valid.chars().filter(c -> c == '\n').count() - 1;
        if (v.usable() && valid.indexOf('"') < 0) {
            assertEquals(v.rowsValid(), keptLines, "kept rows in the valid CSV");
        }
        int maxPerRule = v.rejectionsByReason().values().stream().mapToInt(Integer::intValue).max().orElse(0);
        assertTrue(maxPerRule <= v.rowsQuarantined(), "no rule counts more rows than were quarantined");
        if (v.rowsQuarantined() > 0) {
            assertTrue(maxPerRule > 0, "quarantined rows are counted under some rule");
        }
        assertEquals(EventRule.values().length, v.rejectionsByReason().size(), "every rule listed");
    }

    private static RejectedRecord rejectedOnLine(EventValidation v, long line) {
        return v.rejected().stream().filter(r -> r.lineNumber() == line).findFirst()
                .orElseThrow(() -> new AssertionError("line " + line + " not rejected: " + v.rejected()));
    }

    private static void assertReason(EventValidation v, long line, String... fragments) {
        RejectedRecord r = rejectedOnLine(v, line);
        String all = String.join(" | ", r.reasons());
        for (String fragment : fragments) {
            assertTrue(all.contains(fragment), () -> "line " + line + " reasons '" + all + "' lack '" + fragment + "'");
        }
    }

    private static int count(EventValidation v, EventRule rule) {
        return v.rejectionsByReason().get(rule.key());
    }

    @Test
    void keepsGoodRowsByteForByteUnderTheHeader() {
        String good2 = "o1,c1,2026-03-01T10:00:00Z,2,\"home, garden\",1,3,0,true";
        String good3 = "o2,c2,2026-03-01T12:00:00Z,1,\"the \"\"best\"\" toys\",10000,1000000,1,false";
        String csv = ORDERS + GOOD_ORDER + "\n" + "o9,c1,not-a-time,1,books,1,1,0,false\n" + good2 + "\n" + good3;

        EventValidation v = validate(EventSource.ORDERS, csv);

        assertTrue(v.usable());
        assertEquals(4, v.rowsIn());
        assertEquals(3, v.rowsValid());
        assertArrayEquals((ORDERS + GOOD_ORDER + "\n" + good2 + "\n" + good3 + "\n").getBytes(StandardCharsets.UTF_8),
                v.validCsv());
        assertEquals(List.of(3L), v.rejected().stream().map(RejectedRecord::lineNumber).toList());
        assertEquals("o9,c1,not-a-time,1,books,1,1,0,false", v.rejected().get(0).raw());
    }

    @Test
    void keepsRowsOfACrlfFileWithoutTheirCarriageReturns() {
        String csv = (ORDERS + GOOD_ORDER + "\n").replace("\n", "\r\n") + "o2,c1,2026-03-01T10:00:00Z,1,books,0,1,0,false\r\n";

        EventValidation v = validate(EventSource.ORDERS, csv);

        assertArrayEquals((ORDERS + GOOD_ORDER + "\n").getBytes(StandardCharsets.UTF_8), v.validCsv());
        assertEquals("o2,c1,2026-03-01T10:00:00Z,1,books,0,1,0,false", v.rejected().get(0).raw());
        assertReason(v, 3, "column 'quantity' has 0: expected from 1 to 10000");
    }

    @Test
    void quarantinesEveryRowWhenTheHeaderMissesAColumn() {
        String header = EventSource.ORDERS.header().replace(",discount", "");
        String csv = header + "\no1,c1,2026-03-01T10:00:00Z,1,books,2,12.50,false\no2,c1,2026-03-01T10:00:00Z,1,books,2,12.50,false\n";

        EventValidation v = validate(EventSource.ORDERS, csv);

        assertFalse(v.usable());
        assertEquals(2, v.rowsIn());
        assertEquals(0, v.rowsValid());
        assertEquals(2, count(v, EventRule.UNUSABLE_FILE));
        assertEquals(1, v.problems().size());
        assertTrue(v.problems().get(0).contains("is missing column 'discount'"), v.problems().get(0));
        assertTrue(v.problems().get(0).contains("expected the header '" + EventSource.ORDERS.header() + "'"));
        assertReason(v, 2, "missing column 'discount'");
        assertReason(v, 3, "missing column 'discount'");
        assertEquals(0, v.validCsv().length);
        assertEquals(header, v.headerLine());
    }

    @Test
    void quarantinesEveryRowWhenTheHeaderHasAnExtraColumn() {
        String csv = EventSource.ORDERS.header() + ",coupon\n" + GOOD_ORDER + ",SPRING\n";

        EventValidation v = validate(EventSource.ORDERS, csv);

        assertFalse(v.usable());
        assertEquals(1, v.rowsQuarantined());
        assertReason(v, 2, "has unexpected column 'coupon'");
    }

    @Test
    void namesBothSidesOfARenamedColumn() {
        String csv = EventSource.ORDERS.header().replace("quantity", "qty") + "\n" + GOOD_ORDER + "\n";

        EventValidation v = validate(EventSource.ORDERS, csv);

        assertFalse(v.usable());
        assertReason(v, 2, "is missing column 'quantity'", "has unexpected column 'qty'");
    }

    @Test
    void quarantinesEveryRowWhenTheColumnsAreOutOfOrder() {
        String csv = "customer_id,order_id,order_time,line_number,category,quantity,unit_price,discount,returned\n"
                + GOOD_ORDER + "\n";

        EventValidation v = validate(EventSource.ORDERS, csv);

        assertFalse(v.usable());
        assertReason(v, 2, "out of order or repeated");
    }

    @Test
    void reportsAnEmptyFileAsUnusableWithNoRows() {
        EventValidation v = validate(EventSource.ORDERS, "");

        assertFalse(v.usable());
        assertEquals(0, v.rowsIn());
        assertTrue(v.problems().get(0).contains("is empty"), v.problems().get(0));
    }

    @Test
    void quarantinesRowsWithTheWrongNumberOfCellsAndBlankLines() {
        String csv = ORDERS + GOOD_ORDER + ",extra\n" + "o2,c1,2026-03-01T10:00:00Z\n" + "\n" + GOOD_ORDER + "\n";

        EventValidation v = validate(EventSource.ORDERS, csv);

        assertReason(v, 2, "the row has 10 cells: expected 9");
        assertReason(v, 3, "the row has 3 cells: expected 9");
        assertReason(v, 4, "the line is blank: expected 9 cells");
        assertEquals(3, count(v, EventRule.COLUMN_COUNT));
        assertEquals(1, v.rowsValid());
    }

    @Test
    void quarantinesMalformedNumbersAndBooleans() {
        String csv = ORDERS
                + "o1,c1,2026-03-01T10:00:00Z,1.5,books,2,12.50,0.1,false\n"
                + "o2,c1,2026-03-01T10:00:00Z,1,books,2,abc,0.1,false\n"
                + "o3,c1,2026-03-01T10:00:00Z,1,books,2,NaN,0.1,false\n"
                + "o4,c1,2026-03-01T10:00:00Z,1,books,2,1e999,0.1,false\n"
                + "o5,c1,2026-03-01T10:00:00Z,1,books,2,12.50,0.1,yes\n"
                + "o6,c1,2026-03-01T10:00:00Z,1,books,2,1.2.3,0.1,false\n"
                + "o7,c1,2026-03-01T10:00:00Z,1,books,2,1.5e2,0.1,false\n";

        EventValidation v = validate(EventSource.ORDERS, csv);

        assertReason(v, 2, "column 'line_number' has '1.5': expected a whole number from 1 to 1000");
        assertReason(v, 3, "column 'unit_price' has 'abc': expected a finite decimal number from 0 to 1000000");
        assertReason(v, 4, "column 'unit_price' has 'NaN'");
        assertReason(v, 5, "column 'unit_price' has '1e999'");
        assertReason(v, 6, "column 'returned' has 'yes': expected true or false");
        assertReason(v, 7, "column 'unit_price' has '1.2.3'");
        assertEquals(6, count(v, EventRule.MALFORMED_VALUE));
        assertEquals(1, v.rowsValid(), "1.5e2 is a decimal in range");
    }

    @Test
    void quarantinesBadTimestampsNamingTheColumnAndForm() {
        String csv = ORDERS
                + "o1,c1,2026-03-01 10:00:00,1,books,2,12.50,0.1,false\n"
                + "o2,c1,2026-02-30T10:00:00Z,1,books,2,12.50,0.1,false\n"
                + "o3,c1,,1,books,2,12.50,0.1,false\n";

        EventValidation v = validate(EventSource.ORDERS, csv);

        assertReason(v, 2, "column 'order_time': '2026-03-01 10:00:00' is not a timestamp: expected YYYY-MM-DDTHH:MM:SSZ");
        assertReason(v, 3, "'2026-02-30T10:00:00Z' is not a timestamp");
        assertReason(v, 4, "column 'order_time' is empty: expected a timestamp");
        assertEquals(2, count(v, EventRule.MALFORMED_VALUE));
        assertEquals(1, count(v, EventRule.MISSING_VALUE));
    }

    @Test
    void quarantinesTimesInTheFutureAndOutsideThePartition() {
        String csv = ORDERS
                + "o1,c1,2026-03-01T20:00:00Z,1,books,2,12.50,0.1,false\n"
                + "o2,c1,2026-02-28T23:59:59Z,1,books,2,12.50,0.1,false\n"
                + "o3,c1,2026-03-02T00:00:00Z,1,books,2,12.50,0.1,false\n"
                + "o4,c1,2026-03-01T00:00:00Z,1,books,2,12.50,0.1,false\n"
                + "o5,c1,2026-03-01T18:00:00Z,1,books,2,12.50,0.1,false\n";

        EventValidation v = validate(EventSource.ORDERS, csv);

        assertReason(v, 2, "column 'order_time' has 2026-03-01T20:00:00Z: expected a time no later than now, 2026-03-01T18:00:00Z");
        assertReason(v, 3, "its UTC date 2026-02-28 is not the file's partition dt=2026-03-01");
        assertReason(v, 4, "its UTC date 2026-03-02 is not the file's partition", "no later than now");
        assertEquals(2, count(v, EventRule.FUTURE_TIME));
        assertEquals(2, count(v, EventRule.OUTSIDE_PARTITION));
        assertEquals(2, v.rowsValid(), "the partition's first second and now itself are fine");
    }

    @Test
    void quarantinesEventsOfUnknownCustomersAndBeforeTheSignup() {
        String csv = ORDERS
                + "o1,c9,2026-03-01T10:00:00Z,1,books,2,12.50,0.1,false\n"
                + "o2,c2,2026-03-01T11:59:59Z,1,books,2,12.50,0.1,false\n"
                + "o3,c2,2026-03-01T12:00:00Z,1,books,2,12.50,0.1,false\n";

        EventValidation v = validate(EventSource.ORDERS, csv);

        assertReason(v, 2, "column 'customer_id' has 'c9', a customer who has not signed up: expected a known customer");
        assertReason(v, 3, "column 'order_time' has 2026-03-01T11:59:59Z, before customer 'c2' signed up at 2026-03-01T12:00:00Z");
        assertEquals(1, count(v, EventRule.UNKNOWN_CUSTOMER));
        assertEquals(1, count(v, EventRule.BEFORE_SIGNUP));
        assertEquals(1, v.rowsValid());
    }

    @Test
    void noCustomerIsKnownWithThePlaceholder() {
        EventValidator none = new EventValidator(KnownCustomers.NOBODY, CLOCK);

        EventValidation v = none.validate(EventSource.ORDERS, DAY, "o.csv", (ORDERS + GOOD_ORDER + "\n").getBytes(StandardCharsets.UTF_8));

        assertAccounted(v);
        assertEquals(1, count(v, EventRule.UNKNOWN_CUSTOMER));
    }

    @Test
    void quarantinesSignupsOfKnownCustomersAndRepeatedSignups() {
        String csv = EventSource.CUSTOMERS.header() + "\n"
                + "c1,2026-03-01T09:00:00Z,DE,search,plus\n"
                + "c3,2026-03-01T09:00:00Z,FR,social,none\n"
                + "c3,2026-03-01T10:00:00Z,FR,social,none\n"
                + "c4,2026-03-01T10:00:00Z,FR,social,gold\n";

        EventValidation v = validate(EventSource.CUSTOMERS, csv);

        assertReason(v, 2, "column 'customer_id' has 'c1', a customer who already signed up at 2026-02-01T00:00:00Z");
        assertReason(v, 4, "duplicate key customer_id='c3': already kept from line 3");
        assertReason(v, 5, "column 'membership' has 'gold': expected one of [none, plus, premium]");
        assertEquals(1, count(v, EventRule.DUPLICATE_SIGNUP));
        assertEquals(1, count(v, EventRule.DUPLICATE_KEY));
        assertEquals(1, count(v, EventRule.NOT_ALLOWED));
        assertEquals(1, v.rowsValid());
    }

    @Test
    void quarantinesDuplicateKeysOfEachSource() {
        EventValidation orders = validate(EventSource.ORDERS, ORDERS + GOOD_ORDER + "\n"
                + "o1,c1,2026-03-01T10:00:00Z,2,books,2,12.50,0.1,false\n" + GOOD_ORDER + "\n");
        assertReason(orders, 4, "duplicate key order_id='o1', line_number='1': already kept from line 2");
        assertEquals(2, orders.rowsValid());

        EventValidation sessions = validate(EventSource.SESSIONS, EventSource.SESSIONS.header() + "\n"
                + "s1,c1,2026-03-01T10:00:00Z,web,3,1,\n" + "s1,c1,2026-03-01T11:00:00Z,app,3,1,books\n");
        assertReason(sessions, 3, "duplicate key session_id='s1'");

        EventValidation emails = validate(EventSource.EMAILS, EventSource.EMAILS.header() + "\n"
                + "e1,c1,2026-03-01T10:00:00Z,spring,sent\n" + "e1,c1,2026-03-01T11:00:00Z,spring,opened\n"
                + "e1,c1,2026-03-01T11:00:00Z,spring,opened\n");
        assertEquals(2, emails.rowsValid());
        assertReason(emails, 4, "duplicate key email_id='e1', event_type='opened': already kept from line 3");

        EventValidation tickets = validate(EventSource.TICKETS, EventSource.TICKETS.header() + "\n"
                + "t1,c1,2026-03-01T10:00:00Z,opened,billing,\n" + "t1,c1,2026-03-01T11:00:00Z,resolved,billing,4\n"
                + "t1,c1,2026-03-01T12:00:00Z,resolved,billing,5\n");
        assertEquals(2, tickets.rowsValid());
        assertReason(tickets, 4, "duplicate key ticket_id='t1', status='resolved'");

        EventValidation closures = validate(EventSource.CLOSURES, EventSource.CLOSURES.header() + "\n"
                + "c1,2026-03-01T10:00:00Z,price\n" + "c1,2026-03-01T11:00:00Z,price\n");
        assertReason(closures, 3, "duplicate key customer_id='c1'");
        assertEquals(1, count(closures, EventRule.DUPLICATE_KEY));
    }

    @Test
    void findsDuplicatesAmongThousandsOfKeysAndAsksForEachCustomerOnce() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        KnownCustomers counting = id -> {
            asked.incrementAndGet();
            return CUSTOMERS.signupTime(id);
        };
        StringBuilder csv = new StringBuilder(ORDERS);
        for (int i = 0; i < 5000; i++) {
            csv.append("o").append(i / 3).append(i % 2 == 0 ? ",c1," : ",c2,").append("2026-03-01T13:00:00Z,")
                    .append(i % 3 + 1).append(",books,1,1,0,false\n");
        }
        csv.append("o1200,c1,2026-03-01T13:00:00Z,2,books,1,1,0,false\n");

        EventValidation v = new EventValidator(counting, CLOCK).validate(EventSource.ORDERS, DAY, "o.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));

        assertAccounted(v);
        assertEquals(5000, v.rowsValid());
        assertReason(v, 5002, "duplicate key order_id='o1200', line_number='2': already kept from line 3603");
        assertEquals(2, asked.get());
    }

    @Test
    void aRejectedRowClaimsNoKeySoALaterGoodRowIsKept() {
        String csv = ORDERS + "o1,c1,2026-03-01T10:00:00Z,1,books,0,12.50,0.1,false\n" + GOOD_ORDER + "\n";

        EventValidation v = validate(EventSource.ORDERS, csv);

        assertEquals(1, v.rowsValid());
        assertEquals(List.of(2L), v.rejected().stream().map(RejectedRecord::lineNumber).toList());
    }

    @Test
    void quarantinesValuesOutOfRangeOrNotAllowed() {
        String sessions = EventSource.SESSIONS.header() + "\n"
                + "s1,c1,2026-03-01T10:00:00Z,tv,3,1,books\n"
                + "s2,c1,2026-03-01T10:00:00Z,web,-1,100001,books\n";
        EventValidation v = validate(EventSource.SESSIONS, sessions);
        assertReason(v, 2, "column 'platform' has 'tv': expected one of [app, web]");
        assertReason(v, 3, "column 'page_views' has -1: expected from 0 to 100000",
                "column 'product_views' has 100001: expected from 0 to 100000");
        assertEquals(1, count(v, EventRule.NOT_ALLOWED));
        assertEquals(1, count(v, EventRule.OUT_OF_RANGE), "a row is counted once per rule");

        String orders = ORDERS + "o1,c1,2026-03-01T10:00:00Z,1,books,2,-0.01,1.5,false\n";
        EventValidation o = validate(EventSource.ORDERS, orders);
        assertReason(o, 2, "column 'unit_price' has -0.01: expected from 0 to 1000000", "column 'discount' has 1.5: expected from 0 to 1");

        String tickets = EventSource.TICKETS.header() + "\n" + "t1,c1,2026-03-01T10:00:00Z,resolved,billing,6\n"
                + "t2,c1,2026-03-01T10:00:00Z,opened,,\n";
        EventValidation t = validate(EventSource.TICKETS, tickets);
        assertReason(t, 2, "column 'satisfaction' has 6: expected from 1 to 5");
        assertReason(t, 3, "column 'category' is empty: expected a value");
        assertEquals(1, count(t, EventRule.MISSING_VALUE));
    }

    @Test
    void givesEveryReasonOfARowBrokenInSeveralWays() {
        String csv = ORDERS + ",c9,2026-02-28T10:00:00Z,0,books,x,12.50,0.1,maybe\n";

        EventValidation v = validate(EventSource.ORDERS, csv);

        RejectedRecord r = rejectedOnLine(v, 2);
        assertEquals(6, r.reasons().size(), r.reasons().toString());
        assertReason(v, 2, "column 'order_id' is empty", "column 'line_number' has 0", "column 'quantity' has 'x'",
                "column 'returned' has 'maybe'", "not the file's partition", "'c9', a customer who has not signed up");
        Map<String, Integer> nonZero = v.rejectionsByReason().entrySet().stream().filter(e -> e.getValue() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of("missing_value", 1, "out_of_range", 1, "malformed_value", 1, "outside_partition", 1,
                "unknown_customer", 1), nonZero);
    }

    @Test
    void quarantinesARowWhoseQuoteIsNeverClosed() {
        String csv = ORDERS + GOOD_ORDER + "\n" + "o2,c1,2026-03-01T10:00:00Z,1,\"books,2,12.50,0.1,false\n";

        EventValidation v = validate(EventSource.ORDERS, csv);

        assertReason(v, 3, "has a quoted cell 5 that is not closed before the end of the file");
        assertEquals(1, v.rowsValid());
    }

    @Test
    void countsLinesOfAQuotedCellSpanningLines() {
        String csv = ORDERS + "o1,c1,2026-03-01T10:00:00Z,1,\"two\nlines\",2,12.50,0.1,false\n"
                + "o2,c1,2026-03-01T10:00:00Z,1,books,2,12.50,0.1,no\n";

        EventValidation v = validate(EventSource.ORDERS, csv);

        assertEquals(1, v.rowsValid());
        assertReason(v, 4, "column 'returned' has 'no'");
    }

    @Test
    void writesQuarantineFilesInTheSharedFormat() {
        String csv = ORDERS + GOOD_ORDER + "\n" + "o2,c1,2026-03-01T10:00:00Z,1,books,2,12.50,0.1,no\n";

        EventValidation v = validate(EventSource.ORDERS, csv);

        assertEquals(ORDERS + "o2,c1,2026-03-01T10:00:00Z,1,books,2,12.50,0.1,no\n",
                new String(v.rejectedCsv(), StandardCharsets.UTF_8));
        assertEquals("line_number,reason\n3,column 'returned' has 'no': expected true or false\n",
                new String(v.reasonsCsv(), StandardCharsets.UTF_8));
    }

    @Test
    void rejectAllQuarantinesEveryRowUnderOneReason() {
        EventValidation v = EventValidator.rejectAll("telemetry", "t.csv", "a,b\n1,2\n3,4".getBytes(StandardCharsets.UTF_8),
                EventRule.UNKNOWN_SOURCE, "unknown source 'telemetry'");

        assertAccounted(v);
        assertEquals(2, v.rowsIn());
        assertEquals(2, count(v, EventRule.UNKNOWN_SOURCE));
        assertEquals(List.of("1,2", "3,4"), v.rejected().stream().map(RejectedRecord::raw).toList());
        assertFalse(v.usable());
    }
}
