package dev.churnops.core.quality;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * A day's row count against the days before it: below {@value #LOW_RATIO} or above
 * {@value #HIGH_RATIO} times the median of the previous {@value #WINDOW_DAYS} days is an anomaly,
 * judged only once at least {@value #MIN_DAYS} of those days have a count. An anomaly is reported
 * (and alerted on), never a reason to quarantine rows: a quiet holiday is real data.
 *
 * @param source       the source name
 * @param date         the day checked
 * @param rows         rows counted on that day, every file of it
 * @param previousDays days of the window before it that have a count
 * @param median       their median, or null when there are none
 * @param anomaly      whether the day's count is outside the band around the median
 * @param message      one sentence saying what was found
 */
@JsonPropertyOrder({"source", "date", "rows", "previous_days", "median", "anomaly", "message"})
public record VolumeCheck(@JsonProperty("source") String source,
                          @JsonProperty("date") String date,
                          @JsonProperty("rows") long rows,
                          @JsonProperty("previous_days") int previousDays,
                          @JsonProperty("median") Double median,
                          @JsonProperty("anomaly") boolean anomaly,
                          @JsonProperty("message") String message) {

    public static final int WINDOW_DAYS = 7;
    public static final int MIN_DAYS = 3;
    public static final double LOW_RATIO = 0.5;
    public static final double HIGH_RATIO = 2.0;

    /** Checks {@code day}'s count in {@code history} against the {@value #WINDOW_DAYS} calendar days before it. */
    public static VolumeCheck of(VolumeHistory history, LocalDate day) {
        long[] previous = new long[WINDOW_DAYS];
        int n = 0;
        for (int back = 1; back <= WINDOW_DAYS; back++) {
            LocalDate d = day.minusDays(back);
            if (history.has(d)) {
                previous[n++] = history.rows(d);
            }
        }
        long rows = history.rows(day);
        String what = history.source() + " on " + day + ": " + rows + " rows";
        if (n < MIN_DAYS) {
            return new VolumeCheck(history.source(), day.toString(), rows, n, n == 0 ? null : median(previous, n), false,
                    what + "; not compared, " + n + " of the previous " + WINDOW_DAYS + " days have a count (needs "
                            + MIN_DAYS + ")");
        }
        double median = median(previous, n);
        String ofMedian = " of the median " + plain(median) + " of the previous " + WINDOW_DAYS + " days (" + n
                + " with a count)";
        if (rows < LOW_RATIO * median) {
            return new VolumeCheck(history.source(), day.toString(), rows, n, median, true, what + ", below 50%" + ofMedian);
        }
        if (rows > HIGH_RATIO * median) {
            return new VolumeCheck(history.source(), day.toString(), rows, n, median, true, what + ", above 200%" + ofMedian);
        }
        return new VolumeCheck(history.source(), day.toString(), rows, n, median, false,
                what + ", within 50% to 200%" + ofMedian);
    }

    private static double median(long[] values, int n) {
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
