package dev.churnops.core.evaluation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the decision threshold should optimise, as the business states it: the best F1
 * ({@code max-f1}, the default), the most expected money from retention offers under the
 * business assumptions ({@code max-profit}), the most churners caught while keeping precision at
 * or above a target ({@code precision>=0.6}), or the fewest wasted offers while catching at least
 * a target share of churners ({@code recall>=0.65}). It is written to JSON as that short text
 * form, which {@link #parse(String)} reads back.
 *
 * @param kind which rule applies
 * @param target the precision or recall floor in [0, 1]; 0 and unused for {@link Kind#MAX_F1}
 *     and {@link Kind#MAX_PROFIT}
 */
public record ThresholdObjective(Kind kind, double target) {

    /** The rules a threshold can be chosen by. */
    public enum Kind {
        /** Maximise F1 over all candidate thresholds. */
        MAX_F1,
        /**
         * Maximise the expected net value of sending offers to the flagged customers:
         * TP × offer success rate × retained customer value − (TP + FP) × offer cost.
         */
        MAX_PROFIT,
        /** Maximise recall among thresholds whose precision reaches the target. */
        MIN_PRECISION,
        /** Maximise precision among thresholds whose recall reaches the target. */
        MIN_RECALL
    }

    /** The accepted forms, as error messages list them. */
    static final String VALID_FORMS = "'max-f1', 'max-profit', 'precision>=T' or 'recall>=T'";

    private static final Pattern TARGETED =
            Pattern.compile("(precision|recall)\\s*>=\\s*([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)");

    public ThresholdObjective {
        Objects.requireNonNull(kind, "ThresholdObjective.kind must not be null");
        if (kind == Kind.MAX_F1 || kind == Kind.MAX_PROFIT) {
            if (target != 0.0) {
                throw new IllegalArgumentException("ThresholdObjective.target is " + target
                        + " but " + kind + " takes no target; expected 0.");
            }
        } else if (!(target >= 0.0 && target <= 1.0)) {
            throw new IllegalArgumentException("ThresholdObjective.target is " + target + " for "
                    + kind + " but must be a fraction in [0, 1].");
        }
    }

    /** The default objective: maximise F1. */
    public static ThresholdObjective maxF1() {
        return new ThresholdObjective(Kind.MAX_F1, 0.0);
    }

    /** Maximise expected net value of the offers under the business assumptions. */
    public static ThresholdObjective maxProfit() {
        return new ThresholdObjective(Kind.MAX_PROFIT, 0.0);
    }

    /** Highest recall among thresholds with precision >= {@code target}. */
    public static ThresholdObjective minPrecision(double target) {
        return new ThresholdObjective(Kind.MIN_PRECISION, target);
    }

    /** Highest precision among thresholds with recall >= {@code target}. */
    public static ThresholdObjective minRecall(double target) {
        return new ThresholdObjective(Kind.MIN_RECALL, target);
    }

    /**
     * Reads {@code max-f1}, {@code max-profit}, {@code precision>=T} or {@code recall>=T} with T
     * a decimal in [0, 1]; case and spaces around {@code >=} are ignored.
     *
     * @throws IllegalArgumentException naming the value when it is not one of those forms
     */
    @JsonCreator
    public static ThresholdObjective parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException(
                    "Threshold objective is null; expected one of " + VALID_FORMS + ".");
        }
        String normalised = text.strip().toLowerCase(Locale.ROOT);
        if (normalised.equals("max-f1")) {
            return maxF1();
        }
        if (normalised.equals("max-profit")) {
            return maxProfit();
        }
        Matcher matcher = TARGETED.matcher(normalised);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Threshold objective '" + text
                    + "' is not recognised; expected one of " + VALID_FORMS
                    + " with T a decimal in [0, 1], for example 'precision>=0.6'.");
        }
        double target = Double.parseDouble(matcher.group(2));
        if (target > 1.0) {
            throw new IllegalArgumentException("Threshold objective '" + text + "' has target "
                    + matcher.group(2) + " but the target must be a fraction in [0, 1], for example 0.6.");
        }
        return matcher.group(1).equals("precision") ? minPrecision(target) : minRecall(target);
    }

    /** The short text form, e.g. {@code precision>=0.6}; {@link #parse(String)} reads it back. */
    @JsonValue
    public String spec() {
        return switch (kind) {
            case MAX_F1 -> "max-f1";
            case MAX_PROFIT -> "max-profit";
            case MIN_PRECISION -> "precision>=" + plain(target);
            case MIN_RECALL -> "recall>=" + plain(target);
        };
    }

    /** One sentence saying what the threshold is chosen for, for reports and model cards. */
    public String describe() {
        return describe(ThresholdChoice.VALIDATION);
    }

    /** As {@link #describe()}, for a threshold chosen on {@code rows} (such as {@link ThresholdChoice#OUT_OF_FOLD}). */
    public String describe(String rows) {
        return switch (kind) {
            case MAX_F1 -> "Choose the threshold that maximises F1, the balance of precision and"
                    + " recall, on " + rows + ".";
            case MAX_PROFIT -> "Choose the threshold that maximises the expected net value of retention"
                    + " offers on " + rows + ": churners flagged \u00d7 offer success rate \u00d7 value of a"
                    + " retained customer \u2212 customers flagged \u00d7 offer cost.";
            case MIN_PRECISION -> "Choose the threshold that catches the most churners (highest"
                    + " recall) while at least " + percent(target) + " of flagged customers really"
                    + " churn (precision >= " + plain(target) + ") on " + rows + ".";
            case MIN_RECALL -> "Choose the threshold that wastes the fewest offers (highest"
                    + " precision) while still catching at least " + percent(target)
                    + " of churners (recall >= " + plain(target) + ") on " + rows + ".";
        };
    }

    @Override
    public String toString() {
        return spec();
    }

    /** Shortest decimal form (0.6 rather than 0.60000), independent of the default locale. */
    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String percent(double fraction) {
        return BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
