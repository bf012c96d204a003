package dev.churnops.core.model;

/**
 * Gradient-boosted trees ({@link GradientBoostingTrainer}, behind Tribuo's trainer interface)
 * compiled into a {@link BoostedPredictor}. Histograms are built on up to {@link #MAX_THREADS}
 * threads; the model does not depend on how many.
 */
public final class GradientBoostingEngine implements ModelEngine {

    static final int MAX_THREADS = 4;

    @Override
    public String algorithm() {
        return HyperParameters.GRADIENT_BOOSTING;
    }

    @Override
    public EngineResult train(EncodedData data, HyperParameters parameters) {
        GradientBoostingModel model = fitTribuo(data, parameters);
        return new EngineResult(compile(model, data), TribuoData.provenance(model));
    }

    /** The Tribuo model itself, before compiling; tests compare its predictions with the compiled form. */
    static GradientBoostingModel fitTribuo(EncodedData data, HyperParameters parameters) {
        return trainer(parameters, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()))
                .train(TribuoData.dataset(data));
    }

    /**
     * Out-of-fold margins of this configuration on {@code data} dealt into {@code k} folds, and the
     * round count the final model keeps (see {@link GradientBoostingTrainer#fitOutOfFold}); the
     * folds train on up to {@link #MAX_THREADS} threads. {@code dataset} is {@code data} as Tribuo
     * holds it, built once by the caller and shared by every configuration it scores.
     */
    static GradientBoostingTrainer.OutOfFoldFit outOfFold(org.tribuo.Dataset<org.tribuo.classification.Label> dataset,
            int[] fold, int k, HyperParameters parameters) {
        return trainer(parameters, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()))
                .fitOutOfFold(dataset, fold, k);
    }

    /** The fold runs of {@link #outOfFold}, for a caller that trains them on its own threads. */
    static GradientBoostingTrainer.OutOfFoldRuns outOfFoldRuns(org.tribuo.Dataset<org.tribuo.classification.Label> dataset,
            int[] fold, int k, HyperParameters parameters) {
        return trainer(parameters, 1).outOfFoldRuns(dataset, fold, k);
    }

    static GradientBoostingTrainer trainer(HyperParameters parameters, int threads) {
        String p = HyperParameters.GRADIENT_BOOSTING + ".";
        return GradientBoostingTrainer.builder()
                .rounds(parameters.integer(p + "rounds", 1, 10_000))
                .learningRate(parameters.real(p + "learning_rate", 1e-6, 1.0))
                .maxDepth(parameters.integer(p + "max_depth", 1, 16))
                .minChildWeight(parameters.real(p + "min_child_weight", 0, 1e9))
                .lambda(parameters.real(p + "lambda", 0, 1e9))
                .gamma(parameters.real(p + "gamma", 0, 1e9))
                .subsample(parameters.real(p + "subsample", 1e-6, 1.0))
                .colsample(parameters.real(p + "colsample", 1e-6, 1.0))
                .earlyStoppingRounds(parameters.integer(p + "early_stopping_rounds", 0, 10_000))
                .validationFraction(parameters.real(p + "validation_fraction", 0, 0.5))
                .bins(parameters.integer(p + "bins", 2, 255))
                .seed(parameters.seed())
                .positiveLabel(TribuoData.CHURN.getLabel())
                .threads(threads)
                .build();
    }

    static BoostedPredictor compile(GradientBoostingModel model, EncodedData data) {
        GradientBoostingModel.Trees trees = model.trees();
        BoostedPredictor p = compile(trees, model.getFeatureIDMap(), data.featureNames());
        // Covers count every training row, held-out ones included, rather than each round's subsample,
        // so that the reason codes' base value is the model's mean margin over the training rows.
        int[] cover = TreeArrays.cover(p.roots(), p.feature(), p.threshold(), p.low(), p.high(), data.rows());
        return new BoostedPredictor(p.width(), p.base(), p.roots(), p.feature(), p.threshold(), p.low(), p.high(),
                p.value(), p.gain(), cover);
    }

    /**
     * {@code trees}, whose splits name Tribuo feature ids of {@code featureMap}, as a serving form
     * over the encoder's {@code featureNames}, without covers (a fold model, which {@link FoldAverage}
     * counts covers for once the folds are averaged).
     */
    static BoostedPredictor compile(GradientBoostingModel.Trees trees, org.tribuo.ImmutableFeatureMap featureMap,
                                    java.util.List<String> featureNames) {
        int[] index = TribuoData.featureIndex(featureMap, featureNames);
        int width = featureNames.size();
        int[] feature = trees.feature();
        double[] gain = new double[width];
        for (int n = 0; n < feature.length; n++) {
            if (feature[n] >= 0) {
                feature[n] = index[feature[n]];
                gain[feature[n]] += trees.gain()[n];
            }
        }
        return new BoostedPredictor(width, trees.base(), trees.roots(), feature, trees.threshold(), trees.low(),
                trees.high(), trees.value(), gain);
    }
}
