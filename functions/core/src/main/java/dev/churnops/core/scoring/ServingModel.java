package dev.churnops.core.scoring;

import dev.churnops.core.model.ChurnModel;
import dev.churnops.core.model.FeatureEncoder;
import dev.churnops.core.model.ReasonCodes;
import dev.churnops.core.pipeline.ModelArtifact;
import dev.churnops.core.registry.ModelCard;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A registered model version ready to score: the serving form, the model card, and the request
 * validator built from its input signature. Immutable and thread-safe; loading checks the
 * artifact, so a corrupt file fails here and never on a request.
 *
 * <p>The probability reported is the model's calibrated probability (see {@link ChurnModel#probability});
 * the reasons explain the predictor's uncalibrated output ({@link #margin}): the log-odds of a
 * linear or boosted model, the vote share (mean leaf probability) of a forest, by exact TreeSHAP for
 * trees (see {@link ReasonCodes}). The two agree in direction, because calibration never decreases,
 * but the contributions add up to that output, not to the log-odds of the reported probability.
 */
public final class ServingModel {

    /** Reasons reported per customer. */
    public static final int TOP_REASONS = 3;

    private final ChurnModel model;
    private final ModelCard card;
    private final InputValidator validator;
    private final ReasonCodes reasonCodes;
    private final ChurnModel.Scorer scorer;

    private ServingModel(ChurnModel model, ModelCard card) {
        this.model = model;
        this.scorer = model.scorer();
        this.card = card;
        this.validator = new InputValidator(card.inputSignature());
        this.reasonCodes = new ReasonCodes(model);
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
     * The (calibrated) churn probability of a row already encoded by {@link #encoder()}, for
     * columnar batch scoring, which encodes straight from a table's columns; equal to
     * {@link #probability(Map)} of the same customer.
     */
    public double probabilityOfEncoded(double[] encoded) {
        return scorer.probability(encoded);
    }

    /** How this model turns input columns into the vector it reads. */
    public FeatureEncoder encoder() {
        return model.encoder();
    }

    /**
     * What the reasons explain, before calibration, for a customer whose features passed
     * {@link #validator()}: the margin (log-odds) of a linear or boosted model, the vote share (mean
     * leaf churn probability, between 0 and 1) of a forest. {@link #contributions} and
     * {@link #baseValue()} add up to it. For a linear or boosted model it is the log-odds of the
     * reported probability only when the model has no calibration.
     */
    public double margin(Map<String, ?> features) {
        return reasonCodes.explained(model.encoder().encode(features));
    }

    /** The risk segment of a probability, from the model card's cut-offs. */
    public String segment(double probability) {
        return card.riskSegments().segment(probability);
    }

    /** The largest positive column contributions, largest first; none for a model without reason codes. */
    private List<Reason> reasons(double[] x) {
        double[] byColumn = reasonCodes.byColumn(x);
        if (byColumn == null) {
            return List.of();
        }
        int[] top = reasonCodes.top(byColumn, TOP_REASONS);
        Reason[] up = new Reason[top.length];
        for (int i = 0; i < top.length; i++) {
            up[i] = new Reason(reasonCodes.column(top[i]), byColumn[top[i]]);
        }
        // Immutable already, so CustomerScore keeps the list rather than copying it.
        return List.of(up);
    }

    /**
     * Every input column's contribution to {@link #margin} for one customer whose features passed
     * {@link #validator()}, in input order; with {@link #baseValue()} they add up to it. Empty for a
     * tree model whose file has no node covers (written before reason codes for trees existed).
     */
    public Map<String, Double> contributions(Map<String, ?> features) {
        double[] byColumn = reasonCodes.byColumn(model.encoder().encode(features));
        Map<String, Double> out = new LinkedHashMap<>();
        for (int c = 0; byColumn != null && c < byColumn.length; c++) {
            out.put(reasonCodes.column(c), byColumn[c]);
        }
        return out;
    }

    /**
     * What the contributions start from: the bias of a linear model; for trees the expected output
     * over the training rows (TreeSHAP's base value). NaN for a model without reason codes.
     */
    public double baseValue() {
        return reasonCodes.baseValue();
    }
}
