package dev.churnops.local.cli;

import dev.churnops.core.data.DatasetSpec;
import dev.churnops.local.bench.TrainingBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code churnops bench train}: how long training the production model takes on a table, and its
 * test ROC-AUC, measured in-process by {@link TrainingBenchmark} on the split {@code churnops run}
 * would make with the same seed. The table and its description take {@code run}'s options; without
 * {@code --data} it is the built-in synthetic table. Nothing is written anywhere.
 */
@Command(name = "train", description = "Time training the production model on a table (as churnops run would train it) "
        + "and report its test ROC-AUC.")
final class BenchTrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "CSV", description = "Customer table. Default: the built-in synthetic table.")
    Path data;

    @Mixin
    DatasetOptions dataset = new DatasetOptions();







    @Option(names = "--seed", defaultValue = "42", description = "Seed for the split and training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--validation-share", paramLabel = "X", defaultValue = "0", description = "Share of the table cut"
            + " from the training rows to validate on, as for churnops run (default: ${DEFAULT-VALUE}: choose on"
            + " out-of-fold predictions).")
    double validationShare;

    @Option(names = "--algorithm", paramLabel = "NAME", description = "Train only this algorithm: logistic_regression, "
            + "random_forest or gradient_boosting (default: the algorithms churnops run trains, keeping the best).")
    String algorithm;

    @Option(names = "--hyperparameter", paramLabel = "KEY=VALUE", description = "Training hyperparameter, as for churnops run.")
    Map<String, String> hyperparameters = new LinkedHashMap<>();

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "" + TrainingBenchmark.Options.DEFAULT_REPEATS,
            description = "Timed trainings; the time reported is their median (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "" + TrainingBenchmark.Options.DEFAULT_WARMUP,
            description = "Untimed trainings first, for the JIT (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        TrainingBenchmark.Options options;
        try {
            options = new TrainingBenchmark.Options(repeats, warmup);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage());
        }
        Map<String, String> given = new LinkedHashMap<>(hyperparameters);
        if (algorithm != null) {
            if (given.containsKey("algorithms")) {
                throw new CliException(CliException.USAGE, "--algorithm and --hyperparameter algorithms=… both choose "
                        + "the algorithms: give one of them");
            }
            given.put("algorithms", algorithm);
        }
        TrainingBenchmark.Prepared prepared;
        try {
            prepared = TrainingBenchmark.prepare(input(given));
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage());
        }
        TrainingBenchmark.Result result = TrainingBenchmark.measure(prepared, options);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            BenchCommand.printJson(out, result.asJson());
        } else {
            print(out, result);
        }
        return 0;
    }

    private TrainingBenchmark.Input input(Map<String, String> given) {
        if (data == null) {
            dataset.requireData();
            DatasetSpec builtIn = DatasetSpec.builder().name("customers").idColumn(SyntheticCustomers.ID)
                    .labelColumn(SyntheticCustomers.LABEL).positiveLabel(SyntheticCustomers.POSITIVE).build();
            return new TrainingBenchmark.Input(SyntheticCustomers.generate(3000, 7), "synthetic-customers.csv",
                    "the built-in synthetic table", builtIn, seed, validationShare, given);
        }
        byte[] content = RunCommand.readUserFile(data, "data file");
        String fileName = data.getFileName().toString();
        return new TrainingBenchmark.Input(content, fileName.replaceAll("[^A-Za-z0-9._-]", "_"), "data file '" + data + "'",
                dataset.spec(fileName), seed, validationShare, given);
    }


    private static void print(PrintWriter out, TrainingBenchmark.Result r) {
        out.printf(Locale.ROOT, "algorithm    %s (kept of %s)%n", r.algorithm(), String.join(", ", r.algorithmsTrained()));
        out.printf(Locale.ROOT, "training     %.3f s median of %d (%s s) after %d untimed; engines: %s%n",
                r.trainSecondsMedian(), r.trainSeconds().length, java.util.Arrays.stream(r.trainSeconds())
                        .mapToObj(s -> String.format(Locale.ROOT, "%.3f", s)).collect(Collectors.joining(" ")), r.warmup(),
                r.engineSecondsMedian().entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.3f s", e.getKey(),
                        e.getValue())).collect(Collectors.joining(", ")));
        if (r.searchSecondsMedian() != null || r.cvSecondsMedian() != null) {
            out.printf(Locale.ROOT, "of which     %s%n", (r.searchSecondsMedian() == null ? "" : String.format(Locale.ROOT,
                    "search %.3f s ", r.searchSecondsMedian())) + (r.cvSecondsMedian() == null ? ""
                    : String.format(Locale.ROOT, "cross-validation %.3f s", r.cvSecondsMedian())));
        }
        out.printf(Locale.ROOT, "test         ROC-AUC %.4f  (%s %.4f); the same model every repeat: %s%n", r.rocAuc(),
                r.selection().replace('_', '-'), r.selectionRocAuc(), r.identicalModels() ? "yes" : "NO");
        out.printf(Locale.ROOT, "rows         %,d in, %,d quarantined; train %,d, validation %,d, test %,d (%s, seed %d)%n",
                r.rowsIn(), r.rowsQuarantined(), r.rows().get("train"), r.rows().get("validation"), r.rows().get("test"),
                r.data(), r.seed());
        out.printf(Locale.ROOT, "harness      %s, %d cores%n", System.getProperty("java.vm.name") + " " + Runtime.version(),
                Runtime.getRuntime().availableProcessors());
    }
}
