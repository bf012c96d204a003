package dev.churnops.core.monitoring;

import dev.churnops.core.evaluation.BinaryMetrics;
import dev.churnops.core.evaluation.ConfusionMatrix;
import dev.churnops.core.registry.ModelCard;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Measures a model's performance once delayed labels arrive. Predictions are grouped into fixed
 * windows by scoring time ({@link PerformanceConfig}); within a window each customer counts once,
 * by their latest prediction. A prediction whose label horizon has not passed at {@code now} is
 * pending; one past it is evaluated against the customer's label (or counted as a negative, or
 * excluded, per config). Precision, recall and F1 are read at the model card's threshold and
 * ROC-AUC and average precision come from {@link BinaryMetrics}, so the figures are computed as
 * the model card's were. The status is judged on the latest window with enough labelled
 * predictions. Bad input is reported, never thrown: no predictions, all pending, labels for
 * customers never scored.
 */
public final class PerformanceMonitor {

    /** Windows are counted from this Monday, so 7-day windows are ISO weeks. */
    static final long ANCHOR_EPOCH_DAY = LocalDate.of(1970, 1, 5).toEpochDay();
    private static final int UNSCORED_SAMPLE = 20;

    private final PerformanceConfig config;

    public PerformanceMonitor(PerformanceConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("A performance monitor needs a config: use PerformanceConfig.defaults().");
        }
        this.config = config;
    }

    /**
     * Evaluates {@code predictions} of {@code card}'s model against {@code labels} as of {@code now}.
     *
     * @throws IllegalArgumentException when an argument is null or the card has no threshold
     */
    public PerformanceReport evaluate(ModelCard card, List<CapturedScore> predictions, Labels labels, Instant now) {
        if (card == null || predictions == null || labels == null || now == null) {
            throw new IllegalArgumentException("Performance monitoring needs the model card, the predictions (maybe"
                    + " empty), the labels (Labels.none() when none arrived) and the time to judge at.");
        }
        if (card.threshold() == null) {
            throw new IllegalArgumentException("The model card of " + card.modelName() + " v" + card.version()
                    + " has no threshold: precision, recall and F1 cannot be read without it.");
        }
        double threshold = card.threshold().value();
        Double trainingF1 = card.testMetrics() == null ? null : card.testMetrics().get("f1");
        Duration horizon = Duration.ofDays(config.labelHorizonDays());

        long otherModels = 0;
        long anonymous = 0;
        Set<String> scored = new HashSet<>();
        // window start day -> customer -> latest prediction
        Map<Long, Map<String, CapturedScore>> windows = new TreeMap<>();
        for (CapturedScore p : predictions) {
            if (p.customerId() != null) {
                scored.add(p.customerId());
            }
            if (!p.model().equals(card.modelName())
                    || (!config.includeOtherVersions() && p.version() != card.version())) {
                otherModels++;
                continue;
            }
            if (p.customerId() == null) {
                anonymous++;
                continue;
            }
            Map<String, CapturedScore> window = windows.computeIfAbsent(windowStart(p.scoredAt()), k -> new TreeMap<>());
            CapturedScore previous = window.get(p.customerId());
            if (previous == null || !p.scoredAt().isBefore(previous.scoredAt())) {
                window.put(p.customerId(), p);
            }
        }

        List<PerformanceReport.Window> reports = new ArrayList<>();
        List<double[]> pooledScores = new ArrayList<>();
        List<boolean[]> pooledLabels = new ArrayList<>();
        long pending = 0;
        long unlabelledAfter = 0;
        PerformanceReport.Window judged = null;
        for (Map.Entry<Long, Map<String, CapturedScore>> w : windows.entrySet()) {
            List<Double> scores = new ArrayList<>();
            List<Boolean> outcomes = new ArrayList<>();
            long windowPending = 0;
            long windowUnlabelled = 0;
            for (CapturedScore p : w.getValue().values()) {
                if (p.scoredAt().plus(horizon).isAfter(now)) {
                    windowPending++;
                    continue;
                }
                Labels.Label label = labels.byCustomer().get(p.customerId());
                if (label == null) {
                    windowUnlabelled++;
                    if (config.unlabelledAfterHorizon() == PerformanceConfig.Unlabelled.NEGATIVE) {
                        scores.add(p.probability());
                        outcomes.add(false);
                    }
                    continue;
                }
                scores.add(p.probability());
                outcomes.add(label.churned());
            }
            double[] s = toDoubles(scores);
            boolean[] l = toBooleans(outcomes);
            pooledScores.add(s);
            pooledLabels.add(l);
            pending += windowPending;
            unlabelledAfter += windowUnlabelled;
            Instant start = LocalDate.ofEpochDay(w.getKey()).atStartOfDay(ZoneOffset.UTC).toInstant();
            PerformanceReport.Window window = new PerformanceReport.Window(start.toString(),
                    start.plus(Duration.ofDays(config.windowDays())).toString(), w.getValue().size(), windowPending,
                    windowUnlabelled, figures(s, l, threshold));
            reports.add(window);
            if (window.figures().evaluated()) {
                judged = window;
            }
        }
        PerformanceReport.Figures overall = figures(concat(pooledScores), concatLabels(pooledLabels), threshold);

        List<String> unscored = new ArrayList<>();
        long labelsForUnscored = 0;
        for (String customer : labels.byCustomer().keySet()) {
            if (!scored.contains(customer)) {
                labelsForUnscored++;
                if (unscored.size() < UNSCORED_SAMPLE) {
                    unscored.add(customer);
                }
            }
        }

        PerformanceReport.Status status;
        String reason;
        if (judged == null) {
            status = PerformanceReport.Status.NOT_JUDGED;
            long most = reports.stream().mapToLong(r -> r.figures().labelled()).max().orElse(0);
            reason = predictions.isEmpty() ? "Not judged: no predictions were given."
                    : String.format(Locale.ROOT, "Not judged: no window has at least %d labelled predictions (most: %d;"
                    + " %d still within the %d-day label horizon, %d past it without a label).",
                    config.minLabelledRows(), most, pending, config.labelHorizonDays(), unlabelledAfter);
        } else {
            double f1 = judged.figures().f1();
            String where = String.format(Locale.ROOT, "F1 %.3f in the window from %s (%d labelled predictions)", f1,
                    judged.start(), judged.figures().labelled());
            List<String> broken = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            boolean anyRule = false;
            if (trainingF1 != null && config.f1Ratio() > 0) {
                anyRule = true;
                double floor = config.f1Ratio() * trainingF1;
                String rule = String.format(Locale.ROOT, "%s × the model card's F1 %.3f = %.3f",
                        plain(config.f1Ratio()), trainingF1, floor);
                (f1 < floor ? broken : kept).add(rule);
            }
            if (config.minF1() > 0) {
                anyRule = true;
                String rule = String.format(Locale.ROOT, "min_f1 %s", plain(config.minF1()));
                (f1 < config.minF1() ? broken : kept).add(rule);
            }
            if (!anyRule) {
                status = PerformanceReport.Status.NOT_JUDGED;
                reason = "Not judged: " + where + ", but the model card has no 'f1' metric to compare with and"
                        + " min_f1 is not set.";
            } else if (!broken.isEmpty()) {
                status = PerformanceReport.Status.DEGRADED;
                reason = "Degraded: " + where + " is below " + String.join(" and ", broken) + ".";
            } else {
                status = PerformanceReport.Status.HEALTHY;
                reason = "Healthy: " + where + " is at least " + String.join(" and ", kept) + ".";
            }
        }
        return new PerformanceReport(card.modelName(), card.version(), threshold, trainingF1, now.toString(), reports,
                overall, predictions.size(), otherModels, anonymous, pending, unlabelledAfter, labelsForUnscored, unscored,
                labels.rejected().size(), labels.duplicates(), status, status == PerformanceReport.Status.DEGRADED,
                judged == null ? null : judged.start(), reason, config);
    }

    /** The first epoch day of the window holding {@code at}. */
    long windowStart(Instant at) {
        long day = LocalDate.ofInstant(at, ZoneOffset.UTC).toEpochDay();
        return ANCHOR_EPOCH_DAY + Math.floorDiv(day - ANCHOR_EPOCH_DAY, config.windowDays()) * (long) config.windowDays();
    }

    private PerformanceReport.Figures figures(double[] scores, boolean[] labels, double threshold) {
        long positives = 0;
        for (boolean l : labels) {
            positives += l ? 1 : 0;
        }
        if (scores.length < config.minLabelledRows()) {
            return new PerformanceReport.Figures(scores.length, positives, null, null, null, null, null,
                    scores.length + " labelled predictions, fewer than min_labelled_rows " + config.minLabelledRows()
                            + ": not evaluated.");
        }
        ConfusionMatrix confusion = BinaryMetrics.confusion(scores, labels, threshold);
        boolean bothClasses = positives > 0 && positives < labels.length;
        return new PerformanceReport.Figures(scores.length, positives,
                bothClasses ? BinaryMetrics.rocAuc(scores, labels) : null,
                bothClasses ? BinaryMetrics.prAuc(scores, labels) : null,
                confusion.f1(), confusion.precision(), confusion.recall(),
                bothClasses ? null : "Only " + (positives == 0 ? "non-churners" : "churners")
                        + " among the labelled predictions: ROC-AUC and PR-AUC are undefined.");
    }

    private static String plain(double value) {
        return dev.churnops.core.data.Cells.formatNumber(value);
    }

    private static double[] toDoubles(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static boolean[] toBooleans(List<Boolean> values) {
        boolean[] out = new boolean[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static double[] concat(List<double[]> parts) {
        double[] out = new double[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static boolean[] concatLabels(List<boolean[]> parts) {
        boolean[] out = new boolean[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (boolean[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
