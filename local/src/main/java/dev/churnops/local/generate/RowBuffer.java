package dev.churnops.local.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer of CSV rows with hand-rolled number and timestamp writing: the
 * generator writes millions of cells a second, which {@code String.format} and
 * {@code Instant.toString} cannot keep up with. Everything written is ASCII and needs no quoting.
 */
final class RowBuffer {

    private byte[] bytes;
    private int length;

    RowBuffer(int capacity) {
        bytes = new byte[Math.max(64, capacity)];
    }

    int length() {
        return length;
    }

    void clear() {
        length = 0;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    /** What has been written, as text (for tests and small files). */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    RowBuffer bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
        return this;
    }

    RowBuffer ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) s.charAt(i);
        }
        return this;
    }

    RowBuffer ch(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    RowBuffer comma() {
        return ch(',');
    }

    RowBuffer endRow() {
        return ch('\n');
    }

    /** Two ASCII digits for each of 00-99, so numbers are written two digits per division. */
    private static final byte[] PAIRS = pairs();

    private static byte[] pairs() {
        byte[] p = new byte[200];
        for (int i = 0; i < 100; i++) {
            p[2 * i] = (byte) ('0' + i / 10);
            p[2 * i + 1] = (byte) ('0' + i % 10);
        }
        return p;
    }

    /** A whole number in decimal. */
    RowBuffer number(long v) {
        if (v < 0) {
            ch('-');
            if (v == Long.MIN_VALUE) {
                return ascii("9223372036854775808");
            }
            v = -v;
        }
        int digits = 1;
        for (long x = v; x >= 10; x /= 10) {
            digits++;
        }
        return padded(v, digits);
    }

    /** {@code v} (non-negative) zero-padded to {@code width} digits; higher digits are cut off. */
    RowBuffer padded(long v, int width) {
        ensure(width);
        byte[] b = bytes;
        int at = length + width;
        int left = width;
        while (left >= 2) {
            int pair = (int) (v % 100);
            v /= 100;
            at -= 2;
            b[at] = PAIRS[2 * pair];
            b[at + 1] = PAIRS[2 * pair + 1];
            left -= 2;
        }
        if (left == 1) {
            b[at - 1] = (byte) ('0' + v % 10);
        }
        length += width;
        return this;
    }

    /** An amount in hundredths as {@code 12.34}. */
    RowBuffer hundredths(long v) {
        number(v / 100);
        ch('.');
        return padded(v % 100, 2);
    }

    /** A customer's id, {@code C} and eight digits of its number (from 1). */
    RowBuffer customerId(long number) {
        ch('C');
        return padded(number, 8);
    }

    /** {@code prefix} (the day's {@code YYYY-MM-DDT}) then {@code HH:MM:SSZ} of a second of that day. */
    RowBuffer time(byte[] dayPrefix, int secondOfDay) {
        bytes(dayPrefix);
        ensure(9);
        int h = secondOfDay / 3600;
        int m = secondOfDay / 60 % 60;
        int s = secondOfDay % 60;
        byte[] b = bytes;
        int at = length;
        b[at] = (byte) ('0' + h / 10);
        b[at + 1] = (byte) ('0' + h % 10);
        b[at + 2] = ':';
        b[at + 3] = (byte) ('0' + m / 10);
        b[at + 4] = (byte) ('0' + m % 10);
        b[at + 5] = ':';
        b[at + 6] = (byte) ('0' + s / 10);
        b[at + 7] = (byte) ('0' + s % 10);
        b[at + 8] = 'Z';
        length = at + 9;
        return this;
    }

    /** Any instant (years 0-9999) in the form {@link dev.churnops.core.events.EventTime#format} writes. */
    RowBuffer timestamp(long epochSeconds) {
        long day = Math.floorDiv(epochSeconds, 86_400L);
        return time(dayPrefix(day), (int) (epochSeconds - day * 86_400L));
    }

    /** {@code YYYY-MM-DDT} of a day since 1970-01-01 (Howard Hinnant's civil-from-days). */
    static byte[] dayPrefix(long epochDay) {
        byte[] p = new byte[11];
        writeDate(epochDay, p);
        p[10] = 'T';
        return p;
    }

    /** {@code YYYY-MM-DD} of a day since 1970-01-01. */
    static String date(long epochDay) {
        byte[] p = new byte[10];
        writeDate(epochDay, p);
        return new String(p, StandardCharsets.US_ASCII);
    }

    private static void writeDate(long epochDay, byte[] p) {
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
        p[0] = (byte) ('0' + year / 1000);
        p[1] = (byte) ('0' + year / 100 % 10);
        p[2] = (byte) ('0' + year / 10 % 10);
        p[3] = (byte) ('0' + year % 10);
        p[4] = '-';
        p[5] = (byte) ('0' + month / 10);
        p[6] = (byte) ('0' + month % 10);
        p[7] = '-';
        p[8] = (byte) ('0' + day / 10);
        p[9] = (byte) ('0' + day % 10);
    }
}
