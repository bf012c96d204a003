package dev.churnops.local.cli;

import dev.churnops.core.archive.TarGz;
import dev.churnops.core.pipeline.ModelArtifact;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.registry.BlobModelRegistry;
import dev.churnops.core.registry.ModelVersion;
import dev.churnops.core.scoring.ServingModel;
import dev.churnops.local.adapter.DirectoryBlobStore;
import dev.churnops.local.bench.BenchRows;
import dev.churnops.local.bench.ScoringBenchmark;
import dev.churnops.local.serve.ValidatedTableLookup;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code churnops bench score}: how fast a model scores on this machine — single-row latency
 * (p50, p99), batch throughput, model load time and artifact size — measured in-process on the
 * real scoring path by {@link ScoringBenchmark}. The model is a {@code model.tar.gz} file or a
 * registry reference in {@code --home}; the customers scored are the newest validated table of the
 * model's source when the home has one, else rows generated from the model's input signature.
 */
@Command(name = "score", description = "Time scoring with a registered model: single-row latency, batch throughput, "
        + "model load. About 10-20 s with the defaults.")
final class BenchScoreCommand implements Callable<Integer> {

    /** NAME (its champion), NAME@ALIAS or NAME:VERSION; anything else (a '.' or '/' in it, say) is a file. */
    private static final Pattern REFERENCE = Pattern.compile(
            "([a-zA-Z0-9](?:-*[a-zA-Z0-9]){0,62})(?:@([A-Za-z0-9_-]{1,63})|:([0-9]{1,9}))?");

    @Spec
    CommandSpec spec;

