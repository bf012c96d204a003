package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import dev.churnops.core.evaluation.BinaryMetrics;
import dev.churnops.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.provenance.TrainerProvenance;

class GradientBoostingTrainerTest {

    /**
     * {@code rows} rows of {@code 2 + noise} features uniform in [-1, 1]; churn is the XOR of the signs
     * of the first two, flipped for 5% of rows. No line through the origin separates it, so a linear
     * model ranks no better than chance, while two levels of splits describe it exactly.
     */
    private static EncodedData xor(int rows, int noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[rows][2 + noise];
        boolean[] y = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < x[r].length; f++) {
                x[r][f] = random.nextDouble(-1, 1);
            }
            y[r] = (x[r][0] > 0) != (x[r][1] > 0) ^ random.nextDouble() < 0.05;
        }
        List<String> names = new ArrayList<>();
        for (int f = 0; f < 2 + noise; f++) {
            names.add("x" + f);
        }
        return new EncodedData(x, y, names);
    }

    /** Labels drawn independently of the features: nothing to learn, so every tree only overfits. */
    private static EncodedData noiseLabels(int rows, long seed) {
        EncodedData features = xor(rows, 3, seed);
        SplittableRandom random = new SplittableRandom(seed + 1);
        boolean[] y = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            y[r] = random.nextDouble() < 0.3;
        }
        return new EncodedData(features.rows(), y, features.featureNames());
    }

    private static double rocAuc(Predictor predictor, EncodedData data) {
        double[] scores = new double[data.rows().length];
        for (int r = 0; r < scores.length; r++) {
            scores[r] = predictor.probability(data.rows()[r]);
        }
        return BinaryMetrics.rocAuc(scores, data.labels());
    }

    /**
     * The given gradient boosting keys over depth-4 trees: these tests exercise interactions (an
     * XOR), which the production default, stumps, cannot fit by design.
     */
    private static HyperParameters gradientBoosting(String... keyValues) {
        Map<String, String> given = new java.util.HashMap<>();
        given.put("gradient_boosting.max_depth", "4");
        for (int i = 0; i < keyValues.length; i += 2) {
            given.put("gradient_boosting." + keyValues[i], keyValues[i + 1]);
        }
        return HyperParameters.parse(given);
    }

    @Test
    void learnsAnXorThatLogisticRegressionCannotFit() {
        EncodedData train = xor(2000, 4, 1);
        EncodedData test = xor(1000, 4, 2);
        HyperParameters parameters = gradientBoosting("rounds", "200");

        double boosted = rocAuc(new GradientBoostingEngine().train(train, parameters).predictor(), test);
        double linear = rocAuc(new LogisticRegressionEngine().train(train, parameters).predictor(), test);

        assertTrue(boosted > 0.95, "gradient boosting test ROC-AUC " + boosted);
        assertTrue(linear < 0.6, "logistic regression test ROC-AUC " + linear);
    }

    @Test
    void ranksTheTwoFeaturesOfTheRuleAboveTheNoise() {
        EncodedData train = xor(2000, 4, 3);
        GradientBoostingModel model = GradientBoostingEngine.fitTribuo(train, gradientBoosting("rounds", "100"));
        BoostedPredictor compiled = GradientBoostingEngine.compile(model, train);

        List<Pair<String, Double>> top = model.getTopFeatures(2).get(org.tribuo.Model.ALL_OUTPUTS);
        assertEquals(List.of("x0", "x1"), top.stream().map(Pair::getA).sorted().toList());
        double[] importance = compiled.importance();
        assertEquals(1.0, java.util.Arrays.stream(importance).sum(), 1e-12);
        assertTrue(importance[0] + importance[1] > 0.8, "share of the rule's features " + (importance[0] + importance[1]));
    }

    @Test
    void stopsEarlyOnNoiseLabelsAndKeepsTheBestRound() {
        EncodedData train = noiseLabels(1500, 4);
        GradientBoostingModel model = GradientBoostingEngine.fitTribuo(train, gradientBoosting("rounds", "1000",
                "learning_rate", "0.3", "max_depth", "6", "early_stopping_rounds", "10"));

        double[] losses = model.validationLogLoss();
        int best = 0;
        for (int round = 1; round < losses.length; round++) {
            best = losses[round] < losses[best] ? round : best;
        }
        assertTrue(losses.length < 100, "stopped after " + losses.length + " of 1000 rounds");
        assertEquals(best + 1 + 10, losses.length, "ten rounds trained after the best one, then stopped");
        assertEquals(best + 1, model.treeCount(), "the model keeps the trees up to the best round");
    }

    @Test
    void keepsEveryRoundWhenEarlyStoppingIsOff() {
        EncodedData train = noiseLabels(600, 5);
        GradientBoostingModel model = GradientBoostingEngine.fitTribuo(train, gradientBoosting("rounds", "40",
                "learning_rate", "0.3", "early_stopping_rounds", "0"));

        assertEquals(40, model.treeCount());
        assertEquals(40, model.validationLogLoss().length);
        GradientBoostingModel noHoldOut = GradientBoostingEngine.fitTribuo(train, gradientBoosting("rounds", "40",
                "early_stopping_rounds", "0", "validation_fraction", "0"));
        assertEquals(40, noHoldOut.treeCount());
        assertEquals(0, noHoldOut.validationLogLoss().length);
    }

    @Test
    void growsTheSameTreesOnOneThreadAsOnSeveral() {
        // Large enough that the root and its children build their histograms on several threads.
        EncodedData train = xor(6000, 30, 6);
        HyperParameters parameters = gradientBoosting("rounds", "30", "max_depth", "6");
        byte[] single = Json.write(GradientBoostingEngine.compile(
                GradientBoostingEngine.trainer(parameters, 1).train(TribuoData.dataset(train)), train));
        for (int threads : new int[] {2, 3, 8}) {
            byte[] several = Json.write(GradientBoostingEngine.compile(
                    GradientBoostingEngine.trainer(parameters, threads).train(TribuoData.dataset(train)), train));
            assertArrayEquals(single, several, threads + " threads");
        }
    }

    @Test
    void aSecondInvocationOfOneTrainerGrowsTheSameTrees() {
        EncodedData train = xor(500, 2, 7);
        GradientBoostingTrainer trainer = GradientBoostingEngine.trainer(gradientBoosting("rounds", "20"), 1);
        MutableDataset<Label> dataset = TribuoData.dataset(train);

        BoostedPredictor first = GradientBoostingEngine.compile(trainer.train(dataset), train);
        BoostedPredictor second = GradientBoostingEngine.compile(trainer.train(dataset), train);

        assertArrayEquals(Json.write(first), Json.write(second));
        assertEquals(2, trainer.getInvocationCount());
    }

    @Test
    void recordsEveryConfigurationFieldInItsTribuoProvenance() {
        GradientBoostingTrainer trainer = GradientBoostingEngine.trainer(gradientBoosting("max_depth", "3",
                "learning_rate", "0.1"), 2);
        GradientBoostingModel model = trainer.train(TribuoData.dataset(xor(300, 1, 8)));

        TrainerProvenance provenance = model.getProvenance().getTrainerProvenance();
        Map<String, Provenance> configured = provenance.getConfiguredParameters();
        assertEquals(GradientBoostingTrainer.class.getName(), provenance.getClassName());
        assertEquals("3", configured.get("maxDepth").toString());
        assertEquals("0.1", configured.get("learningRate").toString());
        assertEquals("42", configured.get("seed").toString());
        assertEquals("churn", configured.get("positiveLabel").toString());
        for (String field : List.of("rounds", "minChildWeight", "lambda", "gamma", "subsample", "colsample",
                "earlyStoppingRounds", "validationFraction", "bins")) {
            assertTrue(configured.containsKey(field), field + " in " + configured.keySet());
        }
        // The thread count does not change the model, so it is not part of what reproduces it.
        assertTrue(!configured.containsKey("threads"), configured.keySet().toString());
        assertEquals(provenance, GradientBoostingEngine.trainer(gradientBoosting("max_depth", "3", "learning_rate", "0.1"), 1)
                .getProvenance());
    }

    @Test
    void tribuosEvaluatorScoresTheModelLikeTheCompiledForm() {
        EncodedData train = xor(1500, 2, 9);
        EncodedData test = xor(500, 2, 10);
        GradientBoostingModel model = GradientBoostingEngine.fitTribuo(train, gradientBoosting("rounds", "100"));

        LabelEvaluation evaluation = new LabelEvaluator().evaluate(model, TribuoData.dataset(test));

        double compiled = rocAuc(GradientBoostingEngine.compile(model, train), test);
        assertEquals(compiled, evaluation.AUCROC(TribuoData.CHURN), 1e-9);
        assertTrue(evaluation.accuracy() > 0.85, "accuracy " + evaluation.accuracy());
    }

    private static MutableDataset<Label> labelled(String... labels) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("test", factory), factory);
        for (int i = 0; i < labels.length; i++) {
            dataset.add(new ArrayExample<>(new Label(labels[i]), new String[] {"x"}, new double[] {i + 1}));
        }
        return dataset;
    }

    @Test
    void rejectsADatasetThatIsNotChurnAgainstOneOtherLabel() {
        GradientBoostingTrainer trainer = GradientBoostingTrainer.builder().build();
        for (MutableDataset<Label> dataset : List.of(labelled("churn", "stay", "maybe"), labelled("churn", "churn"),
                labelled("yes", "no"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.train(dataset));
            assertTrue(e.getMessage().contains("binary") && e.getMessage().contains("'churn'"), e.getMessage());
        }
    }

    @Test
    void rejectsATrainingSetWhoseFittingRowsHaveOneClass() {
        // With half of each class held out, the only churn row lands in validation.
        GradientBoostingTrainer trainer = GradientBoostingTrainer.builder().validationFraction(0.5).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.train(labelled("churn", "stay", "stay", "stay")));
        assertTrue(e.getMessage().contains("both classes"), e.getMessage());
    }

    @Test
    void rejectsAConfigurationOutOfRangeNamingTheFieldAndValue() {
        PropertyException depth = assertThrows(PropertyException.class,
                () -> GradientBoostingTrainer.builder().maxDepth(0).build());
        assertTrue(depth.getMessage().contains("maxDepth is 0") && depth.getMessage().contains("whole number from 1 to 30"),
                depth.getMessage());
        PropertyException stopping = assertThrows(PropertyException.class,
                () -> GradientBoostingTrainer.builder().validationFraction(0).build());
        assertTrue(stopping.getMessage().contains("earlyStoppingRounds is 30"), stopping.getMessage());
        GradientBoostingTrainer.builder().validationFraction(0).earlyStoppingRounds(0).build();
    }
}
