package dev.churnops.training;

import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.json.Json;
import dev.churnops.core.model.HyperParameters;
import dev.churnops.core.model.ModelTraining;
import dev.churnops.core.model.OutOfFoldPredictions;
import dev.churnops.core.model.TrainingSummary;
import dev.churnops.core.pipeline.TrainingSetFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The training container's entrypoint, following SageMaker's contract under a root directory
 * ({@code /opt/ml} in the container, a temporary directory locally): hyperparameters from
 * {@code input/config/hyperparameters.json} (string values), channels under
 * {@code input/data/<channel>/} (a validation channel without rows means: choose on out-of-fold
 * predictions of the training rows, and keep them as {@code model/out-of-fold.csv}), the model
 * written to {@code model/} (SageMaker packs it into model.tar.gz), measured figures to {@code output/data/metrics.json}, and on failure the reason to
 * {@code output/failure} with a non-zero exit.
 */
public final class TrainingEntrypoint {

    /** The figures a run measured; kept out of model/ so the model stays reproducible. */
    public record Outcome(int exitCode, Map<String, Double> metrics, String failureReason) {
    }

    private TrainingEntrypoint() {
    }

    public static void main(String[] args) {
        // SageMaker starts the container as `<image> train`; a path argument roots the layout elsewhere.
        Path root = Path.of(args.length > 0 && !args[0].equals("train") ? args[0] : "/opt/ml");
        System.exit(run(root, System.out).exitCode());
    }

    /**
     * Trains under {@code root}; progress and metric lines ({@code churnops-metric name=value}, which
     * SageMaker's metric definitions match) go to {@code log}.
     */
    public static Outcome run(Path root, PrintStream log) {
        try {
            Map<String, Double> metrics = train(root, log);
            return new Outcome(0, metrics, null);
        } catch (RuntimeException | IOException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            writeFailure(root, reason, e);
            // The reason only: messages name columns and rules, never whole rows of customer data.
            log.println("training failed: " + reason);
            return new Outcome(1, Map.of(), reason);
        }
    }

    private static Map<String, Double> train(Path root, PrintStream log) throws IOException {
        long start = System.nanoTime();
        Path input = root.resolve("input");
        Map<String, String> hyperparameters = readHyperparameters(input.resolve("config/hyperparameters.json"));
        HyperParameters parameters = HyperParameters.parse(hyperparameters);
        DatasetSpec spec = DatasetSpec.fromJson(read(input.resolve("data/config/" + TrainingSetFiles.SPEC_FILE)));
        LabeledTable train = channel(input, "train", spec);
        LabeledTable validation = channel(input, "validation", spec);

        ModelTraining.Outcome outcome = ModelTraining.train(train, validation, parameters);

        Path model = Files.createDirectories(root.resolve("model"));
        Files.write(model.resolve(dev.churnops.core.model.ChurnModel.FILE_NAME), outcome.model().toBytes());
        Files.write(model.resolve(dev.churnops.core.pipeline.ModelArtifact.BASELINE_FILE), Json.write(outcome.baseline()));
        Files.write(model.resolve(dev.churnops.core.pipeline.ModelArtifact.STATISTICS_FILE),
                outcome.monitoring().statisticsJson());
        Files.write(model.resolve(dev.churnops.core.pipeline.ModelArtifact.CONSTRAINTS_FILE),
                outcome.monitoring().constraintsJson());
        Files.write(model.resolve(TrainingSummary.FILE_NAME),
                Json.write(TrainingSummary.of(outcome, parameters, train.size(), validation.size())));
        if (outcome.outOfFold() != null) {
            Files.write(model.resolve(OutOfFoldPredictions.FILE_NAME), outcome.outOfFold().toCsv());
        }

        Map<String, Double> metrics = new TreeMap<>();
        for (ModelTraining.Candidate c : outcome.candidates()) {
            metrics.put("train_seconds." + c.algorithm(), c.trainSeconds());
            metrics.put(outcome.selection().label() + "_roc_auc." + c.algorithm(), c.rocAuc());
        }
        if (outcome.search() != null) {
            metrics.put("search_seconds", outcome.searchSeconds());
            for (var c : outcome.search().candidates()) {
                metrics.put("search_seconds." + c.id(), c.seconds());
            }
        }
        if (outcome.cv() != null) {
            metrics.put("cv_seconds", outcome.cvSeconds());
            metrics.put("cv_roc_auc_mean", outcome.cv().rocAucMean());
            metrics.put("cv_roc_auc_std", outcome.cv().rocAucStd());
        }
        metrics.put("train_seconds", (System.nanoTime() - start) / 1e9);
        Path output = Files.createDirectories(root.resolve("output/data"));
        Files.write(output.resolve("metrics.json"), Json.write(metrics));
        // SageMaker reads metrics from the log with the metric definitions' regular expressions.
        metrics.forEach((k, v) -> log.println("churnops-metric " + k + "=" + v));
        return metrics;
    }

    private static LabeledTable channel(Path input, String name, DatasetSpec spec) throws IOException {
        Path file = input.resolve("data/" + name + "/" + TrainingSetFiles.DATA_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("channel '" + name + "' has no " + TrainingSetFiles.DATA_FILE + " at " + file);
        }
        return TrainingSetFiles.read(Files.readAllBytes(file), spec, "channel " + name);
    }

    private static Map<String, String> readHyperparameters(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Map.of();
        }
        Map<?, ?> raw = Json.read(Files.readAllBytes(file), Map.class, "hyperparameters.json");
        Map<String, String> values = new LinkedHashMap<>();
        raw.forEach((k, v) -> values.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        return values;
    }

    private static byte[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("missing input file " + file);
        }
        return Files.readAllBytes(file);
    }

    private static void writeFailure(Path root, String reason, Exception e) {
        try {
            Path output = Files.createDirectories(root.resolve("output"));
            Files.writeString(output.resolve("failure"), reason, StandardCharsets.UTF_8);
        } catch (IOException io) {
            e.addSuppressed(io);
        }
    }
}
