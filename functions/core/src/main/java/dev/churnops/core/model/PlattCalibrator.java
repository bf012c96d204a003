package dev.churnops.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Platt scaling: a logistic regression of the label on the predictor's margin,
 * {@code p = 1 / (1 + exp(-(slope × margin + intercept)))}, where the margin is the log-odds of the
 * predictor's probability. (Platt's paper writes {@code 1 / (1 + exp(A f + B))}; here
 * {@code slope = -A} and {@code intercept = -B}.) Two numbers, so it needs little data and cannot
 * overfit much, but it can only stretch and shift the margin.
 *
 * <p>{@link #fit} uses Platt's smoothed targets, {@code (N+ + 1) / (N+ + 2)} for churners and
 * {@code 1 / (N- + 2)} for the rest, and Newton's method with a backtracking line search on the
 * cross-entropy, started from slope 0 and the prior log-odds. The arithmetic runs in row order
 * with no randomness, so the same inputs give the same coefficients bit for bit.
 */
public record PlattCalibrator(@JsonProperty(value = "slope", required = true) double slope,
                              @JsonProperty(value = "intercept", required = true) double intercept) implements Calibrator {

    /**
     * The predictor's probability is clipped to [ε, 1 − ε] before taking its log-odds, so that a
     * forest's vote share of exactly 0 or 1 still has a finite margin (about ±13.8).
     */
    static final double MARGIN_EPSILON = 1e-6;

    private static final int MAX_ITERATIONS = 100;
    /** Keeps the Hessian invertible when every margin is the same. */
    private static final double RIDGE = 1e-12;
    private static final double MIN_STEP = 1e-10;
    private static final double SUFFICIENT_DECREASE = 1e-4;

    @Override
    public double apply(double probability) {
        return sigmoid(slope * margin(probability) + intercept);
    }

    @Override
    public String method() {
        return CalibrationSelector.PLATT;
    }

    @Override
    public void check() {
        if (!Double.isFinite(slope) || slope <= 0) {
            throw new IllegalArgumentException("calibration (platt): 'slope' is " + slope
                    + ", expected a finite number above 0 (a calibration must keep the model's ranking)");
        }
        if (!Double.isFinite(intercept)) {
            throw new IllegalArgumentException("calibration (platt): 'intercept' is " + intercept
                    + ", expected a finite number");
        }
    }

    /**
     * Fits slope and intercept to {@code probabilities} (the predictor's) and {@code labels}.
     * The slope may come out at or below 0 when the probabilities do not rise with churn; the
     * caller decides what to do with such a fit, which {@link #check()} would reject.
     *
     * @throws IllegalArgumentException if the arrays are empty or differ in length
     */
    public static PlattCalibrator fit(double[] probabilities, boolean[] labels) {
        if (probabilities.length == 0 || probabilities.length != labels.length) {
            throw new IllegalArgumentException("Platt scaling needs one label per probability and at least one row; got "
                    + probabilities.length + " probabilities and " + labels.length + " labels");
        }
        int n = probabilities.length;
        int positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        double high = (positives + 1.0) / (positives + 2.0);
        double low = 1.0 / (n - positives + 2.0);
        double[] f = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = margin(probabilities[i]);
            t[i] = labels[i] ? high : low;
        }
        double a = 0.0;
        double b = Math.log((positives + 1.0) / (n - positives + 1.0));
        double loss = loss(f, t, a, b);
        double tolerance = 1e-10 * n;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double ga = 0;
            double gb = 0;
            double haa = RIDGE;
            double hab = 0;
            double hbb = RIDGE;
            for (int i = 0; i < n; i++) {
                double p = sigmoid(a * f[i] + b);
                double d = p - t[i];
                double w = p * (1.0 - p);
                ga += d * f[i];
                gb += d;
                haa += w * f[i] * f[i];
                hab += w * f[i];
                hbb += w;
            }
            if (Math.abs(ga) < tolerance && Math.abs(gb) < tolerance) {
                break;
            }
            double det = haa * hbb - hab * hab;
            double da = -(hbb * ga - hab * gb) / det;
            double db = -(haa * gb - hab * ga) / det;
            double descent = ga * da + gb * db;
            double step = 1.0;
            boolean moved = false;
            while (step >= MIN_STEP) {
                double na = a + step * da;
                double nb = b + step * db;
                double next = loss(f, t, na, nb);
                if (next < loss + SUFFICIENT_DECREASE * step * descent) {
                    a = na;
                    b = nb;
                    loss = next;
                    moved = true;
                    break;
                }
                step /= 2;
            }
            if (!moved) {
                // Within rounding of the optimum: no step lowers the loss any more.
                break;
            }
        }
        return new PlattCalibrator(a, b);
    }

    /** The log-odds of a probability, clipped so that 0 and 1 have a finite margin. */
    static double margin(double probability) {
        double p = Math.min(Math.max(probability, MARGIN_EPSILON), 1.0 - MARGIN_EPSILON);
        return Math.log(p / (1.0 - p));
    }

    static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    /** Cross-entropy of targets {@code t} under {@code sigmoid(a f + b)}, summed stably. */
    private static double loss(double[] f, double[] t, double a, double b) {
        double sum = 0;
        for (int i = 0; i < f.length; i++) {
            double z = a * f[i] + b;
            // -[t log s(z) + (1 - t) log(1 - s(z))] = log(1 + e^z) - t z
            double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
            sum += softplus - t[i] * z;
        }
        return sum;
    }
}
