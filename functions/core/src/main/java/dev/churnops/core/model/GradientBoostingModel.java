package dev.churnops.core.model;

import com.oracle.labs.mlrg.olcut.util.Pair;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;

/**
 * The Tribuo model {@link GradientBoostingTrainer} produces: boosted trees over Tribuo feature ids,
 * predicting the positive label with probability {@code sigmoid(base + sum of one leaf per tree)}
 * and the negative label with the rest. A feature absent from an example counts as 0, as Tribuo
 * examples leave zeros out; features the model has not seen are ignored. The margin is summed by
 * {@link BoostedPredictor#margin}, the serving form's own code, so a compiled
 * {@link BoostedPredictor} gives exactly this model's probabilities.
 *
 * <p>Java serialization works; Tribuo's protobuf serialization is not implemented.
 */
public final class GradientBoostingModel extends Model<Label> {

    private static final long serialVersionUID = 1L;

    /**
     * The trees in the {@link TreeArrays} layout, features as Tribuo ids; {@code value} holds leaf
     * margins with the learning rate applied, {@code gain} each split's loss reduction (0 at leaves).
     */
    public record Trees(double base, int[] roots, int[] feature, double[] threshold, int[] low, int[] high,
                        double[] value, double[] gain) implements Serializable {

        private Trees copy() {
            return new Trees(base, roots.clone(), feature.clone(), threshold.clone(), low.clone(), high.clone(),
                    value.clone(), gain.clone());
        }
    }

    private final Label positive;
    private final Label negative;
    private final Trees trees;
    private final double[] validationLogLoss;

    GradientBoostingModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                          ImmutableOutputInfo<Label> outputIDInfo, Label positive, Label negative, Trees trees,
                          double[] validationLogLoss) {
        super(name, provenance, featureIDMap, outputIDInfo, true);
        this.positive = positive;
        this.negative = negative;
        this.trees = trees;
        this.validationLogLoss = validationLogLoss;
    }

    /** A copy of the trees, for compiling into a serving form. */
    public Trees trees() {
        return trees.copy();
    }

    public int treeCount() {
        return trees.roots().length;
    }

    /**
     * Validation log-loss after each round trained, including the rounds after the best one that
     * early stopping waited through; empty when no rows were held out.
     */
    public double[] validationLogLoss() {
        return validationLogLoss.clone();
    }

    /** Probability of the positive label for a dense row indexed by Tribuo feature id. */
    double probability(double[] x) {
        return BoostedPredictor.sigmoid(BoostedPredictor.margin(trees.base(), trees.roots(), trees.feature(),
                trees.threshold(), trees.low(), trees.high(), trees.value(), x));
    }

    @Override
    public Prediction<Label> predict(Example<Label> example) {
        double[] x = new double[featureIDMap.size()];
        int used = 0;
        for (Feature feature : example) {
            int id = featureIDMap.getID(feature.getName());
            if (id >= 0) {
                x[id] = feature.getValue();
                used++;
            }
        }
        double p = probability(x);
        Map<String, Label> scores = new LinkedHashMap<>();
        scores.put(positive.getLabel(), new Label(positive.getLabel(), p));
        scores.put(negative.getLabel(), new Label(negative.getLabel(), 1.0 - p));
        Label predicted = p >= 0.5 ? scores.get(positive.getLabel()) : scores.get(negative.getLabel());
        return new Prediction<>(predicted, scores, used, example, true);
    }

    /** Features by their share of the total split gain, largest first; {@code n < 0} lists all. */
    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        double[] gain = new double[featureIDMap.size()];
        double total = 0;
        for (int node = 0; node < trees.feature().length; node++) {
            if (trees.feature()[node] >= 0) {
                gain[trees.feature()[node]] += trees.gain()[node];
                total += trees.gain()[node];
            }
        }
        List<Pair<String, Double>> ranked = new ArrayList<>();
        for (int id = 0; id < gain.length; id++) {
            if (gain[id] > 0) {
                ranked.add(new Pair<>(featureIDMap.get(id).getName(), gain[id] / total));
            }
        }
        ranked.sort(Comparator.comparing((Pair<String, Double> p) -> p.getB()).reversed().thenComparing(Pair::getA));
        Map<String, List<Pair<String, Double>>> top = new LinkedHashMap<>();
        top.put(Model.ALL_OUTPUTS, n < 0 || n >= ranked.size() ? ranked : List.copyOf(ranked.subList(0, n)));
        return top;
    }

    /** Boosted trees give no per-example excuse. */
    @Override
    public Optional<Excuse<Label>> getExcuse(Example<Label> example) {
        return Optional.empty();
    }

    @Override
    protected GradientBoostingModel copy(String newName, ModelProvenance newProvenance) {
        return new GradientBoostingModel(newName, newProvenance, featureIDMap, outputIDInfo, positive.copy(),
                negative.copy(), trees.copy(), validationLogLoss.clone());
    }
}
