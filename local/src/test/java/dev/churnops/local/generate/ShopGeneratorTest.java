package dev.churnops.local.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.churnops.core.events.EventColumn;
import dev.churnops.core.events.EventSource;
import dev.churnops.core.events.EventTime;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shop generator on small populations: files in the {@link EventSource} layout whose every row
 * passes its column checks, byte-identical output for the same arguments, scenarios that shift
 * what they say from their date and nothing before, leavers whose activity stops, a churn rate in
 * the intended range, and defects counted exactly as written.
 */
class ShopGeneratorTest {

    private static final LocalDate START = GeneratorConfig.DEFAULT_START;
    private static final LocalDate FROM = START.plusDays(45);
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("\\d+\\.\\d{2}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-]+");
    private static final Pattern DATE_DIR = Pattern.compile("dt=\\d{4}-\\d{2}-\\d{2}");

    @TempDir
    static Path dir;

    private static GenerationResult cleanResult;
    private static Generated clean;
    private static Generated baseline;
    private static GenerationResult baselineResult;
    private static GenerationResult lastScenarioResult;

    private static int runs;

    private static GenerationResult generate(GeneratorConfig config, Path out, int threads) {
        try {
            return ShopGenerator.generate(config, out, threads);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Path newDir() {
        return dir.resolve("run-" + (++runs));
    }

    private static GeneratorConfig config(int customers, int days, long seed, Scenario scenario, LocalDate from, double defects) {
        return new GeneratorConfig(customers, days, seed, START, scenario, from, defects);
    }

    /** The scenario tests' baseline: 1,000 customers, 90 days, seed 11, no defects. */
    private static GeneratorConfig scenarioRun(Scenario scenario) {
        return config(1000, 90, 11, scenario, scenario == null ? null : FROM, 0);
    }

    @BeforeAll
    static void generateShared() {
        Path cleanDir = newDir();
        cleanResult = generate(config(1500, 120, 5, null, null, 0), cleanDir, 2);
        clean = Generated.read(cleanDir);
        Path baseDir = dir.resolve("baseline");
        baselineResult = generate(scenarioRun(null), baseDir, 2);
        baseline = Generated.read(baseDir);
    }

    @Test
    void filesFollowTheEventSourceLayoutWithItsExactHeaders() {
        Set<EventSource> seen = new HashSet<>();
        for (Path file : clean.files) {
            Path rel = dir.relativize(file);
            assertEquals("raw", rel.getName(1).toString(), rel::toString);
            assertTrue(EventSource.find(rel.getName(2).toString()).isPresent(), rel::toString);
            assertTrue(DATE_DIR.matcher(rel.getName(3).toString()).matches(), rel::toString);
            assertEquals("part-00000.csv", rel.getName(4).toString(), rel::toString);
            seen.add(EventSource.of(rel.getName(2).toString()));
        }
        assertEquals(Set.of(EventSource.values()), seen);
        for (String header : clean.headers) {
            String source = header.substring(0, header.indexOf(':'));
            assertEquals(EventSource.of(source).header(), header.substring(source.length() + 1), header);
        }
    }

    @Test
    void everyRowOfADefectFreeRunPassesItsColumnChecksAndLandsInItsPartition() {
        for (EventSource source : EventSource.values()) {
            List<EventColumn> columns = source.columns();
            for (Generated.Row row : clean.of(source)) {
                assertEquals(columns.size(), row.cells().length, () -> source + ": " + row.line());
                for (int i = 0; i < columns.size(); i++) {
                    String problem = check(columns.get(i), row.cells()[i]);
                    if (problem != null) {
                        fail(source + " column " + columns.get(i).name() + ": " + problem + " in " + row.line());
                    }
                }
                assertEquals(row.partition().toEpochDay(), EventTime.epochDay(row.time()), row::line);
            }
        }
        for (Generated.Row row : clean.of(EventSource.ORDERS)) {
            assertTrue(EventSource.CATEGORIES.contains(row.cell("category")), row::line);
        }
        for (Generated.Row row : clean.of(EventSource.SESSIONS)) {
            String top = row.cell("top_category");
            assertTrue(top.isEmpty() || EventSource.CATEGORIES.contains(top), row::line);
            assertTrue(Long.parseLong(row.cell("product_views")) <= Long.parseLong(row.cell("page_views")), row::line);
        }
    }

    /** What is wrong with a cell by its column's kind, range and allowed values; null when nothing is. */
    static String check(EventColumn column, String cell) {
        if (cell.isEmpty()) {
            return column.required() ? "empty required cell" : null;
        }
        if (!column.allowed().isEmpty() && !column.allowed().contains(cell)) {
            return "'" + cell + "' not in " + column.allowed();
        }
        try {
            switch (column.kind()) {
                case TIMESTAMP -> {
                    EventTime.parse(cell);
                    if (!EventTime.format(EventTime.parse(cell)).equals(cell)) {
                        return "'" + cell + "' differs from EventTime.format";
                    }
                }
                case INTEGER -> {
                    long v = Long.parseLong(cell);
                    if (v < column.min() || v > column.max()) {
                        return v + " outside " + column.min() + ".." + column.max();
                    }
                }
                case DECIMAL -> {
                    double v = Double.parseDouble(cell);
                    if (!(v >= column.min() && v <= column.max()) || !PLAIN_DECIMAL.matcher(cell).matches()) {
                        return cell + " outside " + column.min() + ".." + column.max() + " or not plain";
                    }
                }
                case ID, STRING -> {
                    if (!TOKEN.matcher(cell).matches()) {
                        return "'" + cell + "' has unexpected characters";
                    }
                }
                default -> {
                }
            }
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return null;
    }

    @Test
    void eventsReferToKnownCustomersAfterTheirSignupAndIdsAreUnique() {
        Map<String, Long> signups = signups(clean);
        assertEquals(cleanResult.outcomes().customersAtStart() + cleanResult.outcomes().signups(), signups.size());
        for (EventSource source : List.of(EventSource.ORDERS, EventSource.SESSIONS, EventSource.EMAILS, EventSource.TICKETS,
                EventSource.CLOSURES)) {
            for (Generated.Row row : clean.of(source)) {
                Long signup = signups.get(row.cell("customer_id"));
                assertTrue(signup != null && signup < row.time(), row::line);
            }
        }
        Set<String> ids = new HashSet<>();
        for (Generated.Row row : clean.of(EventSource.ORDERS)) {
            assertTrue(ids.add(row.cell("order_id") + "#" + row.cell("line_number")), row::line);
        }
        for (Generated.Row row : clean.of(EventSource.SESSIONS)) {
            assertTrue(ids.add(row.cell("session_id")), row::line);
        }
        // An e-mail is sent before it is opened, and opened before it is clicked; a ticket opens before it resolves.
        Map<String, Long> sent = new HashMap<>();
        Map<String, Long> opened = new HashMap<>();
        for (Generated.Row row : clean.of(EventSource.EMAILS)) {
            String id = row.cell("email_id");
            switch (row.cell("event_type")) {
                case "sent" -> assertTrue(sent.put(id, row.time()) == null, row::line);
                case "opened" -> {
                    assertTrue(sent.containsKey(id) && sent.get(id) < row.time(), row::line);
                    opened.put(id, row.time());
                }
                default -> assertTrue(opened.containsKey(id) && opened.get(id) < row.time(), row::line);
            }
        }
        Map<String, Long> tickets = new HashMap<>();
        int resolved = 0;
        for (Generated.Row row : clean.of(EventSource.TICKETS)) {
            if (row.cell("status").equals("opened")) {
                assertTrue(tickets.put(row.cell("ticket_id"), row.time()) == null, row::line);
                assertEquals("", row.cell("satisfaction"), row::line);
            }
        }
        for (Generated.Row row : clean.of(EventSource.TICKETS)) {
            if (row.cell("status").equals("resolved")) {
                resolved++;
                assertTrue(tickets.get(row.cell("ticket_id")) < row.time(), row::line);
            }
        }
        assertTrue(resolved > 0 && resolved < tickets.size(), "some tickets resolve, some never do: " + resolved + " of "
                + tickets.size());
    }

    private static Map<String, Long> signups(Generated g) {
        Map<String, Long> signups = new HashMap<>();
        for (Generated.Row row : g.of(EventSource.CUSTOMERS)) {
            assertTrue(signups.put(row.cell("customer_id"), row.time()) == null, row::line);
        }
        return signups;
    }

    @Test
    void theResultCountsTheRowsInTheFiles() {
        for (EventSource source : EventSource.values()) {
            assertEquals(clean.of(source).size(), cleanResult.rows().get(source), source::toString);
        }
        assertEquals(0, cleanResult.defectTotal());
        long existing = clean.of(EventSource.CUSTOMERS).stream().filter(r -> r.partition().isBefore(START)).count();
        assertEquals(1500, existing);
        assertTrue(clean.of(EventSource.CUSTOMERS).stream().allMatch(r -> r.partition().isAfter(START.minusDays(731))));
    }

    @Test
    void sameArgumentsGiveByteIdenticalFilesWhateverTheThreads() {
        GeneratorConfig config = config(400, 40, 99, Scenario.APP_OUTAGE, START.plusDays(20), 0.01);
        Path a = newDir();
        Path b = newDir();
        Path c = newDir();
        generate(config, a, 2);
        generate(config, b, 1);
        generate(config(400, 40, 100, Scenario.APP_OUTAGE, START.plusDays(20), 0.01), c, 2);
        assertEquals(Generated.hash(a.resolve("raw")), Generated.hash(b.resolve("raw")));
        assertNotEquals(Generated.hash(a.resolve("raw")), Generated.hash(c.resolve("raw")));
    }

    @Test
    void activityStopsForCustomersWhoCloseTheirAccount() {
        Map<String, Long> closed = new HashMap<>();
        for (Generated.Row row : clean.of(EventSource.CLOSURES)) {
            assertTrue(closed.put(row.cell("customer_id"), row.time()) == null, row::line);
        }
        assertTrue(closed.size() > 20, "closures: " + closed.size());
        for (EventSource source : List.of(EventSource.ORDERS, EventSource.SESSIONS, EventSource.EMAILS, EventSource.TICKETS)) {
            for (Generated.Row row : clean.of(source)) {
                Long at = closed.get(row.cell("customer_id"));
                assertTrue(at == null || row.time() < at, () -> "after the closure: " + row.line());
            }
        }
    }

    @Test
    void monthlyChurnIsInRangeAndChurnersFadeBeforeTheyStop() {
        Map<String, Set<Long>> activeDays = new HashMap<>();
        for (EventSource source : List.of(EventSource.ORDERS, EventSource.SESSIONS)) {
            for (Generated.Row row : clean.of(source)) {
                activeDays.computeIfAbsent(row.cell("customer_id"), k -> new HashSet<>()).add(row.partition().toEpochDay());
            }
        }
        Map<String, Long> closed = new HashMap<>();
        for (Generated.Row row : clean.of(EventSource.CLOSURES)) {
            closed.put(row.cell("customer_id"), row.partition().toEpochDay());
        }
        for (int cutoffDay : new int[] {60, 90}) {
            long cutoff = START.toEpochDay() + cutoffDay;
            int active = 0;
            int churned = 0;
            double churnedTrend = 0;
            double stayedTrend = 0;
            for (Map.Entry<String, Set<Long>> e : activeDays.entrySet()) {
                Long closedOn = closed.get(e.getKey());
                if (closedOn != null && closedOn < cutoff) {
                    continue;
                }
                int recent = count(e.getValue(), cutoff - 30, cutoff);
                if (recent == 0) {
                    continue;
                }
                active++;
                int earlier = count(e.getValue(), cutoff - 60, cutoff - 30);
                double trend = (recent + 1.0) / (earlier + 1.0);
                boolean churn = count(e.getValue(), cutoff, cutoff + 30) == 0 || (closedOn != null && closedOn < cutoff + 30);
                if (churn) {
                    churned++;
                    churnedTrend += trend;
                } else {
                    stayedTrend += trend;
                }
            }
            double rate = churned / (double) active;
            assertTrue(rate > 0.025 && rate < 0.09, "churn at day " + cutoffDay + ": " + churned + " of " + active);
            // Predictable: the churners' activity was already falling before the cutoff.
            double churnedMean = churnedTrend / churned;
            double stayedMean = stayedTrend / (active - churned);
            assertTrue(churnedMean < 0.75 * stayedMean, "trend of churners " + churnedMean + " vs stayers " + stayedMean);
        }
    }

    private static int count(Set<Long> days, long from, long to) {
        int n = 0;
        for (long d : days) {
            if (d >= from && d < to) {
                n++;
            }
        }
        return n;
    }

    /** Every file of the scenario run dated before its start equals the baseline's; the day it starts differs. */
    private static Generated scenario(Scenario scenario) {
        Path out = newDir();
        lastScenarioResult = generate(scenarioRun(scenario), out, 2);
        Map<String, byte[]> with = Generated.contents(out);
        Map<String, byte[]> without = Generated.contents(dir.resolve("baseline"));
        boolean fromDiffers = false;
        for (Map.Entry<String, byte[]> e : without.entrySet()) {
            LocalDate date = LocalDate.parse(e.getKey().substring(e.getKey().indexOf("dt=") + 3, e.getKey().indexOf("dt=") + 13));
            if (date.isBefore(FROM)) {
                assertArrayEquals(e.getValue(), with.get(e.getKey()), () -> scenario + " changed " + e.getKey());
            } else if (date.equals(FROM) && !java.util.Arrays.equals(e.getValue(), with.get(e.getKey()))) {
                fromDiffers = true;
            }
        }
        assertTrue(fromDiffers, scenario + " changes nothing on its first day");
        return Generated.read(out);
    }

    private static boolean after(Generated.Row row) {
        return !row.partition().isBefore(FROM);
    }

    @Test
    void appOutageCollapsesAppSessionsAndRaisesTicketsFromItsDate() {
        Generated g = scenario(Scenario.APP_OUTAGE);
        double[] before = appShare(g, false);
        double[] afterOutage = appShare(g, true);
        assertTrue(before[0] > 0.35, "app share before: " + before[0]);
        assertTrue(afterOutage[0] < 0.5 * before[0], "app share after: " + afterOutage[0] + " before " + before[0]);
        double[] baseAfter = appShare(baseline, true);
        assertTrue(afterOutage[1] < baseAfter[1] && afterOutage[1] > 0.5 * baseAfter[1], "web partially compensates: sessions "
                + afterOutage[1] + " vs " + baseAfter[1]);
        long ticketsAfter = g.of(EventSource.TICKETS).stream().filter(r -> after(r) && r.cell("status").equals("opened")).count();
        long baseTickets = baseline.of(EventSource.TICKETS).stream().filter(r -> after(r) && r.cell("status").equals("opened"))
                .count();
        assertTrue(ticketsAfter > 2 * baseTickets, "tickets after " + ticketsAfter + " vs " + baseTickets);
        assertTrue(g.of(EventSource.TICKETS).stream().filter(ShopGeneratorTest::after).filter(r -> r.cell("category").equals("app"))
                .count() > ticketsAfter / 3);
    }

    /** App share of sessions and sessions, before or from the scenario date. */
    private static double[] appShare(Generated g, boolean fromDate) {
        long app = 0;
        long all = 0;
        for (Generated.Row row : g.of(EventSource.SESSIONS)) {
            if (after(row) == fromDate) {
                all++;
                if (row.cell("platform").equals("app")) {
                    app++;
                }
            }
        }
        return new double[] {app / (double) all, all};
    }

    @Test
    void newAcquisitionChannelBringsAnUnseenChannelOnlyFromItsDate() {
        Generated g = scenario(Scenario.NEW_ACQUISITION_CHANNEL);
        Set<String> before = new HashSet<>();
        long influencers = 0;
        long signupsAfter = 0;
        for (Generated.Row row : g.of(EventSource.CUSTOMERS)) {
            if (after(row)) {
                signupsAfter++;
                if (row.cell("acquisition_channel").equals("influencer")) {
                    influencers++;
                }
            } else {
                before.add(row.cell("acquisition_channel"));
            }
        }
        assertEquals(Set.of("organic", "paid_search", "social", "referral", "affiliate", "email"), before);
        assertTrue(influencers > 0.3 * signupsAfter && influencers < 0.6 * signupsAfter, influencers + " of " + signupsAfter);
        long baseSignups = baseline.of(EventSource.CUSTOMERS).stream().filter(ShopGeneratorTest::after).count();
        assertTrue(signupsAfter > 1.2 * baseSignups, signupsAfter + " vs " + baseSignups);
    }

    @Test
    void priceIncreaseRaisesUnitPricesAndLowersOrdersFromItsDate() {
        Generated g = scenario(Scenario.PRICE_INCREASE);
        double ratio = meanPrice(g) / meanPrice(baseline);
        assertTrue(ratio > 1.08 && ratio < 1.25, "unit price ratio " + ratio);
        long orders = orderCount(g);
        long baseOrders = orderCount(baseline);
        assertTrue(orders < 0.9 * baseOrders, orders + " vs " + baseOrders);
    }

    /** Mean unit price relative to its category's median, from the scenario date. */
    private static double meanPrice(Generated g) {
        double sum = 0;
        long n = 0;
        for (Generated.Row row : g.of(EventSource.ORDERS)) {
            if (after(row)) {
                int category = EventSource.CATEGORIES.indexOf(row.cell("category"));
                sum += Double.parseDouble(row.cell("unit_price")) * 100 / ShopModel.CATEGORY_PRICE_CENTS[category];
                n++;
            }
        }
        return sum / n;
    }

    private static long orderCount(Generated g) {
        return g.of(EventSource.ORDERS).stream().filter(r -> after(r) && r.cell("line_number").equals("1")).count();
    }

    @Test
    void competitorPromoLowersOpensAndOrdersAndRaisesLeavingFromItsDate() {
        Generated g = scenario(Scenario.COMPETITOR_PROMO);
        double opens = openRate(g);
        double baseOpens = openRate(baseline);
        assertTrue(opens < 0.85 * baseOpens, "open rate " + opens + " vs " + baseOpens);
        assertTrue(orderCount(g) < 0.92 * orderCount(baseline), orderCount(g) + " vs " + orderCount(baseline));
        // Leaving takes weeks to show in the files; the generator's own count shows it at once.
        long leaving = lastScenarioResult.outcomes().startedLeaving();
        long baseLeaving = baselineResult.outcomes().startedLeaving();
        assertTrue(leaving > 1.25 * baseLeaving, leaving + " vs " + baseLeaving);
    }

    private static double openRate(Generated g) {
        long sent = 0;
        long opened = 0;
        for (Generated.Row row : g.of(EventSource.EMAILS)) {
            if (after(row)) {
                switch (row.cell("event_type")) {
                    case "sent" -> sent++;
                    case "opened" -> opened++;
                    default -> {
                    }
                }
            }
        }
        return opened / (double) sent;
    }

    @Test
    void defectsCountedByKindAreExactlyTheDefectiveRowsWritten() {
        Path out = newDir();
        GenerationResult result = generate(config(500, 40, 3, null, null, 0.01), out, 2);
        Generated g = Generated.read(out);
        Map<String, Long> signups = new HashMap<>();
        for (Generated.Row row : g.of(EventSource.CUSTOMERS)) {
            signups.put(row.cell("customer_id"), row.time());
        }
        Map<DefectKind, Long> found = new EnumMap<>(DefectKind.class);
        Map<EventSource, Long> bySource = new EnumMap<>(EventSource.class);
        for (EventSource source : EventSource.values()) {
            long valid = 0;
            for (Generated.Row row : g.of(source)) {
                DefectKind kind = defectOf(row, signups);
                if (kind == null) {
                    valid++;
                } else {
                    found.merge(kind, 1L, Long::sum);
                    bySource.merge(source, 1L, Long::sum);
                }
            }
            assertEquals(result.rows().get(source), valid, source::toString);
        }
        for (DefectKind kind : DefectKind.values()) {
            assertTrue(result.defects().get(kind) > 0, kind::toString);
            assertEquals(result.defects().get(kind), found.getOrDefault(kind, 0L), kind::toString);
        }
        for (EventSource source : EventSource.values()) {
            assertEquals(result.defectRows().get(source), bySource.getOrDefault(source, 0L), source::toString);
        }
        long rows = result.events();
        assertTrue(result.defectTotal() > 0.007 * rows && result.defectTotal() < 0.013 * rows, result.defectTotal() + " for " + rows);
    }

    /** The one defect a row has, found without the generator's help; null for a valid row. */
    private static DefectKind defectOf(Generated.Row row, Map<String, Long> signups) {
        List<EventColumn> columns = row.source().columns();
        if (row.cells().length != columns.size()) {
            return DefectKind.WRONG_COLUMN_COUNT;
        }
        DefectKind found = null;
        int problems = 0;
        for (int i = 0; i < columns.size(); i++) {
            EventColumn column = columns.get(i);
            String cell = row.cells()[i];
            if ((column.kind() == EventColumn.Kind.INTEGER || column.kind() == EventColumn.Kind.DECIMAL) && !cell.isEmpty()) {
                try {
                    Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    found = DefectKind.UNPARSEABLE_NUMBER;
                    problems++;
                }
            }
        }
        long time;
        try {
            time = row.time();
        } catch (IllegalArgumentException e) {
            return problems == 0 ? DefectKind.BAD_TIMESTAMP : fail("two defects in " + row.line());
        }
        if (EventTime.epochDay(time) > row.partition().toEpochDay()) {
            found = DefectKind.FUTURE_TIMESTAMP;
            problems++;
        }
        if (row.source() != EventSource.CUSTOMERS) {
            Long signup = signups.get(row.cell("customer_id"));
            if (signup == null) {
                found = DefectKind.UNKNOWN_CUSTOMER;
                problems++;
            } else if (time <= signup) {
                found = DefectKind.BEFORE_SIGNUP;
                problems++;
            }
        }
        assertTrue(problems <= 1, () -> "more than one defect in " + row.line());
        assertFalse(found == null && check(columns.get(0), row.cells()[0]) != null, row::line);
        return found;
    }

    @Test
    void badConfigurationsAreRefusedNamingTheOption() {
        assertMessage(() -> GeneratorConfig.of(-5, 10, 1), "--customers -5: expected a whole number from 1 to 5000000");
        assertMessage(() -> GeneratorConfig.of(10, 0, 1), "--days 0: expected a whole number from 1 to 1830");
        assertMessage(() -> new GeneratorConfig(10, 30, 1, START, Scenario.APP_OUTAGE, START.plusDays(30), 0),
                "--from 2026-01-31 is outside the generated period: expected a date from 2026-01-01 to 2026-01-30");
        assertMessage(() -> new GeneratorConfig(10, 30, 1, START, Scenario.APP_OUTAGE, START.minusDays(1), 0),
                "--from 2025-12-31 is outside the generated period");
        assertMessage(() -> new GeneratorConfig(10, 30, 1, START, null, START.plusDays(3), 0), "--from 2026-01-04 needs --scenario");
        assertMessage(() -> new GeneratorConfig(10, 30, 1, START, null, null, -0.1), "--defect-rate -0.1: expected a rate from 0 to 0.1");
        assertMessage(() -> Scenario.of("meteor"), "--scenario 'meteor' is not a known scenario: expected one of price-increase, "
                + "app-outage, competitor-promo, new-acquisition-channel");
        assertEquals(START.plusDays(15), new GeneratorConfig(10, 30, 1, START, Scenario.APP_OUTAGE, null, 0).scenarioFrom());
    }

    @Test
    void refusesToWriteWhereRawFilesAlreadyAre() {
        Path out = newDir();
        generate(config(20, 2, 1, null, null, 0), out, 1);
        assertMessage(() -> ShopGenerator.generate(config(20, 2, 1, null, null, 0), out, 1), "already holds raw/");
    }

    private interface Action {
        Object run() throws Exception;
    }

    private static void assertMessage(Action action, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in '" + e.getMessage() + "'");
    }

    @Test
    void theManifestDescribesTheRunItsScenarioAndTheChurnDrivers() throws IOException {
        Path out = newDir();
        GenerationResult result = generate(config(300, 30, 2, Scenario.COMPETITOR_PROMO, START.plusDays(10), 0.002), out, 2);
        Map<String, Object> m = GeneratorManifest.content(result);
        assertEquals(List.of("format", "generator", "parameters", "layout", "customers", "rows", "events", "files", "bytes",
                "defects", "scenario", "churn"), List.copyOf(m.keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> scenario = (Map<String, Object>) m.get("scenario");
        assertEquals("competitor-promo", scenario.get("name"));
        assertEquals("2026-01-11", scenario.get("from"));
        assertEquals(result.events(), m.get("events"));
        String json = GeneratorManifest.toJson(result);
        assertTrue(json.contains("\"unresolved_tickets\""), json);
        assertTrue(json.contains("\"email_open_rate\""), json);
        Path file = GeneratorManifest.write(result, out);
        assertEquals(json, java.nio.file.Files.readString(file));
        long bytes = 0;
        for (Path f : Generated.read(out).files) {
            bytes += java.nio.file.Files.size(f);
        }
        assertEquals(bytes, result.bytes());
        assertEquals(Generated.read(out).files.size(), result.files());
    }
}
