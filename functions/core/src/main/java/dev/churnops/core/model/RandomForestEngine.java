package dev.churnops.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.ensemble.EnsembleModel;

/**
 * A random forest of Tribuo CART trees (Gini impurity, bootstrap samples, a fraction of features per
 * split) averaged by leaf class distribution, compiled into a {@link ForestPredictor}.
 */
public final class RandomForestEngine implements ModelEngine {

    @Override
    public String algorithm() {
        return HyperParameters.RANDOM_FOREST;
    }

    @Override
    public EngineResult train(EncodedData data, HyperParameters parameters) {
        EnsembleModel<Label> model = fitTribuo(data, parameters);
        return new EngineResult(compile(model, data), TribuoData.provenance(model));
    }

    /** The Tribuo ensemble itself, before compiling; tests compare its predictions with the compiled form. */
    static EnsembleModel<Label> fitTribuo(EncodedData data, HyperParameters parameters) {
        int trees = parameters.integer("random_forest.trees", 1, 5000);
        int depth = parameters.integer("random_forest.max_depth", 1, 64);
        float minChildWeight = (float) parameters.real("random_forest.min_child_weight", 0, 1e9);
        float fraction = (float) parameters.real("random_forest.feature_fraction", 1e-6, 1.0);
        CARTClassificationTrainer cart = new CARTClassificationTrainer(depth, minChildWeight, 0.0f, fraction, false,
                new GiniIndex(), parameters.seed());
        RandomForestTrainer<Label> forest = new RandomForestTrainer<>(cart, new FullyWeightedVotingCombiner(), trees,
                parameters.seed());
        MutableDataset<Label> dataset = TribuoData.dataset(data);
        @SuppressWarnings("unchecked")
        EnsembleModel<Label> model = (EnsembleModel<Label>) forest.train(dataset);
        return model;
    }

    static ForestPredictor compile(EnsembleModel<Label> ensemble, EncodedData data) {
        Flat flat = new Flat();
        List<Integer> roots = new ArrayList<>();
        for (Model<Label> member : ensemble.getModels()) {
            TreeModel<Label> tree = (TreeModel<Label>) member;
            int[] index = TribuoData.featureIndex(tree.getFeatureIDMap(), data.featureNames());
            roots.add(flat.add(tree.getRoot(), index));
        }
        int[] rootArray = roots.stream().mapToInt(Integer::intValue).toArray();
        int[] feature = flat.feature.stream().mapToInt(Integer::intValue).toArray();
        double[] threshold = flat.threshold.stream().mapToDouble(Double::doubleValue).toArray();
        int[] low = flat.low.stream().mapToInt(Integer::intValue).toArray();
        int[] high = flat.high.stream().mapToInt(Integer::intValue).toArray();
        // Covers count every training row, not each tree's bootstrap sample, so that the reason codes'
        // base value is the forest's mean output over the training rows.
        return new ForestPredictor(data.featureNames().size(), rootArray, feature, threshold, low, high,
                flat.value.stream().mapToDouble(Double::doubleValue).toArray(),
                TreeArrays.cover(rootArray, feature, threshold, low, high, data.rows()));
    }

    /** Pre-order flattening: a parent always precedes its children. */
    private static final class Flat {
        final List<Integer> feature = new ArrayList<>();
        final List<Double> threshold = new ArrayList<>();
        final List<Integer> low = new ArrayList<>();
        final List<Integer> high = new ArrayList<>();
        final List<Double> value = new ArrayList<>();

        int add(Node<Label> node, int[] index) {
            int id = feature.size();
            feature.add(-1);
            threshold.add(0.0);
            low.add(-1);
            high.add(-1);
            value.add(0.0);
            if (node instanceof SplitNode<Label> split) {
                feature.set(id, index[split.getFeatureID()]);
                threshold.set(id, split.splitValue());
                low.set(id, add(split.getLessThanOrEqual(), index));
                high.set(id, add(split.getGreaterThan(), index));
            } else {
                value.set(id, churnProbability((LeafNode<Label>) node));
            }
            return id;
        }

        private static double churnProbability(LeafNode<Label> leaf) {
            Map<String, Label> distribution = leaf.getDistribution();
            double total = 0;
            for (Label l : distribution.values()) {
                total += l.getScore();
            }
            Label churn = distribution.get(TribuoData.CHURN.getLabel());
            return churn == null || total == 0 ? 0.0 : churn.getScore() / total;
        }
    }
}
