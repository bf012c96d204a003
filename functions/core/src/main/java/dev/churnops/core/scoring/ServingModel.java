package dev.churnops.core.scoring;

import dev.churnops.core.model.ChurnModel;
import dev.churnops.core.model.LinearPredictor;
import dev.churnops.core.pipeline.ModelArtifact;
import dev.churnops.core.registry.ModelCard;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A registered model version ready to score: the serving form, the model card, and the request
 * validator built from its input signature. Immutable and thread-safe; loading checks the
 * artifact, so a corrupt file fails here and never on a request.
 */
public final class ServingModel {

    /** Reasons reported per customer. */
    public static final int TOP_REASONS = 3;

    private final ChurnModel model;
    private final ModelCard card;
    private final InputValidator validator;
    private final String[] sourceColumns;

    private ServingModel(ChurnModel model, ModelCard card) {
        this.model = model;
        this.card = card;
        this.validator = new InputValidator(card.inputSignature());
        this.sourceColumns = model.encoder().sourceColumns();
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
        double p = model.predictor().probability(x);
        return new CustomerScore(customerId, p, card.riskSegments().segment(p), card.modelName(), card.version(),
                reasons(x));
    }

    /** The churn probability alone, for paths that report no reasons (batch scoring). */
    public double probability(Map<String, ?> features) {
        return model.predictor().probability(model.encoder().encode(features));
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
        if (!(model.predictor() instanceof LinearPredictor linear)) {
            return List.of();
        }
        Map<String, Double> byColumn = new LinkedHashMap<>();
        double[] w = linear.weights();
        for (int i = 0; i < w.length; i++) {
            byColumn.merge(sourceColumns[i], w[i] * x[i], Double::sum);
        }
        List<Reason> up = new ArrayList<>();
        byColumn.forEach((column, c) -> {
            if (c > 0) {
                up.add(new Reason(column, c));
            }
        });
        up.sort(Comparator.comparingDouble(Reason::contribution).reversed().thenComparing(Reason::feature));
        return up.size() > TOP_REASONS ? up.subList(0, TOP_REASONS) : up;
    }

    /** The margin (log-odds) a linear model's reasons add up to, with {@link #baseValue()}. */
    public double baseValue() {
        return model.predictor() instanceof LinearPredictor linear ? linear.bias() : Double.NaN;
    }
}
