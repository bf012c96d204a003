package dev.churnops.core.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a model scored a customer as it did: each input column's signed contribution to the model's
 * uncalibrated output, which with {@link #baseValue()} adds up to that output exactly. A column's
 * contribution is the sum over its encoded features (a numeric value and its missing indicator, or
 * every one-hot indicator of a category).
 *
 * <p>What is explained ({@link #explained}): for a linear model the margin (log-odds) and
 * {@code w_i·x_i} per feature, the bias as base value; for boosted trees the margin, by exact
 * TreeSHAP ({@link TreeShap}); for a forest its output, the mean leaf churn probability (vote share),
 * by exact TreeSHAP. Calibration comes after all of these and is not explained: it never lowers a
 * higher score below a lower one, so the direction of every reason holds for the calibrated
 * probability too. A tree model read from a file without node covers has no reason codes
 * ({@link #available()} is false).
 *
 * <p>Immutable and thread-safe.
 */
public final class ReasonCodes {

    private final Predictor predictor;
    /** Null unless the predictor is a tree model with covers. */
    private final TreeShap shap;
    private final boolean available;
    /** The input columns, each once, in the order their encoded features first appear. */
    private final String[] columns;
    /** For each encoded feature, the index in {@link #columns} of the input column it comes from. */
    private final int[] columnOfFeature;

    public ReasonCodes(ChurnModel model) {
        this.predictor = model.predictor();
        if (predictor instanceof BoostedPredictor boosted && boosted.cover() != null) {
            this.shap = TreeShap.of(boosted);
        } else if (predictor instanceof ForestPredictor forest && forest.cover() != null) {
            this.shap = TreeShap.of(forest);
        } else {
            this.shap = null;
        }
        this.available = predictor instanceof LinearPredictor || shap != null;
        String[] sourceColumns = model.encoder().sourceColumns();
        Map<String, Integer> index = new LinkedHashMap<>();
        this.columnOfFeature = new int[sourceColumns.length];
        for (int i = 0; i < sourceColumns.length; i++) {
            columnOfFeature[i] = index.computeIfAbsent(sourceColumns[i], k -> index.size());
        }
        this.columns = index.keySet().toArray(String[]::new);
    }

    /** False for a tree model without node covers, which scores but cannot be explained. */
    public boolean available() {
        return available;
    }

    /** The input columns contributions are given for, in input order. */
    public List<String> columns() {
        return List.of(columns);
    }

    /** A few words on what the contributions add up to, for reports. */
    public String explains() {
        return predictor instanceof ForestPredictor
                ? "the forest's vote share (mean leaf churn probability), before calibration"
                : "the margin (log-odds of churn), before calibration";
    }

    /**
     * What the contributions explain, for one encoded row: the margin of a linear or boosted model,
     * the output (mean leaf probability) of a forest, all before calibration. Available whether or
     * not the model has reason codes.
     */
    public double explained(double[] x) {
        if (predictor instanceof LinearPredictor linear) {
            double margin = linear.bias();
            double[] w = linear.weights();
            for (int i = 0; i < w.length; i++) {
                margin += w[i] * x[i];
            }
            return margin;
        }
        if (predictor instanceof BoostedPredictor boosted) {
            return boosted.margin(x);
        }
        return predictor.probability(x);
    }

    /** What the contributions start from: the explained output when nothing is known; NaN without reason codes. */
    public double baseValue() {
        if (predictor instanceof LinearPredictor linear) {
            return linear.bias();
        }
        return shap == null ? Double.NaN : shap.baseValue();
    }

    /**
     * Each input column's contribution for one encoded row, indexed like {@link #columns()}; with
     * {@link #baseValue()} they add up to {@link #explained}. Null when the model has no reason codes.
     */
    public double[] byColumn(double[] x) {
        if (!available) {
            return null;
        }
        double[] byColumn = new double[columns.length];
        if (predictor instanceof LinearPredictor linear) {
            double[] w = linear.weights();
            for (int i = 0; i < w.length; i++) {
                byColumn[columnOfFeature[i]] += w[i] * x[i];
            }
        } else {
            double[] phi = shap.contributions(x);
            for (int i = 0; i < phi.length; i++) {
                byColumn[columnOfFeature[i]] += phi[i];
            }
        }
        return byColumn;
    }

    /**
     * The indexes of the (at most) {@code k} largest positive contributions in {@code byColumn},
     * largest first, ties broken by column name: a selection, not a sort. Contribution and name
     * order the columns totally (names are distinct), so the next column chosen is the best of
     * those ranked after the last one chosen; no set of chosen columns is kept.
     */
    public int[] top(double[] byColumn, int k) {
        int[] chosen = new int[k];
        int found = 0;
        for (int last = -1; found < k; found++) {
            int best = -1;
            for (int c = 0; c < byColumn.length; c++) {
                if (byColumn[c] > 0 && (last < 0 || ranksBefore(byColumn, last, c))
                        && (best < 0 || ranksBefore(byColumn, c, best))) {
                    best = c;
                }
            }
            if (best < 0) {
                break;
            }
            chosen[found] = best;
            last = best;
        }
        return found == k ? chosen : Arrays.copyOf(chosen, found);
    }

    /** Whether column {@code a} comes before column {@code b}: a larger contribution, or an equal one and an earlier name. */
    private boolean ranksBefore(double[] byColumn, int a, int b) {
        return byColumn[a] > byColumn[b] || byColumn[a] == byColumn[b] && columns[a].compareTo(columns[b]) < 0;
    }

    /** The name of column {@code c} of {@link #columns()}. */
    public String column(int c) {
        return columns[c];
    }
}
