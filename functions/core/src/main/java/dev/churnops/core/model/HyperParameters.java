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

    /** Every accepted key with its default value. */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("seed", "42");
        d.put("algorithms", LOGISTIC_REGRESSION + "," + RANDOM_FOREST);
        d.put("logistic_regression.epochs", "10");
        d.put("logistic_regression.learning_rate", "0.5");
        d.put("random_forest.trees", "100");
        d.put("random_forest.max_depth", "8");
        d.put("random_forest.min_child_weight", "5");
        d.put("random_forest.feature_fraction", "0.5");
        d.put("gradient_boosting.rounds", "300");
        d.put("gradient_boosting.learning_rate", "0.05");
        d.put("gradient_boosting.max_depth", "4");
        d.put("gradient_boosting.min_child_weight", "1");
        d.put("gradient_boosting.lambda", "1");
        d.put("gradient_boosting.gamma", "0");
        d.put("gradient_boosting.subsample", "0.8");
        d.put("gradient_boosting.colsample", "0.8");
        d.put("gradient_boosting.early_stopping_rounds", "30");
        d.put("gradient_boosting.validation_fraction", "0.1");
        d.put("gradient_boosting.bins", "255");
        d.put("calibration", CalibrationSelector.AUTO);
        DEFAULTS = java.util.Collections.unmodifiableMap(d);
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
        p.integer("logistic_regression.epochs", 1, 1000);
        p.real("logistic_regression.learning_rate", 1e-6, 100);
        p.integer("random_forest.trees", 1, 5000);
        p.integer("random_forest.max_depth", 1, 64);
        p.real("random_forest.min_child_weight", 0, 1e9);
        p.real("random_forest.feature_fraction", 1e-6, 1.0);
        p.integer("gradient_boosting.rounds", 1, 10_000);
        p.real("gradient_boosting.learning_rate", 1e-6, 1.0);
        p.integer("gradient_boosting.max_depth", 1, 16);
        p.real("gradient_boosting.min_child_weight", 0, 1e9);
        p.real("gradient_boosting.lambda", 0, 1e9);
        p.real("gradient_boosting.gamma", 0, 1e9);
        p.real("gradient_boosting.subsample", 1e-6, 1.0);
        p.real("gradient_boosting.colsample", 1e-6, 1.0);
        int patience = p.integer("gradient_boosting.early_stopping_rounds", 0, 10_000);
        double heldOut = p.real("gradient_boosting.validation_fraction", 0, 0.5);
        p.integer("gradient_boosting.bins", 2, 255);
        p.calibration();
        if (patience > 0 && heldOut == 0) {
            throw new IllegalArgumentException("hyperparameter 'gradient_boosting.early_stopping_rounds' is " + patience
                    + " but 'gradient_boosting.validation_fraction' is 0: early stopping watches held-out rows, so expected"
                    + " a validation_fraction above 0 or early_stopping_rounds 0");
        }
        return p;
    }

    /** All values, defaults included, sorted by key: what the model card records. */
    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }

    public long seed() {
        String v = values.get("seed");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hyperparameter 'seed' is '" + v + "': expected a whole number");
        }
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
