package dev.churnops.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.TelcoData;
import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.data.TableSchema;
import dev.churnops.core.data.TypeInference;
import dev.churnops.core.evaluation.BinaryMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Gradient boosting with its default hyperparameters on the real Telco Customer Churn file, split as
 * the pipeline splits it (scikit-learn's stratified 80/20 split, random_state 42, no validation
 * rows), when the shared data folder is present next to the checkout. Prints the out-of-fold and
 * test ROC-AUC and the round count the out-of-fold log-loss chose.
 */
class TelcoGradientBoostingTest {

    private static final DatasetSpec SPEC = TelcoData.SPEC;

    /** ROC-AUC of the boosted trees themselves, before any calibration the training adds. */
    private static double rocAuc(ChurnModel model, LabeledTable table) {
        double[][] rows = model.encoder().encode(table);
        double[] scores = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            scores[r] = model.predictor().probability(rows[r]);
        }
        return BinaryMetrics.rocAuc(scores, table.labels());
    }

    @Test
    void ranksTelcoChurnersWellOutOfFoldAndOnTheTestRows() throws IOException {
        Path file = TelcoData.file();
        Assumptions.assumeTrue(Files.exists(file), () -> "no Telco data at " + file);
        CsvTable csv = CsvReader.read(Files.readAllBytes(file), file.getFileName().toString());
        TableSchema schema = TypeInference.infer(csv, SPEC);
        LabeledTable all = LabeledTable.of(csv, schema, SPEC, csv.records());
        StratifiedShuffleSplit split = StratifiedShuffleSplit.of(all.labels(), 0.2, 42);
        LabeledTable train = all.select(split.train());
        LabeledTable test = all.select(split.test());
        HyperParameters parameters = HyperParameters.parse(Map.of("algorithms", HyperParameters.GRADIENT_BOOSTING));

        ModelTraining.Outcome outcome = ModelTraining.train(train, all.select(new int[0]), parameters);

        ChurnModel model = outcome.model();
        assertEquals(HyperParameters.GRADIENT_BOOSTING, model.algorithm());
        OutOfFoldPredictions oof = outcome.outOfFold();
        double outOfFoldAuc = BinaryMetrics.rocAuc(oof.uncalibrated(), oof.label());
        double testAuc = rocAuc(model, test);
        int trees = ((BoostedPredictor) model.predictor()).roots().length;
        System.out.printf(Locale.ROOT, "Telco gradient boosting: %d trees, out-of-fold ROC-AUC %.4f, test ROC-AUC %.4f%n",
                trees, outOfFoldAuc, testAuc);
        assertEquals(outcome.chosen().rocAuc(), outOfFoldAuc, 1e-12);
        int rounds = Integer.parseInt(outcome.outOfFoldSummary().fitted().get("gradient_boosting.rounds"));
        assertTrue(trees < rounds, "the 5 fold models' " + 5 * rounds + " stumps (cut at the rounds the out-of-fold"
                + " log-loss chose) merge into one per distinct split: " + trees);
        assertTrue(outOfFoldAuc > 0.83, "out-of-fold ROC-AUC " + outOfFoldAuc);
        assertTrue(testAuc > 0.84, "test ROC-AUC " + testAuc);

        ModelTraining.Outcome refit = ModelTraining.train(train, all.select(new int[0]),
                parameters.with(Map.of(HyperParameters.FINAL_MODEL, HyperParameters.REFIT)));
        int refitTrees = ((BoostedPredictor) refit.model().predictor()).roots().length;
        double refitAuc = rocAuc(refit.model(), test);
        System.out.printf(Locale.ROOT, "  refit on all training rows: %d trees, test ROC-AUC %.4f%n", refitTrees, refitAuc);
        assertEquals(rounds, refitTrees, "a refit keeps the rounds the out-of-fold log-loss chose");
        assertTrue(refitAuc > 0.84, "refit test ROC-AUC " + refitAuc);
    }
}
