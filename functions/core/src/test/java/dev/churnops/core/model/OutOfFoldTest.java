package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.evaluation.BinaryMetrics;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;

class OutOfFoldTest {

    private static final LabeledTable TABLE = SyntheticCustomers.table(600, 11);
    private static final EncodedData DATA = encode(TABLE);

    private static EncodedData encode(LabeledTable table) {
        FeatureEncoder encoder = FeatureEncoder.fit(table);
        return new EncodedData(encoder.encode(table), table.labels(), encoder.featureNames());
    }


    private static HyperParameters parameters(String... keyValues) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            given.put(keyValues[i], keyValues[i + 1]);
        }
        return HyperParameters.parse(given);
    }

    @Test
    void everyRowIsPredictedByTheModelFittedOnTheOtherFolds() {
        HyperParameters p = parameters("logistic_regression.epochs", "5", "seed", "3");
        OutOfFold folds = OutOfFold.prepare(DATA, 4, 3);

        OutOfFold.Prediction prediction = folds.predict(HyperParameters.LOGISTIC_REGRESSION, p);

        StratifiedKFold kFold = StratifiedKFold.of(DATA.labels(), 4, 3);
        assertArrayEquals(kFold.folds(), folds.foldOfRow());
        double[] probability = prediction.probability();
        for (int f = 0; f < 4; f++) {
            Predictor model = new LogisticRegressionEngine().train(DATA.select(kFold.trainRows(f)), p).predictor();
            for (int r : kFold.testRows(f)) {
                assertEquals(model.probability(DATA.rows()[r]), probability[r], 0.0, "row " + r + " of fold " + f);
            }
        }
        assertEquals(BinaryMetrics.rocAuc(probability, DATA.labels()), prediction.rocAuc());
        assertEquals(4, prediction.score().foldRocAuc().length);
        assertTrue(prediction.fitted().isEmpty());
    }

    @Test
    void boostedFoldsMatchTheTrainerFittedOnEachFoldsOtherRowsForTheRoundsKept() {
        // No random draws and no early stopping: each fold's run is exactly the trainer on its other rows.
        HyperParameters p = parameters("gradient_boosting.rounds", "30", "gradient_boosting.early_stopping_rounds", "0",
                "gradient_boosting.subsample", "1", "gradient_boosting.colsample", "1", "gradient_boosting.max_depth", "2");
        OutOfFold folds = OutOfFold.prepare(DATA, 3, 5);

        OutOfFold.Prediction prediction = folds.predict(HyperParameters.GRADIENT_BOOSTING, p);

        assertEquals("30", prediction.fitted().get("gradient_boosting.rounds"));
        assertEquals("0", prediction.fitted().get("gradient_boosting.validation_fraction"));
        StratifiedKFold kFold = StratifiedKFold.of(DATA.labels(), 3, 5);
        HyperParameters alone = p.with(prediction.fitted());
        for (int f = 0; f < 3; f++) {
            Predictor model = new GradientBoostingEngine().train(DATA.select(kFold.trainRows(f)), alone).predictor();
            for (int r : kFold.testRows(f)) {
                assertEquals(model.probability(DATA.rows()[r]), prediction.probability()[r], 1e-12, "row " + r);
            }
        }
    }

    @Test
    void earlyStoppingKeepsTheRoundWithTheLowestOutOfFoldLogLoss() {
        HyperParameters p = parameters("gradient_boosting.rounds", "400", "gradient_boosting.learning_rate", "0.3",
                "gradient_boosting.max_depth", "3", "gradient_boosting.early_stopping_rounds", "20");
        MutableDataset<Label> dataset = TribuoData.dataset(DATA);
        int[] fold = StratifiedKFold.of(DATA.labels(), 5, 1).folds();

        GradientBoostingTrainer.OutOfFoldFit fit = GradientBoostingEngine.outOfFold(dataset, fold, 5, p);

        double[] loss = fit.logLoss();
        int lowest = 0;
        for (int r = 1; r < loss.length; r++) {
            if (loss[r] < loss[lowest]) {
                lowest = r;
            }
        }
        assertEquals(lowest + 1, fit.rounds());
        assertTrue(loss.length < 400, "a learning rate of 0.3 overfits long before 400 rounds: " + loss.length);
        assertEquals(fit.rounds() + 20, loss.length, "the curve stops 20 rounds after its lowest point");
    }

    @Test
    void boostedFoldsDoNotDependOnTheThreadCount() {
        HyperParameters p = parameters("gradient_boosting.rounds", "120");
        MutableDataset<Label> dataset = TribuoData.dataset(DATA);
        int[] fold = StratifiedKFold.of(DATA.labels(), 5, 9).folds();

        GradientBoostingTrainer.OutOfFoldFit one = GradientBoostingEngine.trainer(p, 1).fitOutOfFold(dataset, fold, 5);
        GradientBoostingTrainer.OutOfFoldFit four = GradientBoostingEngine.trainer(p, 4).fitOutOfFold(dataset, fold, 5);

        assertEquals(one.rounds(), four.rounds());
        assertArrayEquals(one.margin(), four.margin());
        assertArrayEquals(one.logLoss(), four.logLoss());
    }

    @Test
    void aConfigurationIsFittedOnceAndOnlyItsOwnKeysTell() {
        OutOfFold folds = OutOfFold.prepare(DATA, 5, 42);
        HyperParameters p = parameters("logistic_regression.epochs", "4");

        OutOfFold.Prediction first = folds.predict(HyperParameters.LOGISTIC_REGRESSION, p);

        assertSame(first, folds.predict(HyperParameters.LOGISTIC_REGRESSION, p.with(Map.of("gradient_boosting.rounds", "7"))),
                "another algorithm's keys do not change logistic regression's predictions");
        assertTrue(first != folds.predict(HyperParameters.LOGISTIC_REGRESSION, p.with(Map.of("logistic_regression.epochs", "6"))));
    }

    @Test
    void trainingWithoutValidationRowsKeepsTheBestOutOfFoldAlgorithmAndFitsOnlyIt() {
        LabeledTable none = TABLE.select(new int[0]);
        HyperParameters p = parameters("logistic_regression.epochs", "5", "gradient_boosting.rounds", "80",
                HyperParameters.CV_FOLDS, "5");

        ModelTraining.Outcome outcome = ModelTraining.train(TABLE, none, p);

        assertEquals(ModelTraining.Selection.OUT_OF_FOLD, outcome.selection());
        double best = outcome.candidates().stream().mapToDouble(ModelTraining.Candidate::rocAuc).max().orElseThrow();
        assertEquals(best, outcome.chosen().rocAuc());
        assertTrue(outcome.candidates().stream().filter(c -> c != outcome.chosen()).allMatch(c -> c.provenance() == null),
                "an algorithm chosen against is never fitted on all rows");
        OutOfFoldPredictions oof = outcome.outOfFold();
        assertEquals(TABLE.size(), oof.size());
        assertEquals(best, BinaryMetrics.rocAuc(oof.uncalibrated(), oof.label()), 1e-12);
        assertArrayEquals(outcome.outOfFoldSummary().foldRocAuc().stream().mapToDouble(Double::doubleValue).toArray(),
                outcome.cv().foldRocAuc().stream().mapToDouble(Double::doubleValue).toArray(),
                "--cv 5 over the training rows is the out-of-fold folds' own scores");
        assertEquals(TABLE.size(), outcome.cv().rows());
    }

    @Test
    void rejectsMoreFoldsThanTheSmallerClassHasRowsNamingTheKey() {
        LabeledTable tiny = SyntheticCustomers.table(40, 2);
        HyperParameters p = parameters(HyperParameters.OOF_FOLDS, "20");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelTraining.train(tiny, tiny.select(new int[0]), p));

        assertTrue(e.getMessage().startsWith("hyperparameter 'oof_folds' on the 40 training rows"), e.getMessage());
    }
}
