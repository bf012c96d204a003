package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.Notification.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One observation from a monitoring check that something is outside its bounds: what kind of check
 * saw it ({@link Kind} plus a sub-kind such as {@code volume}, {@code churn_rate} or {@code f1}), how
 * bad it is, the observed value against its threshold, which features or segments are affected, and
 * the first step a person should take. Checks produce findings; {@link IncidentLog} turns them into
 * alerts and {@link RetrainingPolicy} into a retraining decision. A finding names features and
 * segments, never customers.
 *
 * <p>JSON (snake_case): {@code kind} (data_drift, prediction_drift, performance, business, anomaly),
 * {@code sub_kind}, {@code severity} (INFO, WARNING, CRITICAL), {@code title}, {@code observed},
 * {@code threshold}, {@code comparison} (above, below), {@code affected}, {@code detail} and
 * {@code playbook}; the last three may be left out.
 *
 * @param kind       the family of check
 * @param subKind    what within the family was checked: lower-case letters, digits, '_' or '-'
 * @param severity   how urgent it is
 * @param title      one short line saying what triggered, for the alert's subject
 * @param observed   the value the check measured
 * @param threshold  the bound it was compared with
 * @param comparison whether the finding means observed is above or below the threshold
 * @param affected   features or segments concerned, sorted and without repeats (may be empty)
 * @param detail     more context in a sentence or two (empty when none)
 * @param playbook   the suggested first step; the kind's default when none is given
 */
@JsonPropertyOrder({"kind", "sub_kind", "severity", "title", "observed", "threshold", "comparison", "affected",
        "detail", "playbook"})
