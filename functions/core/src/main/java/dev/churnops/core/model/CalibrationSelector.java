package dev.churnops.core.model;

import dev.churnops.core.evaluation.BinaryMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fits the calibration of a trained model on the validation split (the split the decision
 * threshold is later chosen on; the test split stays unseen) and, for {@code auto}, chooses the
 * method by an explicit rule:
 *
 * <ol>
 *   <li>The validation rows are dealt into {@value #FOLDS} folds, churners and non-churners
 *       separately, in row order, so each fold has the split's churn rate. No randomness: the
 *       validation split is already shuffled by the seeded training-set split.</li>
 *   <li>Each method ({@code none}, {@code platt}, {@code isotonic}) is fitted on four folds and
 *       applied to the fifth, five times, giving every row an out-of-fold probability and so each
 *       method an out-of-fold Brier score.</li>
 *   <li>One-standard-error rule: the simplest method, in the order none, platt, isotonic, whose
 *       Brier score is at most one standard error above the lowest wins. The standard error is
 *       that of the mean per-row difference in squared error between the method and the lowest,
 *       so a calibration is applied only when it beats the simpler choice by more than noise.
 *       Platt takes part only if its fit on the whole split has a positive slope (otherwise it
 *       would invert the ranking).</li>
 *   <li>The winner is refitted on the whole validation split.</li>
 * </ol>
 *
 * Comparing out of fold matters: scored on the rows it was fitted on, isotonic regression would
 * always win, because it is the best monotone fit to exactly those rows. The Brier score decides
 * rather than log-loss because it stays finite when isotonic says 0 or 1, and it is what the
 * report shows; log-loss is recorded alongside. A split with fewer than {@value #FOLDS} churners or
 * non-churners is too small to compare, and {@code auto} then applies none. An explicitly requested
 * method is fitted as asked, with the comparison recorded when there is one.
 */
public final class CalibrationSelector {

    public static final String AUTO = "auto";
    public static final String NONE = "none";
    public static final String PLATT = "platt";
    public static final String ISOTONIC = "isotonic";

    /** The values the {@code calibration} hyperparameter accepts, in the order messages list them. */
    public static final List<String> CHOICES = List.of(AUTO, NONE, PLATT, ISOTONIC);

    /** Folds of the cross-validated comparison. */
    public static final int FOLDS = 5;

    /** The methods in the order of the one-standard-error rule, simplest first. */
    private static final List<String> METHODS = List.of(NONE, PLATT, ISOTONIC);

    /** The fitted calibrator (null for none) and the record of how it was chosen. */
    public record Result(Calibrator calibrator, CalibrationSummary summary) {
    }

    private CalibrationSelector() {
    }

    /**
     * Fits the calibration {@code requested} (auto, none, platt or isotonic) to the predictor's
     * validation probabilities and labels.
     *
     * @throws IllegalArgumentException if {@code requested} is not one of {@link #CHOICES}, the
     *     arrays are empty or differ in length, or platt is requested and its fit has a slope at or
     *     below 0
     */
    public static Result choose(double[] probabilities, boolean[] labels, String requested) {
        return choose(probabilities, labels, requested, VALIDATION);
    }

    /** What the calibration is fitted on when there is a validation split. */
    public static final String VALIDATION = "the validation split";

    /** What the calibration is fitted on without one: the chosen algorithm's {@link OutOfFold} predictions. */
    public static final String OUT_OF_FOLD = "the out-of-fold predictions of the training rows";

    /**
     * As {@link #choose(double[], boolean[], String)}, for probabilities of {@code rows} (such as
     * {@link #VALIDATION} or {@link #OUT_OF_FOLD}), which the recorded rule names.
     */
    public static Result choose(double[] probabilities, boolean[] labels, String requested, String rows) {
        if (!CHOICES.contains(requested)) {
            throw new IllegalArgumentException("calibration '" + requested + "' is unknown; expected one of "
                    + String.join(", ", CHOICES));
        }
        if (probabilities.length == 0 || probabilities.length != labels.length) {
            throw new IllegalArgumentException("calibration needs one label per validation probability and at least one"
                    + " row; got " + probabilities.length + " probabilities and " + labels.length + " labels");
        }
        int n = labels.length;
        int positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        boolean comparable = positives >= FOLDS && n - positives >= FOLDS;
        PlattCalibrator platt = requested.equals(AUTO) || requested.equals(PLATT) || comparable
                ? PlattCalibrator.fit(probabilities, labels) : null;
        boolean plattUsable = platt != null && platt.slope() > 0;
        List<CalibrationSummary.MethodScore> scores = comparable
                ? crossValidate(probabilities, labels, plattUsable) : List.of();
        int folds = comparable ? FOLDS : 0;

        if (requested.equals(AUTO)) {
            if (!comparable) {
                return new Result(null, new CalibrationSummary(AUTO, NONE, "auto: in " + rows + ", " + positives
                        + " churners and " + (n - positives) + " non-churners; comparing methods by " + FOLDS
                        + "-fold cross-validation needs at least " + FOLDS + " of each, so no calibration is applied.",
                        n, 0, scores));
            }
            CalibrationSummary.MethodScore winner = null;
            for (CalibrationSummary.MethodScore s : scores) {
                boolean eligible = !s.method().equals(PLATT) || plattUsable;
                if (eligible && s.excessOverLowest() <= s.excessStandardError()) {
                    winner = s;
                    break;
                }
            }
            String rule = "auto: each method was fitted on " + (FOLDS - 1) + " of " + FOLDS + " stratified folds of "
                    + rows + " and scored on the fifth; the simplest method (none, then platt, then isotonic)"
                    + " whose out-of-fold Brier score is within one standard error of the lowest wins, the standard error"
                    + " being that of the per-row difference in squared error" + (plattUsable ? "" : "; platt was left out"
                    + " because its slope is " + fmt(platt.slope()) + ", which would invert the ranking") + "; the winner"
                    + " is refitted on all of " + rows + ". " + winner.method() + " won: " + list(scores) + ".";
            Calibrator chosen = switch (winner.method()) {
                case PLATT -> platt;
                case ISOTONIC -> IsotonicCalibrator.fit(probabilities, labels);
                default -> null;
            };
            return new Result(chosen, new CalibrationSummary(AUTO, winner.method(), rule, n, folds, scores));
        }

        String compared = comparable ? " Out-of-fold comparison: " + list(scores) + "." : "";
        Calibrator chosen = switch (requested) {
            case PLATT -> {
                if (!plattUsable) {
                    throw new IllegalArgumentException("hyperparameter 'calibration' is 'platt' but Platt scaling on "
                            + rows + " gives slope " + fmt(platt.slope()) + ": the model's probabilities do"
                            + " not rise with observed churn there, so calibrating them would invert their ranking;"
                            + " expected calibration 'none' or 'auto'");
                }
                yield platt;
            }
            case ISOTONIC -> IsotonicCalibrator.fit(probabilities, labels);
            default -> null;
        };
        return new Result(chosen, new CalibrationSummary(requested, requested,
                requested + ": requested by hyperparameter 'calibration', fitted on all of " + rows + "."
                        + compared, n, folds, scores));
    }

    /**
     * Out-of-fold Brier score and log-loss of each method, in {@link #METHODS} order, with each
     * one's excess over the lowest Brier score (among usable methods) and that excess's standard error.
     */
    private static List<CalibrationSummary.MethodScore> crossValidate(double[] probabilities, boolean[] labels,
            boolean plattUsable) {
        int n = labels.length;
        int[] fold = new int[n];
        int positives = 0;
        int negatives = 0;
        for (int i = 0; i < n; i++) {
            fold[i] = labels[i] ? positives++ % FOLDS : negatives++ % FOLDS;
        }
        List<double[]> outOfFold = new ArrayList<>(METHODS.size());
        for (String method : METHODS) {
            outOfFold.add(outOfFold(method, probabilities, labels, fold));
        }
        double[] brier = new double[METHODS.size()];
        int lowest = 0;
        for (int m = 0; m < METHODS.size(); m++) {
            brier[m] = BinaryMetrics.brierScore(outOfFold.get(m), labels);
            boolean usable = !METHODS.get(m).equals(PLATT) || plattUsable;
            if (usable && brier[m] < brier[lowest]) {
                lowest = m;
            }
        }
        List<CalibrationSummary.MethodScore> scores = new ArrayList<>(METHODS.size());
        for (int m = 0; m < METHODS.size(); m++) {
            scores.add(new CalibrationSummary.MethodScore(METHODS.get(m), brier[m],
                    BinaryMetrics.logLoss(outOfFold.get(m), labels), brier[m] - brier[lowest],
                    standardErrorOfDifference(outOfFold.get(m), outOfFold.get(lowest), labels)));
        }
        return List.copyOf(scores);
    }

    /** Every row's probability from the method fitted on the other folds. */
    private static double[] outOfFold(String method, double[] probabilities, boolean[] labels, int[] fold) {
        int n = labels.length;
        double[] out = new double[n];
        for (int f = 0; f < FOLDS; f++) {
            int size = 0;
            for (int i = 0; i < n; i++) {
                size += fold[i] == f ? 0 : 1;
            }
            double[] p = new double[size];
            boolean[] y = new boolean[size];
            for (int i = 0, j = 0; i < n; i++) {
                if (fold[i] != f) {
                    p[j] = probabilities[i];
                    y[j++] = labels[i];
                }
            }
            Calibrator calibrator = switch (method) {
                case PLATT -> PlattCalibrator.fit(p, y);
                case ISOTONIC -> IsotonicCalibrator.fit(p, y);
                default -> null;
            };
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    out[i] = calibrator == null ? probabilities[i] : calibrator.apply(probabilities[i]);
                }
            }
        }
        return out;
    }

    /** Standard error of the mean of (a_i − y_i)² − (b_i − y_i)²; 0 when a and b are the same. */
    private static double standardErrorOfDifference(double[] a, double[] b, boolean[] labels) {
        int n = labels.length;
        double[] d = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            double y = labels[i] ? 1.0 : 0.0;
            d[i] = (a[i] - y) * (a[i] - y) - (b[i] - y) * (b[i] - y);
            mean += d[i];
        }
        mean /= n;
        double squares = 0;
        for (double v : d) {
            squares += (v - mean) * (v - mean);
        }
        return n < 2 ? 0.0 : Math.sqrt(squares / (n - 1) / n);
    }

    /** "Brier none 0.12971 (+0.00002 ± 0.00041), platt …": each score, its excess over the lowest and that excess's standard error. */
    private static String list(List<CalibrationSummary.MethodScore> scores) {
        List<String> parts = new ArrayList<>();
        for (CalibrationSummary.MethodScore s : scores) {
            parts.add(s.method() + " " + String.format(Locale.ROOT, "%.5f", s.brierScore())
                    + (s.excessOverLowest() == 0 ? " (lowest)" : String.format(Locale.ROOT, " (+%.5f \u00b1 %.5f)",
                    s.excessOverLowest(), s.excessStandardError())));
        }
        return "out-of-fold Brier " + String.join(", ", parts);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
