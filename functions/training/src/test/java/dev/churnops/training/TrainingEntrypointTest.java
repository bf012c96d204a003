package dev.churnops.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.data.TableSchema;
import dev.churnops.core.data.TypeInference;
import dev.churnops.core.json.Json;
import dev.churnops.core.model.ChurnModel;
import dev.churnops.core.model.HyperParameters;
import dev.churnops.core.model.OutOfFoldPredictions;
import dev.churnops.core.model.StratifiedShuffleSplit;
import dev.churnops.core.model.TrainingSummary;
import dev.churnops.core.pipeline.DatasetManifest;
import dev.churnops.core.pipeline.TrainingSetFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the container entrypoint in-process against SageMaker's directory layout under a temp root. */
class TrainingEntrypointTest {

    private static final DatasetSpec SPEC = DatasetSpec.builder().idColumn("customerID").labelColumn("Churn")
            .positiveLabel("Yes").build();
    private static final Map<String, String> FAST = Map.of("random_forest.trees", "10", "logistic_regression.epochs", "3");

    /** The pinned spec and the train and validation splits of a seeded synthetic table, as CSV text. */
    private record TrainingSet(byte[] spec, String train, String validation) {
    }

    private static final TrainingSet SET = trainingSet();

    private static TrainingSet trainingSet() {
        SplittableRandom random = new SplittableRandom(17);
        String[] contracts = {"Month-to-month", "One year", "Two year"};
        StringBuilder csv = new StringBuilder("customerID,tenure,MonthlyCharges,Contract,Partner,Churn\n");
        for (int i = 0; i < 300; i++) {
            int tenure = random.nextInt(73);
            double charges = Math.round((18 + random.nextDouble() * 100) * 100) / 100.0;
            String contract = contracts[random.nextInt(3)];
            boolean partner = random.nextBoolean();
            double margin = (contract.equals("Month-to-month") ? 1.0 : -1.0) - 0.04 * tenure + 0.02 * (charges - 65);
            boolean churn = random.nextDouble() < 1 / (1 + Math.exp(-margin));
            csv.append(String.format(Locale.ROOT, "C%04d", i)).append(',')
                    .append(random.nextDouble() < 0.05 ? "" : Integer.toString(tenure)).append(',')
                    .append(charges).append(',').append(contract).append(',')
                    .append(partner ? "Yes" : "No").append(',').append(churn ? "Yes" : "No").append('\n');
        }
        CsvTable table = CsvReader.read(csv.toString().getBytes(StandardCharsets.UTF_8), "customers.csv");
        TableSchema schema = TypeInference.infer(table, SPEC);
        LabeledTable all = LabeledTable.of(table, schema, SPEC, table.records());
        // As BuildTrainingSet cuts 60/20/20: scikit-learn's test rows, then validation rows from the rest.
        LabeledTable rest = all.select(StratifiedShuffleSplit.of(all.labels(), 0.2, 3).train());
        StratifiedShuffleSplit inner = StratifiedShuffleSplit.of(rest.labels(), 0.25, 3);
        return new TrainingSet(DatasetManifest.pinned(SPEC, schema).toJson(), rest.select(inner.train()).toCsv(),
                rest.select(inner.test()).toCsv());
    }

    /** Lays out {@code input/} as SageMaker does; a null hyperparameter map leaves the file out. */
    private static Path layout(Path root, Map<String, ?> hyperparameters, List<String> channels) throws IOException {
        Path input = root.resolve("input");
        if (hyperparameters != null) {
            Files.createDirectories(input.resolve("config"));
            Files.write(input.resolve("config/hyperparameters.json"), Json.write(hyperparameters));
        }
        if (channels.contains("config")) {
            Files.createDirectories(input.resolve("data/config"));
            Files.write(input.resolve("data/config/" + TrainingSetFiles.SPEC_FILE), SET.spec());
        }
        for (String channel : List.of("train", "validation")) {
            if (channels.contains(channel)) {
                Files.createDirectories(input.resolve("data/" + channel));
                Files.writeString(input.resolve("data/" + channel + "/" + TrainingSetFiles.DATA_FILE),
                        channel.equals("train") ? SET.train() : SET.validation());
            }
        }
        return root;
    }

    private static Path layout(Path root, Map<String, ?> hyperparameters) throws IOException {
        return layout(root, hyperparameters, List.of("train", "validation", "config"));
    }

    private record Run(TrainingEntrypoint.Outcome outcome, String log) {
    }

