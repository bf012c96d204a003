package dev.churnops.core.evaluation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Locale-independent number formatting for the sentences this package writes, so that the same
 * evaluation produces the same text on every machine.
 */
final class Formats {

    private Formats() {
    }

    /** {@code digits} significant digits, plain notation, trailing zeros dropped. */
    static String significant(double value, int digits) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == 0.0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }

    /** A fraction as a percentage with two decimals, e.g. 0.016 as "1.60%". */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100.0);
    }

    /** A headcount: whole numbers without decimals, others with one, thousands grouped. */
    static String people(double count) {
        return count == Math.rint(count)
                ? String.format(Locale.ROOT, "%,.0f", count)
                : String.format(Locale.ROOT, "%,.1f", count);
    }

    /** Money with two decimals and grouped thousands; the currency is the caller's. */
    static String money(double amount) {
        return String.format(Locale.ROOT, "%,.2f", amount);
    }
}