    @Mixin
    HomeOption home;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A registered model.tar.gz file, or a "
            + "registry reference in --home: NAME (its champion), NAME@ALIAS or NAME:VERSION, e.g. churn or churn:3.")
    String model;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "" + ScoringBenchmark.Options.DEFAULT_ROUNDS,
            description = "Measured rounds; figures are medians over them (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "" + ScoringBenchmark.Options.DEFAULT_WARMUP_SECONDS,
            description = "Most time to warm the JIT up for, stopping once timings are stable (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--round-seconds", paramLabel = "S", defaultValue = "" + ScoringBenchmark.Options.DEFAULT_ROUND_SECONDS,
            description = "Time per round for single rows and for the batch; half of it with reasons and for loads "
                    + "(default: ${DEFAULT-VALUE}).")
    double roundSeconds;

    /** The artifact's bytes and what to call it. */
    private record Artifact(byte[] bytes, String name) {
    }

    @Override
    public Integer call() {
        ScoringBenchmark.Options options;
        try {
            options = new ScoringBenchmark.Options(rounds, warmupSeconds, roundSeconds);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage());
        }
        Artifact artifact = artifact();
        ScoringBenchmark bench;
        try {
            bench = ScoringBenchmark.load(artifact.bytes(), artifact.name());
        } catch (TarGz.CorruptArchiveException | IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, "cannot load the model: " + e.getMessage());
        }
        BenchRows rows = rows(bench.model(), artifact);
        ScoringBenchmark.Result result = bench.measure(rows, options);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            BenchCommand.printJson(out, result.asJson());
        } else {
            print(out, result, artifact.name());
        }
        return 0;
    }

    private Artifact artifact() {
        Matcher reference = REFERENCE.matcher(model);
        if (!reference.matches()) {
            Path file = Path.of(model);
            return new Artifact(RunCommand.readUserFile(file, "model file"), file.toString());
        }
        String name = reference.group(1);
        Path homeDir = home.home();
        ModelRegistry registry = new BlobModelRegistry(new DirectoryBlobStore(homeDir), Clock.systemUTC());
        try {
            List<ModelVersion> versions = registry.versions(name);
            if (versions.isEmpty()) {
                List<String> models = registry.models();
                throw new CliException(CliException.USAGE, "--model '" + model + "': the registry in " + homeDir
                        + " has no model '" + name + "' (" + (models.isEmpty() ? "it has no models; train one with churnops run"
                        : "its models: " + String.join(", ", models)) + "); a model file needs a '.' or '/' in its path");
            }
            String known = versions.stream().map(v -> Integer.toString(v.version())).collect(Collectors.joining(", "));
            ModelVersion version;
            if (reference.group(3) != null) {
                int number = Integer.parseInt(reference.group(3));
                version = registry.version(name, number).orElseThrow(() -> new CliException(CliException.USAGE,
                        "--model '" + model + "': model '" + name + "' has no version " + number + "; its versions: " + known));
            } else {
                String alias = reference.group(2) == null ? ModelRegistry.CHAMPION : reference.group(2);
                version = registry.alias(name, alias).orElseThrow(() -> new CliException(CliException.USAGE,
                        "--model '" + model + "': model '" + name + "' has no alias '" + alias + "'; name a version instead ("
                                + name + ":N), its versions: " + known));
            }
            return new Artifact(registry.artifact(name, version.version()), homeDir.resolve(version.artifactKey()).toString());
        } catch (IllegalArgumentException | IllegalStateException | BlobStore.MissingBlobException e) {
            // An unreadable version.json or aliases.json, or an artifact changed after registration.
            throw new CliException(CliException.USAGE, "--model '" + model + "': " + e.getMessage());
        }
    }

    /** The newest validated table of the model's source in --home when there is one, else generated rows. */
    private BenchRows rows(ServingModel serving, Artifact artifact) {
        Path homeDir = home.home();
        Optional<String> source = ValidatedTableLookup.impliedSource(serving.modelName());
        if (source.isPresent() && Files.isDirectory(homeDir)) {
            Optional<BenchRows> table = BenchRows.fromValidated(new DirectoryBlobStore(homeDir), source.get(), serving.card());
            if (table.isPresent()) {
                return table.get();
            }
        }
        return BenchRows.generated(serving.card(), ModelArtifact.read(artifact.bytes(), artifact.name()).baseline(),
                BenchRows.GENERATED_ROWS, BenchRows.GENERATED_SEED);
    }

    private static void print(PrintWriter out, ScoringBenchmark.Result r, String artifact) {
        out.printf(Locale.ROOT, "model        %s v%d %s, %s (%,d bytes)%n", r.modelName(), r.modelVersion(), r.algorithm(),
                artifact, r.artifactBytes());
        out.printf(Locale.ROOT, "rows         %,d from %s%s%n", r.rows(), r.rowsSource(),
                r.rowsSkipped() == 0 ? "" : String.format(Locale.ROOT, " (%,d rows the model rejects left out)", r.rowsSkipped()));
        out.printf(Locale.ROOT, "single row   p50 %.3f us  p99 %.3f us  p99.9 %.3f us  (validate, encode, predict, "
                + "calibrate; no reasons)%n", r.singleRow().p50Us(), r.singleRow().p99Us(), r.singleRow().p999Us());
        out.printf(Locale.ROOT, "with reasons p50 %.3f us  p99 %.3f us  p99.9 %.3f us  (the API's answer: probability, "
                + "segment, reasons; %,d calls)%n", r.withReasons().p50Us(), r.withReasons().p99Us(), r.withReasons().p999Us(),
                r.withReasons().calls());
        out.printf(Locale.ROOT, "batch        %,d rows/s  (one thread, feature maps in memory: no CSV)%n",
                Math.round(r.batchRowsPerSecond()));
        out.printf(Locale.ROOT, "model load   %.3f ms  (median of %d loads from bytes after warm-up; the first, cold: "
                + "%.1f ms)%n", r.modelLoadMs(), r.modelLoads(), r.firstModelLoadMs());
        out.printf(Locale.ROOT, "harness      %d rounds, medians; %.1f s warm-up (%s); %,d single-row calls timed; "
                        + "clock reading %d ns, subtracted; %s, %d cores%n", r.rounds(), r.warmupSeconds(),
                r.warmupStable() ? "stable" : "budget spent", r.singleRow().calls(), r.timerOverheadNanos(),
                System.getProperty("java.vm.name") + " " + Runtime.version(), Runtime.getRuntime().availableProcessors());
    }
}
