package dev.churnops.core.features;

import dev.churnops.core.events.EventSource;
import dev.churnops.core.events.EventTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Property: a state fed random files in random order (late files, files of days after the
 * cutoff, a day split over several files) answers asOf(T) as a fresh state fed only the events
 * up to T, for several seeds.
 */
class IncrementalEqualsBatchTest {

    private static final LocalDate START = LocalDate.parse("2026-01-01");
    private static final int DAYS = 160;

    record Day(EventSource source, int day, List<String> rows) {
    }

    static List<Day> generate(long seed) {
        Random r = new Random(seed);
        TreeMap<String, List<String>> byKey = new TreeMap<>();
        int customers = 25;
        for (int c = 0; c < customers; c++) {
            int signupDay = r.nextInt(DAYS - 10);
            String id = "c" + c;
            put(byKey, EventSource.CUSTOMERS, signupDay, id + "," + time(signupDay, r) + ",DE,ads," + (c % 2 == 0 ? "plus" : "none"));
            int events = 5 + r.nextInt(60);
            for (int e = 0; e < events; e++) {
                int day = Math.min(DAYS - 1, signupDay + r.nextInt(DAYS));
                String t = time(day, r);
                switch (r.nextInt(5)) {
                    case 0 -> {
                        int lines = 1 + r.nextInt(3);
                        for (int l = 1; l <= lines; l++) {
                            put(byKey, EventSource.ORDERS, day, "o" + c + "_" + e + "," + id + "," + t + "," + l + ","
                                    + (r.nextInt(10) == 0 ? "garden" : EventSource.CATEGORIES.get(r.nextInt(8))) + "," + (1 + r.nextInt(3)) + ","
                                    + (r.nextInt(20000) / 100.0) + "," + (r.nextInt(4) / 4.0) + "," + r.nextBoolean());
                        }
                    }
                    case 1 -> put(byKey, EventSource.SESSIONS, day, "s" + c + "_" + e + "," + id + "," + t + ","
                            + (r.nextBoolean() ? "app" : "web") + "," + r.nextInt(30) + "," + r.nextInt(10) + ",");
                    case 2 -> put(byKey, EventSource.EMAILS, day, "e" + c + "_" + e + "," + id + "," + t + ",x,"
                            + List.of("sent", "sent", "opened", "clicked").get(r.nextInt(4)));
                    case 3 -> {
                        put(byKey, EventSource.TICKETS, day, "t" + c + "_" + e + "," + id + "," + t + ",opened,delivery,");
                        if (r.nextBoolean()) {
                            int resolved = Math.min(DAYS - 1, day + r.nextInt(5));
                            put(byKey, EventSource.TICKETS, resolved, "t" + c + "_" + e + "," + id + "," + time(resolved, r)
                                    + ",resolved,delivery," + (r.nextBoolean() ? "" : String.valueOf(1 + r.nextInt(5))));
                        }
                    }
                    default -> {
                        if (r.nextInt(8) == 0) {
                            put(byKey, EventSource.CLOSURES, day, id + "," + t + ",moved");
                        }
                    }
                }
            }
        }
        List<Day> days = new ArrayList<>();
        byKey.forEach((key, rows) -> {
            String[] parts = key.split("/");
            Collections.shuffle(rows, r);
            // Some days arrive as several files.
            int pieces = 1 + r.nextInt(3);
            int size = (rows.size() + pieces - 1) / pieces;
            for (int i = 0; i < rows.size(); i += size) {
                days.add(new Day(EventSource.of(parts[0]), Integer.parseInt(parts[1]), rows.subList(i, Math.min(rows.size(), i + size))));
            }
        });
        return days;
    }

    private static void put(TreeMap<String, List<String>> byKey, EventSource source, int day, String row) {
        byKey.computeIfAbsent(source.sourceName() + "/" + String.format("%04d", day), k -> new ArrayList<>()).add(row);
    }

    private static String time(int day, Random r) {
        long t = EventTime.endOfDay(START.plusDays(day)) - r.nextInt(86_400);
        return EventTime.format(t);
    }

    @Test
    void incrementalStateMatchesAFullRecomputeForRandomEventsAndFileOrders() {
        for (long seed = 1; seed <= 6; seed++) {
            List<Day> files = generate(seed);
            Random order = new Random(seed * 31);
            int cutoffDay = DAYS - 1 - order.nextInt(25);
            long t = EventTime.endOfDay(START.plusDays(cutoffDay));

            FeatureState full = FeatureState.empty(FeatureStateTest.REGISTRY, FeatureStateTest.VIEW);
            for (Day f : files) {
                if (f.day() <= cutoffDay) {
                    full.apply(f.source(), Events.csv(f.source(), f.rows()));
                }
            }
            // Incremental: mostly in day order with some files late, plus days after the cutoff.
            java.util.Map<Day, Integer> arrivalDay = new java.util.IdentityHashMap<>();
            files.forEach(f -> arrivalDay.put(f, f.day() + order.nextInt(20)));
            List<Day> arrival = new ArrayList<>(files);
            arrival.sort(java.util.Comparator.comparing(arrivalDay::get));
            FeatureState incremental = FeatureState.empty(FeatureStateTest.REGISTRY, FeatureStateTest.VIEW);
            // Every file through the two-thread path here; the same files on one thread must give the same bytes.
            incremental.parallelFrom(1);
            FeatureState oneThread = FeatureState.empty(FeatureStateTest.REGISTRY, FeatureStateTest.VIEW);
            for (Day f : arrival) {
                incremental.apply(f.source(), Events.csv(f.source(), f.rows()));
                oneThread.apply(f.source(), Events.csv(f.source(), f.rows()));
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(oneThread.serialize(), incremental.serialize(), "seed " + seed);
            FeatureBatch expected = full.asOf(t);
            if (expected.size() < 5) {
                throw new AssertionError("seed " + seed + " gives too few customers to test anything: " + expected.size());
            }
            FeatureSupport.assertSameBatch(expected, incremental.asOf(t), 1e-9);
            // And through a serialize/deserialize between invocations.
            FeatureState restored = FeatureState.deserialize(incremental.serialize(), FeatureStateTest.REGISTRY);
            FeatureSupport.assertSameBatch(expected, restored.asOf(t), 1e-9);
        }
    }
}