    private static Run run(Path root) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            TrainingEntrypoint.Outcome outcome = TrainingEntrypoint.run(root, log);
            return new Run(outcome, bytes.toString(StandardCharsets.UTF_8));
        }
    }

    private static String failure(Path root) throws IOException {
        return Files.readString(root.resolve("output/failure"));
    }

    @Test
    void writesModelBaselineAndTrainingSummaryToModelDirectory(@TempDir Path temp) throws IOException {
        Path root = layout(temp, FAST);

        Run run = run(root);

        assertEquals(0, run.outcome().exitCode(), run.log());
        assertNull(run.outcome().failureReason());
        Path model = root.resolve("model");
        ChurnModel churnModel = ChurnModel.fromBytes(Files.readAllBytes(model.resolve("model.json")), "model.json");
        assertTrue(List.of("logistic_regression", "gradient_boosting").contains(churnModel.algorithm()));
        JsonNode baseline = Json.tree(Files.readAllBytes(model.resolve("baseline.json")), "baseline.json");
        assertEquals(SET.train().lines().count() - 1, baseline.get("rows").asInt());
        TrainingSummary summary = Json.read(Files.readAllBytes(model.resolve("training.json")), TrainingSummary.class,
                "training.json");
        assertEquals(churnModel.algorithm(), summary.algorithm());
        assertEquals(2, summary.candidates().size());
        assertEquals("10", summary.hyperparameters().get("random_forest.trees"));
        assertFalse(Files.exists(root.resolve("output/failure")));
    }

    @Test
    void writesMeasuredFiguresToMetricsAndTheLog(@TempDir Path temp) throws IOException {
        Path root = layout(temp, FAST);

        Run run = run(root);

        JsonNode metrics = Json.tree(Files.readAllBytes(root.resolve("output/data/metrics.json")), "metrics.json");
        assertTrue(metrics.get("train_seconds").asDouble() > 0, metrics.toString());
        assertTrue(metrics.has("train_seconds.gradient_boosting") && metrics.has("validation_roc_auc.logistic_regression"),
                metrics.toString());
        assertEquals(run.outcome().metrics().get("train_seconds"), metrics.get("train_seconds").asDouble());
        assertTrue(run.log().lines().anyMatch(l -> l.startsWith("churnops-metric train_seconds=")), run.log());
        // Nothing measured in wall-clock time goes into model/, which must stay reproducible.
        assertFalse(Files.readString(root.resolve("model/training.json")).contains("seconds"));
    }

    @Test
    void givesByteIdenticalModelFilesInAFreshRoot(@TempDir Path temp) throws IOException {
        Path first = layout(Files.createDirectories(temp.resolve("first")), FAST);
        Path second = layout(Files.createDirectories(temp.resolve("second")), FAST);

        assertEquals(0, run(first).outcome().exitCode());
        assertEquals(0, run(second).outcome().exitCode());

        List<String> files = list(first.resolve("model"));
        assertEquals(List.of("baseline.json", "constraints.json", "model.json", "statistics.json", "training.json"), files);
        assertEquals(files, list(second.resolve("model")));
        for (String file : files) {
            assertArrayEquals(Files.readAllBytes(first.resolve("model").resolve(file)),
                    Files.readAllBytes(second.resolve("model").resolve(file)), file);
        }
    }

    @Test
    void withoutValidationRowsChoosesOnOutOfFoldPredictionsAndKeepsThemReproducibly(@TempDir Path temp) throws IOException {
        Path first = layout(Files.createDirectories(temp.resolve("first")), FAST);
        Path second = layout(Files.createDirectories(temp.resolve("second")), FAST);
        String header = SET.validation().lines().findFirst().orElseThrow() + "\n";
        for (Path root : List.of(first, second)) {
            // A training set cut with validation share 0 has a validation channel of the header alone.
            Files.writeString(root.resolve("input/data/validation/" + TrainingSetFiles.DATA_FILE), header);
        }

        Run run = run(first);
        assertEquals(0, run.outcome().exitCode(), run.log());
        assertEquals(0, run(second).outcome().exitCode());

        List<String> files = list(first.resolve("model"));
        assertEquals(List.of("baseline.json", "constraints.json", "model.json", "out-of-fold.csv", "statistics.json",
                "training.json"), files);
        for (String file : files) {
            assertArrayEquals(Files.readAllBytes(first.resolve("model").resolve(file)),
                    Files.readAllBytes(second.resolve("model").resolve(file)), file);
        }
        OutOfFoldPredictions outOfFold = OutOfFoldPredictions.fromCsv(
                Files.readAllBytes(first.resolve("model/out-of-fold.csv")), "out-of-fold.csv");
        assertEquals(SET.train().lines().count() - 1, outOfFold.size(), "one prediction per training row");
        TrainingSummary summary = Json.read(Files.readAllBytes(first.resolve("model/training.json")), TrainingSummary.class,
                "training.json");
        assertEquals("out_of_fold", summary.selectedOn());
        assertEquals(5, summary.outOfFold().folds());
        assertEquals(0, summary.rows().get("validation"));
        assertTrue(summary.candidates().stream().allMatch(c -> c.validationRocAuc() == null && c.outOfFoldRocAuc() > 0.5),
                summary.candidates().toString());
        assertTrue(run.outcome().metrics().containsKey("out_of_fold_roc_auc.logistic_regression"), run.outcome().metrics()
                .toString());
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void searchesAndCrossValidatesInsideTheJobWhenAskedRecordingSecondsOnlyInTheMetrics(@TempDir Path temp)
            throws IOException {
        Path root = layout(temp, Map.of("algorithms", "logistic_regression", "logistic_regression.epochs", "3",
                "search_candidates", "3", "search_folds", "3", "cv_folds", "4"));

        Run run = run(root);

        assertEquals(0, run.outcome().exitCode(), run.log());
        TrainingSummary summary = Json.read(Files.readAllBytes(root.resolve("model/training.json")), TrainingSummary.class,
                "training.json");
        assertEquals(3, summary.search().candidates().size());
        assertEquals(3, summary.search().folds());
        assertEquals(4, summary.cv().folds());
        assertEquals(SET.train().lines().count() - 1 + SET.validation().lines().count() - 1, summary.cv().rows());
        JsonNode metrics = Json.tree(Files.readAllBytes(root.resolve("output/data/metrics.json")), "metrics.json");
        for (String key : List.of("search_seconds", "search_seconds.1", "search_seconds.3", "cv_seconds",
                "cv_roc_auc_mean", "cv_roc_auc_std")) {
            assertTrue(metrics.has(key), key + " in " + metrics);
        }
        assertEquals(summary.cv().rocAucMean(), metrics.get("cv_roc_auc_mean").asDouble());
        assertFalse(Files.readString(root.resolve("model/training.json")).contains("seconds"));
    }

    @Test
    void acceptsHyperparametersGivenAsJsonNumbers(@TempDir Path temp) throws IOException {
        Path root = layout(temp, Map.of("random_forest.trees", 10, "logistic_regression.epochs", 3, "seed", 9));

        Run run = run(root);

        assertEquals(0, run.outcome().exitCode(), run.log());
        TrainingSummary summary = Json.read(Files.readAllBytes(root.resolve("model/training.json")), TrainingSummary.class,
                "training.json");
        assertEquals("9", summary.hyperparameters().get("seed"));
    }

    @Test
    void usesTheDefaultsWhenThereIsNoHyperparametersFile(@TempDir Path temp) throws IOException {
        Path root = layout(temp, null);

        Run run = run(root);

        assertEquals(0, run.outcome().exitCode(), run.log());
        TrainingSummary summary = Json.read(Files.readAllBytes(root.resolve("model/training.json")), TrainingSummary.class,
                "training.json");
        assertEquals(HyperParameters.DEFAULTS, summary.hyperparameters());
    }

    @Test
    void failsWithExitCodeOneNamingABadHyperparameter(@TempDir Path temp) throws IOException {
        Path root = layout(temp, Map.of("random_forest.trees", "-1"));

        Run run = run(root);

        assertEquals(1, run.outcome().exitCode());
        String failure = failure(root);
        assertTrue(failure.contains("'random_forest.trees'") && failure.contains("-1"), failure);
        assertEquals(failure, run.outcome().failureReason());
        assertTrue(run.log().contains("training failed: " + failure), run.log());
        assertFalse(Files.exists(root.resolve("model/model.json")));
    }

    @Test
    void failsNamingAnUnknownHyperparameter(@TempDir Path temp) throws IOException {
        Path root = layout(temp, Map.of("random_forest.depth", "4"));

        assertEquals(1, run(root).outcome().exitCode());
        assertTrue(failure(root).contains("'random_forest.depth'"), failure(root));
    }

    @Test
    void failsNamingAMissingChannel(@TempDir Path temp) throws IOException {
        Path root = layout(temp, FAST, List.of("train", "config"));

        Run run = run(root);

        assertEquals(1, run.outcome().exitCode());
        assertTrue(failure(root).contains("'validation'"), failure(root));
        assertFalse(Files.exists(root.resolve("model/model.json")));
    }

    @Test
    void failsNamingTheMissingDatasetSpec(@TempDir Path temp) throws IOException {
        Path root = layout(temp, FAST, List.of("train", "validation"));

        assertEquals(1, run(root).outcome().exitCode());
        assertTrue(failure(root).contains(TrainingSetFiles.SPEC_FILE), failure(root));
    }

    @Test
    void failsNamingAHyperparametersFileThatIsNotJson(@TempDir Path temp) throws IOException {
        Path root = layout(temp, FAST);
        Files.writeString(root.resolve("input/config/hyperparameters.json"), "{\"seed\": ");

        assertEquals(1, run(root).outcome().exitCode());
        assertTrue(failure(root).contains("hyperparameters.json"), failure(root));
    }
}
