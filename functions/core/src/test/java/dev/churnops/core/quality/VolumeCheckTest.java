package dev.churnops.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class VolumeCheckTest {

    private static final LocalDate DAY = LocalDate.parse("2026-03-10");

    /** Counts on the days before {@link #DAY}: {@code counts[0]} the day before, and so on back. */
    private static VolumeHistory history(long... counts) {
        VolumeHistory h = VolumeHistory.empty("orders");
        for (int i = 0; i < counts.length; i++) {
            h = h.withCount(DAY.minusDays(i + 1), "orders.csv", counts[i]);
        }
        return h;
    }

    @Test
    void flagsADayBelowHalfTheMedianOfTheWeekBefore() {
        VolumeHistory h = history(1000, 1100, 900, 1000, 950, 1050, 1000).withCount(DAY, "orders.csv", 499);

        VolumeCheck check = VolumeCheck.of(h, DAY);

        assertTrue(check.anomaly());
        assertEquals(1000.0, check.median());
        assertEquals(7, check.previousDays());
        assertEquals("orders on 2026-03-10: 499 rows, below 50% of the median 1000 of the previous 7 days (7 with a count)",
                check.message());
    }

    @Test
    void flagsADayAboveTwiceTheMedian() {
        VolumeCheck check = VolumeCheck.of(history(100, 200, 300).withCount(DAY, "orders.csv", 401), DAY);

        assertTrue(check.anomaly());
        assertEquals(200.0, check.median());
        assertTrue(check.message().contains("above 200% of the median 200"), check.message());
    }

    @Test
    void acceptsTheEdgesOfTheBand() {
        assertFalse(VolumeCheck.of(history(100, 100, 100).withCount(DAY, "orders.csv", 50), DAY).anomaly());
        assertFalse(VolumeCheck.of(history(100, 100, 100).withCount(DAY, "orders.csv", 200), DAY).anomaly());
        assertTrue(VolumeCheck.of(history(100, 100, 100).withCount(DAY, "orders.csv", 49), DAY).anomaly());
    }

    @Test
    void takesTheMeanOfTheMiddleTwoOfAnEvenWindow() {
        VolumeCheck check = VolumeCheck.of(history(100, 200, 300, 400).withCount(DAY, "orders.csv", 250), DAY);

        assertEquals(250.0, check.median());
        assertFalse(check.anomaly());
    }

    @Test
    void doesNotJudgeWithFewerThanThreeDaysOfHistory() {
        VolumeCheck check = VolumeCheck.of(history(1000, 1000).withCount(DAY, "orders.csv", 1), DAY);

        assertFalse(check.anomaly());
        assertEquals(2, check.previousDays());
        assertTrue(check.message().contains("not compared, 2 of the previous 7 days have a count (needs 3)"), check.message());
        assertNull(VolumeCheck.of(VolumeHistory.empty("orders").withCount(DAY, "orders.csv", 5), DAY).median());
    }

    @Test
    void looksOnlySevenCalendarDaysBack() {
        // Three days of history, but eight to ten days back: too old to compare with.
        VolumeHistory h = VolumeHistory.empty("orders");
        for (int back = 8; back <= 10; back++) {
            h = h.withCount(DAY.minusDays(back), "orders.csv", 1000);
        }
        VolumeCheck check = VolumeCheck.of(h.withCount(DAY, "orders.csv", 1), DAY);

        assertFalse(check.anomaly());
        assertEquals(0, check.previousDays());
    }

    @Test
    void replacesAFilesCountWhenValidatedAgainAndAddsOtherFiles() {
        VolumeHistory h = VolumeHistory.empty("orders").withCount(DAY, "a.csv", 100).withCount(DAY, "a.csv", 120);
        assertEquals(120, h.rows(DAY));

        h = h.withCount(DAY, "b.csv", 30);
        assertEquals(150, h.rows(DAY));
    }

    @Test
    void keepsOnlyTheRecentDays() {
        VolumeHistory h = VolumeHistory.empty("orders");
        for (int back = 0; back < VolumeHistory.KEPT_DAYS + 5; back++) {
            h = h.withCount(DAY.minusDays(back), "f.csv", back);
        }
        assertEquals(VolumeHistory.KEPT_DAYS, h.days().size());
        assertTrue(h.has(DAY.minusDays(VolumeHistory.KEPT_DAYS - 1)));
        assertFalse(h.has(DAY.minusDays(VolumeHistory.KEPT_DAYS)));
    }

    @Test
    void roundTripsThroughJson() {
        VolumeHistory h = history(10, 20).withCount(DAY, "b.csv", 3).withCount(DAY, "a.csv", 4);

        VolumeHistory read = VolumeHistory.fromJson(h.toJson());

        assertEquals(h, read);
        assertEquals(7, read.rows(DAY));
    }

    @Test
    void rejectsAHistoryWithABadDayOrCount() {
        IllegalArgumentException day = assertThrows(IllegalArgumentException.class, () -> VolumeHistory.fromJson(
                "{\"source\": \"orders\", \"days\": {\"2026-3-1\": {\"a.csv\": 1}}}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(day.getMessage().contains("'2026-3-1'"), day.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> VolumeHistory.fromJson(
                "{\"source\": \"orders\", \"days\": {\"2026-03-01\": {\"a.csv\": -1}}}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(count.getMessage().contains("-1 rows for a.csv"), count.getMessage());
    }
}
