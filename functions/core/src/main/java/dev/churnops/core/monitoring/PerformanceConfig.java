package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.churnops.core.json.Json;
import java.util.Locale;

/**
 * How model performance on delayed labels is judged, immutable and validated in one place;
 * readable from JSON (snake_case, every field optional) or built in code with nulls for defaults:
 * <ul>
 *   <li>{@code window_days} 7: predictions are grouped into windows of this many UTC days, counted
 *       from Monday 1970-01-05, so the windows are the same on every run (ISO weeks by default);</li>
 *   <li>{@code label_horizon_days} 30: a prediction's outcome is known this long after scoring;
 *       until then it is pending and not evaluated, even if a label has arrived;</li>
 *   <li>{@code min_labelled_rows} 50: a window (or the overall figures) with fewer labelled
 *       predictions gets counts but no metrics;</li>
 *   <li>{@code f1_ratio} 0.8 and {@code min_f1} 0: performance is degraded when the latest
 *       evaluated window's F1 is below {@code f1_ratio} × the model card's F1, or below
 *       {@code min_f1}; 0 turns a rule off;</li>
 *   <li>{@code unlabelled_after_horizon} {@code exclude} (or {@code negative}): what a prediction
 *       whose horizon has passed without a label counts as. Excluded by default: the labels file
 *       states outcomes both ways (churned yes/no), so a missing one means the feed is late or
 *       incomplete, and counting it as "stayed" would turn a broken feed into a false drop in
 *       precision and a needless retraining. Choose {@code negative} when the feed only reports
 *       churn events. Either way the count is in the report;</li>
 *   <li>{@code include_other_versions} false: only predictions of the card's model version are
 *       evaluated, since precision and recall are read at that version's threshold; true also takes
 *       the model's other versions (e.g. the previous champion right after a deployment).</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PerformanceConfig(@JsonProperty("window_days") Integer windowDays,
                                @JsonProperty("label_horizon_days") Integer labelHorizonDays,
                                @JsonProperty("min_labelled_rows") Integer minLabelledRows,
                                @JsonProperty("f1_ratio") Double f1Ratio,
                                @JsonProperty("min_f1") Double minF1,
                                @JsonProperty("unlabelled_after_horizon") Unlabelled unlabelledAfterHorizon,
                                @JsonProperty("include_other_versions") Boolean includeOtherVersions) {

    public static final int DEFAULT_WINDOW_DAYS = 7;
    public static final int DEFAULT_LABEL_HORIZON_DAYS = 30;
    public static final int DEFAULT_MIN_LABELLED_ROWS = 50;
    public static final double DEFAULT_F1_RATIO = 0.8;

    public PerformanceConfig {
        windowDays = windowDays == null ? DEFAULT_WINDOW_DAYS : windowDays;
        if (windowDays < 1 || windowDays > 366) {
            throw invalid("window_days", windowDays, "a number of days from 1 to 366");
        }
        labelHorizonDays = labelHorizonDays == null ? DEFAULT_LABEL_HORIZON_DAYS : labelHorizonDays;
        if (labelHorizonDays < 0 || labelHorizonDays > 3660) {
            throw invalid("label_horizon_days", labelHorizonDays, "a number of days from 0 to 3660");
        }
        minLabelledRows = minLabelledRows == null ? DEFAULT_MIN_LABELLED_ROWS : minLabelledRows;
        if (minLabelledRows < 1) {
            throw invalid("min_labelled_rows", minLabelledRows, "a row count of 1 or more");
        }
        f1Ratio = f1Ratio == null ? DEFAULT_F1_RATIO : f1Ratio;
        if (!(f1Ratio >= 0 && f1Ratio <= 1)) {
            throw invalid("f1_ratio", f1Ratio, "a share of the model card's F1 from 0 (off) to 1");
        }
        minF1 = minF1 == null ? 0.0 : minF1;
        if (!(minF1 >= 0 && minF1 <= 1)) {
            throw invalid("min_f1", minF1, "an F1 from 0 (off) to 1");
        }
        unlabelledAfterHorizon = unlabelledAfterHorizon == null ? Unlabelled.EXCLUDE : unlabelledAfterHorizon;
        includeOtherVersions = includeOtherVersions != null && includeOtherVersions;
    }

    /** Every field at its default. */
    public static PerformanceConfig defaults() {
        return new PerformanceConfig(null, null, null, null, null, null, null);
    }

    /** Reads a performance config document; {@code what} names it in error messages. */
    public static PerformanceConfig read(byte[] json, String what) {
        return Json.read(json, PerformanceConfig.class, what);
    }

    static IllegalArgumentException invalid(String field, Object value, String expected) {
        return new IllegalArgumentException("Performance config field '" + field + "' is " + value + ": expected "
                + expected + ".");
    }

    /** What a prediction whose label horizon passed without a label counts as. */
    public enum Unlabelled {
        EXCLUDE, NEGATIVE;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Unlabelled parse(String value) {
            for (Unlabelled u : values()) {
                if (u.label().equalsIgnoreCase(value == null ? "" : value.trim())) {
                    return u;
                }
            }
            throw invalid("unlabelled_after_horizon", value, "exclude or negative");
        }
    }
}
