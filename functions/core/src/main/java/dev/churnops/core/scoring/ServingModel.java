package dev.churnops.core.scoring;

import dev.churnops.core.model.ChurnModel;
import dev.churnops.core.model.LinearPredictor;
import dev.churnops.core.pipeline.ModelArtifact;
import dev.churnops.core.registry.ModelCard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A registered model version ready to score: the serving form, the model card, and the request
 * validator built from its input signature. Immutable and thread-safe; loading checks the
 * artifact, so a corrupt file fails here and never on a request.
 *
 * <p>The probability reported is the model's calibrated probability (see {@link ChurnModel#probability});
 * the reasons explain the predictor's uncalibrated margin ({@link #margin}). The two agree in
 * direction, because calibration never decreases, but the contributions add up to the margin, not
 * to the log-odds of the reported probability.
 */
public final class ServingModel {

    /** Reasons reported per customer. */
    public static final int TOP_REASONS = 3;

    private final ChurnModel model;
    private final ModelCard card;
    private final InputValidator validator;
    /** The input columns, each once, in the order their encoded features first appear. */
    private final String[] columns;
    /** For each encoded feature, the index in {@link #columns} of the input column it comes from. */
    private final int[] columnOfFeature;

    private ServingModel(ChurnModel model, ModelCard card) {
        this.model = model;
        this.card = card;
        this.validator = new InputValidator(card.inputSignature());
        String[] sourceColumns = model.encoder().sourceColumns();
        Map<String, Integer> index = new LinkedHashMap<>();
        this.columnOfFeature = new int[sourceColumns.length];
        for (int i = 0; i < sourceColumns.length; i++) {
            columnOfFeature[i] = index.computeIfAbsent(sourceColumns[i], k -> index.size());
        }
        this.columns = index.keySet().toArray(String[]::new);
    }

    /** Loads a registered {@code model.tar.gz}; {@code source} names it in error messages. */
    public static ServingModel load(byte[] artifact, String source) {
        ModelArtifact a = ModelArtifact.read(artifact, source);
        ModelCard card = a.card().orElseThrow(() -> new IllegalArgumentException(source
                + " has no model card: only registered versions can serve"));
        if (card.riskSegments() == null) {
            throw new IllegalArgumentException(source + ": the model card has no risk segments");
        }
        return new ServingModel(a.model(), card);
    }

    public ModelCard card() {
        return card;
    }

    public String modelName() {
        return card.modelName();
    }

    public int version() {
        return card.version();
    }

    public InputValidator validator() {
        return validator;
    }

    /** Scores one customer whose features passed {@link #validator()}. */
    public CustomerScore score(String customerId, Map<String, ?> features) {
        double[] x = model.encoder().encode(features);
        double p = model.probability(x);
        return new CustomerScore(customerId, p, card.riskSegments().segment(p), card.modelName(), card.version(),
                reasons(x));
    }

    /** The (calibrated) churn probability alone, for paths that report no reasons (batch scoring). */
    public double probability(Map<String, ?> features) {
        return model.score(features);
    }

    /**
     * The predictor's margin (log-odds) before calibration, for a customer whose features passed
     * {@link #validator()}: what {@link #contributions} and {@link #baseValue()} add up to for a
     * linear model. It is the log-odds of the reported probability only when the model has no
     * calibration; for a tree model whose probability is exactly 0 or 1 it is infinite.
     */
    public double margin(Map<String, ?> features) {
        double[] x = model.encoder().encode(features);
        if (model.predictor() instanceof LinearPredictor linear) {
            double margin = linear.bias();
            for (int i = 0; i < x.length; i++) {
                margin += linear.weights()[i] * x[i];
            }
            return margin;
        }
        double p = model.predictor().probability(x);
        return Math.log(p / (1 - p));
    }

    /** The risk segment of a probability, from the model card's cut-offs. */
    public String segment(double probability) {
        return card.riskSegments().segment(probability);
    }

    /**
     * For a linear model, each column's contribution {@code sum(w_i * x_i)} over its features: with
     * the bias they add up to the margin exactly. Tree models get reasons with TreeSHAP later.
     */
    private List<Reason> reasons(double[] x) {
        double[] byColumn = columnContributions(x);
        if (byColumn == null) {
            return List.of();
        }
        // The largest positive contributions, ties broken by column name: a selection, not a sort.
        List<Reason> up = new ArrayList<>(TOP_REASONS);
        boolean[] taken = new boolean[columns.length];
        for (int k = 0; k < TOP_REASONS; k++) {
            int best = -1;
            for (int c = 0; c < byColumn.length; c++) {
                if (!taken[c] && byColumn[c] > 0 && (best < 0 || byColumn[c] > byColumn[best]
                        || byColumn[c] == byColumn[best] && columns[c].compareTo(columns[best]) < 0)) {
                    best = c;
                }
            }
            if (best < 0) {
                break;
            }
            taken[best] = true;
            up.add(new Reason(columns[best], byColumn[best]));
        }
        return up;
    }

    /**
     * Every input column's contribution to the margin (log-odds) for one customer whose features
     * passed {@link #validator()}, in input order; with {@link #baseValue()} they add up to the
     * margin. Empty for a model that has no reason codes yet.
     */
    public Map<String, Double> contributions(Map<String, ?> features) {
        double[] byColumn = columnContributions(model.encoder().encode(features));
        Map<String, Double> out = new LinkedHashMap<>();
        for (int c = 0; byColumn != null && c < columns.length; c++) {
            out.put(columns[c], byColumn[c]);
        }
        return out;
    }

    /** Per column of {@link #columns}, {@code sum(w_i * x_i)} over its features; null when not linear. */
    private double[] columnContributions(double[] x) {
        if (!(model.predictor() instanceof LinearPredictor linear)) {
            return null;
        }
        double[] byColumn = new double[columns.length];
        double[] w = linear.weights();
        for (int i = 0; i < w.length; i++) {
            byColumn[columnOfFeature[i]] += w[i] * x[i];
        }
        return byColumn;
    }

    /** The margin (log-odds) a linear model's reasons add up to, with {@link #baseValue()}. */
    public double baseValue() {
        return model.predictor() instanceof LinearPredictor linear ? linear.bias() : Double.NaN;
    }
}
