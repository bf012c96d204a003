package dev.churnops.core.model;

import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * Logistic regression with Tribuo's SGD trainer (log loss, AdaGrad): the baseline every other
 * algorithm has to beat. The two-class softmax Tribuo learns is folded into one weight vector,
 * {@code w = w_churn - w_stay}, which gives the same probabilities.
 */
public final class LogisticRegressionEngine implements ModelEngine {

    @Override
    public String algorithm() {
        return HyperParameters.LOGISTIC_REGRESSION;
    }

    @Override
    public EngineResult train(EncodedData data, HyperParameters parameters) {
        LinearSGDModel model = fitTribuo(data, parameters);
        return new EngineResult(compile(model, data), TribuoData.provenance(model));
    }

    /** The Tribuo model itself, before compiling; tests compare its predictions with the compiled form. */
    static LinearSGDModel fitTribuo(EncodedData data, HyperParameters parameters) {
        int epochs = parameters.integer("logistic_regression.epochs", 1, 1000);
        double rate = parameters.real("logistic_regression.learning_rate", 1e-6, 100);
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(rate, 0.1), epochs,
                Integer.MAX_VALUE, 1, parameters.seed());
        MutableDataset<Label> dataset = TribuoData.dataset(data);
        return (LinearSGDModel) trainer.train(dataset);
    }

    static LinearPredictor compile(LinearSGDModel model, EncodedData data) {
        DenseMatrix w = model.getWeightsCopy();
        int churn = model.getOutputIDInfo().getID(TribuoData.CHURN);
        int stay = model.getOutputIDInfo().getID(TribuoData.STAY);
        int[] index = TribuoData.featureIndex(model.getFeatureIDMap(), data.featureNames());
        double[] weights = new double[data.featureNames().size()];
        for (int id = 0; id < index.length; id++) {
            weights[index[id]] = w.get(churn, id) - w.get(stay, id);
        }
        // Tribuo appends the bias as the column after the last feature.
        int biasColumn = index.length;
        double bias = w.get(churn, biasColumn) - w.get(stay, biasColumn);
        return new LinearPredictor(weights, bias);
    }
}
