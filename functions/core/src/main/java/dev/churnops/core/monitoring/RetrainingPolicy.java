package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.churnops.core.json.Json;
import dev.churnops.core.monitoring.RetrainingDecision.Blocked;
import dev.churnops.core.monitoring.RetrainingDecision.Blocker;
import dev.churnops.core.monitoring.RetrainingDecision.Fired;
import dev.churnops.core.port.Notification.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * When monitoring starts retraining, immutable and validated in one place; readable from JSON
 * (snake_case, every field optional) and buildable in code. A field left out takes its default:
 * <ul>
 *   <li>{@code triggers} {@code {"data_drift": "WARNING", "performance": "WARNING", "business": "WARNING"}}:
 *       a finding of a listed kind at or above its severity fires that kind's trigger; a kind left
 *       out never does. Prediction drift and anomalies are off by default: a score shift without a
 *       performance drop, or a broken feed, is not fixed by training on the data that caused it.
 *       A map given in JSON replaces the default one whole;</li>
 *   <li>{@code schedule_days} 30: the schedule trigger fires when the champion was trained at least
 *       this many days ago, or when there is no champion; 0 turns it off;</li>
 *   <li>{@code cooldown_days} 7: no start within this many days of the last one;</li>
 *   <li>{@code minimum_new_labels} 1000: labelled rows that must have arrived since the champion was
 *       trained. This holds for every trigger, the schedule included: training is deterministic, so
 *       the same labels give the same model again, and a drift trigger without new labels would only
 *       refit the data that is drifting away.</li>
 * </ul>
 * A training run already in progress blocks a start as well. The decision lists every reason that
 * blocks, not only the first, so one look says what has to change.
 */
