package dev.churnops.core.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Escaping and number formatting for the report. Every string that came from data goes
 * through {@link #escape(String)}; every number goes through a {@link Locale#ROOT} format so
 * the page is byte-identical whatever the machine's locale.
 */
final class Html {

    private Html() {
    }

    /**
     * Escapes text for element content and double- or single-quoted attributes. Control
     * characters that HTML forbids are replaced by U+FFFD so a stray byte in a column name
     * cannot break the page.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    boolean forbidden = (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                            || c == 0x7f || c == 0xfffe || c == 0xffff;
                    out.append(forbidden ? '\ufffd' : c);
                }
            }
        }
        return out.toString();
    }

    /** Fixed decimals; "n/a" for NaN and infinities, which have no meaningful rendering. */
    static String num(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Fixed decimals with grouped thousands, for money and headcounts. */
    static String grouped(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** A fraction as a percentage. */
    static String percent(double fraction, int decimals) {
        return Double.isFinite(fraction) ? num(fraction * 100.0, decimals) + "%" : "n/a";
    }

    /** SVG coordinates: two decimals are sub-pixel and keep the markup short. */
    static String coord(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** A threshold with up to six significant digits and no exponent. */
    static String threshold(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        if (value == 0.0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(6))
                .stripTrailingZeros().toPlainString();
    }
}
