package dev.churnops.core.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Training configuration as SageMaker hands it over: string keys and string values. This is the one
 * place they are checked: an unknown key, a value of the wrong type or out of range fails with a
 * sentence naming the key, the value and what was expected. Defaults are stated in {@link #DEFAULTS}.
 */
public final class HyperParameters {

    public static final String LOGISTIC_REGRESSION = "logistic_regression";
    public static final String RANDOM_FOREST = "random_forest";
    public static final String GRADIENT_BOOSTING = "gradient_boosting";

    /** Every algorithm an engine exists for, in the order error messages list them. */
    public static final List<String> ALGORITHMS = List.of(LOGISTIC_REGRESSION, RANDOM_FOREST, GRADIENT_BOOSTING);

    /** Folds of the cross-validation of the chosen configuration over the training (and validation) rows; 0 is off. */
    public static final String CV_FOLDS = "cv_folds";

    /** Candidates a hyperparameter search scores, over all searched algorithms; 0 is off. */
    public static final String SEARCH_CANDIDATES = "search_candidates";

    /** Folds of the cross-validation that scores each search candidate on the training rows. */
    public static final String SEARCH_FOLDS = "search_folds";

    /**
     * Folds of the out-of-fold predictions on the training rows that choose the algorithm, boosting
     * rounds, calibration and threshold when the training set has no validation rows ({@link OutOfFold}).
     */
    public static final String OOF_FOLDS = "oof_folds";

    /**
     * What becomes the production model when it is chosen out of fold: {@link #FOLD_AVERAGE}, the
     * average of the fold models whose predictions chose it (see {@link FoldAverage}), or
     * {@link #REFIT}, one more fit on all training rows. With validation rows there are no fold
     * models and the model is always the one fitted on the training split.
     */
    public static final String FINAL_MODEL = "final_model";

    /** {@link #FINAL_MODEL}: the average of the out-of-fold fold models (the default). */
    public static final String FOLD_AVERAGE = "fold_average";

    /** {@link #FINAL_MODEL}: a fit on all training rows with what the folds chose. */
    public static final String REFIT = "refit";

    /** The search space as JSON (see {@link SearchSpace}); empty for the built-in one. */
    public static final String SEARCH_SPACE = "search_space";

    /** Every accepted key with its default value. */
    public static final Map<String, String> DEFAULTS;

    /** The range of every numeric per-algorithm key and of the search's counts; what a search space may span. */
    public static final Map<String, Range> RANGES;

    static {
        // The defaults were chosen by 5-fold cross-validated and validation ROC-AUC on the Telco
        // churn table and on the built-in synthetic table (README, "Model selection"), never by test
        // scores: boosted stumps ranked first on both, a 50-epoch logistic regression near the top.
        Map<String, String> d = new LinkedHashMap<>();
        d.put("seed", "42");
        d.put("algorithms", LOGISTIC_REGRESSION + "," + GRADIENT_BOOSTING);
        d.put("logistic_regression.epochs", "50");
        d.put("logistic_regression.learning_rate", "0.1");
        d.put("random_forest.trees", "100");
        d.put("random_forest.max_depth", "8");
        d.put("random_forest.min_child_weight", "5");
        d.put("random_forest.feature_fraction", "0.5");
        d.put("gradient_boosting.rounds", "1000");
        d.put("gradient_boosting.learning_rate", "0.1");
        d.put("gradient_boosting.max_depth", "1");
        d.put("gradient_boosting.min_child_weight", "5");
        d.put("gradient_boosting.lambda", "1");
        d.put("gradient_boosting.gamma", "0");
        d.put("gradient_boosting.subsample", "0.8");
        d.put("gradient_boosting.colsample", "0.5");
        d.put("gradient_boosting.early_stopping_rounds", "50");
        d.put("gradient_boosting.validation_fraction", "0.1");
        d.put("gradient_boosting.bins", "255");
        d.put("calibration", CalibrationSelector.AUTO);
        d.put(CV_FOLDS, "0");
        d.put(SEARCH_CANDIDATES, "0");
        d.put(SEARCH_FOLDS, "5");
        d.put(OOF_FOLDS, "5");
        d.put(FINAL_MODEL, FOLD_AVERAGE);
        d.put(SEARCH_SPACE, "");
        DEFAULTS = java.util.Collections.unmodifiableMap(d);

        Map<String, Range> r = new LinkedHashMap<>();
        r.put("logistic_regression.epochs", Range.whole(1, 1000));
        r.put("logistic_regression.learning_rate", Range.real(1e-6, 100));
        r.put("random_forest.trees", Range.whole(1, 5000));
        r.put("random_forest.max_depth", Range.whole(1, 64));
        r.put("random_forest.min_child_weight", Range.real(0, 1e9));
        r.put("random_forest.feature_fraction", Range.real(1e-6, 1.0));
        r.put("gradient_boosting.rounds", Range.whole(1, 10_000));
        r.put("gradient_boosting.learning_rate", Range.real(1e-6, 1.0));
        r.put("gradient_boosting.max_depth", Range.whole(1, 16));
        r.put("gradient_boosting.min_child_weight", Range.real(0, 1e9));
        r.put("gradient_boosting.lambda", Range.real(0, 1e9));
        r.put("gradient_boosting.gamma", Range.real(0, 1e9));
        r.put("gradient_boosting.subsample", Range.real(1e-6, 1.0));
        r.put("gradient_boosting.colsample", Range.real(1e-6, 1.0));
        r.put("gradient_boosting.early_stopping_rounds", Range.whole(0, 10_000));
        r.put("gradient_boosting.validation_fraction", Range.real(0, 0.5));
        r.put("gradient_boosting.bins", Range.whole(2, 255));
        r.put(SEARCH_CANDIDATES, Range.whole(0, 1000));
        r.put(SEARCH_FOLDS, Range.whole(2, 20));
        r.put(OOF_FOLDS, Range.whole(2, 20));
        RANGES = java.util.Collections.unmodifiableMap(r);
    }

    /**
     * The accepted values of a numeric hyperparameter: a whole number or any number, from
     * {@code min} to {@code max} inclusive.
     */
    public record Range(boolean whole, double min, double max) {

        static Range whole(int min, int max) {
            return new Range(true, min, max);
        }

        static Range real(double min, double max) {
            return new Range(false, min, max);
        }

        public boolean contains(double value) {
            return value >= min && value <= max && (!whole || value == Math.rint(value));
        }

        /** "a whole number from 1 to 16", "a number from 1.0E-6 to 1.0": as the parse errors say it. */
        public String describe() {
            return whole ? "a whole number from " + (int) min + " to " + (int) max : "a number from " + min + " to " + max;
        }
    }

    private final Map<String, String> values;

    private HyperParameters(Map<String, String> values) {
        this.values = values;
    }

    /** Merges {@code given} over the defaults and checks every value. */
    public static HyperParameters parse(Map<String, String> given) {
        Map<String, String> merged = new TreeMap<>(DEFAULTS);
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (!DEFAULTS.containsKey(e.getKey())) {
                throw new IllegalArgumentException("hyperparameter '" + e.getKey() + "' is unknown; expected one of "
                        + String.join(", ", DEFAULTS.keySet()));
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("hyperparameter '" + e.getKey() + "' has no value");
            }
            merged.put(e.getKey(), e.getValue().trim());
        }
        HyperParameters p = new HyperParameters(merged);
        p.seed();
        p.algorithms();
        for (Map.Entry<String, Range> e : RANGES.entrySet()) {
            Range range = e.getValue();
            if (range.whole()) {
                p.integer(e.getKey(), (int) range.min(), (int) range.max());
            } else {
                p.real(e.getKey(), range.min(), range.max());
            }
        }
        int patience = p.integer("gradient_boosting.early_stopping_rounds", 0, 10_000);
        double heldOut = p.real("gradient_boosting.validation_fraction", 0, 0.5);
        p.cvFolds();
        SearchSpace space = p.searchSpace();
        if (p.searchCandidates() > 0) {
            HyperparameterSearch.searchedAlgorithms(p, space);
        }
        p.calibration();
        p.finalModel();
        if (patience > 0 && heldOut == 0) {
            throw new IllegalArgumentException("hyperparameter 'gradient_boosting.early_stopping_rounds' is " + patience
                    + " but 'gradient_boosting.validation_fraction' is 0: early stopping watches held-out rows, so expected"
                    + " a validation_fraction above 0 or early_stopping_rounds 0");
        }
        return p;
    }

    /**
     * These values with {@code overrides} applied, checked as {@link #parse} checks them: how a
     * search candidate's values become a configuration.
     */
    public HyperParameters with(Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(values);
        merged.putAll(overrides);
        return parse(merged);
    }

    /** Folds of the cross-validation of the chosen configuration; 0 when it is off. */
    public int cvFolds() {
        String v = values.get(CV_FOLDS);
        int folds;
        try {
            folds = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            folds = -1;
        }
        if (folds != 0 && (folds < 2 || folds > 50)) {
            throw new IllegalArgumentException("hyperparameter '" + CV_FOLDS + "' is '" + v
                    + "': expected 0 (no cross-validation) or a whole number of folds from 2 to 50");
        }
        return folds;
    }

    /** Candidates of the hyperparameter search, over all algorithms; 0 when there is no search. */
    public int searchCandidates() {
        Range range = RANGES.get(SEARCH_CANDIDATES);
        return integer(SEARCH_CANDIDATES, (int) range.min(), (int) range.max());
    }

    /** Folds of the cross-validation that scores each search candidate. */
    public int searchFolds() {
        Range range = RANGES.get(SEARCH_FOLDS);
        return integer(SEARCH_FOLDS, (int) range.min(), (int) range.max());
    }

    /** Folds of the out-of-fold predictions that choose the model when there are no validation rows. */
    public int oofFolds() {
        Range range = RANGES.get(OOF_FOLDS);
        return integer(OOF_FOLDS, (int) range.min(), (int) range.max());
    }

    /** The search space: the one given as JSON in {@code search_space}, or the built-in one when that is empty. */
    public SearchSpace searchSpace() {
        String v = values.get(SEARCH_SPACE);
        return v.isEmpty() ? SearchSpace.builtIn() : SearchSpace.parse(v, "hyperparameter '" + SEARCH_SPACE + "'");
    }

    /** All values, defaults included, sorted by key: what the model card records. */
    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** The seed of every random draw: 0 to 4294967295, numpy's range, so splits and folds can match scikit-learn's. */
    public long seed() {
        String v = values.get("seed");
        long seed;
        try {
            seed = Long.parseLong(v);
        } catch (NumberFormatException e) {
            seed = -1;
        }
        if (seed < 0 || seed > MersenneTwister.MAX_SEED) {
            throw new IllegalArgumentException("hyperparameter 'seed' is '" + v + "': expected a whole number from 0 to "
                    + MersenneTwister.MAX_SEED + " (2^32 - 1, the seeds numpy's RandomState accepts)");
        }
        return seed;
    }

    public List<String> algorithms() {
        String v = values.get("algorithms");
        List<String> list = new ArrayList<>();
        for (String a : v.split(",")) {
            String name = a.trim();
            if (!ALGORITHMS.contains(name)) {
                throw new IllegalArgumentException("hyperparameter 'algorithms' names '" + name + "': expected one or more of "
                        + String.join(", ", ALGORITHMS));
            }
            if (list.contains(name)) {
                throw new IllegalArgumentException("hyperparameter 'algorithms' names '" + name + "' twice");
            }
            list.add(name);
        }
        return list;
    }

    /** How the model's probabilities are calibrated: auto, none, platt or isotonic (see {@link CalibrationSelector}). */
    public String calibration() {
        String v = values.get("calibration");
        if (!CalibrationSelector.CHOICES.contains(v)) {
            throw new IllegalArgumentException("hyperparameter 'calibration' is '" + v + "': expected one of "
                    + String.join(", ", CalibrationSelector.CHOICES));
        }
        return v;
    }

    /** {@link #FOLD_AVERAGE} or {@link #REFIT}: see {@link #FINAL_MODEL}. */
    public String finalModel() {
        String v = values.get(FINAL_MODEL);
        if (!v.equals(FOLD_AVERAGE) && !v.equals(REFIT)) {
            throw new IllegalArgumentException("hyperparameter '" + FINAL_MODEL + "' is '" + v + "': expected "
                    + FOLD_AVERAGE + " (the average of the out-of-fold fold models) or " + REFIT
                    + " (one more fit on all training rows)");
        }
        return v;
    }

    public int integer(String key, int min, int max) {
        String v = values.get(key);
        int parsed;
        try {
            parsed = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hyperparameter '" + key + "' is '" + v + "': expected a whole number from "
                    + min + " to " + max);
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException("hyperparameter '" + key + "' is " + parsed + ": expected a whole number from "
                    + min + " to " + max);
        }
        return parsed;
    }

    public double real(String key, double min, double max) {
        String v = values.get(key);
        double parsed;
        try {
            parsed = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            parsed = Double.NaN;
        }
        if (!(parsed >= min && parsed <= max)) {
            throw new IllegalArgumentException("hyperparameter '" + key + "' is '" + v + "': expected a number from "
                    + min + " to " + max);
        }
        return parsed;
    }
}
