package dev.churnops.core.data;

import java.util.Locale;

/**
 * How one cell value is read as a number or a boolean, shared by inference, validation and the
 * labeled table so that a value accepted by one is accepted by all. Numbers are plain decimals
 * only ({@code 12}, {@code -0.5}, {@code 1e3}): {@link Double#parseDouble} alone would also take
 * hex floats, {@code "Infinity"}, {@code "NaN"} and a trailing {@code d}/{@code f}, none of which a
 * customer table means as a number. Booleans are yes/no, true/false, y/n, t/f in any case.
 */
public final class Cells {

    private Cells() {
    }

    /**
     * The value of a finite plain decimal number after trimming, or NaN when {@code value} is not
     * one (callers check {@link DatasetSpec#isMissing} first, so NaN never hides a real value).
     */
    public static double parseNumber(String value) {
        String s = value.trim();
        if (!isDecimal(s)) {
            return Double.NaN;
        }
        double d = Double.parseDouble(s);
        // "1e999" is well-formed but overflows; an infinite value is as useless as text.
        return Double.isFinite(d) ? d : Double.NaN;
    }

    /** True when {@link #parseNumber(String)} gives a number. */
    public static boolean isNumber(String value) {
        return !Double.isNaN(parseNumber(value));
    }

    /** [+-] digits [. digits] [e [+-] digits], with at least one digit in the mantissa. */
    private static boolean isDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The boolean a yes/no-like token stands for, after trimming and ignoring case, or null when
     * {@code value} is not one of yes/no, true/false, y/n, t/f.
     */
    public static Boolean parseBoolean(String value) {
        String s = value.trim();
        if (s.isEmpty() || s.length() > 5) {
            // No token is longer than "false"; skip lower-casing long text cell by cell.
            return null;
        }
        switch (s.toLowerCase(Locale.ROOT)) {
            case "yes", "true", "y", "t":
                return Boolean.TRUE;
            case "no", "false", "n", "f":
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    /** The canonical text of a boolean cell, {@code "true"} or {@code "false"}, or null when not one. */
    public static String canonicalBoolean(String value) {
        Boolean b = parseBoolean(value);
        return b == null ? null : b.toString();
    }

    /**
     * The canonical text of a number: integers without a fraction ({@code 34}, not {@code 34.0}),
     * others as {@link Double#toString}, which reads back to the same double.
     */
    public static String formatNumber(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** {@code value} cut to 50 characters (with an ellipsis), so one absurd cell cannot flood a message. */
    public static String abbreviate(String value) {
        return value.length() <= 50 ? value : value.substring(0, 50) + "…";
    }
}