public record Finding(@JsonProperty("kind") Kind kind,
                      @JsonProperty("sub_kind") String subKind,
                      @JsonProperty("severity") Severity severity,
                      @JsonProperty("title") String title,
                      @JsonProperty("observed") Double observed,
                      @JsonProperty("threshold") Double threshold,
                      @JsonProperty("comparison") Comparison comparison,
                      @JsonProperty("affected") List<String> affected,
                      @JsonProperty("detail") String detail,
                      @JsonProperty("playbook") String playbook) {

    /** Sub-kinds become part of incident ids and routing attributes, so they stay plain. */
    private static final Pattern SUB_KIND = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** Long enough for a clear line, short enough to fit an SNS subject with the model and severity. */
    public static final int MAX_TITLE_LENGTH = 80;

    public Finding {
        if (kind == null) {
            throw invalid("kind", null, "one of " + Kind.labels());
        }
        if (subKind == null || !SUB_KIND.matcher(subKind).matches()) {
            throw invalid("sub_kind", quoted(subKind),
                    "1 to 64 lower-case letters, digits, '_' or '-', starting with a letter or digit, such as churn_rate");
        }
        if (severity == null) {
            throw invalid("severity", null, "one of INFO, WARNING, CRITICAL");
        }
        if (title == null || title.isBlank() || title.length() > MAX_TITLE_LENGTH || title.contains("\n")) {
            throw invalid("title", quoted(title), "one line of 1 to " + MAX_TITLE_LENGTH + " characters");
        }
        title = title.strip();
        if (observed == null || !Double.isFinite(observed)) {
            throw invalid("observed", observed, "a finite number");
        }
        if (threshold == null || !Double.isFinite(threshold)) {
            throw invalid("threshold", threshold, "a finite number");
        }
        if (comparison == null) {
            throw invalid("comparison", null, "above or below");
        }
        TreeSet<String> sorted = new TreeSet<>();
        if (affected != null) {
            for (String name : affected) {
                if (name == null || name.isBlank()) {
                    throw invalid("affected", affected, "feature or segment names, none of them blank");
                }
                sorted.add(name.strip());
            }
        }
        affected = List.copyOf(sorted);
        detail = detail == null ? "" : detail.strip();
        playbook = playbook == null || playbook.isBlank() ? kind.defaultPlaybook() : playbook.strip();
    }

    /** A finding with no detail and the kind's default playbook. */
    public static Finding of(Kind kind, String subKind, Severity severity, String title, double observed,
                             double threshold, Comparison comparison, List<String> affected) {
        return new Finding(kind, subKind, severity, title, observed, threshold, comparison, affected, null, null);
    }

    /** This finding with {@code detail}. */
    public Finding withDetail(String detail) {
        return new Finding(kind, subKind, severity, title, observed, threshold, comparison, affected, detail, playbook);
    }

    /** This finding with {@code playbook} as its suggested first step. */
    public Finding withPlaybook(String playbook) {
        return new Finding(kind, subKind, severity, title, observed, threshold, comparison, affected, detail, playbook);
    }

    /** The incident this finding belongs to within one model: kind and sub-kind, never the affected list. */
    public String incidentKey() {
        return kind.label() + "/" + subKind;
    }

    /** "observed 0.42 is above the threshold 0.3". */
    public String comparisonSentence() {
        return "observed " + number(observed) + " is " + comparison.label() + " the threshold " + number(threshold);
    }

    /** Reads one finding; {@code what} names it in error messages. */
    public static Finding read(byte[] json, String what) {
        return Json.read(json, Finding.class, what);
    }

    /** Reads a JSON array of findings; {@code what} names it in error messages. */
    public static List<Finding> readList(byte[] json, String what) {
        Finding[] findings = Json.read(json, Finding[].class, what);
        List<Finding> list = new ArrayList<>(findings.length);
        for (int i = 0; i < findings.length; i++) {
            if (findings[i] == null) {
                throw new IllegalArgumentException("The " + what + " has null at [" + i + "]: expected a finding object.");
            }
            list.add(findings[i]);
        }
        return List.copyOf(list);
    }

    public byte[] toJson() {
        return Json.write(this);
    }

    static String number(double value) {
        // Whole numbers without ".0" read better in an alert ("1200 rows"), others as Java prints them.
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static String quoted(String value) {
        return value == null ? "null" : "'" + value + "'";
    }

    private static IllegalArgumentException invalid(String field, Object value, String expected) {
        return new IllegalArgumentException("Finding field '" + field + "' is " + value + ": expected " + expected + ".");
    }

    /** The family of check a finding comes from. */
    public enum Kind {
        DATA_DRIFT("Open the drift report, compare the affected features' distributions with the training"
                + " baseline, and check the upstream sources for a schema or pipeline change before retraining."),
        PREDICTION_DRIFT("Open the drift report and compare the score distribution with the training baseline;"
                + " check whether the input features moved too or the serving model or threshold changed."),
        PERFORMANCE("Open the performance report, check the label delay and the affected segments, and compare"
                + " with the champion's holdout metrics; retrain if the drop is real and labels are sufficient."),
        BUSINESS("Check the business KPI with the retention team: confirm the campaign and contact volumes,"
                + " then look at the model's precision at the chosen threshold."),
        ANOMALY("Check the data pipeline for the affected source: late or missing files, duplicated loads or"
                + " a quarantine spike, before trusting the day's scores.");

        private final String defaultPlaybook;

        Kind(String defaultPlaybook) {
            this.defaultPlaybook = defaultPlaybook;
        }

        /** The suggested first step when a check gives none. */
        public String defaultPlaybook() {
            return defaultPlaybook;
        }

        /** The name as written in JSON, ids and attributes. */
        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Reads a label such as {@code data_drift}, case-insensitively. */
        @JsonCreator
        public static Kind parse(String value) {
            for (Kind k : values()) {
                if (k.label().equalsIgnoreCase(value == null ? "" : value.trim())) {
                    return k;
                }
            }
            throw invalid("kind", quoted(value), "one of " + labels());
        }

        static String labels() {
            List<String> names = new ArrayList<>();
            for (Kind k : values()) {
                names.add(k.label());
            }
            return String.join(", ", names);
        }
    }

    /** Which side of the threshold the observed value is on. */
    public enum Comparison {
        ABOVE, BELOW;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Comparison parse(String value) {
            for (Comparison c : values()) {
                if (c.label().equalsIgnoreCase(value == null ? "" : value.trim())) {
                    return c;
                }
            }
            throw invalid("comparison", quoted(value), "above or below");
        }
    }
}
