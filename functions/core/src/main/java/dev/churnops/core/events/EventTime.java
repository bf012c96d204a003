package dev.churnops.core.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Event timestamps in their one written form, {@code YYYY-MM-DDTHH:MM:SSZ} (UTC, whole seconds),
 * parsed and written without {@link java.time.format.DateTimeFormatter}: feature computation reads
 * millions of them a second. Times are carried as epoch seconds.
 */
public final class EventTime {

    /** Length of the written form. */
    public static final int LENGTH = 20;

    private static final long SECONDS_PER_DAY = 86_400L;

    private EventTime() {
    }

    /**
     * Epoch seconds of {@code text[from, from + LENGTH)}.
     *
     * @throws IllegalArgumentException naming the text and the expected form, when it is not one
     */
    public static long parse(CharSequence text, int from, int to) {
        if (to - from != LENGTH || text.charAt(from + 4) != '-' || text.charAt(from + 7) != '-'
                || text.charAt(from + 10) != 'T' || text.charAt(from + 13) != ':' || text.charAt(from + 16) != ':'
                || text.charAt(from + 19) != 'Z') {
            throw invalid(text, from, to);
        }
        int year = digits(text, from, 4, from, to);
        int month = digits(text, from + 5, 2, from, to);
        int day = digits(text, from + 8, 2, from, to);
        int hour = digits(text, from + 11, 2, from, to);
        int minute = digits(text, from + 14, 2, from, to);
        int second = digits(text, from + 17, 2, from, to);
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
            throw invalid(text, from, to);
        }
        return epochDay(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
    }

    public static long parse(CharSequence text) {
        return parse(text, 0, text.length());
    }

    /** The written form of {@code epochSeconds}. */
    public static String format(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }

    /** The UTC day (days since 1970-01-01) of an instant in epoch seconds. */
    public static long epochDay(long epochSeconds) {
        return Math.floorDiv(epochSeconds, SECONDS_PER_DAY);
    }

    /** The last second of {@code date}, UTC: features "as of the end of a day" see every event of it. */
    public static long endOfDay(LocalDate date) {
        return (date.toEpochDay() + 1) * SECONDS_PER_DAY - 1;
    }

    private static int digits(CharSequence text, int at, int count, int from, int to) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw invalid(text, from, to);
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days-from-civil). */
    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int mp = (month + 9) % 12;
        int doy = (153 * mp + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468L;
    }

    private static IllegalArgumentException invalid(CharSequence text, int from, int to) {
        String shown = text.subSequence(from, Math.min(to, from + 40)).toString();
        return new IllegalArgumentException("'" + shown + "' is not a timestamp: expected YYYY-MM-DDTHH:MM:SSZ (UTC, whole seconds)");
    }
}