@JsonPropertyOrder({"triggers", "schedule_days", "cooldown_days", "minimum_new_labels"})
public record RetrainingPolicy(@JsonProperty("triggers") Map<String, Severity> triggers,
                               @JsonProperty("schedule_days") Integer scheduleDays,
                               @JsonProperty("cooldown_days") Integer cooldownDays,
                               @JsonProperty("minimum_new_labels") Long minimumNewLabels) {

    public static final int DEFAULT_SCHEDULE_DAYS = 30;
    public static final int DEFAULT_COOLDOWN_DAYS = 7;
    public static final long DEFAULT_MINIMUM_NEW_LABELS = 1000;
    /** Ten years: a larger value is a typo rather than a schedule. */
    public static final int MAX_DAYS = 3660;

    public RetrainingPolicy {
        Map<String, Severity> given = triggers == null ? Map.of(label(Finding.Kind.DATA_DRIFT), Severity.WARNING,
                label(Finding.Kind.PERFORMANCE), Severity.WARNING, label(Finding.Kind.BUSINESS), Severity.WARNING) : triggers;
        TreeMap<String, Severity> normalized = new TreeMap<>();
        for (Map.Entry<String, Severity> e : given.entrySet()) {
            Finding.Kind kind;
            try {
                kind = Finding.Kind.parse(e.getKey());
            } catch (IllegalArgumentException bad) {
                throw invalid("triggers", "keyed by '" + e.getKey() + "'", "finding kinds: " + Finding.Kind.labels());
            }
            if (e.getValue() == null) {
                throw invalid("triggers." + kind.label(), null,
                        "the minimum severity INFO, WARNING or CRITICAL (leave the kind out to turn it off)");
            }
            if (normalized.put(kind.label(), e.getValue()) != null) {
                throw invalid("triggers", "naming " + kind.label() + " twice", "each kind at most once");
            }
        }
        triggers = Collections.unmodifiableMap(normalized);
        scheduleDays = scheduleDays == null ? DEFAULT_SCHEDULE_DAYS : scheduleDays;
        if (scheduleDays < 0 || scheduleDays > MAX_DAYS) {
            throw invalid("schedule_days", scheduleDays, "a number of days from 0 (off) to " + MAX_DAYS);
        }
        cooldownDays = cooldownDays == null ? DEFAULT_COOLDOWN_DAYS : cooldownDays;
        if (cooldownDays < 0 || cooldownDays > MAX_DAYS) {
            throw invalid("cooldown_days", cooldownDays, "a number of days from 0 to " + MAX_DAYS);
        }
        minimumNewLabels = minimumNewLabels == null ? DEFAULT_MINIMUM_NEW_LABELS : minimumNewLabels;
        if (minimumNewLabels < 0) {
            throw invalid("minimum_new_labels", minimumNewLabels, "a row count of 0 or more");
        }
    }

    /** Every field at its default. */
    public static RetrainingPolicy defaults() {
        return new RetrainingPolicy(null, null, null, null);
    }

    /** Reads a retraining policy document; {@code what} names it in error messages. */
    public static RetrainingPolicy read(byte[] json, String what) {
        return Json.read(json, RetrainingPolicy.class, what);
    }

    public byte[] toJson() {
        return Json.write(this);
    }

    /** This policy with {@code kind} triggering at {@code minimum} and above, or never when {@code minimum} is null. */
    public RetrainingPolicy withTrigger(Finding.Kind kind, Severity minimum) {
        Map<String, Severity> next = new TreeMap<>(triggers);
        if (minimum == null) {
            next.remove(kind.label());
        } else {
            next.put(kind.label(), minimum);
        }
        return new RetrainingPolicy(next, scheduleDays, cooldownDays, minimumNewLabels);
    }

    public RetrainingPolicy withScheduleDays(int days) {
        return new RetrainingPolicy(triggers, days, cooldownDays, minimumNewLabels);
    }

    public RetrainingPolicy withCooldownDays(int days) {
        return new RetrainingPolicy(triggers, scheduleDays, days, minimumNewLabels);
    }

    public RetrainingPolicy withMinimumNewLabels(long rows) {
        return new RetrainingPolicy(triggers, scheduleDays, cooldownDays, rows);
    }

    /** The lowest severity at which findings of {@code kind} fire a trigger, or null when they never do. */
    public Severity minimumSeverity(Finding.Kind kind) {
        return triggers.get(kind.label());
    }

    /**
     * Decides whether to start retraining after a monitoring run.
     *
     * @param findings every finding of the run
     * @param ctx      the time, the champion's age, the last start, new labels and whether training runs
     */
    public RetrainingDecision decide(List<Finding> findings, RetrainingContext ctx) {
        if (findings == null || findings.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("The findings are " + findings
                    + ": expected a list of findings, empty when the run found nothing.");
        }
        if (ctx == null) {
            throw new IllegalArgumentException("The retraining context is null: expected the time, champion, last start"
                    + " and new labels of the decision.");
        }
        Instant now = ctx.now();
        EnumMap<RetrainingTrigger, List<Finding>> byTrigger = new EnumMap<>(RetrainingTrigger.class);
        for (Finding f : findings) {
            Severity minimum = minimumSeverity(f.kind());
            if (minimum != null && f.severity().compareTo(minimum) >= 0) {
                byTrigger.computeIfAbsent(RetrainingTrigger.of(f.kind()), t -> new ArrayList<>()).add(f);
            }
        }
        List<Fired> fired = new ArrayList<>();
        byTrigger.forEach((trigger, found) -> fired.add(new Fired(trigger, describe(found))));
        String schedule = scheduleReason(ctx);
        if (schedule != null) {
            fired.add(new Fired(RetrainingTrigger.SCHEDULE, schedule));
        }

        List<Blocked> blocked = new ArrayList<>();
        if (fired.isEmpty()) {
            blocked.add(new Blocked(Blocker.NO_TRIGGER, noTriggerReason(findings, ctx)));
        }
        if (ctx.trainingInProgress()) {
            blocked.add(new Blocked(Blocker.IN_PROGRESS, "A training run is already in progress; a second one would"
                    + " compete with it for the champion, so the next monitoring run decides again once it has finished."));
        }
        if (ctx.lastStartedAt() != null) {
            Instant allowed = ctx.lastStartedAt().plus(Duration.ofDays(cooldownDays));
            if (now.isBefore(allowed)) {
                blocked.add(new Blocked(Blocker.COOLDOWN, "Retraining was last started at " + ctx.lastStartedAt()
                        + "; the cooldown of " + days(cooldownDays) + " allows the next start at " + allowed + "."));
            }
        }
        if (ctx.newLabelledRows() < minimumNewLabels) {
            String since = ctx.championTrainedAt() == null ? "are available with no champion trained yet"
                    : "have arrived since the champion was trained at " + ctx.championTrainedAt();
            blocked.add(new Blocked(Blocker.TOO_FEW_LABELS, "Only " + ctx.newLabelledRows() + " new labelled rows " + since
                    + "; at least " + minimumNewLabels + " are needed, since training on the same labels gives the same"
                    + " model again."));
        }
        return new RetrainingDecision(!fired.isEmpty() && blocked.isEmpty(), fired, blocked);
    }

    private String scheduleReason(RetrainingContext ctx) {
        if (scheduleDays == 0) {
            return null;
        }
        if (ctx.championTrainedAt() == null) {
            return "There is no champion yet, so a first model is due.";
        }
        Duration age = Duration.between(ctx.championTrainedAt(), ctx.now());
        if (age.compareTo(Duration.ofDays(scheduleDays)) < 0) {
            return null;
        }
        return "The champion was trained at " + ctx.championTrainedAt() + ", " + days(age.toDays())
                + " ago, which reaches the schedule of " + days(scheduleDays) + ".";
    }

    private String noTriggerReason(List<Finding> findings, RetrainingContext ctx) {
        String kinds = triggers.isEmpty() ? "no finding kind triggers retraining under this policy"
                : "none of the " + findings.size() + " findings is of a triggering kind at its minimum severity ("
                + String.join(", ", triggers.entrySet().stream().map(e -> e.getKey() + " at " + e.getValue() + " or above")
                .toList()) + ")";
        String schedule;
        if (scheduleDays == 0) {
            schedule = "the schedule is off";
        } else if (ctx.championTrainedAt() == null) {
            // Unreachable while the schedule fires without a champion; kept so the sentence never fails.
            schedule = "there is no champion";
        } else {
            long age = Duration.between(ctx.championTrainedAt(), ctx.now()).toDays();
            schedule = "the champion was trained " + days(age) + " ago, under the schedule of " + days(scheduleDays);
        }
        return "No trigger fired: " + kinds + ", and " + schedule + ".";
    }

    /** Several findings of one kind in one sentence: each title with its values and severity. */
    private static String describe(List<Finding> found) {
        List<String> parts = new ArrayList<>();
        for (Finding f : found) {
            parts.add(f.title() + " (" + f.comparisonSentence() + ", " + f.severity() + ")");
        }
        return String.join("; ", parts) + ".";
    }

    private static String days(long days) {
        return days + (days == 1 ? " day" : " days");
    }

    private static String label(Finding.Kind kind) {
        return kind.label();
    }

    private static IllegalArgumentException invalid(String field, Object value, String expected) {
        return new IllegalArgumentException("Retraining policy field '" + field + "' is " + value + ": expected "
                + expected + ".");
    }
}
